// The emails when a provider sends a request: the full request to the careers lead, and
// an acknowledgement with the response deadline and a manage link to the provider.
import type { School } from '#shared/domain/types.ts';
import { formatDate, formatDateShort } from '#shared/domain/dates.ts';
import { formatYearGroups } from '#shared/domain/year-groups.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { html } from '#shared/domain/html.ts';
import { button, detailRows, layout, rowsHtml, rowsText, type MessageContent } from './layout.ts';

export interface LeadLinks {
  review: string;
  approve: string;
  decline: string;
  propose: string;
}

export function requestCreatedForLead(school: School, request: StoredRequest, links: LeadLinks): MessageContent {
  const subject = `Provider access request: ${request.provider.organisation}, ${formatYearGroups(request.yearGroups)}, ${formatDateShort(request.date)}`;
  const rows = detailRows(request);
  const flagsText = request.flags.map((f) => `- ${f.message} (${f.rule})`).join('\n');
  const text = [
    `Dear ${school.careersLead.name},`,
    '',
    `${request.provider.organisation} has asked for provider access to pupils at ${school.name}.`,
    '',
    rowsText(rows),
    '',
    ...(request.flags.length ? ['Check before you decide:', flagsText, ''] : []),
    `Please answer by ${formatDate(request.responseDeadline)}: approve it, decline it with a reason, or propose another time.`,
    `Approve: ${links.approve}`,
    `Decline: ${links.decline}`,
    `Propose another time: ${links.propose}`,
    `Or see it on your dashboard: ${links.review}`,
    'Each link opens a page where you confirm; nothing happens until you do.',
    '',
    `Reply to this email to write to ${request.contact.name} directly.`,
  ].join('\n');
  const body = html`<h1 style="font-size:24px;margin-top:0;">New provider access request</h1>
<p>Dear ${school.careersLead.name},</p>
<p>${request.provider.organisation} has asked for provider access to pupils at ${school.name}.</p>
${rowsHtml(rows)}
${
  request.flags.length
    ? html`<div style="border-left:5px solid #f47738;padding:8px 16px;margin:16px 0;background:#fff7f0;"><p style="margin:0 0 8px;font-weight:bold;">Check before you decide</p><ul style="margin:0;padding-left:20px;">${request.flags.map((f) => html`<li>${f.message} (${f.rule})</li>`)}</ul></div>`
    : html``
}
<p>Please answer by <strong>${formatDate(request.responseDeadline)}</strong>: approve it, decline it with a reason, or propose another time.</p>
<p style="margin:24px 0;">${button(links.approve, 'Approve')} ${button(links.decline, 'Decline')} ${button(links.propose, 'Propose another time')}</p>
<p>Each link opens a page where you confirm; nothing happens until you do. Or <a href="${links.review}">see it on your dashboard</a>.</p>
<p>Reply to this email to write to ${request.contact.name} directly.</p>`;
  return { subject, text, html: layout(subject, body) };
}

export function requestCreatedForProvider(school: School, request: StoredRequest, manageUrl: string): MessageContent {
  const subject = `Request sent to ${school.name}: ${formatDateShort(request.date)}`;
  const rows = detailRows(request);
  const text = [
    `Dear ${request.contact.name},`,
    '',
    `Your provider access request has been sent to ${school.careersLead.name}, careers lead at ${school.name}.`,
    `The school aims to answer by ${formatDate(request.responseDeadline)}.`,
    '',
    rowsText(rows),
    '',
    `See where it stands, or withdraw it: ${manageUrl}`,
    'This link works once and signs you in on this device; after that, ask for a new link on the sign-in page.',
    '',
    `Reply to this email to write to the careers lead.`,
  ].join('\n');
  const body = html`<h1 style="font-size:24px;margin-top:0;">Your request has been sent</h1>
<p>Dear ${request.contact.name},</p>
<p>Your provider access request has been sent to ${school.careersLead.name}, careers lead at ${school.name}. The school aims to answer by <strong>${formatDate(request.responseDeadline)}</strong>.</p>
${rowsHtml(rows)}
<p style="margin:24px 0;">${button(manageUrl, 'See or withdraw your request')}</p>
<p>This link works once and signs you in on this device; after that, ask for a new link on the sign-in page.</p>
<p>Reply to this email to write to the careers lead.</p>`;
  return { subject, text, html: layout(subject, body) };
}

