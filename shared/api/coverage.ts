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
} from '#shared/domain/coverage.ts';
export type { InvitationPlan, InvitationSent, VisitedProvider } from '#shared/domain/read-models.ts';
export type { CohortInvitation, CoverageConcern, SchoolRisk, SchoolCoverageRead as SchoolCoverageAnswer, TrustCoverageRead as TrustCoverageAnswer } from '#shared/domain/read-models.ts';

export const trustPath = z.strictObject({
  trustId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'A trust id is lower-case letters, digits and hyphens, as in the link you followed.'),
});


const yearOfCohort = z.enum(['8', '9', '10', '11', '12', '13'], { error: 'Choose a year group from 8 to 13, as in the link from the coverage page.' }).transform(Number);

/** GET …/coverage/invitations?year=9: whom the lead could invite for the cohort now in that year group, and the email. */
export const invitationQuery = z.strictObject({ year: yearOfCohort });

/** Providers at a time: one email each, all in one transaction (DynamoDB takes 100 items). */
export const MAX_INVITED_PROVIDERS = 20;

/** POST …/coverage/invitations: the providers chosen, by the ids the GET listed (none chosen: 422 PROVIDERS_REQUIRED at `providers`). */
export const invitationBody = z.strictObject({
  yearGroup: z.number().int().min(8, 'Choose a year group from 8 to 13.').max(13, 'Choose a year group from 8 to 13.'),
  providers: z.array(z.string().min(1).max(200)).max(MAX_INVITED_PROVIDERS, `Choose up to ${MAX_INVITED_PROVIDERS} providers at a time.`),
});
export type InvitationBody = z.output<typeof invitationBody>;
