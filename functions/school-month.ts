// GET /api/schools/{urn}/calendar?month=YYYY-MM&yearGroup=&opportunity=: one month of the
// school's calendar, each date closed with its reason or with its open slots (issue 14, item 4).
import { schoolMonthQuery } from '#shared/api/calendar.ts';
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler } from '#functions/lib/open-http.ts';
import { storeFromEnv } from '#shared/usecases/store.ts';
import { publicSchoolMonth } from '#shared/usecases/school-month.ts';

export const handler = httpHandler({
  route: 'school-month',
  path: urnPath,
  query: schoolMonthQuery,
  run: async ({ path, query }) => ({ status: 200, body: { calendar: await publicSchoolMonth(storeFromEnv(), path.urn, query) } }),
});
