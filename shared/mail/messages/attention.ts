// To the careers lead: bookings a change of the school's calendar or opportunities put
// outside the rules (issue 11), each with what it breaks and a link to resolve it. After a
// save of settings or opportunities, or from the daily job for coming encounters. HTML
// escaped by the `html` template; plain text alongside.
import { plural } from '#shared/domain/labels.ts';
import type { School } from '#shared/domain/types.ts';
import { html } from '#shared/domain/html.ts';
import type { AttentionMessage } from '#shared/domain/records.ts';
import { button, layout, when, type MessageContent } from './layout.ts';

export interface AttentionItem {
  organisation: string;
  /** The booking's reference (issue 14, item 6), beside its name: an email about several carries each one's. */
  reference?: string;
  status: string;
  date: string;
  start: string;
  end: string;
  problems: { rule: string; message: string }[];
  link: string;
}

const STATUS_WORDS: Record<string, string> = {
  pending: 'waiting for your decision',
  alternative_proposed: 'waiting for the provider to answer the time you proposed',
  approved: 'approved',
};

const CAUSE: Record<AttentionMessage['cause'], (school: string) => string> = {
  settings: (school) => `A change to the settings of ${school} (its school day, terms or closures)`,
  opportunities: (school) => `A change to the opportunities of ${school}`,
  daily: (school) => `The calendar of ${school} as it is now`,
};

export function attentionForLead(
  school: Pick<School, 'name' | 'careersLead'>,
  cause: AttentionMessage['cause'],
  items: readonly AttentionItem[],
  dashboard: string,
): MessageContent {
  const count = plural(items.length, 'booking');
  const subject = `${count} ${items.length === 1 ? 'needs' : 'need'} your attention at ${school.name}`;
  const intro = `${CAUSE[cause](school.name)} puts ${items.length === 1 ? 'this booking' : `these ${count}`} outside the school’s rules:`;
  const what = 'For each one, open it to move it to a new time, cancel it (or decline it, if you have not answered it yet) with a reason, or keep it as it is with a reason. Until then it is listed under “Needs attention” on your dashboard.';
  const heading = (i: AttentionItem) => `${i.organisation}${i.reference ? ` (${i.reference})` : ''}: ${when(i)} (${STATUS_WORDS[i.status] ?? i.status})`;
  const text = [
    `Dear ${school.careersLead.name},`,
    '',
    intro,
    '',
    ...items.flatMap((i, n) => [`${n + 1}. ${heading(i)}`, ...i.problems.map((p) => `   ${p.message} (${p.rule})`), `   Open the request: ${i.link}`, '']),
    what,
    '',
    `Your dashboard: ${dashboard}`,
  ].join('\n');
  const body = html`<h1 style="font-size:24px;margin-top:0;">${count} ${items.length === 1 ? 'needs' : 'need'} your attention</h1>
<p>Dear ${school.careersLead.name},</p>
<p>${intro}</p>
<ol>${items.map(
    (i) => html`<li style="margin-bottom:16px;"><strong>${heading(i)}</strong>${i.problems.map((p) => html`<br>${p.message} (${p.rule})`)}<br><a href="${i.link}">Open the request</a></li>`,
  )}</ol>
<p>${what}</p>
<p style="margin:24px 0;">${button(dashboard, 'Go to your dashboard')}</p>`;
  return { subject, text, html: layout(subject, body) };
}
