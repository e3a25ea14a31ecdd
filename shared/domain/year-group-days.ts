// No two approved encounters for one year group may overlap on a day (DESIGN.md "year-group
// day"): pupils cannot be in two assemblies at once. Pure: the store keeps each day's
// intervals with a version, and this decides whether a new one fits.
import { DomainError } from './errors.ts';
import { formatDate, formatTimeRange, minutesOfDay } from './dates.ts';
import type { IsoDate, LocalTime, YearGroup } from './types.ts';
import { yearGroupLabel } from './year-groups.ts';

export interface BookedInterval {
  start: LocalTime;
  end: LocalTime;
  requestId: string;
  /**
   * The slot it takes a place in (opportunity, date, start), when it does. Encounters in
   * one slot of an opportunity with several places (a careers fair's stands, a carousel)
   * are one event for the pupils, so they share the time rather than clash.
   */
  slot?: string;
}

/** The key of one dated slot of an opportunity, for BookedInterval.slot. */
export function slotKey(place: { opportunityId: string; date: IsoDate; time: LocalTime }): string {
  return `${place.opportunityId}#${place.date}T${place.time}`;
}

export interface YearGroupDay {
  date: IsoDate;
  yearGroup: YearGroup;
  intervals: BookedInterval[];
}

function overlaps(a: { start: LocalTime; end: LocalTime }, b: { start: LocalTime; end: LocalTime }): boolean {
  return minutesOfDay(a.start) < minutesOfDay(b.end) && minutesOfDay(b.start) < minutesOfDay(a.end);
}

/**
 * The days with the encounter added. Throws YEAR_GROUP_BUSY naming the year group
 * and the time already taken when any of them overlaps another approved encounter.
 */
export function bookYearGroups(days: readonly YearGroupDay[], encounter: BookedInterval): YearGroupDay[] {
  for (const day of days) {
    const clash = day.intervals.find(
      (i) => i.requestId !== encounter.requestId && !(encounter.slot !== undefined && i.slot === encounter.slot) && overlaps(i, encounter),
    );
    if (clash) {
      throw new DomainError(
        'YEAR_GROUP_BUSY',
        `${yearGroupLabel(day.yearGroup)} already has an approved encounter on ${formatDate(day.date)} from ${formatTimeRange(clash.start, clash.end)}; choose another time.`,
        { field: 'date', rule: 'P-SLOT' },
      );
    }
  }
  return days.map((d) => ({ ...d, intervals: [...d.intervals.filter((i) => i.requestId !== encounter.requestId), encounter] }));
}

/** The days with one request's encounter taken off (cancelled, moved). */
export function releaseYearGroups(days: readonly YearGroupDay[], requestId: string): YearGroupDay[] {
  return days.map((d) => ({ ...d, intervals: d.intervals.filter((i) => i.requestId !== requestId) }));
}

type Booking = { status: string; date: IsoDate; start: LocalTime; end: LocalTime; yearGroups: readonly YearGroup[] };

/** Statuses in which an encounter occupies its year groups' time. */
const OCCUPYING = new Set(['approved', 'delivered', 'not_delivered']);
/** Statuses in which a request gives up any place it held in a slot. */
const ENDED = new Set(['declined', 'withdrawn', 'expired', 'cancelled']);

export interface BookingChange {
  release?: { date: IsoDate; yearGroups: readonly YearGroup[] };
  book?: { date: IsoDate; start: LocalTime; end: LocalTime; yearGroups: readonly YearGroup[] };
}

/** What a transition does to year-group days: free the old time, take the new, or both. */
export function bookingChange(before: Booking, after: Booking): BookingChange {
  const was = OCCUPYING.has(before.status);
  const is = OCCUPYING.has(after.status);
  const moved = before.date !== after.date || before.start !== after.start || before.end !== after.end || before.yearGroups.join() !== after.yearGroups.join();
  return {
    ...(was && (!is || moved) ? { release: { date: before.date, yearGroups: before.yearGroups } } : {}),
    ...(is && (!was || moved) ? { book: { date: after.date, start: after.start, end: after.end, yearGroups: after.yearGroups } } : {}),
  };
}

/** Whether a request keeps the place it holds in a slot: not once it ended or moved off the slot's time. */
export function keepsSlotPlace(after: Booking, hold: { date: IsoDate; time: LocalTime }): boolean {
  return !ENDED.has(after.status) && after.date === hold.date && after.start === hold.time;
}
