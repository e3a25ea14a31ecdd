// POST /api/actions/{token}: confirms an emailed link's action, once. A browser form gets
// a page back (the result, or the form again with its errors); a JSON client gets JSON.
import { actionFormBody, actionTokenPath } from '#shared/api/manage.ts';
import { AppError } from '#shared/errors.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { confirmPage, donePage, linkProblemPage } from '#shared/pages/action.ts';
import { PAGE_CSP_DIRECTIVES } from '#shared/pages/layout.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { describeActionLink, useActionLink, type ActionForm } from '#shared/usecases/action-links.ts';

export async function actionSubmit(store: Store, token: string, form: ActionForm, asPage: boolean): Promise<HttpResult> {
  try {
    const done = await useActionLink(store, token, form);
    if (!asPage) return { status: 200, body: { status: done.request.status, requestId: done.request.id } };
    return { status: 200, html: donePage(done.action, done.request, done.school) };
  } catch (err) {
    const e = err as { status?: number; code?: string; message: string; fields?: Record<string, string> };
    if (!asPage || !(err instanceof AppError || (err as Error).name === 'DomainError') || !e.status || e.status >= 500) throw err;
    const link = await describeActionLink(store, token);
    if (!link.ok) return { status: e.status, html: linkProblemPage(link.message) };
    return { status: e.status, html: confirmPage(token, link.action, link.request, link.school, form, { message: e.message, fields: e.fields ?? {} }) };
  }
}

export const handler = httpHandler({
  route: 'action-submit',
  path: actionTokenPath,
  body: actionFormBody,
  acceptForms: true,
  csp: PAGE_CSP_DIRECTIVES,
  run: ({ path, body, headers }) => {
    return actionSubmit(storeFromEnv(), path.token, body, (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'));
  },
});
