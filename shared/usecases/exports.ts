// Exports (issue 6 item 3): the encounters CSV a careers hub or Compass+ records (the
// school's private calendar feed is in calendar-feeds.ts). The CSV is written the one way
// every export is (csv.ts).
import { academicYearBounds, academicYearOf } from '#shared/domain/academic-year.ts';
import { daysBetween } from '#shared/domain/dates.ts';
import { isEligibleEncounter } from '#shared/domain/encounters.ts';
import { PROVIDER_TYPE_LABELS, SESSION_TYPE_LABELS } from '#shared/domain/labels.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { formatYearGroups, yearGroupLabel } from '#shared/domain/year-groups.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { Store } from '#shared/store/client.ts';
import { listEncountersOfSchool } from '#shared/store/requests.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
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
