// The careers lead's calendar on "propose another time" (issue 14, item 4): the school's
// own free times (its school days from tomorrow, closures with their reasons, its open
// slots) and the encounters already approved for the request's year groups, so the new
// time does not clash. GET /api/manage/schools/{urn}/calendar?month=&yearGroups= →
// { calendar: CalendarMonthView }. Choosing a day fills the form's date; a slot's "Use
// this time" fills the start and end too.
import type { CalendarDayView, CalendarMonthView } from '#shared/api/calendar.ts';
import type { ManagedRequestView } from '#shared/api/manage.ts';
import { monthOf } from '#shared/domain/school-month.ts';
import { ApiError, api } from '../../../../lib/api.ts';
import { closedDay, count, createMonthCalendar, monthName, type DayPresentation } from '../../../../lib/calendar.ts';
import { fill, h, href, type Child } from '../../../../lib/dom.ts';
import { addDays, formatDate, formatTime, formatTimeRange, formatYears, todayInLondon } from '../../../../lib/format.ts';
import { viewHref } from '../../../../lib/manage-request.ts';

function present(r: ManagedRequestView, day: CalendarDayView): DayPresentation {
  const line = (...c: Child[]) => h('span', { class: 'app-calendar__line' }, ...c);
  if (day.closed) return closedDay(day.closed);
  if (day.availability === 'past' || day.availability === 'window') {
    const words = day.availability === 'past' ? 'in the past' : 'after your booking window';
    return { text: words, detail: [day.availability === 'past' ? (day.date === todayInLondon() ? 'Today' : 'Past') : 'Too far ahead'], marker: '', state: 'unavailable', choosable: false };
  }
  const approved = day.approved ?? [];
  const session = day.session ? `school day ${formatTimeRange(day.session.start, day.session.end)}` : 'school day';
  const busy = approved.length
    ? `${count(approved.length, 'approved encounter')} for ${formatYears(r.yearGroups)}: ${approved.map((a) => `${formatTimeRange(a.start, a.end)} (${formatYears(a.yearGroups)})`).join('; ')}`
    : `no approved encounters for ${formatYears(r.yearGroups)}`;
  const places = day.slots.reduce((n, s) => n + s.placesLeft, 0);
  const slots = day.slots.length ? `; ${count(day.slots.length, 'slot')}, ${places ? `${count(places, 'place')} left` : 'all full'}` : '';
  return {
    text: `${session}; ${busy}${slots}`,
    detail: [
      ...approved.slice(0, 2).map((a) => h('span', { class: 'app-calendar__line app-calendar__busy' }, `Busy ${formatTime(a.start)}`)),
      ...day.slots.slice(0, approved.length ? 1 : 2).map((s) => line(`Slot ${formatTime(s.start)}`)),
      approved.length === 0 && day.slots.length === 0 ? line('Free') : null,
    ],
    marker: approved.length ? 'Busy' : 'Free',
    state: approved.length ? 'busy' : 'open',
    choosable: true,
  };
}

function setValue(id: string, value: string) {
  const input = document.getElementById(id) as HTMLInputElement | null;
  if (input) input.value = value;
}

/** Fills the date inputs (date-day, date-month, date-year) as the lead would type them. */
function fillDate(date: string) {
  const [y, m, d] = date.split('-');
  setValue('date-day', String(Number(d)));
  setValue('date-month', String(Number(m)));
  setValue('date-year', y ?? '');
}

/** "Use this time": a slot with a place left fills the start and end. */
function useTime(s: CalendarDayView['slots'][number], status: HTMLElement): HTMLElement {
  const button = h(
    'button',
    { type: 'button', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-1' },
    'Use this time',
    h('span', { class: 'govuk-visually-hidden' }, `: ${s.title}, ${formatTimeRange(s.start, s.end)}`),
  );
  button.addEventListener('click', () => {
    setValue('start', s.start);
    setValue('end', s.end);
    status.textContent = `Start and end filled in: ${formatTimeRange(s.start, s.end)}.`;
  });
  return button;
}

function dayPanel(r: ManagedRequestView, panel: HTMLElement, status: HTMLElement, day: CalendarDayView) {
  const approved = day.approved ?? [];
  fill(
    panel,
    h('h3', { class: 'govuk-heading-s', id: 'propose-day-heading' }, formatDate(day.date)),
    h('p', { class: 'govuk-body-s' }, day.session ? `The school day runs from ${formatTimeRange(day.session.start, day.session.end)}.` : ''),
    approved.length
      ? h(
          'ul',
          { class: 'govuk-list govuk-list--bullet govuk-body-s', id: 'propose-day-approved' },
          approved.map((a) =>
            h('li', null, `${formatTimeRange(a.start, a.end)}: an approved encounter for ${formatYears(a.yearGroups)} `, h('a', { class: 'govuk-link', href: viewHref(a.requestId) }, 'see it', h('span', { class: 'govuk-visually-hidden' }, ` (${formatDate(day.date)}, ${formatTimeRange(a.start, a.end)})`))),
          ),
        )
      : h('p', { class: 'govuk-body-s' }, `No approved encounters for ${formatYears(r.yearGroups)} on this day.`),
    day.slots.length
      ? h(
          'ul',
          { class: 'govuk-list govuk-body-s', id: 'propose-day-slots' },
          day.slots.map((s) =>
            h(
              'li',
              null,
              `${s.title}, ${formatTimeRange(s.start, s.end)}, ${s.placesLeft > 0 ? `${count(s.placesLeft, 'place')} left` : 'full'} `,
              s.placesLeft > 0 ? useTime(s, status) : null,
            ),
          ),
        )
      : null,
  );
}

/** The calendar section above the propose form's date and times. */
export function proposeCalendar(r: ManagedRequestView): Child[] {
  const today = todayInLondon();
  const tomorrow = addDays(today, 1);
  const problem = h('p', { class: 'govuk-body', id: 'calendar-problem', hidden: true });
  const status = h('div', { class: 'govuk-visually-hidden', role: 'status', 'aria-live': 'polite', id: 'propose-filled' });
  const panel = h('div', { class: 'app-calendar-day', id: 'propose-day' }, h('p', { class: 'govuk-body', id: 'propose-day-hint' }, 'Choose a day to fill in the date below.'));
  // The request's own month when it is still ahead, else tomorrow's; the first answer sets the bounds exactly.
  const start = r.date >= tomorrow ? r.date : tomorrow;
  const calendar = createMonthCalendar({
    id: 'calendar',
    what: `free times and approved encounters for ${formatYears(r.yearGroups)}`,
    firstMonth: monthOf(today),
    lastMonth: monthOf(addDays(today, 366)),
    initialDate: start,
    present: (day) => present(r, day),
    load: async (month) => {
      try {
        const { calendar: view } = await api<{ calendar: CalendarMonthView }>(
          'GET',
          href(`/api/manage/schools/${encodeURIComponent(r.urn)}/calendar`, { month, yearGroups: [...r.yearGroups].sort((a, b) => a - b).join(',') }),
        );
        problem.hidden = true;
        return view;
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        fill(problem, `We could not load ${monthName(month)}: ${err.message}`);
        problem.hidden = false;
        return undefined;
      }
    },
    onChoose: (day) => {
      fillDate(day.date);
      dayPanel(r, panel, status, day);
      status.textContent = `Date filled in: ${formatDate(day.date)}.`;
    },
    summarise: (view) => {
      const busy = view.days.filter((d) => (d.approved ?? []).length > 0).length;
      const open = view.days.filter((d) => !d.closed && d.availability === 'open').length;
      return `${monthName(view.month)}: ${count(open, 'school day')} you can propose, ${busy ? `${count(busy, 'day')} with approved encounters for ${formatYears(r.yearGroups)}` : `no approved encounters for ${formatYears(r.yearGroups)}`}.`;
    },
  });
  void calendar.show(monthOf(start));
  return [
    h('h2', { class: 'govuk-heading-m', id: 'propose-calendar-heading' }, 'Your school’s free times'),
    h(
      'p',
      { class: 'govuk-body' },
      `Days marked busy already have an approved encounter for ${formatYears(r.yearGroups)}. Choose a day to fill in the date. Use the arrow keys to move between days, and Page Up and Page Down to change month.`,
    ),
    calendar.element,
    h(
      'ul',
      { class: 'app-calendar-key', id: 'calendar-key', 'aria-label': 'Key to the calendar' },
      h('li', null, h('span', { class: 'app-calendar-key__swatch app-calendar__cell--busy', 'aria-hidden': 'true' }, 'Busy'), `An approved encounter for ${formatYears(r.yearGroups)}`),
      h('li', null, h('span', { class: 'app-calendar-key__swatch', 'aria-hidden': 'true' }, 'Free'), 'A school day with none'),
      h('li', null, h('span', { class: 'app-calendar-key__swatch app-calendar__cell--closed', 'aria-hidden': 'true' }, 'Shut'), 'School closed'),
    ),
    problem,
    panel,
    status,
    // Focus can jump from the calendar to the form once a day is chosen.
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '#date-group', id: 'skip-to-date' }, 'Go to the date and time')),
  ];
}

