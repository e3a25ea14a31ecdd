// Term-date files shaped like a council's (issue 17, item 2), for the API and browser tests:
// all-day VEVENTs, DTEND the day after (RFC 5545), CRLF line endings.
import { addDays } from '#shared/domain/dates.ts';
import type { Term } from '#shared/domain/types.ts';

const ymd = (d: string) => d.replaceAll('-', '');
export const allDay = (summary: string, start: string, endInclusive = start) =>
  ['BEGIN:VEVENT', `UID:${ymd(start)}-${summary.replace(/\W+/g, '-')}@council.example`, 'DTSTAMP:20260101T000000Z', `DTSTART;VALUE=DATE:${ymd(start)}`, `DTEND;VALUE=DATE:${ymd(addDays(endInclusive, 1))}`, `SUMMARY:${summary}`, 'TRANSP:TRANSPARENT', 'END:VEVENT'];

const SEASONS = ['Autumn', 'Spring', 'Summer'];
const HOLIDAYS = ['Christmas holiday', 'Easter holiday', 'Summer holiday'];

/** The school's half terms as a council publishes them: each term one spanning event, its half term and the holiday after it spanning, one event per INSET day. */
export function councilIcs(terms: readonly Term[], insetDays: readonly string[]): string {
  const sorted = [...terms].sort((a, b) => (a.start < b.start ? -1 : 1));
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Example Council//Term dates//EN', 'CALSCALE:GREGORIAN', 'X-WR-CALNAME:School term dates'];
  for (let i = 0; i + 1 < sorted.length; i += 2) {
    const [first, second] = [sorted[i] as Term, sorted[i + 1] as Term];
    const season = SEASONS[(i / 2) % 3] ?? 'Autumn';
    lines.push(...allDay(`${season} term ${first.start.slice(0, 4)}`, first.start, second.end));
    lines.push(...allDay(`${season} half term`, addDays(first.end, 1), addDays(second.start, -1)));
    const next = sorted[i + 2];
    if (next) lines.push(...allDay(HOLIDAYS[(i / 2) % 3] ?? 'Holiday', addDays(second.end, 1), addDays(next.start, -1)));
  }
  for (const d of insetDays) lines.push(...allDay('INSET day (school closed to pupils)', d));
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

