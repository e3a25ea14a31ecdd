// GET /api/manage/requests/{id}: one request in full, with its rule flags and audit trail,
// for staff of its school (any other caller gets 404: nothing leaks).
import { requestIdPath } from '#shared/api/provider.ts';
import { managedRequestView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireStaffRequest } from '#shared/http/staff.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { requestInFull } from '#shared/usecases/dashboard.ts';
import { requireSchool } from '#shared/usecases/schools.ts';

export async function manageRequest(store: Store, cookies: string[], id: string): Promise<HttpResult> {
  const { request } = await requireStaffRequest(store, cookies, id);
  const school = await requireSchool(store, request.urn);
  return { status: 200, body: { request: managedRequestView(await requestInFull(store, school, request)), groundsForRefusing: school.groundsForRefusing } };
}

export const handler = httpHandler({
  route: 'manage-request',
  path: requestIdPath,
  run: ({ cookies, path }) => manageRequest(storeFromEnv(), cookies, path.id),
});
