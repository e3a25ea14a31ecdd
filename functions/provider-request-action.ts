// POST /api/requests/{id}/{withdraw|accept|reject|move|counter}: the provider acts on its request (or its organisation's).
// Signed-in only, from our own site only; one conditional transaction per action.
import { providerActionBody, providerActionPath } from '#shared/api/provider.ts';
import { requestView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { providerAction, type ProviderActionName } from '#shared/usecases/provider-requests.ts';
import type { ProviderIdentity } from '#shared/usecases/provider-request-list.ts';

export async function actOnProviderRequest(
  store: Store,
  caller: ProviderIdentity,
  path: { id: string; action: ProviderActionName },
  body: { reason?: string; note?: string; date?: string; start?: string; end?: string; message?: string },
): Promise<HttpResult> {
  return { status: 200, body: { request: requestView(await providerAction(store, caller, path.id, path.action, body)) } };
}

export const handler = httpHandler({
  route: 'provider-request-action',
  path: providerActionPath,
  body: providerActionBody,
  run: ({ caller, path, body }) => actOnProviderRequest(storeFromEnv(), caller, path, body),
});
