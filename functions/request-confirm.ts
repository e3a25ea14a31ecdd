// POST /api/request-confirmations: a provider's first request from an address is confirmed
// by its emailed link's token (posted by the /request/confirm/ page, never on GET), and goes
// to the school; the provider is signed in, as a sign-in link would do (issue 12, item 2).
import { confirmRequestBody } from '#shared/api/provider.ts';
import { requestView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { sessionCookie } from '#shared/http/session.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { confirmProviderRequest } from '#shared/usecases/confirm-request.ts';

export async function requestConfirm(store: Store, token: string): Promise<HttpResult> {
  const { request, school, session } = await confirmProviderRequest(store, token);
  return { status: 200, body: { request: requestView({ request, schoolName: school.name }) }, cookies: [sessionCookie(session)] };
}

export const handler = httpHandler({
  route: 'request-confirm',
  body: confirmRequestBody,
  run: ({ body }) => requestConfirm(storeFromEnv(), body.token),
});
