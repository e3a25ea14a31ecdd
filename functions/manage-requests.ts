// GET /api/manage/schools/{urn}/requests?status=&from=&to=: the dashboard lists, or one
// status's history within dates. Staff of that school only. `suppressedAddresses` names
// (in lower case) the school's lead's and the listed providers' addresses that SES reported
// as bouncing for good or complaining: the service sends them no email, so the lead should
// reach them another way.
import { dashboardQuery, type DashboardQuery } from '#shared/api/manage.ts';
import { urnPath } from '#shared/api/provider.ts';
import { dashboardView, managedRequestView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireStaffOf } from '#shared/http/staff.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { suppressedAmong } from '#shared/store/suppressions.ts';
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
  const body = query.status ? { requests: (await requestHistory(store, school, query.status, query)).map(managedRequestView) } : dashboardView(await dashboard(store, school));
  const listed = 'requests' in body ? body.requests : [...body.needsDecision, ...body.awaitingProvider, ...body.upcoming];
  const suppressedAddresses = await suppressedAmong(store, [school.careersLead.email, ...listed.map((r) => r.contact.email)]);
  return { status: 200, body: { ...body, suppressedAddresses } };
}

export const handler = httpHandler({
  route: 'manage-requests',
  path: urnPath,
  query: dashboardQuery,
  run: ({ cookies, path, query }) => manageRequests(storeFromEnv(), cookies, path.urn, query),
});
