// A school's page: GET /api/schools/{urn} → { school: PublicSchool }; a month calendar of
// its free slots (issue 14, item 4): GET /api/schools/{urn}/calendar?month=&yearGroup=&opportunity=
// → { calendar: CalendarMonthView }, each date closed with its reason or with its slots and
// places left, filtered by year group and opportunity; and the same slots as a list for 8
// weeks from `from` (by default the first date the notice allows): GET
// /api/schools/{urn}/slots?from=&to= → { slots: SlotView[] }. Each slot links to the
// request form; so does "propose a time".
import type { CalendarDayView, CalendarMonthView } from '#shared/api/calendar.ts';
import type { PublicSchool, SlotView } from '#shared/api/provider.ts';
import { monthOf } from '#shared/domain/school-month.ts';
import { ApiError, api } from '../../lib/api.ts';
import { closedDay, count, createMonthCalendar, monthName, type DayPresentation } from '../../lib/calendar.ts';
import { byId, fill, h, href, param, ready, safeUrl, setTitle, type Child } from '../../lib/dom.ts';
import { button, selectField } from '../../lib/form.ts';
import { addDays, formatDate, formatDateShort, formatTime, formatTimeRange, formatYears, isIsoDate, sessionTypeLabel, todayInLondon } from '../../lib/format.ts';
import { describeSchoolDay, notFound, summaryList, backToSearch } from '../../lib/school.ts';

const WEEKS = 8;

function slotItem(urn: string, slot: SlotView, heading: 'h3' | 'h4' = 'h3', withDate = true): HTMLElement {
  const full = slot.placesLeft <= 0;
  const when = `${formatDate(slot.date)}, ${formatTimeRange(slot.start, slot.end)}`;
  return h(
    'li',
    { class: 'app-result-list__item' },
    withDate ? h(heading, { class: 'govuk-heading-s app-result-list__title' }, formatDate(slot.date)) : null,
    h(withDate ? 'p' : heading, { class: withDate ? 'govuk-body app-result-list__meta' : 'govuk-heading-s app-result-list__title' }, `${formatTimeRange(slot.start, slot.end)} · ${slot.title}`),
    h('p', { class: 'govuk-body-s app-result-list__meta' }, `${sessionTypeLabel(slot.sessionType)} for ${formatYears(slot.yearGroups)} · ${slot.venue}`),
    full
      ? h('p', { class: 'govuk-body-s' }, h('strong', { class: 'govuk-tag govuk-tag--grey' }, 'Full'))
      : h(
          'p',
          { class: 'govuk-body-s' },
          `${slot.placesLeft} of ${slot.capacity} ${slot.capacity === 1 ? 'place' : 'places'} left · `,
          h(
            'a',
            { class: 'govuk-link', href: href('/request/', { urn, opportunity: slot.opportunityId, date: slot.date }) },
            'Request this slot',
            h('span', { class: 'govuk-visually-hidden' }, `: ${slot.title}, ${when}`),
          ),
        ),
  );
}

async function renderSlots(school: PublicSchool, container: HTMLElement) {
  // R-NOTICE: the first date a request can name is today + the school's notice (at least
  // tomorrow); the last is the end of its booking window. Slots before that are not shown.
  const today = todayInLondon();
  const first = addDays(today, Math.max(1, school.minimumNoticeDays));
  const last = addDays(today, school.bookingWindowDays);
  const asked = param('from');
  const from = isIsoDate(asked) && asked > first && asked <= last ? asked : first;
  const toWanted = addDays(from, WEEKS * 7 - 1);
  const to = toWanted < last ? toWanted : last;
  fill(container, h('p', { class: 'govuk-body app-loading' }, 'Loading the dates…'));
  let slots: SlotView[];
  try {
    ({ slots } = await api<{ slots: SlotView[] }>('GET', href(`/api/schools/${encodeURIComponent(school.urn)}/slots`, { from, to })));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    fill(container, h('p', { class: 'govuk-body' }, `We could not load the dates: ${err.message}`));
    return;
  }
  const sorted = [...slots].sort((a, b) => `${a.date}${a.start}`.localeCompare(`${b.date}${b.start}`));
  const pager: Child[] = [];
  if (from > first) {
    const earlier = addDays(from, -WEEKS * 7);
    pager.push(
      h('li', null, h('a', { class: 'govuk-link', href: href('/school/', { urn: school.urn, from: earlier > first ? earlier : undefined }) }, `Earlier dates`, h('span', { class: 'govuk-visually-hidden' }, ` (the ${WEEKS} weeks before ${formatDateShort(from)})`))),
    );
  }
  if (to < last) {
    pager.push(
      h('li', null, h('a', { class: 'govuk-link', href: href('/school/', { urn: school.urn, from: addDays(to, 1) }) }, `Later dates`, h('span', { class: 'govuk-visually-hidden' }, ` (from ${formatDateShort(addDays(to, 1))})`))),
    );
  }
  fill(
    container,
    h(
      'p',
      { class: 'govuk-body', id: 'slot-range' },
      from === first
        ? `The school needs at least ${school.minimumNoticeDays} days’ notice, so these are the dates from ${formatDateShort(from)} to ${formatDateShort(to)}.`
        : `Dates from ${formatDateShort(from)} to ${formatDateShort(to)}.`,
    ),
    sorted.length
      ? h('ul', { class: 'app-result-list', id: 'slot-list' }, sorted.map((s) => slotItem(school.urn, s)))
      : h('p', { class: 'govuk-body', id: 'no-slots' }, 'There are no published slots in these weeks. You can look at later dates, or propose a date and time.'),
    pager.length ? h('ul', { class: 'govuk-list' }, pager) : null,
  );
}

const UNAVAILABLE: Record<string, [string, string]> = {
  past: ['Past', 'in the past'],
  notice: ['Too soon', 'too soon to book'],
  window: ['Too far ahead', 'after the school’s booking window'],
};

/** What a provider sees of a day: the slots and places left, why it is shut, or why it cannot be booked yet. */
function presentDay(school: PublicSchool, day: CalendarDayView): DayPresentation {
  if (day.closed) {
    return closedDay(day.closed);
  }
  const availability = day.availability ?? 'open';
  if (availability !== 'open') {
    const [short, words] = day.date === todayInLondon() ? ['Today', 'too soon to book'] : (UNAVAILABLE[availability] ?? ['', '']);
    const notice = availability === 'notice' ? ` (the school needs ${school.minimumNoticeDays} days’ notice)` : '';
    return { text: `${words}${notice}`, detail: [short], marker: '', state: 'unavailable', choosable: false };
  }
  if (day.slots.length === 0) {
    return { text: 'a school day with no published slots; you can propose a time', detail: [], marker: '', state: 'open', choosable: true };
  }
  const places = day.slots.reduce((n, s) => n + s.placesLeft, 0);
  const left = (n: number) => (n > 0 ? `${n} left` : 'Full');
  const line = (...c: Child[]) => h('span', { class: 'app-calendar__line' }, ...c);
  const one = day.slots[0];
  const detail =
    day.slots.length === 1 && one
      ? [line(formatTime(one.start)), line(one.title), line(left(one.placesLeft))]
      : [...day.slots.slice(0, 2).map((s) => line(`${formatTime(s.start)}, ${left(s.placesLeft)}`)), day.slots.length > 2 ? line(`and ${day.slots.length - 2} more`) : null];
  return {
    text: `${count(day.slots.length, 'slot')}, ${places > 0 ? `${count(places, 'place')} left` : 'all full'}`,
    detail,
    marker: places > 0 ? String(day.slots.length) : 'Full',
    state: places > 0 ? 'slots' : 'full',
    choosable: true,
  };
}

/** The chosen day: its slots, each linking to the request form as the list does, or a way to propose a time. */
function dayPanel(school: PublicSchool, panel: HTMLElement, day: CalendarDayView) {
  fill(
    panel,
    h('h3', { class: 'govuk-heading-m', id: 'day-heading' }, formatDate(day.date)),
    day.slots.length
      ? h('ul', { class: 'app-result-list', id: 'day-slots' }, day.slots.map((s) => slotItem(school.urn, s, 'h4', false)))
      : h(
          'p',
          { class: 'govuk-body', id: 'day-no-slots' },
          `The school is open on this day${day.session ? ` from ${formatTimeRange(day.session.start, day.session.end)}` : ''} but has no published slots. `,
          h('a', { class: 'govuk-link', href: href('/request/', { urn: school.urn }) }, 'Propose a date and time', h('span', { class: 'govuk-visually-hidden' }, ' of your own')),
        ),
  );
  panel.focus();
}

/** The month calendar with its filters, above the list. */
function renderCalendar(school: PublicSchool, container: HTMLElement) {
  const today = todayInLondon();
  const first = addDays(today, Math.max(1, school.minimumNoticeDays));
  const last = addDays(today, school.bookingWindowDays);
  const problem = h('p', { class: 'govuk-body', id: 'calendar-problem', hidden: true });
  const panel = h('div', { class: 'app-calendar-day', id: 'day-detail', tabindex: '-1' }, h('p', { class: 'govuk-body', id: 'day-hint' }, 'Choose a date with slots to see them and request one.'));
  const years: [string, string][] = [['', 'All year groups'], ...school.providerAccessYears.map((y): [string, string] => [String(y), formatYears([y])])];
  const opportunities: [string, string][] = [['', 'All opportunities'], ...school.opportunities.map((o): [string, string] => [o.id, o.title])];
  const filters = h(
    'form',
    { class: 'app-calendar-filters', id: 'calendar-filters', novalidate: true },
    h(
      'div',
      { class: 'app-calendar-filters__fields' },
      selectField({ id: 'filter-year', label: 'Year group', field: 'yearGroup', options: years }),
      selectField({ id: 'filter-opportunity', label: 'Opportunity', field: 'opportunity', options: opportunities }),
    ),
    button('Apply filters', { id: 'apply-filters' }, 'secondary'),
  );
  const chosen = () => ({
    yearGroup: (byId<HTMLSelectElement>('filter-year').value || undefined) as string | undefined,
    opportunity: (byId<HTMLSelectElement>('filter-opportunity').value || undefined) as string | undefined,
  });
  const calendar = createMonthCalendar({
    id: 'calendar',
    what: 'free slots',
    firstMonth: monthOf(today),
    lastMonth: monthOf(last),
    initialDate: first,
    present: (day) => presentDay(school, day),
    load: async (month) => {
      try {
        const { calendar: view } = await api<{ calendar: CalendarMonthView }>('GET', href(`/api/schools/${encodeURIComponent(school.urn)}/calendar`, { month, ...chosen() }));
        problem.hidden = true;
        return view;
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        fill(problem, `We could not load ${monthName(month)}: ${err.message}`);
        problem.hidden = false;
        return undefined;
      }
    },
    onChoose: (day) => dayPanel(school, panel, day),
    summarise: (view) => {
      const days = view.days.filter((d) => d.slots.length > 0);
      const slots = days.reduce((n, d) => n + d.slots.length, 0);
      const { yearGroup, opportunity } = chosen();
      const filter = [yearGroup ? `for ${formatYears([Number(yearGroup)])}` : '', opportunity ? `of ${school.opportunities.find((o) => o.id === opportunity)?.title ?? ''}` : ''].filter(Boolean).join(' ');
      return `${monthName(view.month)}: ${slots ? `${count(slots, 'slot')} on ${count(days.length, 'day')}` : 'no slots'}${filter ? ` ${filter}` : ''}.`;
    },
  });
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    void calendar.reload();
  });
  fill(
    container,
    h('p', { class: 'govuk-body' }, `The school needs at least ${school.minimumNoticeDays} days’ notice, so the first date you can ask for is ${formatDateShort(first)}. Use the arrow keys to move between dates, and Page Up and Page Down to change month.`),
    filters,
    calendar.element,
    h(
      'ul',
      { class: 'app-calendar-key', id: 'calendar-key', 'aria-label': 'Key to the calendar' },
      h('li', null, h('span', { class: 'app-calendar-key__swatch app-calendar__cell--slots', 'aria-hidden': 'true' }, '2'), 'Slots with places left (how many slots)'),
      h('li', null, h('span', { class: 'app-calendar-key__swatch app-calendar__cell--full', 'aria-hidden': 'true' }, 'Full'), 'Slots, all full'),
      h('li', null, h('span', { class: 'app-calendar-key__swatch app-calendar__cell--closed', 'aria-hidden': 'true' }, 'Shut'), 'School closed: holiday, INSET day, exams or bank holiday'),
    ),
    problem,
    panel,
  );
  void calendar.show(monthOf(isIsoDate(param('from')) && param('from') > first && param('from') <= last ? param('from') : first));
}

ready(async () => {
  const page = byId('page');
  const urn = param('urn');
  backToSearch();
  let school: PublicSchool;
  try {
    if (!/^\d{6,7}$/.test(urn)) throw new ApiError(404, { code: 'NOT_FOUND', message: 'No school has that URN.' });
    ({ school } = await api<{ school: PublicSchool }>('GET', `/api/schools/${encodeURIComponent(urn)}`));
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 400)) return notFound(page);
    throw err;
  }
  setTitle(school.name);

  const contact: Child[] = [
    h('span', { class: 'app-wrap' }, school.careersLead.name),
    h('br'),
    h('a', { class: 'govuk-link app-wrap', href: `mailto:${school.careersLead.email}` }, school.careersLead.email),
  ];
  if (school.careersLead.phone) contact.push(h('br'), school.careersLead.phone);

  const slotsContainer = h('div', { id: 'slots' });
  const calendarContainer = h('div', { id: 'calendar-section' });
  fill(
    page,
    h('span', { class: 'govuk-caption-l' }, school.trust ?? `URN ${school.urn}`),
    h('h1', { class: 'govuk-heading-l', id: 'page-heading' }, school.name),
    h('p', { class: 'govuk-body' }, `${school.address.street}, ${school.address.town}, ${school.address.postcode} · ${school.phase} · URN ${school.urn}`),
    school.acceptsRequests
      ? null
      : h(
          'div',
          { class: 'govuk-warning-text', id: 'no-provider-access' },
          h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
          h(
            'strong',
            { class: 'govuk-warning-text__text' },
            h('span', { class: 'govuk-visually-hidden' }, 'Warning'),
            `This school takes no provider access requests. Provider access is for pupils in Years 8 to 13, and ${school.name} teaches none of these year groups.`,
          ),
        ),
    h('h2', { class: 'govuk-heading-m' }, 'Provider access at this school'),
    summaryList([
      ['Year groups', school.acceptsRequests ? formatYears(school.providerAccessYears) : 'None'],
      ['Notice needed', `At least ${school.minimumNoticeDays} days before the date`],
      ['Answer within', `${school.responseDeadlineSchoolDays} school days`],
      ['School day', describeSchoolDay(school.schoolDay)],
      ['Careers lead', contact],
      ['Policy statement', h('a', { class: 'govuk-link', href: safeUrl(school.statementUrl) }, 'Read the provider access policy statement', h('span', { class: 'govuk-visually-hidden' }, ` of ${school.name}`))],
    ]),
  );
  if (!school.acceptsRequests) return;

  page.append(
    h('h2', { class: 'govuk-heading-m' }, 'Opportunities'),
    school.opportunities.length
      ? h(
          'ul',
          { class: 'app-result-list' },
          school.opportunities.map((o) =>
            h(
              'li',
              { class: 'app-result-list__item' },
              h('h3', { class: 'govuk-heading-s app-result-list__title' }, o.title),
              h('p', { class: 'govuk-body-s app-result-list__meta' }, `${sessionTypeLabel(o.sessionType)} for ${formatYears(o.yearGroups)}`),
              h('p', { class: 'govuk-body-s app-result-list__meta' }, `${o.schedule} · ${o.venue} · ${o.capacity} ${o.capacity === 1 ? 'provider' : 'providers'} each time`),
            ),
          ),
        )
      : h('p', { class: 'govuk-body' }, 'The school has not published any regular opportunities. Propose a date and time that suits you.'),
    h('h2', { class: 'govuk-heading-m', id: 'dates' }, 'Available dates'),
    calendarContainer,
    h('h3', { class: 'govuk-heading-m', id: 'list-heading' }, 'The same dates as a list'),
    slotsContainer,
    h('h2', { class: 'govuk-heading-m' }, 'None of these dates suit you?'),
    h('p', { class: 'govuk-body' }, `You can ask for a date and time of your own during the school day, at least ${school.minimumNoticeDays} days from today.`),
    h('a', { class: 'govuk-button govuk-button--secondary', href: href('/request/', { urn: school.urn }), role: 'button', draggable: 'false', id: 'propose-link' }, 'Propose a different date and time'),
  );
  renderCalendar(school, calendarContainer);
  await renderSlots(school, slotsContainer);
});
