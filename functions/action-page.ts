// GET /actions/{token}: an approve / decline / propose link as emails sent it before issue
// 12, item 3, with the token in the path. Those links keep working until they expire (14
// days), but the token leaves the path at once: the answer sends the browser on to the
// page that reads it from the fragment (/actions/#token=…), so the address bar, the
// history, the confirmation's POST and every later request carry no token in an address.
// That rather than rendering the confirmation here as before: that page kept the token in
// its address and posted it in another (/api/actions/{token}), and the site would have two
// confirmation pages to keep alike. This request's own path cannot be unsent; our request
// log and API Gateway's access log record only the route template (shared/http/handler.ts).
// It reads nothing and writes nothing (mail scanners open links).
import { actionLinkPath, actionTokenPath } from '#shared/api/manage.ts';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { linkMovedPage } from '#shared/pages/action.ts';
import { PAGE_CSP_DIRECTIVES } from '#shared/pages/layout.ts';

export function actionPage(token: string): HttpResult {
  const to = actionLinkPath(token);
  return { status: 303, html: linkMovedPage(to), headers: { location: to, 'referrer-policy': 'no-referrer' } };
}

export const handler = httpHandler({
  route: 'action-page',
  path: actionTokenPath,
  csp: PAGE_CSP_DIRECTIVES,
  run: async ({ path }) => actionPage(path.token),
});
