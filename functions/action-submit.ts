// POST /api/actions/{token}: confirms an emailed link's action, once, for a confirmation
// page rendered before issue 12, item 3 (still open in a browser tab, its token in this
// path) and for JSON clients of that time. A browser form gets a page back: the result; a
// link that cannot act, and why; or, for a form the use case refuses (no reason, a bad
// date), what to change, with a link to the page at /actions/#token=… to answer again. Not
// the form again from here: a page holding a secret is served with Referrer-Policy:
// no-referrer, so a form posted from it carries `Origin: null`, which the CSRF check refuses.
import { actionFormBody, actionLinkPath, actionTokenPath } from '#shared/api/manage.ts';
import { DomainError } from '#shared/http/contract.ts';
import { statusOf } from '#shared/http/statuses.ts';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { donePage, formProblemPage, linkProblemPage } from '#shared/pages/action.ts';
import { PAGE_CSP_DIRECTIVES } from '#shared/pages/layout.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { LINK_PROBLEMS, useActionLink, type ActionForm } from '#shared/usecases/action-links.ts';

const NO_REFERRER = { 'referrer-policy': 'no-referrer' };

export async function actionSubmit(store: Store, token: string, form: ActionForm, asPage: boolean): Promise<HttpResult> {
  try {
    const done = await useActionLink(store, token, form);
    if (!asPage) return { status: 200, body: { status: done.request.status, requestId: done.request.id } };
    return { status: 200, html: donePage(done.action, done.request, done.school), headers: NO_REFERRER };
  } catch (err) {
    if (!asPage || !(err instanceof DomainError) || statusOf(err) >= 500) throw err;
    const status = statusOf(err);
    if (LINK_PROBLEMS.has(err.code)) return { status, html: linkProblemPage(err.message, err.code), headers: NO_REFERRER };
    return { status, html: formProblemPage(err.message, actionLinkPath(token)), headers: NO_REFERRER };
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
