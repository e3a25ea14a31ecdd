// Europe/London wall clock ⇄ instant. Offsets come from the runtime's IANA data through
// Intl.DateTimeFormat, never from hand-written rules, so BST/GMT changes (last Sunday of
// March and October at 01:00 UTC) and any future change of law follow the tz database.
import { formatDate, formatDateTime, isIsoDate, isLocalTime } from './dates.ts';
import { DomainError } from './errors.ts';
import type { Instant, IsoDate, LocalTime } from './types.ts';

export const SCHOOL_TIME_ZONE = 'Europe/London';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: SCHOOL_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface LocalDateTime {
  date: IsoDate;
  time: LocalTime;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(utcMs: number): WallClock {
  const get: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') get[p.type] = Number(p.value);
  }
  return {
    year: get.year ?? 0,
    month: get.month ?? 1,
    day: get.day ?? 1,
    hour: get.hour ?? 0,
    minute: get.minute ?? 0,
    second: get.second ?? 0,
  };
}

/** London's offset from UTC in minutes at an instant: 0 in winter (GMT), 60 in summer (BST). */
export function londonOffsetMinutes(utcMs: number): number {
  const w = wallClockAt(utcMs);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / MINUTE_MS);
}

/**
 * The instant of a London wall-clock date and time. The two edge cases cannot occur in a
 * school day but are defined anyway: a time skipped when clocks go forward (01:00–01:59 on
 * the last Sunday of March) maps forward by the gap; a time that happens twice when they go
 * back (01:00–01:59 on the last Sunday of October) maps to the first, BST, occurrence.
 */
export function localToUtcMs(date: IsoDate, time: LocalTime): number {
  if (!isIsoDate(date)) throw new DomainError('DATE_FORMAT', `"${date}" is not a date; write it as YYYY-MM-DD.`, { field: 'date' });
  if (!isLocalTime(time)) throw new DomainError('TIME_FORMAT', `"${time}" is not a time; write it as HH:MM (24-hour clock).`, { field: 'time' });
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const candidates = [londonOffsetMinutes(asUtc - 12 * HOUR_MS), londonOffsetMinutes(asUtc + 12 * HOUR_MS)]
    .map((offset) => asUtc - offset * MINUTE_MS)
    .filter((t) => londonOffsetMinutes(t) * MINUTE_MS === asUtc - t)
    .sort((a, b) => a - b);
  // No candidate: a skipped time; use the offset in force before the change.
  return candidates[0] ?? asUtc - londonOffsetMinutes(asUtc - 12 * HOUR_MS) * MINUTE_MS;
}

/** ISO-8601 instant with London's offset, e.g. '2026-03-30T09:00:00+01:00'. */
export function toInstant(date: IsoDate, time: LocalTime): Instant {
  return formatInstant(localToUtcMs(date, time));
}

/** Any epoch-milliseconds value as an ISO instant with London's offset at that moment. */
export function formatInstant(utcMs: number): Instant {
  const w = wallClockAt(utcMs);
  const offset = londonOffsetMinutes(utcMs);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${String(w.year).padStart(4, '0')}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}:${p(w.second)}` +
    `${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)}`
  );
}

/** Epoch milliseconds of an ISO instant; throws a DomainError for anything unparseable. */
export function instantMs(instant: Instant): number {
  const ms = typeof instant === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(instant) ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new DomainError('INSTANT_FORMAT', `"${String(instant)}" is not a date and time; use ISO 8601 with an offset, e.g. 2026-03-30T09:00:00+01:00.`, {
      field: 'now',
    });
  }
  return ms;
}

/** The London wall-clock date and time of an instant (seconds dropped). */
export function fromInstant(instant: Instant): LocalDateTime {
  const w = wallClockAt(instantMs(instant));
  const p = (n: number) => String(n).padStart(2, '0');
  return { date: `${String(w.year).padStart(4, '0')}-${p(w.month)}-${p(w.day)}`, time: `${p(w.hour)}:${p(w.minute)}` };
}

/** The school-local calendar date of an instant: what "today" means for a school. */
export function londonDate(instant: Instant): IsoDate {
  return fromInstant(instant).date;
}

/**
 * When something happened, in words: "12 January 2027 at 4:05pm" in London for an
 * instant, "Tuesday 12 January 2027" for a date (a reply-by date is a day, not a moment).
 */
export function formatWhen(value: Instant | IsoDate): string {
  if (isIsoDate(value)) return formatDate(value);
  const { date, time } = fromInstant(value);
  return formatDateTime(date, time);
}
