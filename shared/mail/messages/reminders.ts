// The daily job's reminders: to the careers lead about a request still waiting for an
// answer (after 3 and after 7 school days) and about recording delivery after the
// encounter; to the provider 2 school days before an approved visit (date, time, arrival,
// what to cover). HTML escaped by the `html` template; plain text alongside.
import { formatDate, formatDateShort } from '#shared/domain/dates.ts';
import { CONTENT_ITEM_LABELS, CONTENT_ITEMS, SESSION_TYPE_LABELS } from '#shared/domain/labels.ts';
import { PENDING_REMINDER_SCHOOL_DAYS } from '#shared/domain/reminders.ts';
import type { School } from '#shared/domain/types.ts';
import { formatYearGroups, yearGroupLabel } from '#shared/domain/year-groups.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { html } from '#shared/domain/html.ts';
import { button, detailRows, layout, rowsHtml, letterText, rowsText, when, type MessageContent } from './layout.ts';
import { visitRowsForProvider } from './visit.ts';

function paragraphs(lines: string[]) {
  return lines.map((l) => html`<p>${l}</p>`);
}

const CONTENT_LIST = CONTENT_ITEMS.map((c) => CONTENT_ITEM_LABELS[c]);

/** To the careers lead: a request still unanswered after 3 or 7 school days. */
export function pendingReminderForLead(
  school: School,
  request: StoredRequest,
  reminder: keyof typeof PENDING_REMINDER_SCHOOL_DAYS,
  reviewUrl: string,
): MessageContent {
  const org = request.provider.organisation;
  const days = PENDING_REMINDER_SCHOOL_DAYS[reminder];
  const deadline = formatDate(request.responseDeadline);
  const subject = `Reminder: ${org}'s request is waiting for your answer (by ${formatDateShort(request.responseDeadline)})`;
  const lines = [
    `${org} asked for provider access to pupils at ${school.name} on ${when(request)}. The request has been waiting ${days} school days for an answer.`,
    `Please answer by ${deadline}: approve it, decline it with a reason, or propose another time. If it is not answered by then, it expires and ${org} is told.`,
  ];
  const rows = detailRows(request);
  const text = letterText(school.careersLead.name, lines, rows, [
    `Review and decide: ${reviewUrl}`,
    '',
    `Reply to this email to write to ${request.contact.name} directly.`,
  ]);
  const body = html`<h1 style="font-size:24px;margin-top:0;">A request is waiting for your answer</h1>
<p>Dear ${school.careersLead.name},</p>
${paragraphs(lines)}
${rowsHtml(rows)}
${button(reviewUrl, 'Review and decide')}
<p>Reply to this email to write to ${request.contact.name} directly.</p>`;
  return { subject, text, html: layout(subject, body) };
}

/** To the provider: an approved visit in 2 school days, with what they need on the day (where, the school's message, arrival). */
export function visitReminderForProvider(school: School, request: StoredRequest, manageUrl: string, venue?: string): MessageContent {
  const rows = visitRowsForProvider(school, request, venue);
  const subject = `Reminder: your visit to ${school.name} on ${formatDateShort(request.date)}`;
  const intro = `This is a reminder of your provider access visit to ${school.name} on ${when(request)}.`;
  const coverIntro = 'The school asks every provider to cover all four of these (the law on provider access requires it):';
  const text = [
    `Dear ${request.contact.name},`,
    '',
    intro,
    '',
    rowsText(rows),
    '',
    coverIntro,
    ...CONTENT_LIST.map((c, i) => `${i + 1}. ${c}`),
    '',
    `See your request, or cancel it if you can no longer come: ${manageUrl}`,
    'This link works once and signs you in on this device.',
    '',
    'Reply to this email to write to the careers lead.',
  ].join('\n');
  const body = html`<h1 style="font-size:24px;margin-top:0;">Your visit is coming up</h1>
<p>Dear ${request.contact.name},</p>
<p>${intro}</p>
${rowsHtml(rows)}
<h2 style="font-size:19px;">What to cover</h2>
<p>${coverIntro}</p>
<ol style="margin:8px 0 16px;padding-left:20px;">${CONTENT_LIST.map((c) => html`<li>${c}</li>`)}</ol>
${button(manageUrl, 'See your request')}
<p>This link works once and signs you in on this device. Reply to this email to write to the careers lead.</p>`;
  return { subject, text, html: layout(subject, body) };
}

/** To the careers lead: the encounter has taken place; record delivery (content and attendance). */
export function deliveryReminderForLead(school: School, request: StoredRequest, recordUrl: string): MessageContent {
  const org = request.provider.organisation;
  const subject = `Record delivery: ${org}, ${formatYearGroups(request.yearGroups)}, ${formatDateShort(request.date)}`;
  const intro = `${org}'s ${SESSION_TYPE_LABELS[request.sessionType]} for ${formatYearGroups(request.yearGroups)} was booked for ${when(request)}. Please record whether it took place.`;
  const contentIntro = 'To record it as delivered, confirm that the session covered all four of these:';
  const attendance = `and give the number of pupils on roll and the number who took part from ${request.yearGroups.map(yearGroupLabel).join(', ')} (numbers only, never names).`;
  const counts =
    'An encounter counts towards each key phase\'s two encounters only once its delivery is recorded with all four items. If it did not take place, or did not cover them, record it as not delivered.';
  const text = [
    `Dear ${school.careersLead.name},`,
    '',
    intro,
    '',
    contentIntro,
    ...CONTENT_LIST.map((c, i) => `${i + 1}. ${c}`),
    attendance,
    '',
    counts,
    '',
    `Record delivery: ${recordUrl}`,
  ].join('\n');
  const body = html`<h1 style="font-size:24px;margin-top:0;">Record this encounter</h1>
<p>Dear ${school.careersLead.name},</p>
<p>${intro}</p>
<p>${contentIntro}</p>
<ol style="margin:8px 0 16px;padding-left:20px;">${CONTENT_LIST.map((c) => html`<li>${c}</li>`)}</ol>
<p>${attendance}</p>
<p>${counts}</p>
${button(recordUrl, 'Record delivery')}`;
  return { subject, text, html: layout(subject, body) };
}
