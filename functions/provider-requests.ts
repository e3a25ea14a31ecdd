// GET /api/requests: every request the signed-in provider email has sent, newest first.
import { requestView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireSession } from '#shared/http/session.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { providerRequests } from '#shared/usecases/provider-requests.ts';

export async function listProviderRequests(store: Store, cookies: string[]): Promise<HttpResult> {
  const session = await requireSession(store, cookies, 'provider');
  return { status: 200, body: { requests: (await providerRequests(store, session.email)).map(requestView) } };
}

export const handler = httpHandler({
  route: 'provider-requests',
  run: ({ cookies }) => listProviderRequests(storeFromEnv(), cookies),
});
