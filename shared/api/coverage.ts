// The coverage contract (R-PHASE1..3): per cohort in Years 8–13 this academic year, how
// its key phase stands, for a school's staff and for a trust admin across the trust's
// schools. The answers are the domain's own types (shared/domain/coverage.ts).
import * as z from 'zod';
export type {
  CohortCoverage,
  CoverageEncounterView,
  CoverageFix,
  CoverageStatus,
  CoverageTotals,
  CoverageWarning,
  KeyPhase,
  SchoolCoverage as SchoolCoverageAnswer,
  TrustCoverage as TrustCoverageAnswer,
} from '#shared/domain/coverage.ts';

export const trustPath = z.strictObject({
  trustId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'A trust id is lower-case letters, digits and hyphens, as in the link you followed.'),
});

