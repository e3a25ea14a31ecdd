// Calendar arithmetic on school-local dates ('YYYY-MM-DD') and wall-clock times ('HH:MM').
// A date here is a day in the school's calendar, not an instant, so the arithmetic runs on
// day numbers (days since 1970-01-01) and never touches a time zone: adding a day is the
// same on the day the clocks change. Time zone conversion lives in timezone.ts.
import type { IsoDate, LocalTime } from './types.ts';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MS_PER_DAY = 86_400_000;

export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** Day of the week as in Date#getUTCDay: 0 Sunday … 6 Saturday. */
export type DayOfWeek = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** True for a real calendar date in 'YYYY-MM-DD' form (rejects 2026-02-30). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** True for a 24-hour wall-clock time 'HH:MM'. */
export function isLocalTime(value: unknown): value is LocalTime {
  return typeof value === 'string' && TIME_RE.test(value);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function dateParts(date: IsoDate): DateParts {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Not a date in YYYY-MM-DD form: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function makeDate(year: number, month: number, day: number): IsoDate {
  return fromDayNumber(Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY));
}

/** Days since 1970-01-01 (the epoch is arbitrary; only differences matter). */
export function dayNumber(date: IsoDate): number {
  const { year, month, day } = dateParts(date);
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function fromDayNumber(n: number): IsoDate {
  const d = new Date(n * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const yyyy = y >= 0 && y <= 9999 ? String(y).padStart(4, '0') : String(y);
  return `${yyyy}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function dayOfWeek(date: IsoDate): DayOfWeek {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(date) + 4) % 7) + 7) % 7) as DayOfWeek;
}

export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

/** Compare two ISO dates; string order equals date order for 'YYYY-MM-DD'. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

/** Inclusive range test. */
export function isWithin(date: IsoDate, start: IsoDate, end: IsoDate): boolean {
  return date >= start && date <= end;
}

/** Every date from `from` to `to`, both included (empty when `to` is before `from`). */
export function eachDate(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let n = dayNumber(from), last = dayNumber(to); n <= last; n++) out.push(fromDayNumber(n));
  return out;
}

/** Minutes since midnight of a wall-clock time. */
export function minutesOfDay(time: LocalTime): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`Not a time in HH:MM form: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function timeFromMinutes(minutes: number): LocalTime {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** "Saturday 14 March 2026": the form every message uses, independent of locale data. */
export function formatDate(date: IsoDate): string {
  const { year, month, day } = dateParts(date);
  return `${DAY_NAMES[dayOfWeek(date)]} ${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** "14 March 2026", for deadlines in running text. */
export function formatDateShort(date: IsoDate): string {
  const { year, month, day } = dateParts(date);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** GOV.UK's short months where space is tight ("Sept", not "Sep"). */
const SHORT_MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'] as const;

/** "Sat 14 Mar 2026", for a table cell. */
export function formatDateAbbreviated(date: IsoDate): string {
  const { year, month, day } = dateParts(date);
  return `${DAY_NAMES[dayOfWeek(date)].slice(0, 3)} ${day} ${SHORT_MONTH_NAMES[month - 1]} ${year}`;
}

/**
 * "9am", "10:45am", "1:30pm", "midday", "midnight": GOV.UK style (the 12-hour clock, no
 * leading zero, no ":00", and "midday" rather than "12pm"). Every page, email and message
 * says a time this way; only .ics files and CSV exports keep HH:MM.
 */
export function formatTime(time: LocalTime): string {
  // Anything else is said as given: a form's check page shows what was typed, and the API judges it.
  if (!isLocalTime(time)) return time;
  const minutes = minutesOfDay(time);
  if (minutes === 12 * 60) return 'midday';
  if (minutes === 0) return 'midnight';
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  return `${hour % 12 === 0 ? 12 : hour % 12}${minute === 0 ? '' : `:${pad2(minute)}`}${hour < 12 ? 'am' : 'pm'}`;
}

/** "10am to 11am" (GOV.UK: "to" in a range, not a dash). */
export function formatTimeRange(start: LocalTime, end: LocalTime): string {
  return `${formatTime(start)} to ${formatTime(end)}`;
}

/** "Tuesday 12 January 2027, 10am to 11am": when a visit, a slot or a proposed time is. */
export function formatDateTimeRange(date: IsoDate, start: LocalTime, end: LocalTime): string {
  return `${formatDate(date)}, ${formatTimeRange(start, end)}`;
}

/** "12 January 2027 at 4:05pm": when something happened (timezone.ts formatWhen takes an instant). */
export function formatDateTime(date: IsoDate, time: LocalTime): string {
  return `${formatDateShort(date)} at ${formatTime(time)}`;
}

/** A real calendar date from a day, month and four-digit year as typed, or undefined (31 February is not one). */
export function realDate(year: number, month: number, day: number): IsoDate | undefined {
  if (![year, month, day].every(Number.isInteger) || year < 1000 || year > 9999 || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return makeDate(year, month, day);
}

/** The first date on or after `date` falling on `dow`. */
export function nextDayOfWeek(date: IsoDate, dow: DayOfWeek): IsoDate {
  return addDays(date, (dow - dayOfWeek(date) + 7) % 7);
}

/** The last date in a month falling on `dow` (e.g. the last Monday of May). */
export function lastDayOfWeekInMonth(year: number, month: number, dow: DayOfWeek): IsoDate {
  const last = makeDate(year, month, daysInMonth(year, month));
  return addDays(last, -((dayOfWeek(last) - dow + 7) % 7));
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
