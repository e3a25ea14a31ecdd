// The year plan's contract (issue 16, item 4): GET /api/manage/schools/{urn}/year-plan?year=2026,
// an academic year's encounters and open slots by month with each cohort's coverage status,
// for the school's staff. The answer is the domain's own shape (shared/domain/year-plan.ts).
import * as z from 'zod';
export type { YearPlan as YearPlanAnswer, YearPlanCohort, YearPlanDay, YearPlanEncounter, YearPlanMonth, YearPlanStatus } from '#shared/domain/year-plan.ts';

/** ?year=2026 for 2026/27 (by default this academic year). */
export const yearPlanQuery = z.strictObject({
  year: z
    .string()
    .regex(/^20\d\d$/, 'Give the academic year by the year it starts in, like 2026 for 2026/27.')
    .transform(Number)
    .optional(),
});

export type YearPlanQuery = z.output<typeof yearPlanQuery>;
