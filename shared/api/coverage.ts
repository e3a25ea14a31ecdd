// The coverage contract (R-PHASE1..3): per cohort in Years 8–13 this academic year, how
// its key phase stands, for a school's staff and for a trust admin across the trust's
// schools. Answer shapes only (the pages import these types).
import * as z from 'zod';
import type { CoverageStatus, CoverageWarning, KeyPhase } from '#shared/domain/coverage.ts';
import type { SlotView } from './provider.ts';

export type { CoverageStatus, CoverageWarning, KeyPhase } from '#shared/domain/coverage.ts';

export const trustPath = z.strictObject({
  trustId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'A trust id is lower-case letters, digits and hyphens, as in the link you followed.'),
});

export interface CoverageEncounterView {
  id: string;
  date: string;
  provider: string;
  /** delivered (counts), planned (approved, still to come). */
  state: 'delivered' | 'planned';
}

/** What would close the gap: how many more to book, and open slots that suit the cohort. */
export interface CoverageFix {
  /** Encounters still to book (beyond those planned) to reach two. */
  needed: number;
  message: string;
  /** Open slots for the cohort's year group before the window ends (within the next 120 days). */
  openSlots: SlotView[];
}

export interface CohortCoverage {
  /** 'Year 8 in 2025/26': the cohort, named by its Year 8 academic year. */
  cohort: string;
  year8AcademicYear: number;
  /** The cohort's year group this academic year. */
  yearGroup: number;
  phase: KeyPhase;
  rule: string;
  attendance: 'mandatory' | 'optional';
  window: { start: string; end: string };
  windowOpen: boolean;
  status: CoverageStatus;
  /** The status in a sentence, with the window's end date. */
  statusText: string;
  /** Delivered with all four content items: what counts. */
  delivered: number;
  /** Approved, still to come. */
  planned: number;
  /** delivered + planned: the phase 3 figure (the school must offer; pupils choose). */
  offered: number;
  schoolDaysLeft: number;
  schoolWeeksLeft: number;
  schoolDaysEstimated: boolean;
  /** Providers of the offered encounters, with how many each. */
  providers: { name: string; encounters: number }[];
  sameProvider: boolean;
  warnings: CoverageWarning[];
  encounters: CoverageEncounterView[];
  /** Phase 3 only: offered against delivered, as RULES.md asks. */
  phase3?: { offered: number; delivered: number };
  /** Left out when the phase is met or its window has closed. */
  fix?: CoverageFix;
}

export type CoverageTotals = Record<CoverageStatus, number>;

export interface SchoolCoverageAnswer {
  urn: string;
  schoolName: string;
  today: string;
  /** '2026/27'. */
  academicYear: string;
  cohorts: CohortCoverage[];
  totals: CoverageTotals;
}

export interface TrustCoverageAnswer {
  trust: { id: string; name: string };
  today: string;
  academicYear: string;
  schools: Omit<SchoolCoverageAnswer, 'today' | 'academicYear'>[];
  totals: CoverageTotals;
}
