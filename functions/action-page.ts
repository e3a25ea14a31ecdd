// GET /actions/{token}: the page behind an emailed approve / decline / propose link. It
// only reads, so a mail scanner's prefetch changes nothing; the form on it POSTs to act.
import { actionTokenPath } from '#shared/api/manage.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { confirmPage, linkProblemPage } from '#shared/pages/action.ts';
import { PAGE_CSP_DIRECTIVES } from '#shared/pages/layout.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { describeActionLink } from '#shared/usecases/action-links.ts';

export async function actionPage(store: Store, token: string): Promise<HttpResult> {
  const link = await describeActionLink(store, token);
  if (!link.ok) return { status: link.code === 'TOKEN_INVALID' ? 404 : 410, html: linkProblemPage(link.message) };
  return { status: 200, html: confirmPage(token, link.action, link.request, link.school), headers: { 'referrer-policy': 'no-referrer' } };
}

export const handler = httpHandler({
  route: 'action-page',
  path: actionTokenPath,
  csp: PAGE_CSP_DIRECTIVES,
  run: ({ path }) => actionPage(storeFromEnv(), path.token),
});
