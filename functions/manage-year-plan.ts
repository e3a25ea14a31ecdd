// GET /api/manage/schools/{urn}/year-plan?year=2026: the careers lead's year plan (issue 16,
// item 4), an academic year's approved, delivered and cancelled encounters and its open
// slots, month by month, with each cohort's coverage status, for the school's staff.
import { urnPath } from '#shared/api/provider.ts';
import { yearPlanQuery } from '#shared/api/year-plan.ts';
import { httpHandler } from '#functions/lib/http.ts';
import { storeFromEnv } from '#shared/usecases/store.ts';
import { schoolYearPlan } from '#shared/usecases/year-plan.ts';

export const handler = httpHandler({
  route: 'manage-year-plan',
  path: urnPath,
  query: yearPlanQuery,
  run: async ({ path, query }) => ({ status: 200, body: await schoolYearPlan(storeFromEnv(), path.urn, query) }),
});
