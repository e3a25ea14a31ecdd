// GET /api/manage/schools/{urn}/requests?status=&from=&to=: the dashboard lists, or one
// status's history within dates. Staff of that school only.
import { dashboardQuery, type DashboardQuery } from '#shared/api/manage.ts';
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireStaffOf } from '#shared/http/staff.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { dashboard, requestHistory } from '#shared/usecases/dashboard.ts';
import { requireSchool } from '#shared/usecases/schools.ts';

export async function manageRequests(
  store: Store,
  cookies: string[],
  urn: string,
  query: DashboardQuery,
): Promise<HttpResult> {
  await requireStaffOf(store, cookies, urn);
  const school = await requireSchool(store, urn);
  if (!query.status) return { status: 200, body: await dashboard(store, school) };
  return { status: 200, body: { requests: await requestHistory(store, school, query.status, query) } };
}

export const handler = httpHandler({
  route: 'manage-requests',
  path: urnPath,
  query: dashboardQuery,
  run: ({ cookies, path, query }) => manageRequests(storeFromEnv(), cookies, path.urn, query),
});
