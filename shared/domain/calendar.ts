// The school calendar (R-HOURS): which dates are school days and which times fall inside
// the school day. A school day is a weekday with published session times, in a term, not a
// bank holiday of England and Wales and not a closure (INSET, exams, trips…). Everything
// is in school-local dates and wall-clock times; instants only appear at the edges.
import { bankHolidayOn } from './bank-holidays.ts';
import {
  addDays,
  dayOfWeek,
  daysBetween,
  formatDate,
  formatDateShort,
  formatDateTimeRange,
  formatTime,
  formatTimeRange,
  isIsoDate,
  isLocalTime,
  maxDate,
  minDate,
  minutesOfDay,
} from './dates.ts';
import { DomainError, type ErrorCode, type RuleViolation } from './errors.ts';
import { londonDate } from './timezone.ts';
import {
  CLOSURE_REASONS,
  WEEKDAYS,
  type Closure,
  type ClosureReason,
  type Instant,
  type IsoDate,
  type LocalTime,
  type Opportunity,
  type OpportunitySchedule,
  type School,
  type SchoolCalendar,
  type SessionTimes,
  type Term,
  type Weekday,
  type YearGroup,
} from './types.ts';

/** What the calendar functions need of a school. */
export type SchoolWithCalendar = Pick<School, 'calendar'>;

export const NOT_SCHOOL_TIME_REASONS = ['WEEKEND', 'BANK_HOLIDAY', 'OUTSIDE_TERM', 'CLOSURE', 'OUTSIDE_SESSION'] as const;
export type NotSchoolTimeReason = (typeof NOT_SCHOOL_TIME_REASONS)[number];

export type SchoolDayCheck =
  | { ok: true; session: SessionTimes; term: Term }
  | { ok: false; reason: NotSchoolTimeReason; message: string };

export type SchoolTimeCheck = { ok: true } | { ok: false; reason: NotSchoolTimeReason; message: string };

/** Longest stretch any search for a school day walks before giving up (three years). */
const SEARCH_LIMIT_DAYS = 3 * 366;

const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
};

const CLOSURE_WORDS: Record<ClosureReason, string> = {
  INSET: 'an INSET (staff training) day',
  EXAMS: 'exams',
  TRIP: 'a school trip',
  OTHER: 'a closure',
};

/** 'mon'…'fri' for a weekday, undefined at the weekend. */
export function weekdayOf(date: IsoDate): Weekday | undefined {
  return WEEKDAYS[dayOfWeek(date) - 1];
}

export function weekdayName(day: Weekday): string {
  return WEEKDAY_NAMES[day];
}

/** When an opportunity runs: "Wednesday 10 March 2027, 9am to midday", "Thursdays, 1:30pm to 2:30pm, in term time until 1 July 2027". */
export function describeSchedule(s: OpportunitySchedule): string {
  if (s.kind === 'once') return formatDateTimeRange(s.date, s.start, s.end);
  const span = [s.from ? `from ${formatDateShort(s.from)}` : '', s.until ? `until ${formatDateShort(s.until)}` : ''].filter(Boolean).join(' ');
  return `${weekdayName(s.weekday)}s, ${formatTimeRange(s.start, s.end)}, in term time${span ? ` ${span}` : ''}`;
}

export function termOn(calendar: SchoolCalendar, date: IsoDate): Term | undefined {
  return calendar.terms.find((t) => date >= t.start && date <= t.end);
}

export function closureOn(calendar: SchoolCalendar, date: IsoDate): Closure | undefined {
  return calendar.closures.find((c) => date >= c.start && date <= c.end);
}

/** The published session times for the weekday of a date, if the school runs that day. */
export function sessionOn(calendar: SchoolCalendar, date: IsoDate): SessionTimes | undefined {
  const day = weekdayOf(date);
  return day ? calendar.schoolDay[day] : undefined;
}

/** The first term starting after a date, to point a provider at the next term. */
export function nextTermAfter(calendar: SchoolCalendar, date: IsoDate): Term | undefined {
  return [...calendar.terms].filter((t) => t.start > date).sort((a, b) => (a.start < b.start ? -1 : 1))[0];
}

function closureWords(c: Closure): string {
  const what = CLOSURE_WORDS[c.reason];
  return c.note ? `${what}: ${c.note}` : what;
}

/** Is a date a school day, and if not, why not, in a sentence that says what to choose. */
export function schoolDayCheck(school: SchoolWithCalendar, date: IsoDate): SchoolDayCheck {
  assertDate(date);
  const cal = school.calendar;
  const day = weekdayOf(date);
  if (!day) {
    return { ok: false, reason: 'WEEKEND', message: `${formatDate(date)} is not a school day; choose a weekday in term time.` };
  }
  const holiday = bankHolidayOn(date, cal.bankHolidays);
  if (holiday) {
    return {
      ok: false,
      reason: 'BANK_HOLIDAY',
      message: `${formatDate(date)} is a bank holiday (${holiday.name}); choose another school day.`,
    };
  }
  const term = termOn(cal, date);
  if (!term) {
    const next = nextTermAfter(cal, date);
    const hint = next
      ? `choose a date in term time, for example from ${formatDate(next.start)} when ${next.name} starts`
      : "choose a date in one of the school's terms";
    return { ok: false, reason: 'OUTSIDE_TERM', message: `${formatDate(date)} is outside term time; ${hint}.` };
  }
  const closure = closureOn(cal, date);
  if (closure) {
    return {
      ok: false,
      reason: 'CLOSURE',
      message: `The school is closed to visitors on ${formatDate(date)} (${closureWords(closure)}); choose another school day.`,
    };
  }
  const session = cal.schoolDay[day];
  if (!session) {
    return {
      ok: false,
      reason: 'OUTSIDE_SESSION',
      message: `The school has no sessions on ${weekdayName(day)}s; choose ${runningDaysText(cal)}.`,
    };
  }
  return { ok: true, session, term };
}

function runningDaysText(cal: SchoolCalendar): string {
  const days = WEEKDAYS.filter((d) => cal.schoolDay[d]).map((d) => `${weekdayName(d)}`);
  if (days.length === 0) return 'a date once the school has published its session times';
  return `a ${days.length === 1 ? days[0] : `${days.slice(0, -1).join(', ')} or ${days[days.length - 1]}`}`;
}

/**
 * The same answer as schoolDayCheck(…).ok without building its sentence: counting school
 * days (deadlines, coverage, slots) asks this for every date of a range, and formatting a
 * date and finding the next term for every weekend and holiday was most of that work.
 */
export function isSchoolDay(school: SchoolWithCalendar, date: IsoDate): boolean {
  assertDate(date);
  const day = weekdayOf(date);
  const cal = school.calendar;
  if (!day || bankHolidayOn(date, cal.bankHolidays)) return false;
  return Boolean(termOn(cal, date) && !closureOn(cal, date) && cal.schoolDay[day]);
}

/**
 * R-HOURS: does the whole of start–end on this date fall inside the school's session on a
 * school day? Answers {ok:true} or the first reason it does not, with a sentence a provider
 * can act on.
 */
export function isSchoolTime(school: SchoolWithCalendar, date: IsoDate, start: LocalTime, end: LocalTime): SchoolTimeCheck {
  assertTime(start, 'start');
  assertTime(end, 'end');
  const day = schoolDayCheck(school, date);
  if (!day.ok) return { ok: false, reason: day.reason, message: day.message };
  const s = minutesOfDay(start);
  const e = minutesOfDay(end);
  if (e <= s) {
    return { ok: false, reason: 'OUTSIDE_SESSION', message: `The end time ${formatTime(end)} is not after the start time ${formatTime(start)}; choose an end time after the start.` };
  }
  const { session } = day;
  if (s < minutesOfDay(session.start) || e > minutesOfDay(session.end)) {
    return {
      ok: false,
      reason: 'OUTSIDE_SESSION',
      message: `On ${formatDate(date)} the school day runs from ${formatTimeRange(session.start, session.end)}; choose a start and end time between those times.`,
    };
  }
  return { ok: true };
}

/**
 * The date `n` school days after `date` (`date` itself is not counted; n = 0 gives `date`).
 * Used for response deadlines. Throws NO_SCHOOL_DAYS when the calendar runs out.
 */
export function addSchoolDays(school: SchoolWithCalendar, date: IsoDate, n: number): IsoDate {
  assertDate(date);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addSchoolDays needs a whole number of days ≥ 0, not ${n}`);
  let current = date;
  for (let found = 0, walked = 0; found < n; ) {
    current = addDays(current, 1);
    if (++walked > SEARCH_LIMIT_DAYS) throw noSchoolDays(date);
    if (isSchoolDay(school, current)) found++;
  }
  return current;
}

/** School days from `from` to `to`, both included (0 when `to` is before `from`). */
export function schoolDaysBetween(school: SchoolWithCalendar, from: IsoDate, to: IsoDate): number {
  assertDate(from);
  assertDate(to);
  let count = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isSchoolDay(school, d)) count++;
  return count;
}

/** The first school day on or after `date`, no later than `until` (if given). */
export function firstSchoolDayFrom(school: SchoolWithCalendar, date: IsoDate, until?: IsoDate): IsoDate | undefined {
  assertDate(date);
  const last = until ?? addDays(date, SEARCH_LIMIT_DAYS);
  for (let d = date; d <= last; d = addDays(d, 1)) if (isSchoolDay(school, d)) return d;
  return undefined;
}

/**
 * The last date on which a school may answer a request: `responseDeadlineSchoolDays`
 * school days after the day it arrived, and never later than the day before the
 * encounter (an unanswered request must not reach its own date still pending).
 */
export function responseDeadline(
  school: SchoolWithCalendar & Pick<School, 'rules'>,
  submittedAt: Instant,
  encounterDate?: IsoDate,
): IsoDate {
  const today = londonDate(submittedAt);
  const byRule = addSchoolDays(school, today, school.rules.responseDeadlineSchoolDays);
  return encounterDate ? maxDate(today, minDate(byRule, addDays(encounterDate, -1))) : byRule;
}

/** One dated place to book, from an opportunity's schedule. */
export interface DatedSlot {
  opportunityId: string;
  date: IsoDate;
  start: LocalTime;
  end: LocalTime;
  capacity: number;
  yearGroups: YearGroup[];
}

/** Longest range expandOpportunity accepts, so a bad query cannot loop for years. */
export const MAX_EXPAND_DAYS = 800;

/**
 * The dated slots of an opportunity between two dates (both included): a weekly pattern
 * gives one slot per matching weekday within its own from/until, a one-off gives its date;
 * any slot that is not school time (weekend, bank holiday, outside term, closure, outside
 * the session) is left out.
 */
export function expandOpportunity(school: SchoolWithCalendar, opportunity: Opportunity, from: IsoDate, to: IsoDate): DatedSlot[] {
  assertDate(from);
  assertDate(to);
  if (daysBetween(from, to) > MAX_EXPAND_DAYS) {
    throw new DomainError('RANGE_TOO_LONG', `Ask for at most ${MAX_EXPAND_DAYS} days of slots at a time; choose a "to" date closer to "from".`, {
      field: 'to',
    });
  }
  const s = opportunity.schedule;
  const slot = (date: IsoDate): DatedSlot => ({
    opportunityId: opportunity.id,
    date,
    start: s.start,
    end: s.end,
    capacity: opportunity.capacity,
    yearGroups: [...opportunity.yearGroups],
  });
  const dates: IsoDate[] = [];
  if (s.kind === 'once') {
    if (s.date >= from && s.date <= to) dates.push(s.date);
  } else {
    const first = s.from ? maxDate(from, s.from) : from;
    const last = s.until ? minDate(to, s.until) : to;
    for (let d = first; d <= last; d = addDays(d, 1)) if (weekdayOf(d) === s.weekday) dates.push(d);
  }
  return dates.filter((d) => isSchoolTime(school, d, s.start, s.end).ok).map(slot);
}

/** The last date a weekly opportunity without an end can give a slot on: none. */
export const OPEN_ENDED: IsoDate = '9999-12-31';

/**
 * The last date any of these opportunities can give a slot on (OPEN_ENDED for a weekly one
 * with no end), or undefined when there are none. An upper bound: terms and closures may
 * end the slots sooner, never later. The near search checks slots only at schools whose
 * bound is on or after the first date asked about.
 */
export function lastSlotDate(opportunities: readonly Opportunity[]): IsoDate | undefined {
  let last: IsoDate | undefined;
  for (const { schedule: s } of opportunities) {
    const until = s.kind === 'once' ? s.date : (s.until ?? OPEN_ENDED);
    last = last === undefined ? until : maxDate(last, until);
  }
  return last;
}

/**
 * Problems in a school's own calendar settings, each naming what to fix. An empty list
 * means the calendar is usable.
 */
export function validateCalendar(calendar: SchoolCalendar): RuleViolation[] {
  const out: RuleViolation[] = [];
  const v = (code: ErrorCode, field: string, message: string) => out.push({ code, rule: 'R-HOURS', field, message });
  for (const day of WEEKDAYS) {
    const sess = calendar.schoolDay[day];
    if (!sess) continue;
    const field = `schoolDay.${day}`;
    if (!isLocalTime(sess.start) || !isLocalTime(sess.end)) {
      v('TIME_FORMAT', field, `Write the ${weekdayName(day)} session times as HH:MM (24-hour clock), e.g. 08:45 and 15:15.`);
    } else if (minutesOfDay(sess.end) <= minutesOfDay(sess.start)) {
      v('SESSION_END_BEFORE_START', field, `The ${weekdayName(day)} session ends at ${formatTime(sess.end)}, before it starts at ${formatTime(sess.start)}; make the end later than the start.`);
    }
  }
  if (!WEEKDAYS.some((d) => calendar.schoolDay[d])) {
    v('NO_SESSIONS', 'schoolDay', 'Add the session times of at least one weekday so providers can book.');
  }
  calendar.terms.forEach((t, i) => {
    if (!isIsoDate(t.start) || !isIsoDate(t.end)) v('DATE_FORMAT', `terms.${i}`, `Write the dates of ${t.name || `term ${i + 1}`} as YYYY-MM-DD.`);
    else if (t.end < t.start) v('TERM_END_BEFORE_START', `terms.${i}`, `${t.name || `Term ${i + 1}`} ends before it starts; make its end date on or after ${formatDateShort(t.start)}.`);
  });
  calendar.closures.forEach((c, i) => {
    if (!isIsoDate(c.start) || !isIsoDate(c.end)) v('DATE_FORMAT', `closures.${i}`, `Write the dates of closure ${i + 1} as YYYY-MM-DD.`);
    else if (c.end < c.start) v('CLOSURE_END_BEFORE_START', `closures.${i}`, `Closure ${i + 1} ends before it starts; make its end date on or after ${formatDateShort(c.start)}.`);
    if (!(CLOSURE_REASONS as readonly string[]).includes(c.reason)) {
      v('CLOSURE_REASON', `closures.${i}.reason`, `Give closure ${i + 1} a reason: one of ${CLOSURE_REASONS.join(', ')}.`);
    }
  });
  return out;
}

function noSchoolDays(date: IsoDate): DomainError {
  return new DomainError(
    'NO_SCHOOL_DAYS',
    `The school calendar has no school days in the three years after ${formatDate(date)}; add the coming terms' dates and session times.`,
    { rule: 'R-HOURS', field: 'calendar.terms' },
  );
}

function assertDate(date: IsoDate): void {
  if (!isIsoDate(date)) {
    throw new DomainError('DATE_FORMAT', `"${String(date)}" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-16.`, { field: 'date' });
  }
}

function assertTime(time: LocalTime, field: string): void {
  if (!isLocalTime(time)) {
    throw new DomainError('TIME_FORMAT', `"${String(time)}" is not a time; write it as HH:MM on the 24-hour clock, e.g. 09:30.`, { field });
  }
}
