// GET /api/requests/{id}: one of the signed-in provider's requests (or their organisation's), with its history.
import { requestIdPath } from '#shared/api/provider.ts';
import { requestView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { providerRequest } from '#shared/usecases/provider-requests.ts';
import type { ProviderIdentity } from '#shared/usecases/provider-request-list.ts';

export async function getProviderRequest(store: Store, caller: ProviderIdentity, id: string): Promise<HttpResult> {
  return { status: 200, body: { request: requestView(await providerRequest(store, caller, id)) } };
}

export const handler = httpHandler({
  route: 'provider-request',
  path: requestIdPath,
  run: ({ caller, path }) => getProviderRequest(storeFromEnv(), caller, path.id),
});
