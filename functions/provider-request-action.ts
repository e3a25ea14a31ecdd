// POST /api/requests/{id}/{withdraw|accept|reject}: the provider acts on its request.
// Signed-in only, from our own site only; one conditional transaction per action.
import { providerActionBody, providerActionPath } from '#shared/api/provider.ts';
import { requestView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireSession } from '#shared/http/session.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { providerAction } from '#shared/usecases/provider-requests.ts';

export async function actOnProviderRequest(
  store: Store,
  cookies: string[],
  path: { id: string; action: 'withdraw' | 'accept' | 'reject' },
  body: { reason?: string; note?: string },
): Promise<HttpResult> {
  const session = await requireSession(store, cookies, 'provider');
  return { status: 200, body: { request: requestView(await providerAction(store, session.email, path.id, path.action, body)) } };
}

export const handler = httpHandler({
  route: 'provider-request-action',
  path: providerActionPath,
  body: providerActionBody,
  run: ({ cookies, path, body }) => {
    return actOnProviderRequest(storeFromEnv(), cookies, path, body);
  },
});
