// The pages behind a careers lead's emailed links: confirm (with the decline reasons or
// the proposed time), the result, and a link that can no longer act, which says why.
import { formatDate } from '#shared/domain/dates.ts';
import { SESSION_TYPE_LABELS } from '#shared/domain/labels.ts';
import { formatYearGroups } from '#shared/domain/year-groups.ts';
import { html, type SafeHtml } from '#shared/html.ts';
import type { StoredRequest } from '#shared/store/requests.ts';
import type { StoredSchool } from '#shared/store/schools.ts';
import type { ActionForm, LinkAction } from '#shared/usecases/action-links.ts';
import { page } from './layout.ts';

const TITLES: Record<LinkAction, string> = {
  approve: 'Approve this request',
  decline: 'Decline this request',
  propose: 'Propose another time',
};

function summary(r: StoredRequest): SafeHtml {
  const rows: [string, string][] = [
    ['Provider', r.provider.organisation],
    ['Contact', `${r.contact.name}, ${r.contact.email}, ${r.contact.phone}`],
    ['Session', SESSION_TYPE_LABELS[r.sessionType]],
    ['Year groups', formatYearGroups(r.yearGroups)],
    ['Date and time', `${formatDate(r.date)}, ${r.start} to ${r.end}`],
    ...(r.notes ? [['Notes', r.notes] as [string, string]] : []),
  ];
  return html`<dl class="govuk-summary-list">${rows.map(
    ([k, v]) => html`<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${k}</dt><dd class="govuk-summary-list__value">${v}</dd></div>`,
  )}</dl>
${r.flags.length ? html`<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>${r.flags.map((f) => html`${f.message} `)}</strong></div>` : html``}`;
}

function errorSummary(fields: Record<string, string>): SafeHtml {
  const entries = Object.entries(fields);
  if (!entries.length) return html``;
  return html`<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2><div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">${entries.map(
    ([field, message]) => html`<li><a href="#${field}">${message}</a></li>`,
  )}</ul></div></div></div>`;
}

function fieldError(fields: Record<string, string>, name: string): SafeHtml {
  const m = fields[name];
  return m ? html`<p id="${name}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${m}</p>` : html``;
}

function groupClass(fields: Record<string, string>, ...names: string[]): string {
  return names.some((n) => fields[n]) ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group';
}

function textInput(name: string, label: string, value: string | undefined, fields: Record<string, string>, hint?: string, width = 'govuk-input--width-5'): SafeHtml {
  const described = [hint ? `${name}-hint` : '', fields[name] ? `${name}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="${groupClass(fields, name)}"><label class="govuk-label" for="${name}">${label}</label>${hint ? html`<div id="${name}-hint" class="govuk-hint">${hint}</div>` : html``}${fieldError(fields, name)}<input class="govuk-input ${width}${fields[name] ? ' govuk-input--error' : ''}" id="${name}" name="${name}" type="text" value="${value ?? ''}"${described ? html` aria-describedby="${described}"` : html``}></div>`;
}

function formFields(action: LinkAction, school: StoredSchool, form: ActionForm, fields: Record<string, string>): SafeHtml {
  if (action === 'approve') {
    return html`<p class="govuk-body">Both of you will get a calendar invitation.</p>
${textInput('note', 'Message to the provider (optional)', form.note, fields, undefined, 'govuk-!-width-full')}`;
  }
  if (action === 'decline') {
    const options = [...school.groundsForRefusing.map((g) => [g, g] as const), ['other', 'Another reason'] as const];
    return html`<div class="${groupClass(fields, 'reason', 'otherReason')}"><fieldset class="govuk-fieldset"${fields.reason ? html` aria-describedby="reason-error"` : html``}><legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Why are you declining?</legend>${fieldError(fields, 'reason')}<div class="govuk-radios" data-module="govuk-radios">${options.map(
      ([value, label], i) =>
        html`<div class="govuk-radios__item"><input class="govuk-radios__input" id="${i === 0 ? 'reason' : `reason-${i}`}" name="reason" type="radio" value="${value}"${form.reason === value ? html` checked` : html``}><label class="govuk-label govuk-radios__label" for="${i === 0 ? 'reason' : `reason-${i}`}">${label}</label></div>`,
    )}</div></fieldset></div>
${textInput('otherReason', 'If you chose another reason, write it here', form.otherReason, fields, undefined, 'govuk-!-width-full')}
${textInput('note', 'Anything else to tell the provider (optional)', form.note, fields, undefined, 'govuk-!-width-full')}`;
  }
  const dateError = fields['date-day'];
  return html`<div class="${groupClass(fields, 'date-day')}"><fieldset class="govuk-fieldset" role="group" aria-describedby="date-hint${dateError ? ' date-day-error' : ''}"><legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Date you propose</legend><div id="date-hint" class="govuk-hint">For example, 12 1 2027</div>${fieldError(fields, 'date-day')}<div class="govuk-date-input">${(
    [
      ['date-day', 'Day', 'govuk-input--width-2', form['date-day']],
      ['date-month', 'Month', 'govuk-input--width-2', form['date-month']],
      ['date-year', 'Year', 'govuk-input--width-4', form['date-year']],
    ] as const
  ).map(
    ([name, label, width, value]) =>
      html`<div class="govuk-date-input__item"><div class="govuk-form-group"><label class="govuk-label govuk-date-input__label" for="${name}">${label}</label><input class="govuk-input govuk-date-input__input ${width}${dateError ? ' govuk-input--error' : ''}" id="${name}" name="${name}" type="text" inputmode="numeric" value="${value ?? ''}"></div></div>`,
  )}</div></fieldset></div>
${textInput('start', 'Start time', form.start, fields, 'In 24-hour time, for example 09:30')}
${textInput('end', 'End time', form.end, fields, 'For example 10:15')}
${textInput('message', 'Message to the provider (optional)', form.message, fields, undefined, 'govuk-!-width-full')}`;
}

export function confirmPage(
  token: string,
  action: LinkAction,
  request: StoredRequest,
  school: StoredSchool,
  form: ActionForm = {},
  problem?: { message: string; fields: Record<string, string> },
): string {
  const fields = problem?.fields ?? {};
  const shown = Object.keys(fields).length ? fields : problem ? { [action === 'propose' ? 'date-day' : 'reason']: problem.message } : {};
  return page(
    TITLES[action],
    html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${errorSummary(shown)}
<span class="govuk-caption-l">${school.name}</span>
<h1 class="govuk-heading-l">${TITLES[action]}</h1>
${summary(request)}
<form method="post" action="/api/actions/${token}" novalidate>
${formFields(action, school, form, shown)}
<button type="submit" class="govuk-button" data-module="govuk-button">${action === 'approve' ? 'Approve request' : action === 'decline' ? 'Decline request' : 'Send the new time'}</button>
</form>
<p class="govuk-body"><a class="govuk-link" href="/manage/requests/view/?id=${request.id}">Open it in your dashboard instead</a></p>
</div></div>`,
  );
}

const DONE: Record<LinkAction, string> = {
  approve: 'Request approved',
  decline: 'Request declined',
  propose: 'New time sent',
};

export function donePage(action: LinkAction, request: StoredRequest, school: StoredSchool): string {
  const next =
    action === 'approve'
      ? `We have emailed ${request.contact.name} with a calendar invitation, and sent one to you.`
      : action === 'decline'
        ? `We have told ${request.contact.name} and given your reason.`
        : `We have asked ${request.contact.name} to accept or decline the new time.`;
  return page(
    DONE[action],
    html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">${DONE[action]}</h1><div class="govuk-panel__body">${request.provider.organisation}, ${formatDate(request.date)}</div></div>
<p class="govuk-body">${next}</p>
<p class="govuk-body"><a class="govuk-link" href="/manage/">Go to the ${school.name} dashboard</a></p>
</div></div>`,
  );
}

export function linkProblemPage(message: string, title = 'This link cannot be used'): string {
  return page(
    title,
    html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<h1 class="govuk-heading-l">${title}</h1>
<p class="govuk-body">${message}</p>
<p class="govuk-body">You can see every request, and decide any that are waiting, in your dashboard.</p>
<p class="govuk-body"><a class="govuk-link" href="/manage/">Go to your dashboard</a> (you may need to <a class="govuk-link" href="/sign-in/">get a sign-in link</a>).</p>
</div></div>`,
  );
}
