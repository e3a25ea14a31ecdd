// The careers lead's year plan (issue 16, item 4): /manage/year-plan/?urn=&year=&view=&yearGroup=.
// GET /api/manage/schools/{urn}/year-plan?year= → YearPlanAnswer: the academic year's
// approved, delivered and cancelled encounters and its open slots, month by month, with
// each cohort's coverage status. At the top the cohorts (status tag, n of 2, a link to
// coverage), then a year-group filter and two views, switched by two links with
// aria-current: "By month" (the school page's month grid, one month at a time,
// September to August) and "As a list" (a table per month). Printing gives the list on
// A4 (web/src/year-plan-print.scss), whichever view is on screen. The view and the
// filter are in the address, so a printed or shared plan is the one on screen.
import type { YearPlanAnswer, YearPlanCohort, YearPlanDay, YearPlanEncounter } from '#shared/api/year-plan.ts';
import type { OpenSlot } from '#shared/domain/slot-places.ts';
import { api } from '../../../lib/api.ts';
import { closedDay, count, createMonthCalendar, monthName, type CalendarMonthView, type DayPresentation } from '../../../lib/calendar.ts';
import { coverageTag, phaseText } from '../../../lib/coverage.ts';
import { byId, fill, h, href, param, setTitle, ready, type Child } from '../../../lib/dom.ts';
import { button, selectField } from '../../../lib/form.ts';
import { formatDate, formatDateShort, formatTime, formatTimeRange, formatYears, sessionTypeLabel, todayInLondon } from '../../../lib/format.ts';
import { accountBar, openSchoolPage, statusTag, type ManagedSchool, type Me } from '../../../lib/manage.ts';

const PATH = '/manage/year-plan/';
const TITLE = 'Year plan';
const VIEWS = { month: 'By month', list: 'As a list' } as const;
type View = keyof typeof VIEWS;

interface State {
  view: View;
  yearGroup?: number;
}

/** One line of a day: an encounter, or an open slot. */
type Entry = { kind: 'encounter'; encounter: YearPlanEncounter } | { kind: 'slot'; slot: OpenSlot };

const th = (text: Child, attrs: Record<string, string> = {}) => h('th', { scope: 'col', class: 'govuk-table__header', ...attrs }, text);
const td = (label: string, ...children: Child[]) => h('td', { class: 'govuk-table__cell', 'data-label': label }, children);

function entriesOf(day: YearPlanDay, state: State): Entry[] {
  const fits = (years: readonly number[]) => state.yearGroup === undefined || years.includes(state.yearGroup);
  const encounters = day.encounters.filter((e) => fits(e.yearGroups)).map((encounter): Entry => ({ kind: 'encounter', encounter }));
  const slots = day.slots.filter((s) => fits(s.yearGroups)).map((slot): Entry => ({ kind: 'slot', slot }));
  const start = (e: Entry) => (e.kind === 'encounter' ? e.encounter.start : e.slot.start);
  return [...encounters, ...slots].sort((a, b) => start(a).localeCompare(start(b)));
}

function slotTag(): HTMLElement {
  return h('strong', { class: 'govuk-tag govuk-tag--light-blue', 'data-status': 'open_slot' }, 'Open slot');
}

function entryTag(entry: Entry): HTMLElement {
  if (entry.kind === 'slot') return slotTag();
  const tag = statusTag(entry.encounter.status);
  tag.dataset.status = entry.encounter.status;
  return tag;
}

/** Who and what: the provider (linking to the request) and the session; or the opportunity with its places left. */
function entryWhat(entry: Entry): Child[] {
  if (entry.kind === 'slot') {
    const s = entry.slot;
    return [s.title, h('br'), h('span', { class: 'govuk-body-s' }, `${count(s.placesLeft, 'place')} left, ${s.venue}`)];
  }
  const e = entry.encounter;
  const cancelled = e.status === 'cancelled' && e.cancelledBy ? `, cancelled by the ${e.cancelledBy === 'school' ? 'school' : e.cancelledBy === 'provider' ? 'provider' : 'service'}` : '';
  return [
    h('a', { class: 'govuk-link app-wrap', href: href('/manage/requests/view/', { id: e.id }) }, e.provider),
    h('br'),
    h('span', { class: 'govuk-body-s' }, `${sessionTypeLabel(e.sessionType)}${e.venue ? `, ${e.venue}` : ''}${cancelled}`),
  ];
}

function entryTime(entry: Entry): string {
  const { start, end } = entry.kind === 'encounter' ? entry.encounter : entry.slot;
  return formatTimeRange(start, end);
}

function entryYears(entry: Entry): string {
  return formatYears(entry.kind === 'encounter' ? entry.encounter.yearGroups : entry.slot.yearGroups);
}

function entryRows(day: YearPlanDay, entries: Entry[], withDate: boolean): HTMLElement[] {
  return entries.map((entry) =>
    h(
      'tr',
      { class: 'govuk-table__row app-year-plan__row', 'data-date': day.date, 'data-entry': entry.kind === 'encounter' ? entry.encounter.id : `${entry.slot.opportunityId}|${entry.slot.start}` },
      withDate ? td('Date', formatDateShort(day.date)) : null,
      td('Time', entryTime(entry)),
      td('Year groups', entryYears(entry)),
      td(entry.kind === 'encounter' ? 'Provider' : 'Opportunity', ...entryWhat(entry)),
      td('Status', entryTag(entry)),
    ),
  );
}

function entryTable(id: string, caption: Child, rows: HTMLElement[], withDate: boolean): HTMLElement {
  return h(
    'table',
    { class: 'govuk-table app-responsive-table app-year-plan__table', id },
    h('caption', { class: 'govuk-table__caption govuk-table__caption--m' }, caption),
    h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' }, withDate ? th('Date') : null, th('Time'), th('Year groups'), th('Provider or slot'), th('Status'))),
    h('tbody', { class: 'govuk-table__body' }, rows),
  );
}

/** "As a list": a table per month with anything in it, each row a date, time, year groups, provider and status. */
function listView(plan: YearPlanAnswer, state: State): HTMLElement {
  const months = plan.months.map((m) => {
    const rows = m.days.flatMap((d) => entryRows(d, entriesOf(d, state), true));
    const name = monthName(m.month);
    return rows.length
      ? h('div', { class: 'app-year-plan__month', 'data-month': m.month }, entryTable(`list-${m.month}`, name, rows, true))
      : h('div', { class: 'app-year-plan__month', 'data-month': m.month }, h('h2', { class: 'govuk-heading-m' }, name), h('p', { class: 'govuk-body' }, 'Nothing planned and no open slots.'));
  });
  return h('div', null, months);
}

/** When the cohorts' statuses are worked out, in the plan's own words. */
const STATUS_DATE_WORDS: Record<YearPlanAnswer['when'], (date: string) => string> = {
  past: (date) => `Each cohort’s coverage status on ${date}, the year’s last day.`,
  current: (date) => `Each cohort’s coverage status today, ${date}.`,
  // Next year's cohorts are this year's pupils a year on: what they have had counts, and what is booked now.
  next: (date) => `Each cohort’s coverage status as it will start the year on ${date}, from what has been delivered and booked so far.`,
};

function cohortTable(plan: YearPlanAnswer, state: State): HTMLElement {
  const current = plan.when === 'current';
  const cohorts = plan.cohorts.filter((c) => state.yearGroup === undefined || c.yearGroup === state.yearGroup);
  const row = (c: YearPlanCohort) =>
    h(
      'tr',
      { class: 'govuk-table__row', 'data-cohort': c.yearGroup },
      h('th', { scope: 'row', class: 'govuk-table__header', 'data-label': 'Cohort' }, `Year ${c.yearGroup}`),
      td('Key phase', phaseText(c.phase)),
      td('Status', coverageTag(c.status)),
      td('Encounters', `${c.counted} of ${c.required} delivered`, c.planned ? `, ${c.planned} booked` : ''),
      h(
        'td',
        { class: `govuk-table__cell${current ? ' app-no-print' : ''}`, 'data-label': current ? 'Coverage' : 'Window' },
        current
          ? h('a', { class: 'govuk-link', href: `/manage/coverage/?urn=${encodeURIComponent(plan.urn)}#cohort-${c.yearGroup}` }, 'Coverage', h('span', { class: 'govuk-visually-hidden' }, ` of Year ${c.yearGroup}`))
          : `Window ends ${formatDateShort(c.windowEnd)}`,
      ),
    );
  return h(
    'div',
    { class: 'app-table-wrap' },
    h('p', { class: 'govuk-body', id: 'status-date' }, STATUS_DATE_WORDS[plan.when](formatDate(plan.statusAsOf))),
    h(
      'table',
      { class: 'govuk-table app-responsive-table', id: 'year-plan-cohorts' },
      h('caption', { class: 'govuk-table__caption govuk-table__caption--m' }, `Cohorts in ${plan.label}`),
      h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' }, th('Cohort'), th('Key phase'), th('Status'), th('Encounters'), current ? th('Coverage', { class: 'govuk-table__header app-no-print' }) : th('Window'))),
      h('tbody', { class: 'govuk-table__body' }, cohorts.length ? cohorts.map(row) : h('tr', { class: 'govuk-table__row' }, h('td', { class: 'govuk-table__cell', colspan: '5' }, 'Your school teaches none of Years 8 to 13, so it has no cohorts for provider access.'))),
    ),
  );
}

/** What a date holds, as the month grid says it: encounters and open slots in words, a short marker on a phone. */
function presentDay(day: YearPlanDay | undefined, state: State): DayPresentation {
  if (!day) return { text: '', detail: [], marker: '', state: 'open', choosable: false };
  const entries = entriesOf(day, state);
  if (day.closed && entries.length === 0) return closedDay(day.closed);
  if (entries.length === 0) return { text: day.closed ? `closed: ${day.closed.label}` : 'nothing planned', detail: [], marker: '', state: day.closed ? 'closed' : 'open', choosable: false };
  const encounters = entries.filter((e) => e.kind === 'encounter');
  const slots = entries.length - encounters.length;
  const line = (...c: Child[]) => h('span', { class: 'app-calendar__line' }, ...c);
  const words = (e: Entry) => (e.kind === 'encounter' ? `${formatTime(e.encounter.start)} ${e.encounter.provider}${e.encounter.status === 'cancelled' ? ' (cancelled)' : ''}` : `${formatTime(e.slot.start)} open slot`);
  const shown = entries.slice(0, 2).map((e) => line(words(e)));
  const text = [encounters.length ? count(encounters.length, 'encounter') : '', slots ? count(slots, 'open slot') : ''].filter(Boolean).join(', ');
  return {
    text: `${text}: ${entries.map(words).join('; ')}`,
    detail: [...shown, entries.length > 2 ? line(`and ${entries.length - 2} more`) : null],
    marker: encounters.length ? String(encounters.length) : 'Slot',
    state: encounters.length ? 'busy' : 'slots',
    choosable: true,
  };
}

/** "By month": one month at a time, September to August, with the chosen day's entries below. */
function monthView(plan: YearPlanAnswer, state: State): { element: HTMLElement; redraw: () => void } {
  const days = new Map(plan.months.flatMap((m) => m.days.map((d) => [d.date, d] as const)));
  const panel = h('div', { class: 'app-calendar-day', id: 'day-detail', tabindex: '-1' }, h('p', { class: 'govuk-body', id: 'day-hint' }, 'Choose a date with an encounter or an open slot to see it.'));
  const first = plan.months[0]!.month;
  const last = plan.months[plan.months.length - 1]!.month;
  const today = todayInLondon();
  const calendar = createMonthCalendar({
    id: 'calendar',
    what: 'encounters and open slots',
    firstMonth: first,
    lastMonth: last,
    fixedMonths: true,
    initialDate: today >= plan.start && today <= plan.end ? today : plan.start,
    present: (day) => presentDay(days.get(day.date), state),
    load: async (month): Promise<CalendarMonthView> => ({
      urn: plan.urn,
      month,
      today: plan.today,
      bookableFrom: plan.bookableFrom,
      bookableTo: plan.bookableTo,
      days: plan.months.find((m) => m.month === month)?.days ?? [],
    }),
    onChoose: (chosen) => {
      const day = days.get(chosen.date);
      if (!day) return;
      fill(panel, entryTable('day-entries', formatDate(day.date), entryRows(day, entriesOf(day, state), false), false));
      panel.focus();
    },
    summarise: (view) => {
      const entries = view.days.flatMap((d) => (days.has(d.date) ? entriesOf(days.get(d.date)!, state) : []));
      const encounters = entries.filter((e) => e.kind === 'encounter').length;
      return `${monthName(view.month)}: ${count(encounters, 'encounter')}, ${count(entries.length - encounters, 'open slot')}${state.yearGroup ? ` for Year ${state.yearGroup}` : ''}.`;
    },
  });
  void calendar.show(today >= plan.start && today <= plan.end ? today.slice(0, 7) : first);
  const element = h(
    'div',
    null,
    h('p', { class: 'govuk-body' }, 'Use the arrow keys to move between dates, and Page Up and Page Down to change month.'),
    calendar.element,
    h(
      'ul',
      { class: 'app-calendar-key', id: 'calendar-key', 'aria-label': 'Key to the calendar' },
      h('li', null, h('span', { class: 'app-calendar-key__swatch app-calendar__cell--busy', 'aria-hidden': 'true' }, '1'), 'Encounters (how many)'),
      h('li', null, h('span', { class: 'app-calendar-key__swatch app-calendar__cell--slots', 'aria-hidden': 'true' }, 'Slot'), 'Open slots only'),
      h('li', null, h('span', { class: 'app-calendar-key__swatch app-calendar__cell--closed', 'aria-hidden': 'true' }, 'Shut'), 'School closed'),
    ),
    panel,
  );
  return {
    element,
    redraw: () => {
      fill(panel, h('p', { class: 'govuk-body', id: 'day-hint' }, 'Choose a date with an encounter or an open slot to see it.'));
      void calendar.reload();
    },
  };
}

function readState(plan: YearPlanAnswer): State {
  const year = Number(param('yearGroup'));
  return { view: param('view') === 'list' ? 'list' : 'month', ...(plan.yearGroups.includes(year) ? { yearGroup: year } : {}) };
}

function render(page: HTMLElement, me: Me, school: ManagedSchool, plan: YearPlanAnswer) {
  const state = readState(plan);
  const address = (s: State) => href(PATH, { urn: plan.urn, year: plan.year, view: s.view === 'month' ? undefined : s.view, yearGroup: s.yearGroup });
  setTitle(`${TITLE} ${plan.label}`);

  const cohortSlot = h('div', { id: 'cohorts' });
  const listSlot = h('section', { class: 'app-year-plan__list', id: 'view-list', 'aria-labelledby': 'view-list-heading' });
  const month = monthView(plan, state);
  const monthSlot = h('section', { id: 'view-month', 'aria-labelledby': 'view-month-heading' }, h('h2', { class: 'govuk-visually-hidden', id: 'view-month-heading' }, `Encounters and open slots by month, ${plan.label}`), month.element);
  const links = (Object.keys(VIEWS) as View[]).map((v) =>
    h('a', { class: 'govuk-link app-view-links__link', href: address({ ...state, view: v }), id: `show-${v}`, 'data-view': v }, VIEWS[v]),
  );

  function drawList() {
    fill(listSlot, h('h2', { class: 'govuk-visually-hidden', id: 'view-list-heading' }, `Encounters and open slots as a list, ${plan.label}`), listView(plan, state));
  }

  function showView() {
    monthSlot.hidden = state.view !== 'month';
    listSlot.hidden = state.view !== 'list';
    for (const link of links) {
      const on = link.dataset.view === state.view;
      if (on) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
      link.setAttribute('href', address({ ...state, view: link.dataset.view as View }));
    }
  }

  for (const link of links) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      state.view = link.dataset.view as View;
      history.replaceState(null, '', address(state));
      showView();
    });
  }

  const filter = h(
    'form',
    { class: 'app-calendar-filters app-no-print', id: 'year-plan-filter', novalidate: true },
    h(
      'div',
      { class: 'app-calendar-filters__fields' },
      selectField({
        id: 'filter-year',
        label: 'Year group',
        field: 'yearGroup',
        value: state.yearGroup === undefined ? '' : String(state.yearGroup),
        options: [['', 'All year groups'], ...plan.yearGroups.map((y): [string, string] => [String(y), `Year ${y}`])],
      }),
    ),
    button('Apply filter', { id: 'apply-filter' }, 'secondary'),
  );
  const filterNote = h('p', { class: 'govuk-body', id: 'filter-note', 'aria-live': 'polite' });
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = Number(byId<HTMLSelectElement>('filter-year').value);
    if (plan.yearGroups.includes(chosen)) state.yearGroup = chosen;
    else delete state.yearGroup;
    history.replaceState(null, '', address(state));
    draw();
  });

  function draw() {
    fill(cohortSlot, cohortTable(plan, state));
    fill(filterNote, state.yearGroup === undefined ? `Showing every year group.` : `Showing Year ${state.yearGroup} only.`);
    drawList();
    month.redraw();
    showView();
  }

  const printButton = h('button', { type: 'button', class: 'govuk-button govuk-button--secondary app-no-print', id: 'print-plan' }, 'Print this year plan');
  printButton.addEventListener('click', () => window.print());

  const years = [
    plan.previousYear !== undefined ? h('a', { class: 'govuk-link', href: href(PATH, { urn: plan.urn, year: plan.previousYear }), id: 'previous-year' }, `Previous year`, h('span', { class: 'govuk-visually-hidden' }, `: ${plan.previousYear}/${String((plan.previousYear + 1) % 100).padStart(2, '0')}`)) : null,
    plan.nextYear !== undefined ? h('a', { class: 'govuk-link', href: href(PATH, { urn: plan.urn, year: plan.nextYear }), id: 'next-year' }, `Next year`, h('span', { class: 'govuk-visually-hidden' }, `: ${plan.nextYear}/${String((plan.nextYear + 1) % 100).padStart(2, '0')}`)) : null,
  ].filter((x): x is HTMLAnchorElement => x !== null);

  fill(
    page,
    h('div', { class: 'app-no-print' }, accountBar(me, school, PATH)),
    h('span', { class: 'govuk-caption-l app-wrap', id: 'school-name' }, plan.schoolName),
    h('h1', { class: 'govuk-heading-l' }, `${TITLE} ${plan.label}`),
    h(
      'p',
      { class: 'govuk-body app-measure', id: 'plan-intro' },
      plan.bookableFrom <= plan.end
        ? `Encounters approved, delivered and cancelled from ${formatDate(plan.start)} to ${formatDate(plan.end)}, and the open slots a provider could book now (from ${formatDateShort(plan.bookableFrom)}, with your notice period).`
        : `Encounters approved, delivered and cancelled from ${formatDate(plan.start)} to ${formatDate(plan.end)}. The year is over, so it has no open slots.`,
    ),
    h('p', { class: 'govuk-body app-no-print app-year-plan__years' }, years.flatMap((a, i) => (i ? [' · ', a] : [a]))),
    printButton,
    cohortSlot,
    filter,
    filterNote,
    h('nav', { class: 'app-view-links app-no-print', 'aria-label': 'Year plan views' }, h('ul', { class: 'app-view-links__list' }, links.map((a) => h('li', { class: 'app-view-links__item' }, a)))),
    monthSlot,
    listSlot,
  );
  draw();
}

ready(async () => {
  const year = /^20\d\d$/.test(param('year')) ? param('year') : undefined;
  const opened = await openSchoolPage(TITLE, PATH, (urn) => api<YearPlanAnswer>('GET', href(`/api/manage/schools/${encodeURIComponent(urn)}/year-plan`, { year })));
  if (!opened) return;
  render(opened.page, opened.me, opened.school, opened.answer);
});
