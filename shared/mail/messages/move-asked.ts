// Issue 14, item 5: a provider asks to move an approved encounter. To the careers lead,
// with the time asked for and why, and links to approve or decline that ask (each opens a
// page where the lead confirms; nothing happens on opening it). Until then the encounter
// stays at its time.
import type { School } from '#shared/domain/types.ts';
import { formatDateShort } from '#shared/domain/dates.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { html } from '#shared/domain/html.ts';
import { button, detailRows, layout, rowsHtml, letterText, when, type MessageContent } from './layout.ts';

interface Time {
  date: string;
  start: string;
  end: string;
}

export interface MoveAskedMail {
  asked: Time & { reason: string };
  /** The time it is booked for as the provider asked. */
  current: Time;
}

export function moveAskedForLead(school: School, request: StoredRequest, { asked, current }: MoveAskedMail, links: { review: string; approve: string; decline: string }): MessageContent {
  const org = request.provider.organisation;
  const subject = `Move asked: ${org} at ${school.name}, ${formatDateShort(current.date)}`;
  const rows = detailRows({ ...request, ...current });
  const lines = [`${org} asks to move the encounter on ${when(current)} to ${when(asked)}.`, ...(asked.reason ? [`Reason given: ${asked.reason}`] : []), 'Until you answer, the encounter stays at its time.'];
  const text = letterText(school.careersLead.name, lines, rows, [
    `Approve the move (both of you get an updated calendar invitation): ${links.approve}`,
    `Decline the move (${org} is emailed your reason): ${links.decline}`,
    `Or see it on your dashboard: ${links.review}`,
    'Each link opens a page where you confirm; nothing happens until you do.',
  ]);
  const body = html`<h1 style="font-size:24px;margin-top:0;">${org} asks to move an encounter</h1>
<p>Dear ${school.careersLead.name},</p>
${lines.map((l) => html`<p>${l}</p>`)}
${rowsHtml(rows)}
<p style="margin:24px 0;">${button(links.approve, 'Approve the move')} ${button(links.decline, 'Decline the move')}</p>
<p>Approving sends you both an updated calendar invitation; declining emails ${org} your reason. Each link opens a page where you confirm; nothing happens until you do. Or <a href="${links.review}">see it on your dashboard</a>.</p>`;
  return { subject, text, html: layout(subject, body) };
}
