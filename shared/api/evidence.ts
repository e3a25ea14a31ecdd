// The provider's evidence contract (issue 15, item 6): GET /api/provider/evidence and
// /api/provider/evidence.csv take the period, an academic year or dates, and answer each
// school's counts. Pages import only the types.
import * as z from 'zod';
import type { EvidenceCounts, EvidencePeriod, EvidenceReport, GroundsCount } from '#shared/domain/evidence.ts';
import { academicYearParam, isoDate } from './fields.ts';

/** `academicYear=2026` is 2026/27; or `from`/`to` (dates a request was sent, both included, either may be left open); neither: the current academic year. */
export const evidenceQuery = z
  .strictObject({
    academicYear: academicYearParam.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.academicYear !== undefined && (q.from !== undefined || q.to !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['academicYear'], message: 'Choose an academic year or dates, not both.' });
    }
    if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The "to" date is before the "from" date: choose a date on or after it.' });
  });

export type EvidenceQuery = z.output<typeof evidenceQuery>;

/** One school's line of the report, without its requests (the CSV has those). */
export interface SchoolEvidenceView {
  urn: string;
  name: string;
  responseSchoolDays: number;
  counts: EvidenceCounts;
  grounds: GroundsCount[];
}

export interface ProviderEvidenceView {
  period: EvidencePeriod;
  asOf: string;
  schools: SchoolEvidenceView[];
  totals: EvidenceCounts;
  grounds: GroundsCount[];
}

export function evidenceView(report: EvidenceReport): ProviderEvidenceView {
  return {
    period: report.period,
    asOf: report.asOf,
    schools: report.schools.map(({ urn, name, responseSchoolDays, counts, grounds }) => ({ urn, name, responseSchoolDays, counts, grounds })),
    totals: report.totals,
    grounds: report.grounds,
  };
}
