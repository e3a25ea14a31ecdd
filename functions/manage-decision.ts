// POST /api/manage/requests/{id}/{approve|decline|propose|cancel|deliver}: a decision by
// staff of the request's school, from the site itself; one conditional transaction.
import { decisionBody, decisionPath, type Decision, type DecisionBody } from '#shared/api/manage.ts';
import { managedRequestView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireStaffRequest } from '#shared/http/staff.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { requestInFull } from '#shared/usecases/dashboard.ts';
import { decide, schoolActor } from '#shared/usecases/decisions.ts';
import { requireSchool } from '#shared/usecases/schools.ts';

export async function manageDecision(store: Store, cookies: string[], id: string, decision: Decision, body: DecisionBody): Promise<HttpResult> {
  const { request, role } = await requireStaffRequest(store, cookies, id);
  const school = await requireSchool(store, request.urn);
  const after = await decide(store, school, request, decision, body, schoolActor(role));
  return { status: 200, body: { request: managedRequestView(await requestInFull(store, school, after)) } };
}

export const handler = httpHandler({
  route: 'manage-decision',
  path: decisionPath,
  body: decisionBody,
  run: ({ cookies, path, body }) => {
    return manageDecision(storeFromEnv(), cookies, path.id, path.action, body);
  },
});
