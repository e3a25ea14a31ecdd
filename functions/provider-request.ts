// GET /api/requests/{id}: one of the signed-in provider's requests, with its history.
import { requestIdPath } from '#shared/api/provider.ts';
import { requestView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { providerRequest } from '#shared/usecases/provider-requests.ts';

export async function getProviderRequest(store: Store, providerEmail: string, id: string): Promise<HttpResult> {
  return { status: 200, body: { request: requestView(await providerRequest(store, providerEmail, id)) } };
}

export const handler = httpHandler({
  route: 'provider-request',
  path: requestIdPath,
  run: ({ caller, path }) => getProviderRequest(storeFromEnv(), caller.session.email, path.id),
});
