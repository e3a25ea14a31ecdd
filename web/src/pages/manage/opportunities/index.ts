// A school's opportunities: /manage/opportunities/?urn= lists them; &id=<id> changes one,
// &id=new adds one, &id=<id>&remove=yes asks before removing one. Reads
// GET /api/manage/schools/{urn}/opportunities → { opportunities, version } and the public
// GET /api/schools/{urn} (the Years 8–13 the school teaches); saving PUTs the whole set
// { version, opportunities } (a new one without an id). 422 fields are
// opportunities.{i}.title, opportunities.{i}.schedule.start…; 409 OPPORTUNITIES_CHANGED.
// Each save first PUTs the same set with `dryRun: true` (issue 11): when the change would put
// live bookings outside the rules, a warning lists them with "Save anyway" and "Go back".
import type { PublicSchool } from '#shared/api/provider.ts';
import { SETTINGS_LIMITS } from '#shared/domain/settings.ts';
import { SESSION_TYPES, WEEKDAYS, type Opportunity, type Weekday } from '#shared/domain/types.ts';
import { ApiError, api } from '../../../lib/api.ts';
import { byId, fill, h, href, param, ready, setTitle } from '../../../lib/dom.ts';
import { clearErrors, showErrors, type FieldError } from '../../../lib/errors.ts';
import {
  checkboxesField,
  checkedValue,
  checkedValues,
  dateField,
  isTime,
  normaliseTime,
  radiosField,
  readDate,
  selectField,
  textField,
  wholeNumber,
} from '../../../lib/form.ts';
import { formatDate, formatTimeRange, formatYears, sessionTypeLabel } from '../../../lib/format.ts';
import {
  accountBar,
  buttonLink,
  problem,
  setFlash,
  signInNeeded,
  successBanner,
  takeFlash,
  type ManagedSchool,
  type DryRunAnswer,
  type OpportunitiesAnswer,
  type Me,
  openSchoolPage,
} from '../../../lib/manage.ts';
import { affectedWarning, bookingsText } from '../../../lib/manage-affected.ts';
import { facilityText } from '../../../lib/manage-request.ts';
import { summaryList } from '../../../lib/school.ts';

const PATH = '/manage/opportunities/';
const TITLE = 'Opportunities';
const DAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday' };
const FACILITIES = ['hall', 'classroom', 'projector', 'internet', 'microphone'];
const L = SETTINGS_LIMITS;

function scheduleText(o: Opportunity): string {
  const s = o.schedule;
  if (s.kind === 'once') return `${formatDate(s.date)}, ${formatTimeRange(s.start, s.end)}`;
  const range = s.from && s.until ? ` from ${formatDate(s.from)} to ${formatDate(s.until)}` : s.from ? ` from ${formatDate(s.from)}` : s.until ? ` until ${formatDate(s.until)}` : '';
  return `Every ${DAY_NAMES[s.weekday]} in term time, ${formatTimeRange(s.start, s.end)}${range}`;
}

/** Only the fields the API takes (a stored opportunity could carry more). */
function clean(o: Opportunity): Opportunity {
  return { id: o.id, title: o.title, sessionType: o.sessionType, yearGroups: o.yearGroups, schedule: o.schedule, capacity: o.capacity, venue: o.venue, facilities: o.facilities };
}

function listView(page: HTMLElement, me: Me, school: ManagedSchool, answer: OpportunitiesAnswer, flash?: string) {
  setTitle(TITLE);
  const link = (id: string, extra: Record<string, string> = {}) => href(PATH, { urn: school.urn, id, ...extra });
  fill(
    page,
    flash ? successBanner(flash) : null,
    accountBar(me, school, PATH),
    h('span', { class: 'govuk-caption-l app-wrap' }, school.name),
    h('h1', { class: 'govuk-heading-l' }, TITLE),
    h('p', { class: 'govuk-body' }, 'The sessions providers can book. Providers can also propose a time of their own.'),
    answer.opportunities.length === 0 ? h('p', { class: 'govuk-body', id: 'no-opportunities' }, 'You offer no opportunities yet.') : null,
    h(
      'div',
      { id: 'opportunity-list' },
      answer.opportunities.map((o) =>
        h(
          'div',
          { class: 'govuk-summary-card', 'data-opportunity': o.id },
          h(
            'div',
            { class: 'govuk-summary-card__title-wrapper' },
            h('h2', { class: 'govuk-summary-card__title app-wrap' }, o.title),
            h(
              'ul',
              { class: 'govuk-summary-card__actions' },
              h('li', { class: 'govuk-summary-card__action' }, h('a', { class: 'govuk-link', href: link(o.id) }, 'Change', h('span', { class: 'govuk-visually-hidden' }, ` ${o.title}`))),
              h('li', { class: 'govuk-summary-card__action' }, h('a', { class: 'govuk-link', href: link(o.id, { remove: 'yes' }) }, 'Remove', h('span', { class: 'govuk-visually-hidden' }, ` ${o.title}`))),
            ),
          ),
          h(
            'div',
            { class: 'govuk-summary-card__content' },
            summaryList(
              [
                ['Type', sessionTypeLabel(o.sessionType)],
                ['Year groups', formatYears(o.yearGroups)],
                ['When', scheduleText(o)],
                ['Providers per slot', String(o.capacity)],
                ['Venue', o.venue],
                ['Facilities', o.facilities.length ? o.facilities.map(facilityText).join(', ') : 'None'],
              ],
              'app-wrap',
            ),
          ),
        ),
      ),
    ),
    answer.opportunities.length < L.opportunities ? buttonLink('Add an opportunity', link('new'), 'secondary', 'add-opportunity') : null,
  );
  if (flash) byId('done-banner').focus();
}

type OpportunityList = Opportunity[] | (Omit<Opportunity, 'id'> & { id?: string })[];

async function save(school: ManagedSchool, version: number, list: OpportunityList): Promise<OpportunitiesAnswer> {
  return api<OpportunitiesAnswer>('PUT', `/api/manage/schools/${encodeURIComponent(school.urn)}/opportunities`, { body: { version, opportunities: list } });
}

function dryRun(school: ManagedSchool, version: number, list: OpportunityList): Promise<DryRunAnswer> {
  return api<DryRunAnswer>('PUT', `/api/manage/schools/${encodeURIComponent(school.urn)}/opportunities`, { body: { version, opportunities: list, dryRun: true } });
}

/** The flash after a save: what was saved, and how many bookings now need attention. */
function savedText(what: string, answer: OpportunitiesAnswer): string {
  const n = answer.affected?.length ?? 0;
  return n ? `${what}. ${bookingsText(n)} ${n === 1 ? 'needs' : 'need'} attention: see your dashboard` : what;
}

/**
 * Saves after a dry run (issue 11): at once when no booking is affected, else after the
 * warning's "Save anyway". `content` is hidden, not removed, while the warning asks, so
 * "Go back" finds the form as it was.
 */
async function saveChecked(
  page: HTMLElement,
  content: HTMLElement[],
  run: { school: ManagedSchool; version: number; list: OpportunityList; title: string; done: (saved: OpportunitiesAnswer) => void; failed: (err: unknown) => void; back: () => void },
): Promise<void> {
  const dry = await dryRun(run.school, run.version, run.list);
  if (!dry.affected.length) return run.done(await save(run.school, run.version, run.list));
  const show = (visible: boolean) => content.forEach((el) => (el.hidden = !visible));
  const box = affectedWarning(dry.affected, {
    onSave: async (button) => {
      button.disabled = true;
      try {
        run.done(await save(run.school, run.version, run.list));
      } catch (err) {
        box.remove();
        show(true);
        run.failed(err);
      }
    },
    onBack: () => {
      box.remove();
      show(true);
      setTitle(run.title);
      run.back();
    },
  });
  show(false);
  page.prepend(box);
  setTitle('Check the bookings this change affects');
  byId('affected-heading').focus();
}

function apiProblem(err: ApiError, index: number): FieldError[] {
  const prefix = `opportunities.${index}.`;
  const fields = err.fieldErrors();
  if (!fields.length) return [{ message: err.sentence }];
  // Errors of this opportunity go to its fields; any other one is said at the top.
  return fields.map(({ path, ...rest }) => (path?.startsWith(prefix) ? { path, ...rest } : rest));
}

function reloadLink(summary: HTMLElement) {
  summary.querySelector('.govuk-error-summary__body')?.append(
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: location.pathname + location.search }, 'Reload the page')),
  );
}

function removeView(page: HTMLElement, school: ManagedSchool, answer: OpportunitiesAnswer, o: Opportunity) {
  const title = `Remove ${o.title}?`;
  setTitle(title);
  const summary = h('div', { id: 'error-summary', hidden: true });
  const form = h(
    'form',
    { id: 'remove-form', novalidate: true },
    h('div', { class: 'govuk-button-group' }, h('button', { type: 'submit', class: 'govuk-button govuk-button--warning', id: 'confirm-remove' }, 'Yes, remove it'), h('a', { class: 'govuk-link', href: href(PATH, { urn: school.urn }) }, 'No, keep it')),
  );
  const failed = (err: unknown) => {
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 401) return signInNeeded(page);
    showErrors(form, summary, [{ message: err.message }], title);
    if (err.status === 409) reloadLink(summary);
  };
  const caption = h('span', { class: 'govuk-caption-l app-wrap' }, school.name);
  const heading = h('h1', { class: 'govuk-heading-l app-wrap' }, title);
  const text = h('p', { class: 'govuk-body' }, 'Providers will no longer be able to book it. Requests already made for it are not changed.');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await saveChecked(page, [caption, heading, text, form], {
        school,
        version: answer.version,
        list: answer.opportunities.filter((x) => x.id !== o.id).map(clean),
        title,
        done: (saved) => {
          const to = href(PATH, { urn: school.urn });
          setFlash(to, savedText(`${o.title} removed`, saved));
          location.assign(to);
        },
        failed,
        back: () => byId('confirm-remove').focus(),
      });
    } catch (err) {
      failed(err);
    }
  });
  fill(page, summary, caption, heading, text, form);
}

function editView(page: HTMLElement, school: ManagedSchool, answer: OpportunitiesAnswer, years: number[], existing: Opportunity | undefined) {
  const index = existing ? answer.opportunities.findIndex((o) => o.id === existing.id) : answer.opportunities.length;
  const title = existing ? `Change ${existing.title}` : 'Add an opportunity';
  setTitle(title);
  const f = (name: string) => `opportunities.${index}.${name}`;
  const s = existing?.schedule;
  const yearOptions = [...new Set([...years, ...(existing?.yearGroups ?? [])])].sort((a, b) => a - b);
  const otherFacilities = (existing?.facilities ?? []).filter((x) => !FACILITIES.includes(x));

  const times = (kind: 'once' | 'weekly') => [
    textField({ id: `${kind}-start`, label: 'Start time', hint: 'Use the 24-hour clock, like 13:30', field: f('schedule.start'), value: s?.kind === kind ? s.start : '', width: 'govuk-input--width-5', spellcheck: false }),
    textField({ id: `${kind}-end`, label: 'End time', field: f('schedule.end'), value: s?.kind === kind ? s.end : '', width: 'govuk-input--width-5', spellcheck: false }),
  ];
  const summary = h('div', { id: 'error-summary', hidden: true });
  const caption = h('span', { class: 'govuk-caption-l app-wrap' }, school.name);
  const heading = h('h1', { class: 'govuk-heading-l app-wrap' }, title);
  const leave = h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: href(PATH, { urn: school.urn }) }, 'Go back to your opportunities without saving'));
  const submit = h('button', { type: 'submit', class: 'govuk-button', id: 'save-opportunity' }, 'Save opportunity');
  const form = h(
    'form',
    { id: 'opportunity-form', novalidate: true },
    textField({ id: 'title', label: 'Name', hint: 'Providers see this, for example “Year 10 assembly”', field: f('title'), value: existing?.title ?? '' }),
    radiosField({
      id: 'sessionType',
      name: 'sessionType',
      legend: 'Type of session',
      field: f('sessionType'),
      options: SESSION_TYPES.map((t) => ({ value: t, label: sessionTypeLabel(t) })),
      checked: existing ? [existing.sessionType] : [],
      small: true,
    }),
    radiosField({
      id: 'kind',
      name: 'kind',
      legend: 'When is it?',
      field: `${f('schedule')} ${f('schedule.kind')}`,
      options: [
        {
          value: 'weekly',
          label: 'Every week in term time',
          conditional: [
            selectField({
              id: 'weekday',
              label: 'Day of the week',
              field: f('schedule.weekday'),
              options: WEEKDAYS.map((d) => [d, DAY_NAMES[d]] as const),
              value: s?.kind === 'weekly' ? s.weekday : 'mon',
            }),
            times('weekly'),
          ],
        },
        {
          value: 'once',
          label: 'On one date',
          conditional: [dateField({ id: 'once-date', legend: 'Date', field: f('schedule.date'), value: s?.kind === 'once' ? s.date : undefined }), times('once')],
        },
      ],
      checked: s ? [s.kind] : [],
    }),
    checkboxesField({
      id: 'yearGroups',
      name: 'yearGroups',
      legend: 'Year groups',
      hint: 'Provider access is for the Years 8 to 13 your school teaches. Select all that apply.',
      field: f('yearGroups'),
      options: yearOptions.map((y) => ({ value: String(y), label: formatYears([y]) })),
      checked: (existing?.yearGroups ?? []).map(String),
      small: true,
    }),
    textField({
      id: 'capacity',
      label: 'How many providers can book each slot?',
      hint: `From ${L.opportunityCapacity.min} to ${L.opportunityCapacity.max}`,
      field: f('capacity'),
      value: existing?.capacity ?? 1,
      width: 'govuk-input--width-3',
      inputmode: 'numeric',
    }),
    textField({ id: 'venue', label: 'Venue', hint: 'For example, Main hall', field: f('venue'), value: existing?.venue ?? '' }),
    checkboxesField({
      id: 'facilities',
      name: 'facilities',
      legend: 'Facilities you provide (optional)',
      hint: 'Select all that apply',
      field: `${f('facilities')} ${FACILITIES.map((_, i) => f(`facilities.${i}`)).join(' ')}`,
      options: FACILITIES.map((x) => ({ value: x, label: facilityText(x) })),
      checked: existing?.facilities ?? [],
      small: true,
    }),
    textField({ id: 'other-facilities', label: 'Other facilities (optional)', hint: 'Separate them with commas, for example table, power socket', field: `${f('facilities')}-other`, value: otherFacilities.join(', ') }),
    submit,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors: FieldError[] = [];
    const kind = checkedValue(form, 'kind');
    let schedule: Opportunity['schedule'] | undefined;
    const timeOf = (id: string, path: string, word: string) => {
      const t = normaliseTime(byId<HTMLInputElement>(id).value);
      if (!isTime(t)) errors.push({ path: f(path), message: `Enter the ${word} time in the 24-hour clock, like ${word === 'start' ? '13:30' : '14:30'}.` });
      return t;
    };
    if (kind === 'weekly') {
      const weekday = byId<HTMLSelectElement>('weekday').value as Weekday;
      const keep = s?.kind === 'weekly' ? { ...(s.from ? { from: s.from } : {}), ...(s.until ? { until: s.until } : {}) } : {};
      schedule = { kind: 'weekly', weekday, start: timeOf('weekly-start', 'schedule.start', 'start'), end: timeOf('weekly-end', 'schedule.end', 'end'), ...keep };
    } else if (kind === 'once') {
      const d = readDate('once-date');
      if (d.state !== 'ok') errors.push({ path: f('schedule.date'), message: d.state === 'empty' ? 'Enter the date.' : 'The date must be a real date, like 11 3 2027.' });
      schedule = { kind: 'once', date: d.state === 'ok' ? d.iso : '', start: timeOf('once-start', 'schedule.start', 'start'), end: timeOf('once-end', 'schedule.end', 'end') };
    } else {
      errors.push({ path: f('schedule.kind'), message: 'Choose when the opportunity is.' });
    }
    const capacity = wholeNumber(byId<HTMLInputElement>('capacity').value);
    if (Number.isNaN(capacity)) errors.push({ path: f('capacity'), message: 'Enter how many providers can book each slot, as a whole number.' });
    const sessionType = checkedValue(form, 'sessionType');
    if (!sessionType) errors.push({ path: f('sessionType'), message: 'Choose the type of session.' });
    if (errors.length) return showErrors(form, summary, errors, title);
    clearErrors(form, summary, title);

    const other = byId<HTMLInputElement>('other-facilities').value.split(',').map((x) => x.trim()).filter(Boolean);
    const edited = {
      ...(existing ? { id: existing.id } : {}),
      title: byId<HTMLInputElement>('title').value.trim(),
      sessionType: sessionType as Opportunity['sessionType'],
      yearGroups: checkedValues(form, 'yearGroups').map(Number),
      schedule: schedule!,
      capacity,
      venue: byId<HTMLInputElement>('venue').value.trim(),
      facilities: [...checkedValues(form, 'facilities'), ...other],
    };
    const list = existing ? answer.opportunities.map((o) => (o.id === existing.id ? edited : clean(o))) : [...answer.opportunities.map(clean), edited];
    submit.disabled = true;
    const failed = (err: unknown) => {
      submit.disabled = false;
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 401) return signInNeeded(page);
      showErrors(form, summary, apiProblem(err, index), title);
      if (err.status === 409) reloadLink(summary);
    };
    try {
      await saveChecked(page, [caption, heading, form, leave], {
        school,
        version: answer.version,
        list,
        title,
        done: (saved) => {
          const to = href(PATH, { urn: school.urn });
          setFlash(to, savedText(`${edited.title} saved`, saved));
          location.assign(to);
        },
        failed,
        back: () => {
          submit.disabled = false;
          submit.focus();
        },
      });
    } catch (err) {
      failed(err);
    }
  });

  const back = document.getElementById('back-link');
  if (back) back.setAttribute('href', href(PATH, { urn: school.urn }));
  fill(page, summary, caption, heading, form, leave);
}

ready(async () => {
  const flash = takeFlash();
  const opened = await openSchoolPage(TITLE, PATH, (urn) =>
    Promise.all([
      api<OpportunitiesAnswer>('GET', `/api/manage/schools/${encodeURIComponent(urn)}/opportunities`),
      api<{ school: PublicSchool }>('GET', `/api/schools/${encodeURIComponent(urn)}`),
    ]),
  );
  if (!opened) return;
  const { page, me, school } = opened;
  const [answer, { school: profile }] = opened.answer;
  const id = param('id');
  if (!id) return listView(page, me, school, answer, flash);
  if (profile.providerAccessYears.length === 0) {
    return problem(page, 'Your school takes no provider access requests', 'Provider access is for pupils in Years 8 to 13, and your school teaches none of them.', [[href(PATH, { urn: school.urn }), 'Go back to your opportunities']]);
  }
  if (id === 'new') return editView(page, school, answer, profile.providerAccessYears, undefined);
  const existing = answer.opportunities.find((o) => o.id === id);
  if (!existing) return problem(page, 'We could not find that opportunity', 'It may have been removed.', [[href(PATH, { urn: school.urn }), 'Go back to your opportunities']]);
  if (param('remove') === 'yes') return removeView(page, school, answer, existing);
  return editView(page, school, answer, profile.providerAccessYears, existing);
});

