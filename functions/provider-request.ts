// GET /api/requests/{id}: one of the signed-in provider's requests, with its history.
import { requestIdPath } from '#shared/api/provider.ts';
import { requestView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireSession } from '#shared/http/session.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { providerRequest } from '#shared/usecases/provider-requests.ts';

export async function getProviderRequest(store: Store, cookies: string[], id: string): Promise<HttpResult> {
  const session = await requireSession(store, cookies, 'provider');
  return { status: 200, body: { request: requestView(await providerRequest(store, session.email, id)) } };
}

export const handler = httpHandler({
  route: 'provider-request',
  path: requestIdPath,
  run: ({ cookies, path }) => getProviderRequest(storeFromEnv(), cookies, path.id),
});
