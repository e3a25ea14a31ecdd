// GET /api/requests: every request the signed-in provider email has sent, newest first.
import { requestView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { providerRequests } from '#shared/usecases/provider-requests.ts';

export async function listProviderRequests(store: Store, providerEmail: string): Promise<HttpResult> {
  return { status: 200, body: { requests: (await providerRequests(store, providerEmail)).map(requestView) } };
}

export const handler = httpHandler({
  route: 'provider-requests',
  run: ({ caller }) => listProviderRequests(storeFromEnv(), caller.session.email),
});
