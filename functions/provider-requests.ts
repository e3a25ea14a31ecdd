// GET /api/requests: every request the signed-in provider email has sent, newest first;
// ?reference=: where the one of them with that reference is, or 404 (issue 14, item 6).
import { requestView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { providerRequestsQuery } from '#shared/api/provider.ts';
import { findProviderRequestByReference } from '#shared/usecases/find-by-reference.ts';
import { providerRequests } from '#shared/usecases/provider-requests.ts';

export async function listProviderRequests(store: Store, providerEmail: string, reference?: string): Promise<HttpResult> {
  if (reference) return { status: 200, body: { request: await findProviderRequestByReference(store, providerEmail, reference) } };
  return { status: 200, body: { requests: (await providerRequests(store, providerEmail)).map(requestView) } };
}

export const handler = httpHandler({
  route: 'provider-requests',
  query: providerRequestsQuery,
  run: ({ caller, query }) => listProviderRequests(storeFromEnv(), caller.session.email, query.reference),
});
