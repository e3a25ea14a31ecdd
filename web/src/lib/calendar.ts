// The month grid of a school's calendar (issue 14, item 4), one component for the school
// page (free slots) and the careers lead's "propose another time" page (free times and
// approved encounters). GOV.UK has no calendar; this follows the MOJ Design System's date
// picker: a real <table> with a caption naming the month and column headers with the full
// day names, one button per date whose name is the whole date and what the day holds
// (the visible words are hidden from screen readers, so nothing is read twice), a roving
// tabindex (one date in the tab order, arrows move it: Left/Right a day, Up/Down a week,
// Home/End the week's first and last day, PageUp/PageDown a month) and aria-current on
// the chosen date. Previous and next month are buttons with visible words. The grid is
// always six weeks of fixed-height rows, drawn with its dates before its data arrives, so
// nothing moves when the month loads.
import type { CalendarDayView, CalendarMonthView, ClosedKind } from '#shared/api/calendar.ts';
import { DAY_NAMES, MONTH_NAMES, addDays, dateParts, dayOfWeek, formatDate } from '#shared/domain/dates.ts';
import { monthOf, monthRange, shiftMonth } from '#shared/domain/school-month.ts';
import { h, type Child } from './dom.ts';

export type { CalendarDayView, CalendarMonthView };

/** Short words for a closed day in a cell ("INSET day", not the note: the screen reader and the day's panel say it all). */
const CLOSED_SHORT: Record<ClosedKind, string> = {
  WEEKEND: '',
  BANK_HOLIDAY: 'Bank holiday',
  HOLIDAY: 'Holiday',
  INSET: 'INSET day',
  EXAMS: 'Exams',
  TRIP: 'Trip',
  OTHER: 'Closed',
  NO_SESSIONS: 'No sessions',
};

/** A day the school is shut, as both calendars show it: the reason read out, a short word in the cell. */
export function closedDay(closed: NonNullable<CalendarDayView['closed']>): DayPresentation {
  return { text: `closed: ${closed.label}`, detail: [CLOSED_SHORT[closed.kind]], marker: closed.kind === 'WEEKEND' ? '' : 'Shut', state: 'closed', choosable: false };
}

/** What a page says about one day: the words after the date for a screen reader, and what is seen. */
export interface DayPresentation {
  /** e.g. "closed: INSET day: Staff training day" or "2 slots, 3 places left". */
  text: string;
  /** Seen in the cell from tablet width (hidden from screen readers: `text` says it). */
  detail: Child[];
  /** Seen in the cell on a phone: a word or two. */
  marker: string;
  /** A state for the cell's look: closed, slots, full, open, unavailable, busy… */
  state: string;
  /** Whether choosing it does anything (others are aria-disabled, still reachable). */
  choosable: boolean;
}

export interface MonthCalendarOptions {
  id: string;
  /** Said after the month in the caption, e.g. "free slots". */
  what: string;
  /** The months that may be shown, from today's to the booking window's, until the first answer says (its today and bookableTo). */
  firstMonth: string;
  lastMonth: string;
  /** Keep firstMonth to lastMonth whatever the answers say (the year plan: a whole academic year, past months too). */
  fixedMonths?: boolean;
  /** The date in the tab order before any is chosen (the first bookable, the request's own). */
  initialDate?: string;
  present: (day: CalendarDayView) => DayPresentation;
  /** The month's data; undefined when it could not be loaded (the page says why). */
  load: (month: string) => Promise<CalendarMonthView | undefined>;
  onChoose: (day: CalendarDayView) => void;
  /** Told politely after a month has loaded: e.g. "February 2027: 6 slots on 4 days". */
  summarise: (view: CalendarMonthView) => string;
}

export interface MonthCalendar {
  element: HTMLElement;
  /** Shows a month (its dates at once, its data when loaded), focusing `focus` if given. */
  show: (month: string, focus?: string) => Promise<void>;
  /** Loads the month shown again (after a filter changed). */
  reload: () => Promise<void>;
  /** The month shown. */
  month: () => string;
}

/** "January 2027". */
export function monthName(month: string): string {
  const { year, month: m } = dateParts(`${month}-01`);
  return `${MONTH_NAMES[m - 1]} ${year}`;
}

/** Monday-first day names, as the MOJ date picker's columns. */
const COLUMNS = [1, 2, 3, 4, 5, 6, 0].map((d) => DAY_NAMES[d] ?? '');
const WEEKS = 6;

/** The Monday on or before a date. */
const mondayOf = (date: string) => addDays(date, -((dayOfWeek(date) + 6) % 7));

export function createMonthCalendar(o: MonthCalendarOptions): MonthCalendar {
  const bounds = { first: o.firstMonth, last: o.lastMonth };
  let current = o.initialDate ? monthOf(o.initialDate) : o.firstMonth;
  let view: CalendarMonthView | undefined;
  let chosen: string | undefined;
  let focusDate: string | undefined = o.initialDate;
  let loadSeq = 0;

  const status = h('div', { class: 'govuk-visually-hidden', role: 'status', 'aria-live': 'polite', id: `${o.id}-status` });
  const caption = h('caption', { class: 'govuk-table__caption govuk-table__caption--m app-calendar__caption', id: `${o.id}-caption` });
  const body = h('tbody', null);
  const table = h(
    'table',
    { class: 'app-calendar__grid', id: `${o.id}-grid` },
    caption,
    h('thead', null, h('tr', null, COLUMNS.map((name) => h('th', { scope: 'col', class: 'app-calendar__head' }, h('abbr', { title: name }, name.slice(0, 3)))))),
    body,
  );
  const previous = h('button', { type: 'button', class: 'govuk-button govuk-button--secondary app-calendar__move', id: `${o.id}-previous` }, 'Previous month');
  const next = h('button', { type: 'button', class: 'govuk-button govuk-button--secondary app-calendar__move', id: `${o.id}-next` }, 'Next month');
  // aria-disabled rather than disabled at the ends: a button that held focus keeps it.
  previous.addEventListener('click', () => previous.getAttribute('aria-disabled') !== 'true' && void show(shiftMonth(current, -1)));
  next.addEventListener('click', () => next.getAttribute('aria-disabled') !== 'true' && void show(shiftMonth(current, 1)));
  const element = h('div', { class: 'app-calendar', id: o.id }, h('div', { class: 'app-calendar__nav' }, previous, next), table, status);

  const buttons = () => [...body.querySelectorAll<HTMLButtonElement>('button[data-date]')];
  const buttonFor = (date: string) => body.querySelector<HTMLButtonElement>(`button[data-date="${date}"]`);

  function setNav() {
    const before = shiftMonth(current, -1);
    const after = shiftMonth(current, 1);
    // Kept in place at the ends, so the grid never moves; the hidden words say which month.
    setMove(previous, 'Previous month', before, before >= bounds.first);
    setMove(next, 'Next month', after, after <= bounds.last);
  }

  function setMove(button: HTMLButtonElement, words: string, month: string, allowed: boolean) {
    button.replaceChildren(words, h('span', { class: 'govuk-visually-hidden' }, `: ${monthName(month)}`));
    if (allowed) button.removeAttribute('aria-disabled');
    else button.setAttribute('aria-disabled', 'true');
  }

  /** The six weeks from the Monday before the 1st; only the month's own dates are buttons. */
  function drawGrid() {
    const { first, last } = monthRange(current);
    caption.replaceChildren(monthName(current), h('span', { class: 'govuk-visually-hidden' }, `, ${o.what}`));
    const start = mondayOf(first);
    const rows: HTMLElement[] = [];
    for (let w = 0; w < WEEKS; w++) {
      const cells: HTMLElement[] = [];
      for (let d = 0; d < 7; d++) {
        const date = addDays(start, w * 7 + d);
        if (date < first || date > last) {
          cells.push(h('td', { class: 'app-calendar__cell app-calendar__cell--outside' }));
          continue;
        }
        const button = h(
          'button',
          { type: 'button', class: 'app-calendar__day', 'data-date': date, tabindex: '-1' },
          h('span', { class: 'app-calendar__number', 'aria-hidden': 'true' }, String(dateParts(date).day)),
          h('span', { class: 'govuk-visually-hidden app-calendar__words' }, formatDate(date)),
          h('span', { class: 'app-calendar__marker', 'aria-hidden': 'true' }),
          h('span', { class: 'app-calendar__detail', 'aria-hidden': 'true' }),
        );
        button.addEventListener('click', () => choose(date));
        cells.push(h('td', { class: 'app-calendar__cell' }, button));
      }
      rows.push(h('tr', null, cells));
    }
    body.replaceChildren(...rows);
    setRoving(focusDate && focusDate >= first && focusDate <= last ? focusDate : chosen && monthOf(chosen) === current ? chosen : first, false);
  }

  function fillDays(v: CalendarMonthView) {
    for (const day of v.days) {
      const button = buttonFor(day.date);
      if (!button) continue;
      const p = o.present(day);
      const cell = button.parentElement as HTMLElement;
      cell.className = `app-calendar__cell app-calendar__cell--${p.state}${day.date === v.today ? ' app-calendar__cell--today' : ''}`;
      (button.querySelector('.app-calendar__words') as HTMLElement).textContent = `${formatDate(day.date)}${day.date === v.today ? ' (today)' : ''}: ${p.text}`;
      (button.querySelector('.app-calendar__marker') as HTMLElement).textContent = p.marker;
      (button.querySelector('.app-calendar__detail') as HTMLElement).replaceChildren(...p.detail.map((c) => (c instanceof Node ? c : document.createTextNode(String(c ?? '')))));
      if (p.choosable) button.removeAttribute('aria-disabled');
      else button.setAttribute('aria-disabled', 'true');
    }
    markChosen();
  }

  function markChosen() {
    for (const b of buttons()) {
      if (b.dataset.date === chosen) b.setAttribute('aria-current', 'date');
      else b.removeAttribute('aria-current');
    }
  }

  /** One date in the tab order (the MOJ date picker's roving tabindex). */
  function setRoving(date: string, focus: boolean) {
    for (const b of buttons()) b.tabIndex = b.dataset.date === date ? 0 : -1;
    focusDate = date;
    if (focus) buttonFor(date)?.focus();
  }

  function choose(date: string) {
    const day = view?.days.find((d) => d.date === date);
    setRoving(date, false);
    if (!day || !o.present(day).choosable) return;
    chosen = date;
    markChosen();
    o.onChoose(day);
  }

  async function show(month: string, focus?: string) {
    const clamped = month < bounds.first ? bounds.first : month > bounds.last ? bounds.last : month;
    const moved = clamped !== current || !view;
    current = clamped;
    if (focus) focusDate = focus;
    if (moved) {
      view = undefined;
      setNav();
      drawGrid();
    }
    const hadFocus = focus !== undefined;
    if (hadFocus) setRoving(focus, true);
    await load(hadFocus);
  }

  async function load(keepFocus: boolean) {
    const seq = ++loadSeq;
    table.setAttribute('aria-busy', 'true');
    const loaded = await o.load(current);
    if (seq !== loadSeq) return; // a later month was asked for meanwhile
    table.removeAttribute('aria-busy');
    if (!loaded) return;
    view = loaded;
    if (!o.fixedMonths) {
      bounds.first = monthOf(loaded.today);
      bounds.last = monthOf(loaded.bookableTo);
    }
    setNav();
    fillDays(loaded);
    status.textContent = o.summarise(loaded);
    if (keepFocus && focusDate) buttonFor(focusDate)?.focus();
  }

  body.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    const date = target.dataset.date;
    if (!date) return;
    const { last } = monthRange(current);
    let to: string | undefined;
    switch (event.key) {
      case 'ArrowLeft':
        to = addDays(date, -1);
        break;
      case 'ArrowRight':
        to = addDays(date, 1);
        break;
      case 'ArrowUp':
        to = addDays(date, -7);
        break;
      case 'ArrowDown':
        to = addDays(date, 7);
        break;
      case 'Home':
        to = mondayOf(date);
        break;
      case 'End':
        to = addDays(mondayOf(date), 6);
        break;
      case 'PageUp':
      case 'PageDown': {
        const month = shiftMonth(current, event.key === 'PageUp' ? -1 : 1);
        const { last: end } = monthRange(month);
        const day = Math.min(dateParts(date).day, dateParts(end).day);
        to = `${month}-${String(day).padStart(2, '0')}`;
        break;
      }
      default:
        return;
    }
    event.preventDefault();
    const month = monthOf(to);
    if (month === current) return setRoving(to, true);
    // Across the month's edge: the next month if it may be shown, else stay on the edge.
    if (month < bounds.first || month > bounds.last) return setRoving(to < date ? `${current}-01` : last, true);
    void show(month, to);
  });

  setNav();
  drawGrid();
  return { element, show, reload: () => load(false), month: () => current };
}

/** "1 slot", "2 slots"; "1 place", "3 places". */
export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
