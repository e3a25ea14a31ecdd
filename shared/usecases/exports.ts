// Exports (issue 6 item 3): the encounters CSV a careers hub records, and (issue 16 item 5)
// the Compass+ CSV, one academic year with the four content items, pupils on roll and who
// took part, the session of a split encounter and why an encounter is not PAL-eligible
// (the school's private calendar feed is in calendar-feeds.ts). Both are written the one
// way every export is (csv.ts), and both take the PAL flag from one rule (palShortfalls).
import { academicYearBounds, academicYearLabel, academicYearOf } from '#shared/domain/academic-year.ts';
import { daysBetween } from '#shared/domain/dates.ts';
import { completeSplitSets, palShortfalls, type EncounterFacts } from '#shared/domain/encounters.ts';
import { CONTENT_ITEMS, PROVIDER_TYPE_LABELS, SESSION_TYPE_LABELS } from '#shared/domain/labels.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { formatYearGroups, yearGroupLabel } from '#shared/domain/year-groups.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { Store } from '#shared/store/client.ts';
import { listEncountersOfSchool } from '#shared/store/requests.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import { contentConfirmed, providerIdOf } from './coverage.ts';
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

/** The ids of split sessions whose set of sessions is all delivered (R-WHOLE), among the requests exported. */
export function completeSessionsOf(requests: readonly StoredRequest[]): Set<string> {
  return completeSplitSets(
    requests.map((r) => ({ id: r.id, providerId: providerIdOf(r), delivered: r.status === 'delivered', ...(r.delivery?.split ? { split: r.delivery.split } : {}) })),
  );
}

/** What the PAL rule reads of a request. */
export function palFactsOf(r: StoredRequest, completeSessions: ReadonlySet<string>): EncounterFacts {
  const split = r.status === 'delivered' ? r.delivery?.split : undefined;
  return {
    delivered: r.status === 'delivered',
    contentConfirmed: contentConfirmed(r),
    yearGroups: r.yearGroups,
    date: r.date,
    start: r.start,
    end: r.end,
    providerType: r.provider.type,
    ...(split ? { split, splitComplete: completeSessions.has(r.id) } : {}),
  };
}

export function csvRow(school: Pick<StoredSchool, 'calendar'>, r: StoredRequest, completeSessions: ReadonlySet<string> = new Set()): string[] {
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
    yesNo(palShortfalls(school, palFactsOf(r, completeSessions)).length === 0),
  ];
}

export function encountersCsvText(school: Pick<StoredSchool, 'calendar'>, requests: readonly StoredRequest[]): string {
  const complete = completeSessionsOf(requests);
  return spreadsheetCsv(
    requests.map((r) => csvRow(school, r, complete)),
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

/** The Compass+ CSV's columns, documented in the README ("The Compass+ CSV"). */
export const COMPASS_CSV_COLUMNS = [
  'Date',
  'Start',
  'End',
  'Academic year',
  'Provider name',
  'Provider type',
  'UKPRN',
  'Year groups',
  'Session type',
  'Session',
  'Status',
  'Gatsby benchmark',
  'Content: the provider and its qualifications or apprenticeships',
  'Content: the careers these lead to',
  'Content: what learning or training is like',
  "Content: answers to pupils' questions",
  'Pupils on roll',
  'Pupils who took part',
  'Attendance by year group',
  'PAL eligible',
  'Why not PAL eligible',
] as const;

/** A whole number total, or empty when any year group's figure was not recorded. */
function total(values: readonly (number | undefined)[]): string {
  return values.length > 0 && values.every((v) => typeof v === 'number') ? String(values.reduce<number>((a, v) => a + (v ?? 0), 0)) : '';
}

export function compassRow(school: Pick<StoredSchool, 'calendar'>, r: StoredRequest, completeSessions: ReadonlySet<string>): string[] {
  const delivered = r.status === 'delivered';
  const attendance = delivered ? (r.delivery?.attendance ?? []) : [];
  // R-WHOLE: as recorded at delivery, or, while booked, as the lead said when approving.
  const split = delivered ? r.delivery?.split : r.split;
  const shortfalls = palShortfalls(school, palFactsOf(r, completeSessions));
  return [
    r.date,
    r.start,
    r.end,
    academicYearLabel(academicYearOf(r.date)),
    r.provider.organisation,
    PROVIDER_TYPE_LABELS[r.provider.type] ?? r.provider.type,
    r.provider.ukprn ?? '',
    formatYearGroups(r.yearGroups),
    SESSION_TYPE_LABELS[r.sessionType] ?? r.sessionType,
    split && split.sessions > 1 ? `session ${split.session} of ${split.sessions}` : 'whole year group',
    delivered ? 'delivered' : 'booked',
    'GB7',
    // Confirmed by the careers lead at delivery (R-CONTENT); empty until then.
    ...CONTENT_ITEMS.map((c) => (delivered && r.delivery ? yesNo(r.delivery.content[c] === true) : '')),
    total(attendance.map((a) => a.onRoll)),
    total(attendance.map((a) => a.pupils)),
    attendance.map((a) => `${yearGroupLabel(a.yearGroup)}: ${a.pupils}${a.onRoll === undefined ? '' : ` of ${a.onRoll}`}`).join('; '),
    yesNo(shortfalls.length === 0),
    shortfalls.map((s) => `${s.message} (${s.rule})`).join('; '),
  ];
}

export function compassCsvText(school: Pick<StoredSchool, 'calendar'>, requests: readonly StoredRequest[]): string {
  const complete = completeSessionsOf(requests);
  return spreadsheetCsv(
    requests.map((r) => compassRow(school, r, complete)),
    COMPASS_CSV_COLUMNS,
  );
}

/** One row per encounter (approved or delivered) of one academic year, the current one by default. */
export async function compassCsv(store: Store, urn: string, year: number | undefined, now = new Date()): Promise<CsvFile> {
  const startYear = year ?? academicYearOf(londonDate(now.toISOString()));
  const { start, end } = academicYearBounds(startYear);
  const school = await requireSchool(store, urn);
  const requests = await listEncountersOfSchool(store, urn, { from: start, to: end });
  return { filename: `compass-encounters-${urn}-${academicYearLabel(startYear).replace('/', '-')}.csv`, csv: compassCsvText(school, requests) };
}
