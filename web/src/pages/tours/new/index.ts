// A visit tour (issue 15, item 5): /tours/new/ as GOV.UK question pages: the schools (found
// by name or near a place with GET /api/schools, listed with Remove), then one page per
// school for its time (one of its open slots, or a proposed date and time), then the
// details every request shares (the single request form's fields), then "Check your
// answers" with Change links per school, then Send. Each Continue asks the school's own
// check route (POST /api/schools/{urn}/requests/check), so a school's rule is shown at that
// school's field; Send POSTs /api/tours, which checks every school again, with one
// Idempotency-Key per distinct tour. Each step is a history entry (?step=…).
import type { CreateRequestBody, PublicSchool, SchoolSummary, SlotView } from '#shared/api/provider.ts';
import type { CreateTourBody, TourView } from '#shared/api/tours.ts';
import { CONTENT_ITEMS } from '#shared/domain/labels.ts';
import { PROVIDER_TYPES, SESSION_TYPES } from '#shared/domain/types.ts';
import { ApiError, api, retryText } from '../../../lib/api.ts';
import { byId, fill, h, href, param, ready, setTitle } from '../../../lib/dom.ts';
import { clearErrors, showErrors, type FieldError } from '../../../lib/errors.ts';
import { addDays, contentItemLabel, formatDate, formatDateShort, formatTimeRange, formatYears, providerTypeLabel, realDate, sessionTypeLabel, todayInLondon } from '../../../lib/format.ts';
import { organisationDetails } from '../../../lib/organisation.ts';
import { FACILITIES, answerRow, fillProviderFields, lines, markErrorFocus, mergeContentErrors, option } from '../../../lib/request-fields.ts';
import { Submissions, parseTypedTime } from '../../../lib/request-form.ts';
import { describeSchoolDay } from '../../../lib/school.ts';
import { signInNeeded } from '../../../lib/request.ts';

/** The tour's question pages: the schools, one per school, the shared details, check. */
type Step = 'schools' | `stop-${number}` | 'details' | 'check';

/** What a person typed for a proposed time, kept per school (one page serves every school). */
interface Typed {
  day: string;
  month: string;
  year: string;
  start: string;
  end: string;
}

interface Stop {
  school: SchoolSummary;
  profile?: PublicSchool;
  slots?: SlotView[];
  /** 'proposed', or the chosen slot's `opportunityId|date`. */
  choice?: string;
  typed: Typed;
  passed: boolean;
}

const MIN_SCHOOLS = 2;
const MAX_SCHOOLS = 12;
/** How far ahead a school's open slots are listed: the slot API's longest range. */
const SLOT_DAYS = 119;

const input = (id: string) => byId<HTMLInputElement>(id);
const value = (id: string) => input(id).value.trim();
const checkedValues = (name: string) => [...document.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((el) => el.value);
const stopIndex = (step: Step) => (step.startsWith('stop-') ? Number(step.slice(5)) : -1);
const slotKey = (s: SlotView) => `${s.opportunityId}|${s.date}`;
const TIME_FIELDS = new Set(['slot', 'proposed', 'date', 'start', 'end']);

ready(async () => {
  const summary = byId('step-errors');
  const back = document.getElementById('back-link');
  const loading = byId('loading');

  // Signed in? A tour is a signed-in provider's (its requests are sent as them).
  try {
    await api('GET', '/api/tours');
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
      loading.hidden = true;
      byId('tour-caption').hidden = true;
      byId('signed-out').hidden = false;
      signInNeeded(byId('signed-out'), 'Sign in to plan a visit tour');
      return;
    }
    throw err;
  }

  const stops: Stop[] = [];
  let current: Step = 'schools';

  // ---- The schools: search, results, the chosen list.
  const results = byId('results');
  const renderChosen = () => {
    fill(
      byId('chosen'),
      stops.length
        ? h(
            'dl',
            { class: 'govuk-summary-list', id: 'chosen-list' },
            stops.map((s, i) =>
              h(
                'div',
                { class: 'govuk-summary-list__row' },
                h('dt', { class: 'govuk-summary-list__key' }, s.school.name),
                h('dd', { class: 'govuk-summary-list__value' }, `${s.school.town}, ${s.school.postcode}`),
                h(
                  'dd',
                  { class: 'govuk-summary-list__actions' },
                  h('button', { type: 'button', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', 'data-remove': String(i) }, 'Remove', h('span', { class: 'govuk-visually-hidden' }, ` ${s.school.name}`)),
                ),
              ),
            ),
          )
        : h('p', { class: 'govuk-body', id: 'none-chosen' }, 'No schools chosen yet. Search above, then select Add.'),
    );
  };
  const renderResults = (schools: SchoolSummary[], said: string) => {
    fill(
      results,
      h('h2', { class: 'govuk-heading-m' }, said),
      schools.length
        ? h(
            'ul',
            { class: 'govuk-list', id: 'result-list' },
            schools.map((s) => {
              const added = stops.some((c) => c.school.urn === s.urn);
              return h(
                'li',
                { class: 'app-result' },
                h('p', { class: 'govuk-body govuk-!-margin-bottom-1' }, h('strong', null, s.name), ` (${s.town}, ${s.postcode})`),
                !s.providerAccessYears.length
                  ? h('p', { class: 'govuk-hint' }, 'Takes no provider access requests: it teaches none of Years 8 to 13.')
                  : added
                    ? h('p', { class: 'govuk-hint' }, 'Added to your schools.')
                    : h('button', { type: 'button', class: 'govuk-button govuk-button--secondary', 'data-add': s.urn }, 'Add', h('span', { class: 'govuk-visually-hidden' }, ` ${s.name}`)),
              );
            }),
          )
        : null,
    );
    lastResults = schools;
  };
  let lastResults: SchoolSummary[] = [];
  let lastSaid = '';
  const search = async (query: Record<string, string>, group: string) => {
    const section = byId('step-schools');
    clearErrors(section, summary);
    try {
      const answer = await api<{ schools: SchoolSummary[]; radiusKm?: number }>('GET', href('/api/schools', query));
      const n = answer.schools.length;
      lastSaid = query.near ? `${n} ${n === 1 ? 'school' : 'schools'} within ${answer.radiusKm ?? 15} km of ${query.near}` : `${n} ${n === 1 ? 'school matches' : 'schools match'} “${query.q}”`;
      renderResults(answer.schools, lastSaid);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const fields = err.fieldErrors();
      showErrors(section, summary, fields.length ? fields : [{ path: group, message: err.message }], title('schools'));
    }
  };
  byId<HTMLFormElement>('find-name').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!value('q')) return showErrors(byId('step-schools'), summary, [{ path: 'q', message: 'Enter the name, town or URN of a school.' }], title('schools'));
    void search({ q: value('q') }, 'q');
  });
  byId<HTMLFormElement>('find-near').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!value('near')) return showErrors(byId('step-schools'), summary, [{ path: 'near', message: 'Enter a postcode or a town.' }], title('schools'));
    void search({ near: value('near') }, 'near');
  });
  byId('step-schools').addEventListener('click', (event) => {
    const target = event.target as Element;
    const add = target.closest<HTMLButtonElement>('button[data-add]');
    if (add) {
      const school = lastResults.find((s) => s.urn === add.dataset.add);
      if (!school || stops.length >= MAX_SCHOOLS) {
        showErrors(byId('step-schools'), summary, [{ path: 'stops', message: `Choose at most ${MAX_SCHOOLS} schools in one tour.` }], title('schools'));
        return;
      }
      stops.push({ school, typed: { day: '', month: '', year: '', start: '', end: '' }, passed: false });
      renderChosen();
      renderResults(lastResults, lastSaid);
      // Focus stays near where the person was: the new row's Remove button.
      byId('chosen').querySelector<HTMLButtonElement>(`button[data-remove="${stops.length - 1}"]`)?.focus();
      return;
    }
    const remove = target.closest<HTMLButtonElement>('button[data-remove]');
    if (remove) {
      stops.splice(Number(remove.dataset.remove), 1);
      renderChosen();
      renderResults(lastResults, lastSaid);
      byId('chosen-heading').setAttribute('tabindex', '-1');
      byId('chosen-heading').focus();
    }
  });

  // ---- One school's time.
  const loadSchool = async (stop: Stop) => {
    if (stop.profile && stop.slots) return;
    const urn = encodeURIComponent(stop.school.urn);
    const { school } = await api<{ school: PublicSchool }>('GET', `/api/schools/${urn}`);
    const from = addDays(todayInLondon(), school.minimumNoticeDays);
    const { slots } = await api<{ slots: SlotView[] }>('GET', href(`/api/schools/${urn}/slots`, { from, to: addDays(from, SLOT_DAYS) }));
    stop.profile = school;
    stop.slots = slots.filter((s) => s.placesLeft > 0);
  };
  const showProposed = () => {
    byId('proposed-fields').hidden = checkedValues('when')[0] !== 'proposed';
  };
  byId('when-options').addEventListener('change', showProposed);
  const renderStop = (i: number) => {
    const stop = stops[i]!;
    const school = stop.profile!;
    byId('stop-heading').textContent = `When would you like to visit ${school.name}?`;
    const earliest = addDays(todayInLondon(), school.minimumNoticeDays);
    byId('stop-intro').textContent =
      `School ${i + 1} of ${stops.length}. ${school.name} asks for ${school.minimumNoticeDays} days’ notice (${formatDateShort(earliest)} or later). ` +
      `Its school day is ${describeSchoolDay(school.schoolDay)}, and a session lasts at least ${school.minimumLengthMinutes} minutes.`;
    const slots = stop.slots ?? [];
    const options = [
      ...slots.map((s, n) => option('radio', 'when', n === 0 ? 'when' : `when-${n}`, slotKey(s), `${s.title}: ${formatDate(s.date)}, ${formatTimeRange(s.start, s.end)} (${s.placesLeft} of ${s.capacity} places left)`, stop.choice === slotKey(s))),
      option('radio', 'when', slots.length ? 'when-proposed' : 'when', 'proposed', slots.length ? 'Propose a different date and time' : 'Propose a date and time (no open slots in the next four months)', stop.choice === 'proposed' || !slots.length),
    ];
    fill(byId('when-options'), options);
    input('date-day').value = stop.typed.day;
    input('date-month').value = stop.typed.month;
    input('date-year').value = stop.typed.year;
    input('start').value = stop.typed.start;
    input('end').value = stop.typed.end;
    showProposed();
  };
  /** A stop's time as the API takes it, from what is chosen and typed. */
  const whenOf = (stop: Stop): Pick<CreateRequestBody, 'slot' | 'proposed'> & { sessionType?: CreateRequestBody['sessionType'] } => {
    if (stop.choice && stop.choice !== 'proposed') {
      const slot = stop.slots?.find((s) => slotKey(s) === stop.choice);
      if (slot) return { slot: { opportunityId: slot.opportunityId, date: slot.date }, sessionType: slot.sessionType as CreateRequestBody['sessionType'] };
    }
    const t = stop.typed;
    const date = (/^\d+$/.test(t.day) && /^\d+$/.test(t.month) && /^\d{4}$/.test(t.year) && realDate(Number(t.year), Number(t.month), Number(t.day))) || '';
    return { proposed: { date, start: parseTypedTime(t.start) ?? t.start, end: parseTypedTime(t.end) ?? t.end } };
  };
  const readStop = (stop: Stop) => {
    stop.choice = checkedValues('when')[0];
    stop.typed = { day: value('date-day'), month: value('date-month'), year: value('date-year'), start: value('start'), end: value('end') };
  };
  const stopPresence = (stop: Stop): FieldError[] => {
    if (!stop.choice) return [{ path: 'slot', message: `Choose an open slot at ${stop.school.name}, or propose a date and time.` }];
    if (stop.choice !== 'proposed') return [];
    const t = stop.typed;
    const errors: FieldError[] = [];
    if (!t.day || !t.month || !t.year) errors.push({ path: 'date', message: 'Enter the date, with a day, month and year.' });
    else if (!whenOf(stop).proposed?.date) errors.push({ path: 'date', message: 'Enter a real date, like 12 1 2027.' });
    if (!t.start) errors.push({ path: 'start', message: 'Enter a start time.' });
    else if (!parseTypedTime(t.start)) errors.push({ path: 'start', message: 'Enter the start time like 9:30am or 13:30.' });
    if (!t.end) errors.push({ path: 'end', message: 'Enter an end time.' });
    else if (!parseTypedTime(t.end)) errors.push({ path: 'end', message: 'Enter the end time like 10:30am or 14:30.' });
    return errors;
  };

  // ---- The shared details (the single form's fields).
  fill(byId('yearGroups-options'), [8, 9, 10, 11, 12, 13].map((y, i) => option('checkbox', 'yearGroups', i === 0 ? 'yearGroups' : `yearGroups-${y}`, String(y), `Year ${y}`)));
  fill(byId('sessionType-options'), SESSION_TYPES.map((t, i) => option('radio', 'sessionType', i === 0 ? 'sessionType' : `sessionType-${t}`, t, sessionTypeLabel(t))));
  fill(byId('provider-type-options'), PROVIDER_TYPES.map((t, i) => option('radio', 'provider-type', i === 0 ? 'provider-type' : `provider-type-${t}`, t, providerTypeLabel(t))));
  fill(byId('facilities-options'), FACILITIES.map(([v, label], i) => option('checkbox', 'facilities', i === 0 ? 'facilities' : `facilities-${v}`, v, label)));
  fill(byId('content-items'), CONTENT_ITEMS.map((item) => h('li', null, contentItemLabel(item))));
  const fromOrganisation = await organisationDetails();
  if (fromOrganisation) {
    fillProviderFields(fromOrganisation);
    byId('from-organisation').hidden = false;
  }
  const details = (): CreateTourBody['details'] => {
    const all = input('content').checked;
    return {
      yearGroups: checkedValues('yearGroups').map(Number),
      sessionType: (checkedValues('sessionType')[0] ?? '') as CreateRequestBody['sessionType'],
      provider: {
        organisation: value('provider-organisation'),
        type: (checkedValues('provider-type')[0] ?? '') as CreateRequestBody['provider']['type'],
        ...(value('provider-ukprn') ? { ukprn: value('provider-ukprn') } : {}),
      },
      contact: { name: value('contact-name'), email: value('contact-email'), phone: value('contact-phone') },
      staffCount: Number(value('staffCount')),
      facilities: checkedValues('facilities'),
      safeguardingAgreed: input('safeguardingAgreed').checked,
      content: { provider: all, careers: all, learning: all, questions: all },
      notes: value('notes'),
    };
  };
  const detailsPresence = (): FieldError[] => {
    const errors: FieldError[] = [];
    if (!checkedValues('yearGroups').length) errors.push({ path: 'yearGroups', message: 'Choose at least one year group.' });
    if (!checkedValues('sessionType').length) errors.push({ path: 'sessionType', message: 'Choose the type of session.' });
    if (!value('provider-organisation')) errors.push({ path: 'provider.organisation', message: 'Enter the name of your organisation.' });
    if (!checkedValues('provider-type').length) errors.push({ path: 'provider.type', message: 'Choose the kind of provider you are.' });
    if (!value('contact-name')) errors.push({ path: 'contact.name', message: 'Enter your full name.' });
    if (!value('contact-email')) errors.push({ path: 'contact.email', message: 'Enter your email address.' });
    if (!value('contact-phone')) errors.push({ path: 'contact.phone', message: 'Enter a phone number, like 01632 960 000.' });
    if (!/^\d+$/.test(value('staffCount'))) errors.push({ path: 'staffCount', message: 'Enter the number of staff as a whole number, like 2.' });
    return errors;
  };
  markErrorFocus(['yearGroups', 'sessionType', 'provider-type', 'facilities']);
  const whenFirst = () => document.querySelector<HTMLInputElement>('#when-options input');

  // ---- Steps and history.
  const titles = (step: Step): string => {
    const i = stopIndex(step);
    if (i >= 0) return `When would you like to visit ${stops[i]?.school.name ?? 'this school'}?`;
    return { schools: 'Which schools would you like to visit?', details: 'About the visits', check: 'Check your answers before sending your tour' }[step as 'schools' | 'details' | 'check'];
  };
  const title = titles;
  const order = (): Step[] => ['schools', ...stops.map((_, i) => `stop-${i}` as Step), 'details', 'check'];
  const sectionOf = (step: Step) => byId(stopIndex(step) >= 0 ? 'step-stop' : `step-${step}`);
  const headingOf = (step: Step) => byId(stopIndex(step) >= 0 ? 'stop-heading' : `${step}-heading`);
  const url = (step: Step) => href('/tours/new/', { step: step === 'schools' ? undefined : step });
  const passed = (step: Step): boolean => {
    if (step === 'schools') return stops.length >= MIN_SCHOOLS;
    const i = stopIndex(step);
    if (i >= 0) return stops[i]?.passed ?? false;
    return step === 'details' ? detailsPassed : false;
  };
  let detailsPassed = false;
  const allowed = (step: Step) => order().slice(0, order().indexOf(step)).every(passed) && order().includes(step);
  const all = ['step-schools', 'step-stop', 'step-details', 'step-check'];
  const show = async (step: Step, focus: boolean) => {
    current = step;
    for (const id of all) {
      byId(id).hidden = true;
      clearErrors(byId(id), summary);
    }
    const i = stopIndex(step);
    if (i >= 0) {
      loading.hidden = false;
      await loadSchool(stops[i]!);
      loading.hidden = true;
      renderStop(i);
    }
    if (step === 'check') renderCheck();
    sectionOf(step).hidden = false;
    setTitle(title(step));
    const previous = order()[order().indexOf(step) - 1];
    back?.setAttribute('href', previous ? url(previous) : '/tours/');
    if (focus) {
      window.scrollTo(0, 0);
      headingOf(step).focus();
    }
  };
  const go = async (step: Step, how: 'push' | 'replace' = 'push', change = false) => {
    const state = { step, change };
    if (how === 'push') history.pushState(state, '', url(step));
    else history.replaceState(state, '', url(step));
    await show(step, true);
  };
  const fromChange = () => (history.state as { change?: boolean } | null)?.change === true;
  const nextOf = (step: Step): Step => (fromChange() ? 'check' : (order()[order().indexOf(step) + 1] ?? 'check'));
  addEventListener('popstate', () => {
    const asked = (param('step') || 'schools') as Step;
    void show(allowed(asked) ? asked : (order().find((s) => !passed(s)) ?? 'schools'), true);
  });
  back?.addEventListener('click', (event) => {
    const previous = order()[order().indexOf(current) - 1];
    if (previous) {
      event.preventDefault();
      history.back();
    }
  });

  /** The check route's refusal for a school, its messages naming the school when it is one school's rule. */
  const checkAt = async (stop: Stop, body: Partial<CreateRequestBody>): Promise<FieldError[]> => {
    try {
      await api('POST', `/api/schools/${encodeURIComponent(stop.school.urn)}/requests/check`, { body });
      return [];
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const fields = err.fieldErrors();
      if (!fields.length || err.status === 429) return [{ message: err.status === 429 ? err.sentence : `${stop.school.name}: ${err.message}` }];
      return fields;
    }
  };

  // Continue on each page.
  byId<HTMLFormElement>('schools-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (stops.length < MIN_SCHOOLS) {
      showErrors(byId('step-schools'), summary, [{ path: 'stops', message: `Choose at least ${MIN_SCHOOLS} schools. For one school, use the request form on its page.` }], title('schools'));
      return;
    }
    void go(nextOf('schools'));
  });
  let busy = false;
  byId<HTMLFormElement>('step-stop').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const i = stopIndex(current);
    const stop = stops[i]!;
    readStop(stop);
    const local = stopPresence(stop);
    if (local.length) return showErrors(byId('step-stop'), summary, local, title(current));
    busy = true;
    try {
      const when = whenOf(stop);
      const errors = await checkAt(stop, { ...(when.slot ? { slot: when.slot } : {}), ...(when.proposed ? { proposed: when.proposed } : {}) });
      if (errors.length) {
        stop.passed = false;
        return showErrors(byId('step-stop'), summary, errors, title(current));
      }
      stop.passed = true;
      await go(nextOf(current));
    } finally {
      busy = false;
    }
  });
  /** Errors of the whole answers, each school's on its own page or, for shared answers, the details page. */
  const showSchoolErrors = async (perStop: FieldError[][], here: Step) => {
    const timeAt = perStop.findIndex((errors) => errors.some((e) => e.path && TIME_FIELDS.has(e.path.split('.')[0] ?? '')));
    if (timeAt >= 0) {
      stops[timeAt]!.passed = false;
      await go(`stop-${timeAt}`, 'push', here === 'check');
      showErrors(byId('step-stop'), summary, perStop[timeAt]!, title(current));
      return;
    }
    const merged = new Map<string, FieldError>();
    perStop.forEach((errors, i) => {
      for (const e of mergeContentErrors(errors)) {
        const top = e.path?.split('.')[0] ?? '';
        // A school's own rule (the year groups it teaches, a slot's session) names the school; a shared answer's is said once.
        const message = ['yearGroups', 'sessionType'].includes(top) ? `${stops[i]!.school.name}: ${e.message}` : e.message;
        const key = e.path ?? message;
        const before = merged.get(key);
        if (!before) merged.set(key, { ...e, message });
        else if (!before.message.includes(message)) merged.set(key, { ...before, message: `${before.message} ${message}`, rules: [...new Set([...(before.rules ?? []), ...(e.rules ?? [])])] });
      }
    });
    detailsPassed = false;
    if (current !== 'details') await go('details', 'push', here === 'check');
    showErrors(byId('step-details'), summary, [...merged.values()], title('details'));
  };
  byId<HTMLFormElement>('step-details').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const local = detailsPresence();
    if (local.length) return showErrors(byId('step-details'), summary, local, title('details'));
    busy = true;
    try {
      const shared = details();
      const perStop = await Promise.all(stops.map((stop) => checkAt(stop, { ...shared, ...whenOf(stop) } as Partial<CreateRequestBody>)));
      if (perStop.some((e) => e.length)) return showSchoolErrors(perStop, 'details');
      detailsPassed = true;
      await go('check');
    } finally {
      busy = false;
    }
  });

  // Check your answers: one section per school, then the shared details.
  const tourBody = (): CreateTourBody => ({ stops: stops.map((s) => ({ urn: s.school.urn, ...whenOf(s) })), details: details() });
  function renderCheck() {
    const body = tourBody();
    const d = body.details;
    const part = (heading: string, rows: HTMLElement[]) => [h('h2', { class: 'govuk-heading-m' }, heading), h('dl', { class: 'govuk-summary-list govuk-!-margin-bottom-9' }, rows)];
    const schoolRows = stops.map((stop, i) => {
      const when = whenOf(stop);
      const slot = when.slot ? stop.slots?.find((s) => slotKey(s) === stop.choice) : undefined;
      const said = slot ? `${slot.title}: ${formatDate(slot.date)}, ${formatTimeRange(slot.start, slot.end)}` : `${when.proposed?.date ? formatDate(when.proposed.date) : ''}, ${formatTimeRange(when.proposed?.start ?? '', when.proposed?.end ?? '')} (proposed)`;
      return answerRow<Step>(stop.school.name, said, `stop-${i}`, 'when', url);
    });
    const facilities = FACILITIES.filter(([v]) => d.facilities?.includes(v)).map(([, label]) => label);
    fill(byId('check-answers'), [
      ...part('Schools and times', schoolRows),
      ...part('Pupils and session', [
        answerRow<Step>('Year groups', formatYears(d.yearGroups), 'details', 'yearGroups', url),
        answerRow<Step>('Type of session', `${sessionTypeLabel(d.sessionType)}${stops.some((s) => whenOf(s).slot) ? ' (a chosen slot sets its own)' : ''}`, 'details', 'sessionType', url),
      ]),
      ...part('Your organisation and contact details', [
        answerRow<Step>('Organisation', d.provider.organisation, 'details', 'provider-organisation', url),
        answerRow<Step>('Kind of provider', providerTypeLabel(d.provider.type), 'details', 'provider-type', url),
        answerRow<Step>('UKPRN', d.provider.ukprn ?? 'Not given', 'details', 'provider-ukprn', url),
        answerRow<Step>('Name', d.contact.name, 'details', 'contact-name', url),
        answerRow<Step>('Email address', d.contact.email, 'details', 'contact-email', url),
        answerRow<Step>('Phone number', d.contact.phone, 'details', 'contact-phone', url),
      ]),
      ...part('The visits', [
        answerRow<Step>('Staff attending', String(d.staffCount), 'details', 'staffCount', url),
        answerRow<Step>('Facilities', lines(facilities), 'details', 'facilities', url),
        answerRow<Step>('Anything else', d.notes || 'None', 'details', 'notes', url),
        answerRow<Step>('Safeguarding', 'Our staff will follow each school’s safeguarding and visitor checks', 'details', 'safeguardingAgreed', url),
        answerRow<Step>('The sessions will cover', lines(CONTENT_ITEMS.map(contentItemLabel)), 'details', 'content', url),
      ]),
    ]);
    byId('send-text').textContent = `We will send ${stops.length} requests, one to the careers lead at each school, and a copy of each to ${d.contact.email}. Each school answers its own.`;
  }
  byId('step-check').addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-change]');
    if (!link) return;
    event.preventDefault();
    const step = link.dataset.change as Step;
    void go(step, 'push', true).then(() => {
      const field = link.dataset.focus === 'when' ? whenFirst() : document.getElementById(link.dataset.focus ?? '');
      field?.focus();
    });
  });

  // Send: the tour, with one Idempotency-Key per distinct body (a retry after a lost answer reuses it).
  const submissions = new Submissions();
  const sendButton = byId<HTMLButtonElement>('send');
  byId<HTMLFormElement>('send-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    sendButton.setAttribute('aria-disabled', 'true');
    const body = tourBody();
    const key = submissions.keyFor(JSON.stringify(body));
    try {
      const { tour } = await api<{ tour: TourView }>('POST', '/api/tours', { body, headers: { 'Idempotency-Key': key } });
      submissions.settle();
      location.assign(href('/tours/view/', { id: tour.id }));
      return;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (!err.isNetworkError && err.status < 500 && err.status !== 429) submissions.settle();
      const fields = err.fieldErrors();
      if (fields.length && err.status !== 429) {
        // stops.<i>.<field> → that school's answers; details.<field> → the shared ones.
        const perStop: FieldError[][] = stops.map(() => []);
        const shared: FieldError[] = [];
        for (const e of fields) {
          const m = /^stops\.(\d+)\.(.+)$/.exec(e.path ?? '');
          if (m) perStop[Number(m[1])]?.push({ ...e, path: m[2]!, message: e.message.replace(/^[^:]+: /, '') });
          else shared.push({ ...e, ...(e.path?.startsWith('details.') ? { path: e.path.slice('details.'.length) } : {}) });
        }
        if (shared.length) perStop[0]!.push(...shared);
        await showSchoolErrors(perStop, 'check');
      } else {
        const message =
          err.status === 429
            ? `${err.message} ${retryText(err.retryAfter)}`
            : err.isNetworkError || err.status >= 500
              ? `${err.message} Your tour may not have been sent to every school yet: select Send requests to try again. No school gets a request twice.`
              : err.message;
        showErrors(byId('step-check'), summary, [{ message }], title('check'));
      }
    } finally {
      busy = false;
      sendButton.removeAttribute('aria-disabled');
    }
  });

  loading.hidden = true;
  renderChosen();
  history.replaceState({ step: 'schools' }, '', url('schools'));
  await show('schools', false);
});
