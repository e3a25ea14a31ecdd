// POST /api/actions { token, …fields }: confirms an emailed link's action, once, for the
// page at /actions/#token=…. The token is in the body, never in the address (issue 12,
// item 3); the fields are the confirmation form's (a decline's reason, a proposed time).
import { actionDecideBody } from '#shared/api/manage.ts';
import { actionDoneView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { useActionLink, type ActionForm } from '#shared/usecases/action-links.ts';

export async function actionDecide(store: Store, token: string, form: ActionForm): Promise<HttpResult> {
  const done = await useActionLink(store, token, form);
  return { status: 200, body: { done: actionDoneView(done) } };
}

export const handler = httpHandler({
  route: 'action-decide',
  body: actionDecideBody,
  run: ({ body: { token, ...form } }) => actionDecide(storeFromEnv(), token, form),
});
