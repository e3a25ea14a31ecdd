// GET /api/manage/schools/{urn}/calendar?month=YYYY-MM&yearGroups=10,11: the month for the
// school's staff, with the encounters already approved for those year groups (the lead's
// "propose another time" page, issue 14, item 4).
import { staffMonthQuery } from '#shared/api/calendar.ts';
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler } from '#functions/lib/http.ts';
import { storeFromEnv } from '#shared/usecases/store.ts';
import { staffSchoolMonth } from '#shared/usecases/school-month.ts';

export const handler = httpHandler({
  route: 'manage-month',
  path: urnPath,
  query: staffMonthQuery,
  run: async ({ path, query }) => ({ status: 200, body: { calendar: await staffSchoolMonth(storeFromEnv(), path.urn, query) } }),
});
