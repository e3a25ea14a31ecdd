// A month of a school's calendar as a grid shows it (issue 14, item 4): for each date,
// why the school is shut (weekend, bank holiday, school holiday, or one of its own
// closures with its note) or, on a school day, its session times, whether a request may
// name it (R-NOTICE), the open slots with places left (P-SLOT) and, for the school's own
// staff, the encounters already approved for each year group. Pure: the use case reads
// the school, its opportunities, its booked slots and year-group days for the month.
import { bankHolidayOn } from './bank-holidays.ts';
import { closureOn, expandOpportunity, sessionOn, termOn, weekdayName, weekdayOf } from './calendar.ts';
import { addDays, daysInMonth, makeDate } from './dates.ts';
import type { OpenSlot } from './slot-places.ts';
import type { ClosureReason, IsoDate, LocalTime, Opportunity, School, YearGroup } from './types.ts';
import type { YearGroupDay } from './year-group-days.ts';

/** Why a date is not a school day, in the words of the school's calendar. */
export const CLOSED_KINDS = ['WEEKEND', 'BANK_HOLIDAY', 'HOLIDAY', 'INSET', 'EXAMS', 'TRIP', 'OTHER', 'NO_SESSIONS'] as const;
export type ClosedKind = (typeof CLOSED_KINDS)[number];

/** What a closure's reason is called on a calendar ("INSET day: Staff training day"). */
const CLOSURE_KIND_LABELS: Record<ClosureReason, string> = {
  INSET: 'INSET day',
  EXAMS: 'Exam closure',
  TRIP: 'School trip',
  OTHER: 'Closed',
};

/** On a school day: may a request name it now? `past` (today or before), `notice` (too soon, R-NOTICE), `window` (beyond the booking window). */
export type DayAvailability = 'open' | 'past' | 'notice' | 'window';

export interface ApprovedInterval {
  start: LocalTime;
  end: LocalTime;
  yearGroups: YearGroup[];
  requestId: string;
}

export interface MonthDay {
  date: IsoDate;
  closed?: { kind: ClosedKind; label: string };
  /** The school's session times, on a school day. */
  session?: { start: LocalTime; end: LocalTime };
  availability?: DayAvailability;
  slots: OpenSlot[];
  /** Staff only: the encounters approved that day for the year groups asked about. */
  approved?: ApprovedInterval[];
}

/** One month of a school's calendar, each date with its closure or its open slots. */
export interface SchoolMonth {
  urn: string;
  /** YYYY-MM */
  month: string;
  today: IsoDate;
  /** The first and last dates a request (or, for staff, the school's own proposal) may name. */
  bookableFrom: IsoDate;
  bookableTo: IsoDate;
  /** The months either side that may be asked for (today's month to the booking window's), when there are. */
  previous?: string;
  next?: string;
  days: MonthDay[];
}

/** A month as 'YYYY-MM' → its first and last dates. */
export function monthRange(month: string): { first: IsoDate; last: IsoDate } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { first: makeDate(y, m, 1), last: makeDate(y, m, daysInMonth(y, m)) };
}

/** The month 'YYYY-MM' a date falls in. */
export const monthOf = (date: IsoDate): string => date.slice(0, 7);

/** The month before or after ('YYYY-MM'). */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return monthOf(makeDate(y, m + by, 1));
}

/** Why the school is shut on a date, or undefined on a school day. Same order of reasons as schoolDayCheck (R-HOURS). */
export function closedOn(school: Pick<School, 'calendar'>, date: IsoDate): MonthDay['closed'] {
  const day = weekdayOf(date);
  if (!day) return { kind: 'WEEKEND', label: 'Weekend' };
  const holiday = bankHolidayOn(date, school.calendar.bankHolidays);
  if (holiday) return { kind: 'BANK_HOLIDAY', label: `Bank holiday: ${holiday.name}` };
  if (!termOn(school.calendar, date)) return { kind: 'HOLIDAY', label: 'School holiday' };
  const closure = closureOn(school.calendar, date);
  if (closure) {
    const kind = CLOSURE_KIND_LABELS[closure.reason];
    return { kind: closure.reason, label: closure.note ? `${kind}: ${closure.note}` : kind };
  }
  if (!sessionOn(school.calendar, date)) return { kind: 'NO_SESSIONS', label: `No sessions on ${weekdayName(day)}s` };
  return undefined;
}

/** A booked slot item's places, as the store keeps them. */
export interface BookedPlaces {
  opportunityId: string;
  date: IsoDate;
  time: LocalTime;
  capacity: number;
  held: number;
}

/**
 * The open slots of a school between two dates, each with its places left: a booked slot's
 * own item counts its places (capacity and every place taken, P-SLOT), as the booking's
 * conditional writes do; a slot never booked has the opportunity's capacity.
 */
export function openSlotsOf(school: Pick<School, 'calendar'>, opportunities: readonly Opportunity[], booked: readonly BookedPlaces[], from: IsoDate, to: IsoDate): OpenSlot[] {
  const stored = new Map(booked.map((s) => [`${s.opportunityId}|${s.date}|${s.time}`, s]));
  const slots: OpenSlot[] = [];
  for (const o of opportunities) {
    for (const d of expandOpportunity(school, o, from, to)) {
      const item = stored.get(`${o.id}|${d.date}|${d.start}`);
      const capacity = item?.capacity ?? d.capacity;
      const placesLeft = Math.max(0, capacity - (item?.held ?? 0));
      slots.push({ opportunityId: o.id, title: o.title, sessionType: o.sessionType, yearGroups: d.yearGroups, date: d.date, start: d.start, end: d.end, capacity, placesLeft, venue: o.venue });
    }
  }
  return slots.sort((a, b) => `${a.date}${a.start}`.localeCompare(`${b.date}${b.start}`));
}

export interface MonthInput {
  month: string;
  today: IsoDate;
  /** The first and last dates a request may name (R-NOTICE; the school's own proposals waive its notice). */
  bookableFrom: IsoDate;
  bookableTo: IsoDate;
  slots: readonly OpenSlot[];
  /** Staff: the month's year-group days of the year groups asked about. */
  approvedDays?: readonly YearGroupDay[];
}

/**
 * Every date of the month: closed with its reason, or a school day with its session, its
 * availability and the open slots a request may still name (none before `bookableFrom`
 * or after `bookableTo`). Approved encounters of several year groups at the same time (one
 * assembly for Years 10 and 11) are one interval naming both.
 */
export function schoolMonth(school: Pick<School, 'calendar'>, input: MonthInput): MonthDay[] {
  const { first, last } = monthRange(input.month);
  const days: MonthDay[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    const closed = closedOn(school, date);
    if (closed) {
      days.push({ date, closed, slots: [], ...(input.approvedDays ? { approved: [] } : {}) });
      continue;
    }
    const session = sessionOn(school.calendar, date);
    const availability: DayAvailability = date <= input.today ? 'past' : date < input.bookableFrom ? 'notice' : date > input.bookableTo ? 'window' : 'open';
    const slots = availability === 'open' ? input.slots.filter((s) => s.date === date) : [];
    const day: MonthDay = { date, ...(session ? { session: { start: session.start, end: session.end } } : {}), availability, slots };
    if (input.approvedDays) day.approved = approvedOn(input.approvedDays.filter((d) => d.date === date));
    days.push(day);
  }
  return days;
}

function approvedOn(days: readonly YearGroupDay[]): ApprovedInterval[] {
  const byRequest = new Map<string, ApprovedInterval>();
  for (const day of days) {
    for (const i of day.intervals) {
      const known = byRequest.get(i.requestId);
      if (known) known.yearGroups.push(day.yearGroup);
      else byRequest.set(i.requestId, { start: i.start, end: i.end, yearGroups: [day.yearGroup], requestId: i.requestId });
    }
  }
  return [...byRequest.values()].map((a) => ({ ...a, yearGroups: [...a.yearGroups].sort((x, y) => x - y) })).sort((a, b) => a.start.localeCompare(b.start));
}
