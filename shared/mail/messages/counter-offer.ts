// Issue 14, item 5: the provider answered the school's proposed time with one of its own,
// so the request waits for the school again. To the careers lead, with the same emailed
// links as a new request (approve / decline / propose, each confirmed on a page first).
import type { School } from '#shared/domain/types.ts';
import { formatDate, formatDateShort } from '#shared/domain/dates.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { html } from '#shared/domain/html.ts';
import type { LeadLinks } from './request-submitted.ts';
import { button, detailRows, layout, rowsHtml, letterText, when, type MessageContent } from './layout.ts';

export interface CounterOffer {
  /** The time the school proposed, which the provider cannot make. */
  proposed?: { date: string; start: string; end: string };
  /** The provider's message with its time. */
  message?: string;
}

export function counterOfferForLead(school: School, request: StoredRequest, offer: CounterOffer, links: LeadLinks): MessageContent {
  const org = request.provider.organisation;
  const subject = `New time offered: ${org} at ${school.name}, ${formatDateShort(request.date)}`;
  const rows = detailRows(request);
  const lines = [
    offer.proposed ? `${org} cannot make the time you proposed (${when(offer.proposed)}) and offers ${when(request)} instead.` : `${org} offers ${when(request)} instead of the time you proposed.`,
    ...(offer.message ? [`Message from ${org}: ${offer.message}`] : []),
  ];
  const answer = `Please answer by ${formatDate(request.responseDeadline)}: approve it, decline it with a reason, or propose another time.`;
  const text = letterText(school.careersLead.name, lines, rows, [
    answer,
    `Approve: ${links.approve}`,
    `Decline: ${links.decline}`,
    `Propose another time: ${links.propose}`,
    `Or see it on your dashboard: ${links.review}`,
    'Each link opens a page where you confirm; nothing happens until you do.',
  ]);
  const body = html`<h1 style="font-size:24px;margin-top:0;">${org} offers another time</h1>
<p>Dear ${school.careersLead.name},</p>
${lines.map((l) => html`<p>${l}</p>`)}
${rowsHtml(rows)}
<p>${answer}</p>
<p style="margin:24px 0;">${button(links.approve, 'Approve')} ${button(links.decline, 'Decline')} ${button(links.propose, 'Propose another time')}</p>
<p>Each link opens a page where you confirm; nothing happens until you do. Or <a href="${links.review}">see it on your dashboard</a>.</p>`;
  return { subject, text, html: layout(subject, body) };
}
