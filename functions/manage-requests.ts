// GET /api/manage/schools/{urn}/requests?status=&from=&to=: the dashboard lists, or one
// status's history within dates; ?reference=: where one request of the school with that
// reference is, or 404 (issue 14, item 6). Staff of that school only (the edge checks it). Answers
// with `suppressedAddresses`: the school's lead's and the listed providers' addresses
// (in lower case) that SES reported as bouncing for good or complaining: the service
// sends them no email, so the lead should reach them another way.
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { dashboardQuery, type DashboardQuery } from '#shared/api/manage.ts';
import { urnPath } from '#shared/api/provider.ts';
import { dashboardView, managedRequestView } from '#shared/api/views.ts';
import { findSchoolRequestByReference } from '#shared/usecases/find-by-reference.ts';
import { schoolRequests } from '#shared/usecases/school-requests.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';

export async function manageRequests(store: Store, urn: string, query: DashboardQuery): Promise<HttpResult> {
  if (query.reference) return { status: 200, body: { request: await findSchoolRequestByReference(store, urn, query.reference) } };
  const read = await schoolRequests(store, urn, query);
  const body = 'history' in read ? { requests: read.history.map(managedRequestView) } : dashboardView(read.board);
  return { status: 200, body: { ...body, suppressedAddresses: read.suppressedAddresses } };
}

export const handler = httpHandler({
  route: 'manage-requests',
  path: urnPath,
  query: dashboardQuery,
  run: ({ path, query }) => manageRequests(storeFromEnv(), path.urn, query),
});
