// The emails the service sends, as data in, (subject, text, HTML) out. Every value is
// escaped in HTML by the `html` template; plain text carries values as they are (a
// MIME text part cannot run code). Wording follows the school's language.
import type { School } from '#shared/domain/types.ts';
import { formatDate, formatDateShort } from '#shared/domain/dates.ts';
import { formatYearGroups } from '#shared/domain/year-groups.ts';
import { CONTENT_ITEMS, CONTENT_ITEM_LABELS, PROVIDER_TYPE_LABELS, SESSION_TYPE_LABELS } from '#shared/domain/labels.ts';
import type { StoredRequest } from '#shared/store/requests.ts';
import { html, type SafeHtml } from './html.ts';

export interface MessageContent {
  subject: string;
  text: string;
  html: string;
}

const SERVICE = 'Provider access';

function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>
<body style="margin:0;padding:0;background:#f3f2f1;font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;">
<div style="max-width:640px;margin:0 auto;background:#ffffff;">
<div style="background:#1d4f76;color:#ffffff;padding:16px 24px;font-size:20px;font-weight:bold;">${SERVICE}</div>
<div style="padding:24px;font-size:16px;line-height:1.5;">${body}</div>
</div></body></html>`.value;
}

function button(href: string, label: string): SafeHtml {
  return html`<p style="margin:24px 0;"><a href="${href}" style="background:#00703c;color:#ffffff;padding:10px 16px;text-decoration:none;font-weight:bold;display:inline-block;">${label}</a></p>`;
}

type Row = [string, string];

function detailRows(request: StoredRequest): Row[] {
  const rows: Row[] = [
    ['Provider', `${request.provider.organisation} (${PROVIDER_TYPE_LABELS[request.provider.type]})`],
    ...(request.provider.ukprn ? [['UKPRN', request.provider.ukprn] as Row] : []),
    ['Contact', `${request.contact.name}, ${request.contact.email}, ${request.contact.phone}`],
    ['Session', SESSION_TYPE_LABELS[request.sessionType]],
    ['Year groups', `${formatYearGroups(request.yearGroups)} (whole year groups)`],
    ['Date and time', `${formatDate(request.date)}, ${request.start} to ${request.end}`],
    ['Staff attending', `${request.staffCount}, who will follow the school's safeguarding and visitor checks`],
    ['Facilities needed', request.facilities.length ? request.facilities.join(', ') : 'None'],
    ['Will cover', CONTENT_ITEMS.filter((c) => request.content[c]).map((c) => CONTENT_ITEM_LABELS[c]).join('; ')],
  ];
  if (request.notes) rows.push(['Notes', request.notes]);
  return rows;
}

function rowsHtml(rows: Row[]): SafeHtml {
  return html`<table style="border-collapse:collapse;width:100%;margin:16px 0;">${rows.map(
    ([k, v]) =>
      html`<tr><th scope="row" style="text-align:left;vertical-align:top;padding:8px 12px 8px 0;border-bottom:1px solid #b1b4b6;width:35%;">${k}</th><td style="padding:8px 0;border-bottom:1px solid #b1b4b6;white-space:pre-wrap;">${v}</td></tr>`,
  )}</table>`;
}

function rowsText(rows: Row[]): string {
  return rows.map(([k, v]) => `${k}: ${v}`).join('\n');
}

export function requestCreatedForLead(school: School, request: StoredRequest, reviewUrl: string): MessageContent {
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
    `Review and decide: ${reviewUrl}`,
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
${button(reviewUrl, 'Review and decide')}
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
${button(manageUrl, 'See or withdraw your request')}
<p>This link works once and signs you in on this device; after that, ask for a new link on the sign-in page.</p>
<p>Reply to this email to write to the careers lead.</p>`;
  return { subject, text, html: layout(subject, body) };
}

export function signInLink(link: string, forStaff: boolean): MessageContent {
  const subject = forStaff ? 'Your sign-in link for Provider access' : 'Your link to see your provider access requests';
  const lead = forStaff
    ? 'Use this link to sign in to your school’s provider access dashboard.'
    : 'Use this link to see and manage the provider access requests you have sent.';
  const text = [lead, '', link, '', 'It works once and expires soon. If you did not ask for it, you can ignore this email.'].join('\n');
  const body = html`<h1 style="font-size:24px;margin-top:0;">${forStaff ? 'Sign in' : 'Your requests'}</h1>
<p>${lead}</p>
${button(link, forStaff ? 'Sign in' : 'See your requests')}
<p>It works once and expires soon. If you did not ask for it, you can ignore this email.</p>`;
  return { subject, text, html: layout(subject, body) };
}
