// POST /api/manage/requests/{id}/{approve|decline|propose|cancel|deliver}: a decision by
// staff of the request's school, from the site itself; one conditional transaction.
import { decisionBody, decisionPath, type Decision, type DecisionBody } from '#shared/api/manage.ts';
import { managedRequestView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { requestInFull } from '#shared/usecases/dashboard.ts';
import { decide, schoolActor } from '#shared/usecases/decisions.ts';
import type { StaffRoleRecord, StoredRequest } from '#shared/usecases/access.ts';
import { requireSchool } from '#shared/usecases/schools.ts';

/** `request` and `role`: the request the edge found at one of the caller's schools, and the caller's role there. */
export async function manageDecision(store: Store, { request, role }: { request: StoredRequest; role: StaffRoleRecord }, decision: Decision, body: DecisionBody): Promise<HttpResult> {
  const school = await requireSchool(store, request.urn);
  const after = await decide(store, school, request, decision, body, schoolActor(role));
  return { status: 200, body: { request: managedRequestView(await requestInFull(store, school, after)) } };
}

export const handler = httpHandler({
  route: 'manage-decision',
  path: decisionPath,
  body: decisionBody,
  run: ({ caller, path, body }) => manageDecision(storeFromEnv(), caller, path.action, body),
});
