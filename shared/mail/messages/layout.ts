// Shared pieces of every email: the HTML layout, a button, detail rows in HTML and text.
// Every value is escaped in HTML by the `html` template; plain text carries values as
// they are (a MIME text part cannot run code).
import type { StoredRequest } from '#shared/domain/records.ts';
import { formatDateTimeRange } from '#shared/domain/dates.ts';
import { formatYearGroups } from '#shared/domain/year-groups.ts';
import { CONTENT_ITEMS, CONTENT_ITEM_LABELS, PROVIDER_TYPE_LABELS, SESSION_TYPE_LABELS } from '#shared/domain/labels.ts';
import { escapeHtml, html, SafeHtml } from '#shared/domain/html.ts';

export interface MessageContent {
  subject: string;
  text: string;
  html: string;
}

const SERVICE = 'Provider access';

/** Where an email's own words begin: withReference finds the body by it. */
const BODY_OPEN = '<div style="padding:24px;font-size:16px;line-height:1.5;">';

export function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>
<body style="margin:0;padding:0;background:#f3f2f1;font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;">
<div style="max-width:640px;margin:0 auto;background:#ffffff;">
<div style="background:#1d4f76;color:#ffffff;padding:16px 24px;font-size:20px;font-weight:bold;">${SERVICE}</div>
${new SafeHtml(BODY_OPEN)}${body}</div>
</div></body></html>`.value;
}

/**
 * An email about one request, with its reference (issue 14, item 6): at the end of the
 * subject, in brackets, so the subject still reads first and a mailbox search finds every
 * email about it; and once near the top of the body, under the heading (before the first
 * line in the text part), where a person looks for it when they write or ring.
 */
export function withReference(content: MessageContent, reference: string): MessageContent {
  const subject = `${content.subject} (${reference})`;
  const line = html`<p style="margin:0 0 16px;color:#505a5f;">Reference: <strong style="color:#0b0c0c;">${reference}</strong></p>`.value;
  // After the heading every template opens its body with; a body without one, at its start.
  const headingEnd = content.html.indexOf('</h1>');
  const bodyStart = content.html.indexOf(BODY_OPEN) + BODY_OPEN.length;
  const at = headingEnd >= 0 ? headingEnd + '</h1>'.length : bodyStart;
  return {
    subject,
    text: `Reference: ${reference}\n\n${content.text}`,
    html: `${content.html.slice(0, at)}\n${line}${content.html.slice(at)}`.replace(`<title>${escapeHtml(content.subject)}</title>`, `<title>${escapeHtml(subject)}</title>`),
  };
}

export function button(href: string, label: string): SafeHtml {
  return html`<a href="${href}" style="background:#00703c;color:#ffffff;padding:10px 16px;margin:0 8px 8px 0;text-decoration:none;font-weight:bold;display:inline-block;">${label}</a>`;
}

export type Row = [string, string];

/**
 * An encounter's date and time as every email writes it ("Tuesday 12 January 2027, 10:00
 * to 10:45"): the one place mail puts a time range into words.
 */
export function when(r: { date: string; start: string; end: string }): string {
  return formatDateTimeRange(r.date, r.start, r.end);
}

export function detailRows(request: StoredRequest): Row[] {
  const rows: Row[] = [
    ['Provider', `${request.provider.organisation} (${PROVIDER_TYPE_LABELS[request.provider.type]})`],
    ...(request.provider.ukprn ? [['UKPRN', request.provider.ukprn] as Row] : []),
    ['Contact', `${request.contact.name}, ${request.contact.email}, ${request.contact.phone}`],
    ['Session', SESSION_TYPE_LABELS[request.sessionType]],
    ['Year groups', `${formatYearGroups(request.yearGroups)} (whole year groups)`],
    ['Date and time', when(request)],
    ['Staff attending', `${request.staffCount}, who will follow the school's safeguarding and visitor checks`],
    ['Facilities needed', request.facilities.length ? request.facilities.join(', ') : 'None'],
    ['Will cover', CONTENT_ITEMS.filter((c) => request.content[c]).map((c) => CONTENT_ITEM_LABELS[c]).join('; ')],
  ];
  if (request.notes) rows.push(['Notes', request.notes]);
  return rows;
}

export function rowsHtml(rows: Row[]): SafeHtml {
  return html`<table style="border-collapse:collapse;width:100%;margin:16px 0;">${rows.map(
    ([k, v]) =>
      html`<tr><th scope="row" style="text-align:left;vertical-align:top;padding:8px 12px 8px 0;border-bottom:1px solid #b1b4b6;width:35%;">${k}</th><td style="padding:8px 0;border-bottom:1px solid #b1b4b6;white-space:pre-wrap;">${v}</td></tr>`,
  )}</table>`;
}

export function rowsText(rows: Row[]): string {
  return rows.map(([k, v]) => `${k}: ${v}`).join('\n');
}


/** A message's plain-text part in the one shape every letter about a request takes: greeting, what happened, the request's details, then what to do. */
export function letterText(greeting: string, lines: string[], rows: Row[], after: string[]): string {
  return [`Dear ${greeting},`, '', ...lines, '', rowsText(rows), '', ...after].join('\n');
}
