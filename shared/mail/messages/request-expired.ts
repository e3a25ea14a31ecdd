// The emails when the daily job expires a request: to the careers lead and to the
// provider, worded by what was left unanswered (the school's answer to a pending request,
// or the provider's answer to a time the school proposed).
import { formatDate, formatDateShort } from '#shared/domain/dates.ts';
import type { RequestStatus, School } from '#shared/domain/types.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { html } from '#shared/domain/html.ts';
import { button, detailRows, layout, rowsHtml, letterText, when, type MessageContent } from './layout.ts';

/** Was it the school's answer (pending) or the provider's (a proposed time) that never came? */
function lapsed(request: StoredRequest, from: RequestStatus | null) {
  const alternative = from === 'alternative_proposed' ? request.alternative : undefined;
  return alternative ? { alternative, deadline: alternative.respondBy } : { alternative: undefined, deadline: request.responseDeadline };
}

export function requestExpiredForLead(school: School, request: StoredRequest, from: RequestStatus | null, reviewUrl: string): MessageContent {
  const org = request.provider.organisation;
  const { alternative, deadline } = lapsed(request, from);
  const subject = alternative
    ? `Expired: ${org} did not answer the time you proposed`
    : `Expired: ${org}'s request for ${formatDateShort(request.date)} was not answered`;
  const lines = alternative
    ? [
        `${org} did not accept the time you proposed (${when(alternative)}) by ${formatDate(deadline)}, so their request has expired. They have been told.`,
        `If you would still like them to come, reply to this email to ask ${request.contact.name} to send a new request.`,
      ]
    : [
        `${org}'s request for ${when(request)} was not answered by ${formatDate(deadline)}, so it has expired and any place it held is free again. ${org} has been told.`,
        `If you would still like the visit, reply to this email to ask ${request.contact.name} to send a new request.`,
      ];
  const rows = detailRows(request);
  const text = letterText(school.careersLead.name, lines, rows, [`See the request: ${reviewUrl}`]);
  const body = html`<h1 style="font-size:24px;margin-top:0;">A request has expired</h1>
<p>Dear ${school.careersLead.name},</p>
${lines.map((l) => html`<p>${l}</p>`)}
${rowsHtml(rows)}
${button(reviewUrl, 'See the request')}`;
  return { subject, text, html: layout(subject, body) };
}

export function requestExpiredForProvider(school: School, request: StoredRequest, from: RequestStatus | null, links: { manage: string; school: string }): MessageContent {
  const { alternative, deadline } = lapsed(request, from);
  const subject = `Expired: your request to ${school.name} for ${formatDateShort(request.date)}`;
  const lines = alternative
    ? [
        `You did not accept the time ${school.name} proposed (${when(alternative)}) by ${formatDate(deadline)}, so your request has expired.`,
        `To visit another time, send a new request from the school's page, or reply to this email to write to ${school.careersLead.name}, the careers lead.`,
      ]
    : [
        `${school.name} did not answer your request for ${when(request)} by ${formatDate(deadline)}, so it has expired.`,
        `You can send a new request for another date from the school's page, or reply to this email to write to ${school.careersLead.name}, the careers lead.`,
      ];
  const rows = detailRows(request);
  const text = letterText(request.contact.name, lines, rows, [
    `The school's page and dates: ${links.school}`,
    `See your request: ${links.manage}`,
    'This link works once and signs you in on this device.',
  ]);
  const body = html`<h1 style="font-size:24px;margin-top:0;">Your request has expired</h1>
<p>Dear ${request.contact.name},</p>
${lines.map((l) => html`<p>${l}</p>`)}
${rowsHtml(rows)}
${button(links.school, 'Choose another date')}
<p><a href="${links.manage}">See your request</a> (this link works once and signs you in on this device).</p>`;
  return { subject, text, html: layout(subject, body) };
}
