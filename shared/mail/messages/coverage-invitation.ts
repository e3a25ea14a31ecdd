// To a provider who visited the school before (issue 16, item 2): the careers lead invites
// it to book one of the school's open slots for a cohort whose encounters fall short. One
// email per provider, to its own contact only. Each slot links to the request form for that
// slot; replies reach the careers lead. HTML escaped by the `html` template; plain text alongside.
import { formatDate, formatDateShort } from '#shared/domain/dates.ts';
import { html } from '#shared/domain/html.ts';
import type { InvitedSlot } from '#shared/domain/records.ts';
import type { School } from '#shared/domain/types.ts';
import { yearGroupLabel } from '#shared/domain/year-groups.ts';
import { button, layout, when, type MessageContent } from './layout.ts';

export interface CoverageInvitationWords {
  school: Pick<School, 'name' | 'careersLead'>;
  contactName: string;
  organisation: string;
  yearGroup: number;
  byDate: string;
  askBy: string;
  slots: readonly InvitedSlot[];
}

export interface CoverageInvitationLinks {
  /** The request form for each slot, in the same order. */
  slots: readonly string[];
  /** The school's page, to propose another time. */
  school: string;
}

export function coverageInvitation(words: CoverageInvitationWords, links: CoverageInvitationLinks): MessageContent {
  const { school, yearGroup, slots } = words;
  const year = yearGroupLabel(yearGroup);
  const subject = `${school.name} invites ${words.organisation} to meet ${year}`;
  const lead = school.careersLead.name ? `${school.careersLead.name}, the careers lead at ${school.name},` : `The careers lead at ${school.name}`;
  const intro = `Thank you for visiting ${school.name} before. ${lead} would like ${words.organisation} to meet ${year} again before ${formatDate(words.byDate)}, so that every pupil hears from providers of technical education and apprenticeships.`;
  const ask = `These are the school's open slots for ${year} that you can still book. Choose one to request it; the school needs your request by ${formatDateShort(words.askBy)} at the latest.`;
  const other = 'If none of them suits you, propose another date and time on the school’s page.';
  const reply = 'Reply to this email to reach the careers lead.';
  const slotLine = (s: InvitedSlot) => `${s.title}: ${when(s)} (${s.placesLeft === 1 ? '1 place' : `${s.placesLeft} places`} left)`;
  const text = [
    `Dear ${words.contactName},`,
    '',
    intro,
    '',
    ask,
    '',
    ...slots.map((s, i) => `- ${slotLine(s)}\n  Request this slot: ${links.slots[i] ?? links.school}`),
    '',
    `${other} ${links.school}`,
    '',
    reply,
  ].join('\n');
  const body = html`<h1 style="font-size:24px;margin-top:0;">An invitation to book a visit for ${year}</h1>
<p>Dear ${words.contactName},</p>
<p>${intro}</p>
<p>${ask}</p>
<ul style="padding-left:20px;">
${slots.map((s, i) => html`<li style="margin-bottom:12px;">${slotLine(s)}<br><a href="${links.slots[i] ?? links.school}">Request this slot</a></li>`)}
</ul>
<p style="margin:24px 0;">${button(links.school, 'Propose another time')}</p>
<p>${reply}</p>`;
  return { subject, text, html: layout(subject, body) };
}
