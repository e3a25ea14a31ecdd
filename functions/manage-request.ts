// GET /api/manage/requests/{id}: one request in full, with its rule flags and audit trail,
// for staff of its school (any other caller gets 404: nothing leaks).
import { requestIdPath } from '#shared/api/provider.ts';
import { managedRequestView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { requestInFull } from '#shared/usecases/dashboard.ts';
import { requireSchool } from '#shared/usecases/schools.ts';
import type { StoredRequest } from '#shared/usecases/access.ts';

export async function manageRequest(store: Store, request: StoredRequest): Promise<HttpResult> {
  const school = await requireSchool(store, request.urn);
  return { status: 200, body: { request: managedRequestView(await requestInFull(store, school, request)), groundsForRefusing: school.groundsForRefusing } };
}

export const handler = httpHandler({
  route: 'manage-request',
  path: requestIdPath,
  // The edge found the request among the caller's schools' (404 otherwise): `caller.request`.
  run: ({ caller }) => manageRequest(storeFromEnv(), caller.request),
});
