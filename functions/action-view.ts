// POST /api/actions/view { token }: what an emailed approve / decline / propose link is for,
// so the page at /actions/#token=… can show it before anything is done. It only reads, as
// opening a link must (mail scanners open links). A POST, not a GET, so that the token
// travels in the body and never in an address that logs and Referer keep (issue 12, item 3).
import { actionViewBody } from '#shared/api/manage.ts';
import { actionLinkView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { viewActionLink } from '#shared/usecases/action-links.ts';

export async function actionView(store: Store, token: string): Promise<HttpResult> {
  return { status: 200, body: { link: actionLinkView(await viewActionLink(store, token)) } };
}

export const handler = httpHandler({
  route: 'action-view',
  body: actionViewBody,
  run: ({ body }) => actionView(storeFromEnv(), body.token),
});
