// The request form (issue 14, item 3): /request/?urn=&opportunity=&date= (a published slot)
// or /request/?urn= (propose a date and time), as GOV.UK question pages, one topic each:
// the slot or time, year groups and session, organisation and contact, the visit, then
// "Check your answers". Each step is a history entry (?step=…), so browser Back and the
// Back link walk the steps, and the answers stay in the page's fields across Back and
// Change. Each Continue asks POST /api/schools/{urn}/requests/check about the answers so
// far: a refusal is shown on the page that asks for its field (going back to it when it is
// an earlier page), so "Check your answers" never shows what create would refuse. A page
// with nothing to ask (a slot fixes the time; a slot for one year group fixes the pupils;
// details this browser remembers) is passed on the way forward and stays one Back or
// Change away. Sending POSTs /api/schools/{urn}/requests with an Idempotency-Key.
import type { CreateRequestBody, PublicSchool, RequestView, SlotView } from '#shared/api/provider.ts';
import { CONTENT_ITEMS } from '#shared/domain/labels.ts';
import { PROVIDER_TYPES, SESSION_TYPES } from '#shared/domain/types.ts';
import { ApiError, api, retryText } from '../../lib/api.ts';
import { byId, fill, h, href, param, ready, setTitle, type Child } from '../../lib/dom.ts';
import { clearErrors, focusField, showErrors, type FieldError } from '../../lib/errors.ts';
import { dateInputProblem, readDate } from '../../lib/form.ts';
import {
  addDays,
  contentItemLabel,
  formatDate,
  formatDateShort,
  formatTime,
  formatTimeRange,
  formatYears,
  realDate,
  providerTypeLabel,
  sessionTypeLabel,
  todayInLondon,
} from '../../lib/format.ts';
import {
  STEPS,
  Submissions,
  forgetDetails,
  isStep,
  parseTypedTime,
  rememberDetails,
  rememberedDetails,
  stepOfField,
  type Step,
} from '../../lib/request-form.ts';
import { describeSchoolDay, notFound } from '../../lib/school.ts';
import { organisationDetails } from '../../lib/organisation.ts';
import { FACILITIES, answerRow, fillProviderFields, lines, markErrorFocus, mergeContentErrors, option } from '../../lib/request-fields.ts';
import { forgetSchools, rememberSchool } from '../../lib/recent-schools.ts';
import { rememberSentRequest } from '../../lib/sent.ts';

type Mode = { kind: 'slot'; slot: SlotView } | { kind: 'proposed' };

/** A check that hangs must not hold Continue for ever: after this long it counts as not reached. */
const CHECK_TIMEOUT_MS = 15_000;

function checkWithin<T>(ms: number, call: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ApiError(0, { code: 'NETWORK_ERROR', message: 'The service took too long to answer.' })), ms);
  });
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}

interface StepState {
  step: Step;
  /** The step this entry was pushed from: the Back link then goes back in history. */
  from?: Step;
  /** Reached by a Change link: Continue returns to "Check your answers". */
  change?: boolean;
}

const input = (id: string) => byId<HTMLInputElement>(id);
const value = (id: string) => input(id).value.trim();
const checkedValues = (name: string) =>
  [...document.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((el) => el.value);

ready(async () => {
  const urn = param('urn');
  const opportunityId = param('opportunity');
  const slotDate = param('date');
  const summary = byId('step-errors');
  const back = document.getElementById('back-link');

  let school: PublicSchool;
  try {
    if (!/^\d{6,7}$/.test(urn)) throw new ApiError(404, { code: 'NOT_FOUND', message: 'No school has that URN.' });
    ({ school } = await api<{ school: PublicSchool }>('GET', `/api/schools/${encodeURIComponent(urn)}`));
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 400)) {
      byId('school-caption').hidden = true;
      byId('loading').hidden = true;
      notFound(byId('unavailable'));
      byId('unavailable').hidden = false;
      return;
    }
    throw err;
  }
  const schoolPage = href('/school/', { urn: school.urn });
  back?.setAttribute('href', schoolPage);
  const caption = byId('school-caption');

  const unavailable = (message: string) => {
    caption.textContent = school.name;
    byId('loading').hidden = true;
    fill(
      byId('unavailable'),
      h('h1', { class: 'govuk-heading-l' }, 'You cannot request this'),
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
  }

  // Step 1: the slot as a summary, or the date and times to propose.
  if (mode.kind === 'slot') {
    const { slot } = mode;
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
      `The school day is ${describeSchoolDay(school.schoolDay)}. A session lasts at least ${school.minimumLengthMinutes} minutes.`;
    byId('end-hint').textContent = `At least ${school.minimumLengthMinutes} minutes after the start, for example 10:30am`;
    byId('proposed-fields').hidden = false;
  }

  // Step 2: a slot offers only its own year groups (one is chosen for you) and fixes the
  // kind of session; a proposed time offers the years the school teaches from Year 8 to 13.
  const offered = (mode.kind === 'slot' ? mode.slot.yearGroups.filter((y) => school.providerAccessYears.includes(y)) : school.providerAccessYears)
    .filter((y) => y >= 8 && y <= 13)
    .sort((a, b) => a - b);
  fill(
    byId('yearGroups-options'),
    offered.map((y, i) => option('checkbox', 'yearGroups', i === 0 ? 'yearGroups' : `yearGroups-${y}`, String(y), `Year ${y}`, offered.length === 1)),
  );
  byId('yearGroups-hint').textContent =
    mode.kind === 'slot'
      ? `This slot is for ${formatYears(offered)}. Every pupil in each year group you choose takes part.`
      : `Provider access is for Years 8 to 13; ${school.name} teaches ${formatYears(offered)}. Every pupil in each year group you choose takes part. Select all that apply.`;
  if (mode.kind === 'slot') {
    byId('sessionType-fixed-text').textContent = `${sessionTypeLabel(mode.slot.sessionType)}, as the slot sets it.`;
    byId('sessionType-fixed').hidden = false;
  } else {
    fill(
      byId('sessionType-options'),
      SESSION_TYPES.map((t, i) => option('radio', 'sessionType', i === 0 ? 'sessionType' : `sessionType-${t}`, t, sessionTypeLabel(t))),
    );
    byId('sessionType-group').hidden = false;
  }

  // Steps 3 and 4.
  fill(
    byId('provider-type-options'),
    PROVIDER_TYPES.map((t, i) => option('radio', 'provider-type', i === 0 ? 'provider-type' : `provider-type-${t}`, t, providerTypeLabel(t))),
  );
  fill(
    byId('facilities-options'),
    FACILITIES.map(([v, label], i) => option('checkbox', 'facilities', i === 0 ? 'facilities' : `facilities-${v}`, v, label)),
  );
  fill(byId('content-items'), CONTENT_ITEMS.map((item) => h('li', null, contentItemLabel(item))));
  markErrorFocus(['yearGroups', 'sessionType', 'provider-type', 'facilities']);

  // What this browser remembers of the provider (after a request it sent), and nothing else.
  const fillDetails = fillProviderFields;
  // A signed-in member's organisation comes first (issue 15); then what this browser remembers.
  const fromOrganisation = await organisationDetails();
  const remembered = fromOrganisation ? undefined : rememberedDetails();
  if (fromOrganisation) {
    fillDetails(fromOrganisation);
    byId('from-organisation').hidden = false;
  } else if (remembered) {
    fillDetails(remembered);
    byId('remembered').hidden = false;
  }
  const forget = () => {
    forgetDetails();
    forgetSchools();
    fillDetails({ organisation: '', type: '', ukprn: '', name: '', email: '', phone: '' });
    byId('remembered').hidden = true;
  };
  byId('forget').addEventListener('click', () => {
    forget();
    input('provider-organisation').focus();
  });

  // Reading the answers.
  const whenAnswers = (): Partial<CreateRequestBody> => {
    if (mode.kind === 'slot') return { slot: { opportunityId: mode.slot.opportunityId, date: mode.slot.date } };
    const [d, m, y] = ['date-day', 'date-month', 'date-year'].map((id) => value(id));
    const date = (/^\d+$/.test(d!) && /^\d+$/.test(m!) && /^\d{4}$/.test(y!) && realDate(Number(y), Number(m), Number(d))) || '';
    return { proposed: { date, start: parseTypedTime(value('start')) ?? value('start'), end: parseTypedTime(value('end')) ?? value('end') } };
  };
  const pupilsAnswers = (): Partial<CreateRequestBody> => ({
    yearGroups: checkedValues('yearGroups').map(Number),
    sessionType: (mode.kind === 'slot' ? mode.slot.sessionType : (checkedValues('sessionType')[0] ?? '')) as CreateRequestBody['sessionType'],
  });
  const youAnswers = (): Partial<CreateRequestBody> => ({
    provider: {
      organisation: value('provider-organisation'),
      type: (checkedValues('provider-type')[0] ?? '') as CreateRequestBody['provider']['type'],
      ...(value('provider-ukprn') ? { ukprn: value('provider-ukprn') } : {}),
    },
    contact: { name: value('contact-name'), email: value('contact-email'), phone: value('contact-phone') },
  });
  const visitAnswers = (): Partial<CreateRequestBody> => {
    // One box confirms all four R-CONTENT items; the API keeps each.
    const all = input('content').checked;
    return {
      staffCount: Number(value('staffCount')),
      facilities: checkedValues('facilities'),
      safeguardingAgreed: input('safeguardingAgreed').checked,
      content: { provider: all, careers: all, learning: all, questions: all },
      notes: value('notes'),
      website: input('website').value,
    };
  };
  const readers: Record<Exclude<Step, 'check'>, () => Partial<CreateRequestBody>> = { when: whenAnswers, pupils: pupilsAnswers, you: youAnswers, visit: visitAnswers };
  /** The answers of every step before `until` (exclusive), as one body. */
  const answersBefore = (until: Step): Partial<CreateRequestBody> =>
    Object.assign({}, ...STEPS.slice(0, STEPS.indexOf(until)).map((s) => (s === 'check' ? {} : readers[s]())));

  /** What a person must give before the server is asked: the presence and shape of each answer. */
  const presence = (step: Step): FieldError[] => {
    const errors: FieldError[] = [];
    if (step === 'when' && mode.kind === 'proposed') {
      const problem = dateInputProblem('date', 'The date', '12 1 2027');
      if (problem) errors.push({ path: 'date', ...problem });
      else if (readDate('date').state === 'empty') errors.push({ path: 'date', message: 'Enter the date you propose.' });
      else if (!whenAnswers().proposed?.date) errors.push({ path: 'date', message: 'The date must be a real date, for example 12 1 2027.' });
      for (const [id, what, example] of [['start', 'start', '9:30am'], ['end', 'end', '10:30am']] as const) {
        const typed = value(id);
        const time = parseTypedTime(typed);
        if (!typed) errors.push({ path: id, message: `Enter the ${what} time, for example ${example}.` });
        else if (!time) errors.push({ path: id, message: `Enter the ${what} time as a time of day, like ${example} or 1:15pm.` });
        // Written back one way, as the rest of the service writes times.
        else input(id).value = formatTime(time);
      }
    }
    if (step === 'pupils') {
      if (!checkedValues('yearGroups').length) errors.push({ path: 'yearGroups', message: 'Choose at least one year group.' });
      if (mode.kind === 'proposed' && !checkedValues('sessionType').length) errors.push({ path: 'sessionType', message: 'Choose the type of session.' });
    }
    if (step === 'you') {
      if (!value('provider-organisation')) errors.push({ path: 'provider.organisation', message: 'Enter the name of your organisation.' });
      if (!checkedValues('provider-type').length) errors.push({ path: 'provider.type', message: 'Choose the kind of provider you are.' });
      if (!value('contact-name')) errors.push({ path: 'contact.name', message: 'Enter your full name.' });
      if (!value('contact-email')) errors.push({ path: 'contact.email', message: 'Enter your email address.' });
      else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value('contact-email')))
        errors.push({ path: 'contact.email', message: 'Enter an email address in the right format, like name@college.ac.uk.' });
      if (!value('contact-phone')) errors.push({ path: 'contact.phone', message: 'Enter a phone number, like 01632 960 000.' });
    }
    if (step === 'visit') {
      if (!value('staffCount')) errors.push({ path: 'staffCount', message: 'Enter how many of your staff will attend.' });
      else if (!/^\d+$/.test(value('staffCount'))) errors.push({ path: 'staffCount', message: 'Enter the number of staff as a whole number, like 2.' });
    }
    return errors;
  };

  // Which steps have a question. Remembered details are passed only while they are whole.
  const skipYou = remembered !== undefined && presence('you').length === 0;
  const asks = (step: Step): boolean => {
    if (step === 'when') return mode.kind === 'proposed';
    if (step === 'pupils') return mode.kind === 'proposed' || offered.length !== 1;
    if (step === 'you') return !skipYou;
    return true;
  };
  const nextAsked = (step: Step): Step => STEPS.slice(STEPS.indexOf(step) + 1).find(asks) ?? 'check';
  const firstStep: Step = STEPS.find(asks) ?? 'check';

  // Steps whose answers the check route passed; a later step opens only after them.
  const passed = new Set<Step>();
  const allowed = (step: Step) => STEPS.slice(0, STEPS.indexOf(step)).every((s) => passed.has(s) || (!asks(s) && s !== 'check'));

  const titles: Record<Step, string> = {
    when: mode.kind === 'slot' ? 'Your chosen slot' : 'When would you like to visit?',
    pupils: 'Year groups and type of session',
    you: 'Your organisation and contact details',
    visit: 'About the visit',
    check: 'Check your answers before sending your request',
  };
  const headings: Record<Step, string> = {
    when: mode.kind === 'slot' ? 'when-heading-slot' : 'when-heading-proposed',
    pupils: 'pupils-heading',
    you: 'you-heading',
    visit: 'visit-heading',
    check: 'check-heading',
  };
  const section = (step: Step) => byId(`step-${step}`);
  const url = (step: Step) => href('/request/', { urn, opportunity: opportunityId || undefined, date: slotDate || undefined, step: step === firstStep ? undefined : step });
  const title = (step: Step) => titles[step];

  let current: Step = firstStep;
  const show = (step: Step, focus: boolean) => {
    current = step;
    // A page shown again starts without the errors it last had, as a page loaded afresh would.
    for (const s of STEPS) {
      section(s).hidden = s !== step;
      clearErrors(section(s), summary);
    }
    setTitle(title(step));
    if (step === 'check') renderCheck();
    const previous = STEPS.slice(0, STEPS.indexOf(step)).reverse().find(asks);
    back?.setAttribute('href', previous ? url(previous) : schoolPage);
    if (focus) {
      window.scrollTo(0, 0);
      byId(headings[step]).focus();
    }
  };
  const go = (step: Step, how: 'push' | 'replace', extra: Partial<StepState> = {}) => {
    const state: StepState = { step, ...(how === 'push' ? { from: current } : {}), ...extra };
    if (how === 'push') history.pushState(state, '', url(step));
    else history.replaceState(state, '', url(step));
    show(step, true);
  };

  // Where the URL says, once the steps before it are passed; otherwise the first step.
  const fromUrl = (): Step => {
    const asked = param('step');
    const step = isStep(asked) ? asked : firstStep;
    return allowed(step) ? step : (STEPS.find((s) => asks(s) && !passed.has(s)) ?? firstStep);
  };
  addEventListener('popstate', () => {
    const step = fromUrl();
    if (step !== (param('step') || firstStep)) history.replaceState({ step } satisfies StepState, '', url(step));
    show(step, true);
  });
  back?.addEventListener('click', (event) => {
    const state = history.state as StepState | null;
    if (state?.from !== undefined) {
      event.preventDefault();
      history.back();
      return;
    }
    const previous = STEPS.slice(0, STEPS.indexOf(current)).reverse().find(asks);
    if (previous) {
      event.preventDefault();
      go(previous, 'push');
    }
  });

  /** Shows errors from anywhere: on the earliest step that asks for one of their fields. */
  const showOnSteps = (errors: FieldError[], here: Step) => {
    const list = mergeContentErrors(errors);
    const steps = list.map((e) => (e.path ? stepOfField(e.path) : undefined)).filter((s): s is Step => s !== undefined);
    const target = steps.length ? STEPS.find((s) => steps.includes(s))! : here;
    for (const s of STEPS) if (STEPS.indexOf(s) >= STEPS.indexOf(target)) passed.delete(s);
    const onTarget = list.filter((e) => !e.path || stepOfField(e.path) === target || !stepOfField(e.path));
    // Sent back from "Check your answers", Continue returns there.
    if (target !== current) go(target, 'push', { change: here === 'check' || (history.state as StepState | null)?.change === true });
    showErrors(section(target), summary, onTarget, title(target));
  };

  // Continue on each question page.
  let checking = false;
  for (const step of STEPS) {
    if (step === 'check') continue;
    const form = section(step) as HTMLFormElement;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (checking) return;
      const local = presence(step);
      if (local.length) {
        showErrors(form, summary, local, title(step));
        return;
      }
      const change = (history.state as StepState | null)?.change === true;
      // Everything up to the next page to show: a page passed over is checked with the one before it.
      const next = change ? 'check' : nextAsked(step);
      const furthest = STEPS.findLast((s) => passed.has(s)) ?? step;
      const until = STEPS.indexOf(next) > STEPS.indexOf(furthest) ? next : STEPS[STEPS.indexOf(furthest) + 1] ?? 'check';
      checking = true;
      const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
      button?.setAttribute('aria-disabled', 'true');
      try {
        await checkWithin(CHECK_TIMEOUT_MS, api('POST', `/api/schools/${encodeURIComponent(urn)}/requests/check`, { body: answersBefore(until) }));
        for (const s of STEPS.slice(0, STEPS.indexOf(until))) passed.add(s);
        go(next, 'push');
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        const fields = err.fieldErrors();
        if (fields.length && err.status !== 429) showOnSteps(fields, step);
        else {
          // The answers are kept; nothing blocks a retry.
          const message =
            err.status === 429
              ? err.sentence
              : err.isNetworkError || err.status >= 500
                ? `We could not check your answers just now: ${err.message} Your answers are kept: select Continue to try again.`
                : err.message;
          showErrors(form, summary, [{ message }], title(step));
        }
      } finally {
        checking = false;
        button?.removeAttribute('aria-disabled');
      }
    });
  }

  // Check your answers.
  const whole = (): CreateRequestBody => answersBefore('check') as CreateRequestBody;
  function renderCheck() {
    const body = whole();
    const when: HTMLElement[] =
      mode.kind === 'slot'
        ? [
            answerRow('Slot', mode.slot.title, 'when', 'change-slot', url),
            answerRow('Date', formatDate(mode.slot.date), 'when', 'change-slot', url),
            answerRow('Time', formatTimeRange(mode.slot.start, mode.slot.end), 'when', 'change-slot', url),
          ]
        : [
            answerRow('Date', body.proposed?.date ? formatDate(body.proposed.date) : '', 'when', 'date-day', url),
            answerRow('Time', formatTimeRange(body.proposed?.start ?? '', body.proposed?.end ?? ''), 'when', 'start', url),
          ];
    const facilities = FACILITIES.filter(([v]) => body.facilities?.includes(v)).map(([, label]) => label);
    const part = (heading: string, rows: HTMLElement[], before?: Child) => [
      h('h2', { class: 'govuk-heading-m' }, heading),
      before,
      h('dl', { class: 'govuk-summary-list govuk-!-margin-bottom-9' }, rows),
    ];
    // Said only while the details are still the ones this browser remembered.
    const memory = rememberedDetails();
    const fromMemory =
      memory !== undefined &&
      memory.organisation === body.provider.organisation &&
      memory.type === body.provider.type &&
      memory.ukprn === (body.provider.ukprn ?? '') &&
      memory.name === body.contact.name &&
      memory.email === body.contact.email &&
      memory.phone === body.contact.phone;
    fill(byId('check-answers'), [
      ...part('Date and time', when),
      ...part('Pupils and session', [
        answerRow('Year groups', formatYears(body.yearGroups), 'pupils', 'yearGroups', url),
        answerRow('Type of session', sessionTypeLabel(body.sessionType), mode.kind === 'proposed' ? 'pupils' : undefined, 'sessionType', url),
      ]),
      ...part(
        'Your organisation and contact details',
        [
          answerRow('Organisation', body.provider.organisation, 'you', 'provider-organisation', url),
          answerRow('Kind of provider', providerTypeLabel(body.provider.type), 'you', 'provider-type', url),
          answerRow('UKPRN', body.provider.ukprn ?? 'Not given', 'you', 'provider-ukprn', url),
          answerRow('Name', body.contact.name, 'you', 'contact-name', url),
          answerRow('Email address', body.contact.email, 'you', 'contact-email', url),
          answerRow('Phone number', body.contact.phone, 'you', 'contact-phone', url),
        ],
        fromMemory
          ? h(
              'div',
              { class: 'govuk-inset-text', id: 'check-remembered' },
              h('p', { class: 'govuk-body' }, 'These come from your last request on this browser.'),
              h('p', { class: 'govuk-body' }, h('button', { type: 'button', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', id: 'check-forget' }, 'Not you? Clear these details')),
            )
          : null,
      ),
      ...part('The visit', [
        answerRow('Staff attending', String(body.staffCount), 'visit', 'staffCount', url),
        answerRow('Facilities', lines(facilities), 'visit', 'facilities', url),
        answerRow('Anything else', body.notes || 'None', 'visit', 'notes', url),
        answerRow('Safeguarding', 'Our staff will follow the school’s safeguarding and visitor checks', 'visit', 'safeguardingAgreed', url),
        answerRow('The session will cover', lines(CONTENT_ITEMS.map(contentItemLabel)), 'visit', 'content', url),
      ]),
    ]);
    byId('send-text').textContent = `We will send it to the careers lead at ${school.name}, and a copy to ${body.contact.email} with a link to follow or withdraw it.`;
  }
  const checkSection = section('check');
  checkSection.addEventListener('click', (event) => {
    const target = event.target as Element;
    if (target.closest('#check-forget')) {
      forget();
      passed.delete('you');
      go('you', 'push', { change: true });
      input('provider-organisation').focus();
      return;
    }
    const link = target.closest<HTMLAnchorElement>('a[data-change]');
    if (!link) return;
    event.preventDefault();
    const step = link.dataset.change as Step;
    go(step, 'push', { change: true });
    const field = document.getElementById(link.dataset.focus ?? '');
    if (field && !field.closest('[hidden]')) focusField(field);
  });

  const submissions = new Submissions();
  const sendButton = byId<HTMLButtonElement>('send');
  let sending = false;
  byId<HTMLFormElement>('send-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return;
    sending = true;
    sendButton.disabled = true;
    sendButton.setAttribute('aria-disabled', 'true');
    const body = whole();
    const key = submissions.keyFor(JSON.stringify(body));
    try {
      const { request } = await api<{ request?: RequestView }>('POST', `/api/schools/${encodeURIComponent(urn)}/requests`, {
        body,
        headers: { 'Idempotency-Key': key },
      });
      submissions.settle();
      rememberDetails({
        organisation: body.provider.organisation,
        type: body.provider.type,
        ukprn: body.provider.ukprn ?? '',
        name: body.contact.name,
        email: body.contact.email,
        phone: body.contact.phone,
      });
      rememberSchool({ urn: school.urn, name: school.name, town: school.address.town });
      if (request) rememberSentRequest(request);
      location.assign(request ? href('/request/sent/', { id: request.id }) : '/request/sent/');
      return;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const definite = !err.isNetworkError && err.status < 500 && err.status !== 429;
      if (definite) submissions.settle();
      const fields = err.fieldErrors();
      if (fields.length && err.status !== 429) {
        // Something changed since the check (a place taken, a closure added): back to the question.
        showOnSteps(fields, 'check');
      } else {
        const message =
          err.status === 429
            ? `${err.message} ${retryText(err.retryAfter)}`
            : err.isNetworkError || err.status >= 500
              ? `${err.message} Your request has not been sent yet: select Send request to try again.`
              : err.message;
        showErrors(checkSection, summary, [{ message }], title('check'));
      }
    } finally {
      sending = false;
      sendButton.disabled = false;
      sendButton.removeAttribute('aria-disabled');
    }
  });

  // The first page: the URL's step only when the steps before it are passed (a reload starts again).
  // The caption says what is asked for on every page, so a page passed over still shows the slot.
  caption.textContent = mode.kind === 'slot' ? `${school.name}: ${mode.slot.title}, ${formatDateShort(mode.slot.date)}, ${formatTimeRange(mode.slot.start, mode.slot.end)}` : school.name;
  byId('loading').hidden = true;
  const start = fromUrl();
  history.replaceState({ step: start } satisfies StepState, '', url(start));
  show(start, false);
});
