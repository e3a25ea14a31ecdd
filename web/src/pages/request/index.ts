// The request form: /request/?urn=&opportunity=&date= (a published slot) or
// /request/?urn= (propose a date and time). One page with two views: the questions, then
// "Check your answers" (browser Back returns to the questions). Sending POSTs
// /api/schools/{urn}/requests with an Idempotency-Key; field errors from the API come
// back to the questions, shown in the error summary and at each field.
import type { CreateRequestBody, PublicSchool, RequestView, SlotView } from '#shared/api/provider.ts';
import { CONTENT_ITEMS } from '#shared/domain/labels.ts';
import { PROVIDER_TYPES, SESSION_TYPES } from '#shared/domain/types.ts';
import { ApiError, api, retryText } from '../../lib/api.ts';
import { byId, fill, h, href, param, ready, setTitle, type Child } from '../../lib/dom.ts';
import { clearErrors, focusField, showErrors, type FieldError } from '../../lib/errors.ts';
import {
  addDays,
  contentItemLabel,
  formatDate,
  formatDateShort,
  formatTimeRange,
  formatYears,
  realDate,
  providerTypeLabel,
  sessionTypeLabel,
  todayInLondon,
} from '../../lib/format.ts';
import { describeSchoolDay, notFound } from '../../lib/school.ts';
import { rememberSentRequest } from '../../lib/sent.ts';

/** Facilities a provider can ask for (RULES.md: hall, classroom, projector, internet). */
const FACILITIES = [
  ['hall', 'Hall'],
  ['classroom', 'Classroom'],
  ['projector', 'Projector and screen'],
  ['internet', 'Internet access'],
] as const;

const FORM_TITLE = 'Request provider access';
const CHECK_TITLE = 'Check your answers before sending your request';

type Mode = { kind: 'slot'; slot: SlotView } | { kind: 'proposed' };

const input = (id: string) => byId<HTMLInputElement>(id);
const value = (id: string) => input(id).value.trim();
const checkedValues = (name: string) =>
  [...document.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((el) => el.value);

function option(type: 'radio' | 'checkbox', name: string, id: string, val: string, label: string, hint?: string): HTMLElement {
  const cls = type === 'radio' ? 'govuk-radios' : 'govuk-checkboxes';
  const hintId = hint ? `${id}-item-hint` : undefined;
  return h(
    'div',
    { class: `${cls}__item` },
    h('input', { class: `${cls}__input`, id, name, type, value: val, 'aria-describedby': hintId }),
    h('label', { class: `govuk-label ${cls}__label`, for: id }, label),
    hint ? h('div', { class: `govuk-hint ${cls}__hint`, id: hintId }, hint) : null,
  );
}

/** "9:30" or "0930" or "9.30" → "09:30"; anything else is returned as typed (the API judges). */
function normaliseTime(raw: string): string {
  const m = /^(\d{1,2})[:.]?(\d{2})$/.exec(raw.replace(/\s+/g, ''));
  if (!m) return raw;
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

interface ReadResult {
  body: CreateRequestBody;
  errors: FieldError[];
}

/** Reads the questions into the API's body; the presence checks a person needs before the check page. */
function readForm(mode: Mode): ReadResult {
  const errors: FieldError[] = [];
  const body: CreateRequestBody = {
    provider: { organisation: value('provider-organisation'), type: (checkedValues('provider-type')[0] ?? '') as CreateRequestBody['provider']['type'] },
    contact: { name: value('contact-name'), email: value('contact-email'), phone: value('contact-phone') },
    sessionType: (checkedValues('sessionType')[0] ?? '') as CreateRequestBody['sessionType'],
    yearGroups: checkedValues('yearGroups').map(Number),
    staffCount: Number(value('staffCount')),
    safeguardingAgreed: input('safeguardingAgreed').checked,
    facilities: checkedValues('facilities'),
    content: {
      provider: input('content-provider').checked,
      careers: input('content-careers').checked,
      learning: input('content-learning').checked,
      questions: input('content-questions').checked,
    },
    notes: value('notes'),
    website: input('website').value,
  };
  const ukprn = value('provider-ukprn').replace(/\s+/g, '');
  if (ukprn) body.provider.ukprn = ukprn;

  if (mode.kind === 'slot') {
    body.slot = { opportunityId: mode.slot.opportunityId, date: mode.slot.date };
  } else {
    const [d, m, y] = ['date-day', 'date-month', 'date-year'].map((id) => value(id));
    let date = '';
    if (!d && !m && !y) errors.push({ path: 'date', message: 'Enter the date you propose.' });
    else if (!d || !m || !y) errors.push({ path: 'date', message: `The date must include a ${!d ? 'day' : !m ? 'month' : 'year'}.` });
    else {
      date = (/^\d+$/.test(d!) && /^\d+$/.test(m!) && /^\d{4}$/.test(y!) && realDate(Number(y), Number(m), Number(d))) || '';
      if (!date) errors.push({ path: 'date', message: 'The date must be a real date, for example 12 1 2027.' });
    }
    const start = normaliseTime(value('start'));
    const end = normaliseTime(value('end'));
    input('start').value = start;
    input('end').value = end;
    if (!start) errors.push({ path: 'start', message: 'Enter a start time, for example 09:30.' });
    if (!end) errors.push({ path: 'end', message: 'Enter an end time, for example 10:30.' });
    body.proposed = { date, start, end };
  }
  if (!body.yearGroups.length) errors.push({ path: 'yearGroups', message: 'Choose at least one year group.' });
  if (!body.sessionType) errors.push({ path: 'sessionType', message: 'Choose the type of session.' });
  if (!body.provider.organisation) errors.push({ path: 'provider.organisation', message: 'Enter the name of your organisation.' });
  if (!body.provider.type) errors.push({ path: 'provider.type', message: 'Choose the kind of provider you are.' });
  if (!body.contact.name) errors.push({ path: 'contact.name', message: 'Enter your full name.' });
  if (!body.contact.email) errors.push({ path: 'contact.email', message: 'Enter your email address.' });
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.contact.email))
    errors.push({ path: 'contact.email', message: 'Enter an email address in the right format, like name@college.ac.uk.' });
  if (!body.contact.phone) errors.push({ path: 'contact.phone', message: 'Enter a phone number, like 01632 960 000.' });
  if (!value('staffCount')) errors.push({ path: 'staffCount', message: 'Enter how many of your staff will attend.' });
  else if (!/^\d+$/.test(value('staffCount'))) errors.push({ path: 'staffCount', message: 'Enter the number of staff as a whole number, like 2.' });
  return { body, errors };
}

/** One row of "Check your answers", with a Change link back to the question. */
function answerRow(key: string, val: Child, changeTarget: string): HTMLElement {
  return h(
    'div',
    { class: 'govuk-summary-list__row' },
    h('dt', { class: 'govuk-summary-list__key' }, key),
    h('dd', { class: 'govuk-summary-list__value app-wrap' }, val),
    h(
      'dd',
      { class: 'govuk-summary-list__actions' },
      h('a', { class: 'govuk-link', href: `#${changeTarget}`, 'data-change': changeTarget }, 'Change', h('span', { class: 'govuk-visually-hidden' }, ` ${key.toLowerCase()}`)),
    ),
  );
}

function lines(items: string[]): Child {
  return items.length ? items.map((item, i) => [i ? h('br') : null, item]) : 'None';
}

function checkAnswers(body: CreateRequestBody, mode: Mode): HTMLElement[] {
  const when: HTMLElement[] =
    mode.kind === 'slot'
      ? [
          answerRow('Slot', mode.slot.title, 'change-slot'),
          answerRow('Date', formatDate(mode.slot.date), 'change-slot'),
          answerRow('Time', formatTimeRange(mode.slot.start, mode.slot.end), 'change-slot'),
        ]
      : [
          answerRow('Date', body.proposed?.date ? formatDate(body.proposed.date) : '', 'date-day'),
          answerRow('Time', formatTimeRange(body.proposed?.start ?? '', body.proposed?.end ?? ''), 'start'),
        ];
  const contentChosen = CONTENT_ITEMS.filter((item) => body.content[item]).map(contentItemLabel);
  const facilities = FACILITIES.filter(([v]) => body.facilities?.includes(v)).map(([, label]) => label);
  const section = (title: string, rows: HTMLElement[]) => [
    h('h2', { class: 'govuk-heading-m' }, title),
    h('dl', { class: 'govuk-summary-list govuk-!-margin-bottom-9' }, rows),
  ];
  return [
    ...section('Date and time', when),
    ...section('Pupils and session', [
      answerRow('Year groups', formatYears(body.yearGroups), 'yearGroups'),
      answerRow('Type of session', sessionTypeLabel(body.sessionType), 'sessionType'),
    ]),
    ...section('Your organisation', [
      answerRow('Organisation', body.provider.organisation, 'provider-organisation'),
      answerRow('Kind of provider', providerTypeLabel(body.provider.type), 'provider-type'),
      answerRow('UKPRN', body.provider.ukprn ?? 'Not given', 'provider-ukprn'),
    ]),
    ...section('Contact details', [
      answerRow('Name', body.contact.name, 'contact-name'),
      answerRow('Email address', body.contact.email, 'contact-email'),
      answerRow('Phone number', body.contact.phone, 'contact-phone'),
    ]),
    ...section('The visit', [
      answerRow('Staff attending', String(body.staffCount), 'staffCount'),
      answerRow('Facilities', lines(facilities), 'facilities'),
      answerRow('Safeguarding', body.safeguardingAgreed ? 'Our staff will follow the school’s safeguarding and visitor checks' : 'Not confirmed', 'safeguardingAgreed'),
      answerRow('The session will cover', lines(contentChosen), 'content-provider'),
      answerRow('Anything else', body.notes || 'None', 'notes'),
    ]),
  ];
}

/**
 * One Idempotency-Key per distinct submission: the same body sent again after a lost
 * answer (network error, 5xx, 429) reuses its key, so the school never gets it twice; a
 * changed body gets a new key.
 */
class Submissions {
  private last: { body: string; key: string; settled: boolean } | undefined;

  keyFor(body: string): string {
    if (this.last && this.last.body === body && !this.last.settled) return this.last.key;
    this.last = { body, key: crypto.randomUUID(), settled: false };
    return this.last.key;
  }

  /** The server gave a definite answer to this key: a later send is a new submission. */
  settle(): void {
    if (this.last) this.last.settled = true;
  }
}

ready(async () => {
  const urn = param('urn');
  const opportunityId = param('opportunity');
  const slotDate = param('date');
  const formView = byId('form-view');
  const checkView = byId('check-view');
  const form = byId<HTMLFormElement>('request-form');
  const formErrors = byId('form-errors');
  const checkErrors = byId('check-errors');
  const back = document.getElementById('back-link');

  let school: PublicSchool;
  try {
    if (!/^\d{6,7}$/.test(urn)) throw new ApiError(404, { code: 'NOT_FOUND', message: 'No school has that URN.' });
    ({ school } = await api<{ school: PublicSchool }>('GET', `/api/schools/${encodeURIComponent(urn)}`));
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 400)) return notFound(byId('form-view'));
    throw err;
  }
  const schoolPage = href('/school/', { urn: school.urn });
  back?.setAttribute('href', schoolPage);
  byId('school-caption').textContent = school.name;
  byId('check-caption').textContent = school.name;
  byId('loading').hidden = true;

  const unavailable = (message: string) => {
    fill(
      byId('unavailable'),
      h('p', { class: 'govuk-body' }, message),
      h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: schoolPage }, `Go back to ${school.name}`)),
    );
    byId('unavailable').hidden = false;
  };
  if (!school.acceptsRequests) {
    unavailable(`${school.name} takes no provider access requests. Provider access is for pupils in Years 8 to 13, and the school teaches none of these year groups.`);
    return;
  }

  // A published slot, or a time of the provider's own.
  let mode: Mode = { kind: 'proposed' };
  if (opportunityId || slotDate) {
    let slot: SlotView | undefined;
    if (/^\d{4}-\d{2}-\d{2}$/.test(slotDate)) {
      const { slots } = await api<{ slots: SlotView[] }>('GET', href(`/api/schools/${encodeURIComponent(urn)}/slots`, { from: slotDate, to: slotDate }));
      slot = slots.find((s) => s.opportunityId === opportunityId && s.date === slotDate);
    }
    if (!slot) {
      unavailable('That slot is not available any more: it may be full, or no longer published. Choose another date, or propose a date and time.');
      return;
    }
    mode = { kind: 'slot', slot };
    fill(
      byId('slot-summary'),
      [
        ['Slot', slot.title],
        ['Date', formatDate(slot.date)],
        ['Time', formatTimeRange(slot.start, slot.end)],
        ['Where', slot.venue],
        ['Places left', `${slot.placesLeft} of ${slot.capacity}`],
      ].map(([k, v]) => h('div', { class: 'govuk-summary-list__row' }, h('dt', { class: 'govuk-summary-list__key' }, k), h('dd', { class: 'govuk-summary-list__value' }, v))),
    );
    byId('change-slot').setAttribute('href', `${schoolPage}#dates`);
    byId('slot-group').hidden = false;
  } else {
    const earliest = addDays(todayInLondon(), school.minimumNoticeDays);
    byId('proposed-intro').textContent =
      `Choose a school day at least ${school.minimumNoticeDays} days from today (${formatDateShort(earliest)} or later). ` +
      `The school day is ${describeSchoolDay(school.schoolDay)}.`;
    byId('proposed-fields').hidden = false;
  }

  // Questions that depend on the school and the slot.
  const offered = school.yearGroups.filter((y) => y >= 7 && y <= 13).sort((a, b) => a - b);
  fill(
    byId('yearGroups-options'),
    offered.map((y, i) => option('checkbox', 'yearGroups', i === 0 ? 'yearGroups' : `yearGroups-${y}`, String(y), `Year ${y}`)),
  );
  fill(
    byId('sessionType-options'),
    SESSION_TYPES.map((t, i) => option('radio', 'sessionType', i === 0 ? 'sessionType' : `sessionType-${t}`, t, sessionTypeLabel(t))),
  );
  fill(
    byId('provider-type-options'),
    PROVIDER_TYPES.map((t, i) => option('radio', 'provider-type', i === 0 ? 'provider-type' : `provider-type-${t}`, t, providerTypeLabel(t))),
  );
  fill(
    byId('facilities-options'),
    FACILITIES.map(([v, label], i) => option('checkbox', 'facilities', i === 0 ? 'facilities' : `facilities-${v}`, v, label)),
  );
  fill(
    byId('content-options'),
    CONTENT_ITEMS.map((item) => option('checkbox', 'content', `content-${item}`, item, contentItemLabel(item))),
  );
  if (mode.kind === 'slot') {
    for (const y of mode.slot.yearGroups) {
      const box = document.querySelector<HTMLInputElement>(`input[name="yearGroups"][value="${y}"]`);
      if (box) box.checked = true;
    }
    const radio = document.querySelector<HTMLInputElement>(`input[name="sessionType"][value="${CSS.escape(mode.slot.sessionType)}"]`);
    if (radio) radio.checked = true;
  }
  // Targets for the summary's links and the Change links on fieldsets.
  for (const group of ['yearGroups', 'sessionType', 'provider-type', 'facilities', 'content']) {
    const first = document.querySelector<HTMLInputElement>(`#${group}-group input`);
    if (first) first.dataset.errorFocus = '';
  }
  form.hidden = false;

  // The two views. Continue pushes a history entry, so Back (the link or the browser's)
  // returns to the questions with the answers kept.
  let afterShowForm: (() => void) | undefined;
  const showForm = () => {
    checkView.hidden = true;
    formView.hidden = false;
    back?.setAttribute('href', schoolPage);
    setTitle(FORM_TITLE);
    const after = afterShowForm;
    afterShowForm = undefined;
    if (after) after();
  };
  const showCheck = (body: CreateRequestBody) => {
    fill(byId('check-answers'), checkAnswers(body, mode));
    byId('send-text').textContent = `We will send it to the careers lead at ${school.name}, and a copy to ${body.contact.email} with a link to follow or withdraw it.`;
    clearErrors(checkView, checkErrors);
    formView.hidden = true;
    checkView.hidden = false;
    back?.setAttribute('href', '#');
    setTitle(CHECK_TITLE);
    window.scrollTo(0, 0);
    byId('check-heading').focus();
  };
  /** Back to the questions, then `after` (focus a field, show errors). */
  const toForm = (after: () => void) => {
    if (history.state?.view === 'check') {
      afterShowForm = after;
      history.back();
    } else {
      showForm();
      after();
    }
  };
  addEventListener('popstate', (event) => {
    if ((event.state as { view?: string } | null)?.view === 'check' && current) showCheck(current);
    else showForm();
  });
  if (history.state?.view === 'check') history.replaceState(null, '');

  back?.addEventListener('click', (event) => {
    if (checkView.hidden) return;
    event.preventDefault();
    toForm(() => byId('form-heading').focus());
  });
  checkView.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-change]');
    if (!link) return;
    event.preventDefault();
    const target = document.getElementById(link.dataset.change ?? '') ?? document.querySelector<HTMLElement>(`[id="${link.dataset.change}"]`);
    toForm(() => {
      const el = target ?? byId('form-heading');
      focusField(el);
    });
  });

  let current: CreateRequestBody | undefined;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { body, errors } = readForm(mode);
    if (errors.length) {
      showErrors(form, formErrors, errors, FORM_TITLE);
      return;
    }
    clearErrors(form, formErrors, FORM_TITLE);
    current = body;
    history.pushState({ view: 'check' }, '');
    showCheck(body);
  });

  const submissions = new Submissions();
  const sendButton = byId<HTMLButtonElement>('send');
  let sending = false;
  byId<HTMLFormElement>('send-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending || !current) return;
    sending = true;
    sendButton.disabled = true;
    sendButton.setAttribute('aria-disabled', 'true');
    const json = JSON.stringify(current);
    const key = submissions.keyFor(json);
    try {
      const { request } = await api<{ request?: RequestView }>('POST', `/api/schools/${encodeURIComponent(urn)}/requests`, {
        body: current,
        headers: { 'Idempotency-Key': key },
      });
      submissions.settle();
      if (request) rememberSentRequest(request);
      location.assign(request ? href('/request/sent/', { id: request.id }) : '/request/sent/');
      return;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const definite = !err.isNetworkError && err.status < 500 && err.status !== 429;
      if (definite) submissions.settle();
      const fields = err.fieldErrors();
      if (fields.length && err.status !== 429) {
        // The questions need changing: show them there.
        toForm(() => showErrors(form, formErrors, fields, FORM_TITLE));
      } else {
        const message = err.status === 429 ? `${err.message} ${retryText(err.retryAfter)}` : err.isNetworkError || err.status >= 500 ? `${err.message} Your request has not been sent yet: select Send request to try again.` : err.message;
        showErrors(checkView, checkErrors, [{ message }], CHECK_TITLE);
      }
    } finally {
      sending = false;
      sendButton.disabled = false;
      sendButton.removeAttribute('aria-disabled');
    }
  });

});
