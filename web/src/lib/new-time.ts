// A provider's new time for a request already made (issue 14, item 5), as a GOV.UK question
// page: /requests/move/?id= (ask to move an approved visit, with a reason) and
// /requests/counter/?id= (answer the school's proposed time with another, with a message).
// The date, start and end are read here only as far as a person can get wrong in typing
// (a real date, a time like 09:30); the API checks the school's rules (R-HOURS, R-NOTICE…)
// and its refusal is shown at the field it concerns, with the rule, and in the error summary.
import type { PublicSchool, RequestView } from '#shared/api/provider.ts';
import { ApiError, api } from './api.ts';
import { byId, fill, h, href, param, setTitle, type Child } from './dom.ts';
import { clearErrors, showErrors, type FieldError } from './errors.ts';
import { dateField, isTime, normaliseTime, readDate, textareaField, textField, button } from './form.ts';
import { formatDate, formatTimeRange } from './format.ts';
import { signInNeeded } from './request.ts';
import { describeSchoolDay, summaryList } from './school.ts';

export type NewTimeKind = 'move' | 'counter';

interface Wording {
  title: string;
  /** The status the request must be in for this page. */
  status: string;
  current: (r: RequestView) => { heading: string; date: string; start: string; end: string } | undefined;
  textLabel: string;
  textHint: string;
  textRequired?: string;
  button: string;
  /** Why the page cannot be used now. */
  notNow: string;
  /** What the request page says after it. */
  done: string;
}

const WORDING: Record<NewTimeKind, Wording> = {
  move: {
    title: 'Ask to move your visit',
    status: 'approved',
    current: (r) => ({ heading: 'Booked for', date: r.date, start: r.start, end: r.end }),
    textLabel: 'Why do you need to move it?',
    textHint: 'The careers lead will see this',
    textRequired: 'Enter why you need to move the visit.',
    button: 'Ask to move the visit',
    notNow: 'Only an approved visit can be moved, and only one move can wait for the school at a time.',
    done: 'moved',
  },
  counter: {
    title: 'Offer another time',
    status: 'alternative_proposed',
    current: (r) => (r.alternative ? { heading: 'The school proposed', date: r.alternative.date, start: r.alternative.start, end: r.alternative.end } : undefined),
    textLabel: 'Message to the school (optional)',
    textHint: 'For example, why the time the school proposed does not suit you',
    button: 'Send the new time',
    notNow: 'You can offer another time only while the school’s proposed time waits for your answer.',
    done: 'countered',
  },
};

/** The messages the request page shows after one of these pages (by ?done=): fixed words, nothing from the address. */
export const NEW_TIME_DONE: Record<string, string> = {
  moved: 'You asked the school to move your visit',
  countered: 'You sent the school another time',
};

const value = (id: string) => byId<HTMLInputElement | HTMLTextAreaElement>(id).value.trim();

function timeOf(errors: FieldError[], field: 'start' | 'end'): string {
  const raw = value(field);
  const time = normaliseTime(raw);
  if (!raw) errors.push({ path: field, message: field === 'start' ? 'Enter the start time.' : 'Enter the end time.' });
  else if (!isTime(time)) errors.push({ path: field, message: `Enter the ${field} time on the 24-hour clock, like ${field === 'start' ? '09:30' : '10:15'}.` });
  return time;
}

function schoolHint(school: PublicSchool | undefined): string {
  if (!school) return 'It must be a school day, within the school’s session times.';
  const notice = school.minimumNoticeDays === 1 ? "1 day's" : `${school.minimumNoticeDays} days'`;
  return `It must be a school day (${describeSchoolDay(school.schoolDay)}), with at least ${notice} notice.`;
}

export async function newTimePage(kind: NewTimeKind): Promise<void> {
  const w = WORDING[kind];
  const page = byId('page');
  const id = param('id');
  const back = href('/requests/view/', { id });
  const backLink = document.getElementById('back-link');
  if (backLink) backLink.setAttribute('href', back);
  const lost = () => fill(page, h('h1', { class: 'govuk-heading-l' }, 'We could not find that request'), h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '/requests/' }, 'See all your requests')));
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)) return lost();

  let request: RequestView;
  try {
    ({ request } = await api<{ request: RequestView }>('GET', `/api/requests/${encodeURIComponent(id)}`));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 401 || err.status === 403) return signInNeeded(page, `Sign in to ${w.title.toLowerCase()}`);
    if (err.status === 404 || err.status === 400) return lost();
    return fill(page, h('h1', { class: 'govuk-heading-l' }, w.title), h('p', { class: 'govuk-body' }, err.sentence));
  }
  // The school's day and notice, for the hint; the page works without them.
  const school = await api<{ school: PublicSchool }>('GET', `/api/schools/${encodeURIComponent(request.urn)}`).then((a) => a.school, () => undefined);

  setTitle(w.title);
  const current = w.current(request);
  const heading: Child[] = [h('span', { class: 'govuk-caption-l app-wrap' }, request.schoolName), h('h1', { class: 'govuk-heading-l' }, w.title)];
  if (request.status !== w.status || (kind === 'move' && request.move) || !current) {
    return fill(page, ...heading, h('p', { class: 'govuk-body' }, w.notNow), h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: back }, 'Back to your request')));
  }

  const summary = h('div', { id: 'error-summary', hidden: true });
  const form = h(
    'form',
    { id: `${kind}-form`, novalidate: true },
    dateField({ id: 'date', legend: 'New date', legendClass: 'govuk-fieldset__legend--m', field: 'date', hint: `${schoolHint(school)} For example, 27 3 2027` }),
    textField({ id: 'start', label: 'Start time', hint: 'Use the 24-hour clock, for example 09:30 or 13:15', field: 'start', width: 'govuk-input--width-5', spellcheck: false, labelClass: 'govuk-label--s' }),
    textField({ id: 'end', label: 'End time', hint: 'For example, 10:30', field: 'end', width: 'govuk-input--width-5', spellcheck: false }),
    textareaField({ id: 'text', name: kind === 'move' ? 'reason' : 'message', label: w.textLabel, hint: w.textHint, field: kind === 'move' ? 'reason' : 'message', labelClass: 'govuk-label--m', rows: 3 }),
    button(w.button, { id: `${kind}-submit` }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const errors: FieldError[] = [];
    const date = readDate('date');
    if (date.state === 'empty') errors.push({ path: 'date', message: 'Enter the new date.' });
    if (date.state === 'invalid') errors.push({ path: 'date', message: 'The date must be a real date, like 27 3 2027.' });
    const start = timeOf(errors, 'start');
    const end = timeOf(errors, 'end');
    const text = value('text');
    if (w.textRequired && !text) errors.push({ path: 'reason', message: w.textRequired });
    if (errors.length) return showErrors(form, summary, errors, w.title);
    clearErrors(form, summary, w.title);
    const body = { date: date.state === 'ok' ? date.iso : '', start, end, ...(text ? { [kind === 'move' ? 'reason' : 'message']: text } : {}) };
    const submit = byId<HTMLButtonElement>(`${kind}-submit`);
    submit.disabled = true;
    api<{ request: RequestView }>('POST', `/api/requests/${encodeURIComponent(id)}/${kind}`, { body })
      .then(() => location.assign(href('/requests/view/', { id, done: w.done })))
      .catch((err: unknown) => {
        submit.disabled = false;
        if (!(err instanceof ApiError)) throw err;
        showErrors(form, summary, err.shownErrors(), w.title);
      });
  });

  fill(
    page,
    summary,
    ...heading,
    h('h2', { class: 'govuk-heading-s' }, current.heading),
    summaryList([
      ['Date', formatDate(current.date)],
      ['Time', formatTimeRange(current.start, current.end)],
    ]),
    h(
      'p',
      { class: 'govuk-body' },
      kind === 'move'
        ? 'The visit stays at this time until the careers lead approves the move. If they cannot, they will tell you why.'
        : 'Your request goes back to the school with your time. The careers lead can approve it, decline it, or propose another time.',
    ),
    form,
  );
}
