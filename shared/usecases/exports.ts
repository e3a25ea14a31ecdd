// Exports (issue 6 item 3): the encounters CSV a careers hub or Compass+ records, and the
// school's private calendar feed. The CSV is written the one way every export is (csv.ts).
import { timingSafeEqual } from 'node:crypto';
import type { CalendarFeedAnswer } from '#shared/domain/calendar-feed.ts';
import { academicYearBounds, academicYearOf } from '#shared/domain/academic-year.ts';
import { addDays, daysBetween } from '#shared/domain/dates.ts';
import { isEligibleEncounter } from '#shared/domain/encounters.ts';
import { PROVIDER_TYPE_LABELS, SESSION_TYPE_LABELS } from '#shared/domain/labels.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { formatYearGroups, yearGroupLabel } from '#shared/domain/year-groups.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { buildSchoolFeed } from '#shared/mail/calendar.ts';
import { siteUrl } from '#shared/mail/links.ts';
import { getCalendarFeed, putCalendarFeed } from '#shared/store/calendar-feeds.ts';
import type { Store } from '#shared/store/client.ts';
import { listEncountersOfSchool } from '#shared/store/requests.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import { hashSecret, newSecret } from '#shared/store/secrets.ts';
import { contentConfirmed } from './coverage.ts';
import { requireSchool } from './schools.ts';
import { spreadsheetCsv, type CsvFile } from './csv.ts';

/** At most three academic years in one file. */
export const MAX_EXPORT_DAYS = 3 * 366;

export const CSV_COLUMNS = [
  'Date',
  'Start',
  'End',
  'Provider',
  'Provider type',
  'UKPRN',
  'Year groups',
  'Session type',
  'Delivered',
  'Four items confirmed',
  'Attendance',
  'Eligible provider access encounter',
] as const;

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

export function csvRow(school: Pick<StoredSchool, 'calendar'>, r: StoredRequest): string[] {
  const delivered = r.status === 'delivered';
  const confirmed = contentConfirmed(r);
  const attendance = (r.delivery?.attendance ?? []).map((a) => `${yearGroupLabel(a.yearGroup)}: ${a.pupils}`).join('; ');
  return [
    r.date,
    r.start,
    r.end,
    r.provider.organisation,
    PROVIDER_TYPE_LABELS[r.provider.type] ?? r.provider.type,
    r.provider.ukprn ?? '',
    formatYearGroups(r.yearGroups),
    SESSION_TYPE_LABELS[r.sessionType] ?? r.sessionType,
    yesNo(delivered),
    yesNo(confirmed),
    attendance,
    yesNo(isEligibleEncounter(school, { delivered, contentConfirmed: confirmed, yearGroups: r.yearGroups, date: r.date, start: r.start, end: r.end })),
  ];
}

export function encountersCsvText(school: Pick<StoredSchool, 'calendar'>, requests: readonly StoredRequest[]): string {
  return spreadsheetCsv(
    requests.map((r) => csvRow(school, r)),
    CSV_COLUMNS,
  );
}

/** One row per encounter (approved or delivered) dated from..to; the current academic year by default. */
export async function encountersCsv(store: Store, urn: string, range: { from?: string; to?: string }, now = new Date()): Promise<CsvFile> {
  const year = academicYearBounds(academicYearOf(londonDate(now.toISOString())));
  const from = range.from ?? year.start;
  const to = range.to ?? year.end;
  const span = daysBetween(from, to);
  if (span < 0) throw new DomainError('DATE_RANGE_REVERSED', 'The "to" date is before the "from" date; swap them.', { fields: { 'query.to': 'Choose a date on or after the "from" date.' } });
  if (span > MAX_EXPORT_DAYS) {
    throw new DomainError('DATE_RANGE_TOO_LONG', 'Export at most three academic years at a time.', { fields: { 'query.to': 'Choose a date within three years of the "from" date.' } });
  }
  const school = await requireSchool(store, urn);
  const requests = await listEncountersOfSchool(store, urn, { from, to });
  return { filename: `encounters-${urn}-${from}-to-${to}.csv`, csv: encountersCsvText(school, requests) };
}

// ---- calendar feed -------------------------------------------------------------------

/** How far back and ahead the feed reaches: a year of history, and the longest booking window. */
export const FEED_DAYS_BACK = 365;
export const FEED_DAYS_AHEAD = 730;

export function calendarFeedUrl(urn: string, secret: string): string {
  return siteUrl(`/api/schools/${encodeURIComponent(urn)}/calendar/${secret}.ics`);
}

/** A new secret address for the school's feed; the old one stops working. Shown once. */
export async function rotateCalendarFeed(store: Store, urn: string, by: string, now = new Date()): Promise<CalendarFeedAnswer> {
  await requireSchool(store, urn);
  const secret = newSecret();
  const createdAt = now.toISOString();
  await putCalendarFeed(store, { urn, secretHash: hashSecret(secret), createdAt, createdBy: by });
  return {
    url: calendarFeedUrl(urn, secret),
    createdAt,
    message: 'Subscribe to this address in your calendar. It is shown only now: keep it private, and make a new one if it is shared by mistake (the old one then stops working).',
  };
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

const FEED_NOT_FOUND = 'There is no calendar at this address. It may have been replaced: ask the careers lead for the current address.';

/** The .ics text of a school's feed, if `secret` is its current one; CALENDAR_NOT_FOUND otherwise (nothing leaks). */
export async function calendarFeedIcs(store: Store, urn: string, secret: string, now = new Date()): Promise<string> {
  const [feed, school] = await Promise.all([getCalendarFeed(store, urn), requireSchool(store, urn).catch(() => undefined)]);
  if (!feed || !school || !sameHash(feed.secretHash, hashSecret(secret))) throw new DomainError('CALENDAR_NOT_FOUND', FEED_NOT_FOUND);
  const today = londonDate(now.toISOString());
  const requests = await listEncountersOfSchool(store, urn, { from: addDays(today, -FEED_DAYS_BACK), to: addDays(today, FEED_DAYS_AHEAD) });
  return buildSchoolFeed(school, requests, now, (id) => siteUrl(`/manage/requests/view/?id=${encodeURIComponent(id)}`));
}
