// The provider's evidence of how each school it asked answered (issue 15, item 6), as a
// report and as a CSV file. The organisation's own records, for raising a school's
// non-compliance with the Baker Clause with DfE: never public, never cached.
//
// Reads: the owners' requests (requestsOf: one index query per owner), the trails of the
// requests that may have been sent in the period (a few at a time), and the schools' names
// and stated response times in one batch read. The rules are shared/domain/evidence.ts.
import { evidencePeriod, evidenceReport, maybeSentIn, requestEvidence, TIMELINESS_LABELS, ANSWER_LABELS, type EvidenceCounts, type EvidenceReport, type EvidenceSchool } from '#shared/domain/evidence.ts';
import { statusLabel } from '#shared/domain/labels.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { DEFAULT_BOOKING_RULES, type IsoDate } from '#shared/domain/types.ts';
import type { Store } from '#shared/store/client.ts';
import { listTrailsOf } from '#shared/store/request-events.ts';
import { getSchoolResponseTimes } from '#shared/store/schools.ts';
import { spreadsheetCsv, type CsvFile } from './csv.ts';
import { requestsOf, type RequestOwners } from './provider-request-list.ts';

/** A school that never set its response time answers within the product's default (settings.ts settingsOf). */
const DEFAULT_RESPONSE_SCHOOL_DAYS = DEFAULT_BOOKING_RULES.responseDeadlineSchoolDays;

/** The period asked for: an academic year (its starting year), or dates; neither is the current academic year. */
export interface EvidenceAsked {
  academicYear?: number;
  from?: IsoDate;
  to?: IsoDate;
}

export async function providerEvidence(store: Store, owners: RequestOwners, asked: EvidenceAsked = {}, now = new Date()): Promise<EvidenceReport> {
  const today = londonDate(now.toISOString());
  const period = evidencePeriod(asked, today);
  const candidates = (await requestsOf(store, owners, now)).map((r) => r.request).filter((r) => r.status !== 'unconfirmed' && maybeSentIn(period, r.createdAt));
  const [trails, times] = await Promise.all([listTrailsOf(store, candidates), getSchoolResponseTimes(store, candidates.map((r) => r.urn))]);
  const evidence = candidates.flatMap((r) => requestEvidence(r, trails.get(r.id) ?? [], today) ?? []);
  const schools = new Map<string, EvidenceSchool>(
    [...times].map(([urn, t]) => [urn, { name: t.name, responseSchoolDays: t.responseDeadlineSchoolDays ?? DEFAULT_RESPONSE_SCHOOL_DAYS }]),
  );
  return evidenceReport(evidence, schools, period, today, DEFAULT_RESPONSE_SCHOOL_DAYS);
}

export const EVIDENCE_CSV_COLUMNS = [
  'Row',
  'School',
  'URN',
  'Response time (school days)',
  'Requests sent',
  'Answered in time',
  'Answered late',
  'Approved',
  'Declined',
  'Unanswered past the deadline',
  'Waiting, deadline not passed',
  'Reference',
  'Encounter date',
  'Sent on',
  'Answer due by',
  'Answered on',
  'Answer',
  'In time?',
  'Status now',
  'Grounds for declining',
] as const;

const countCells = (c: EvidenceCounts) => [c.sent, c.answeredInTime, c.answeredLate, c.approved, c.declined, c.unansweredPastDeadline, c.waiting].map(String);
const noCounts = countCells({ sent: 0, answeredInTime: 0, answeredLate: 0, approved: 0, declined: 0, unansweredPastDeadline: 0, waiting: 0 }).map(() => '');
const noRequest = ['', '', '', '', '', '', '', '', ''];

/** The report's rows: each school's totals, then each of its requests, then the totals of all the schools. */
export function evidenceCsvRows(report: EvidenceReport): string[][] {
  const rows: string[][] = [];
  for (const s of report.schools) {
    rows.push(['School', s.name, s.urn, String(s.responseSchoolDays), ...countCells(s.counts), ...noRequest]);
    for (const r of s.requests) {
      rows.push([
        'Request',
        s.name,
        s.urn,
        String(s.responseSchoolDays),
        ...noCounts,
        r.reference ?? '',
        r.date,
        londonDate(r.sentAt),
        r.deadline,
        r.answeredAt ? londonDate(r.answeredAt) : '',
        r.answer ? ANSWER_LABELS[r.answer] : '',
        TIMELINESS_LABELS[r.timeliness],
        statusLabel(r.status, 'provider'),
        r.grounds ?? '',
      ]);
    }
  }
  rows.push(['All schools', `${report.schools.length} ${report.schools.length === 1 ? 'school' : 'schools'}`, '', '', ...countCells(report.totals), ...noRequest]);
  return rows;
}

/**
 * The report as a file (spreadsheetCsv: csv-stringify, BOM, CRLF, formula-looking cells
 * neutralised, since a lead's own words for declining end up in it).
 */
export async function providerEvidenceCsv(store: Store, owners: RequestOwners, asked: EvidenceAsked = {}, now = new Date()): Promise<CsvFile> {
  const report = await providerEvidence(store, owners, asked, now);
  const period = report.period.academicYear !== undefined ? report.period.label.replace('/', '-') : `${report.period.from ?? 'start'}-to-${report.period.to}`;
  return { filename: `school-responses-${period}.csv`, csv: spreadsheetCsv(evidenceCsvRows(report), EVIDENCE_CSV_COLUMNS) };
}
