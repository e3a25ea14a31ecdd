// GET /api/requests: the signed-in provider's requests and their organisation's, filtered (status, school, dates, year
// group, kind of session), sorted, with counts by status (issue 15, item 3); ?reference=:
// where the one of them with that reference is, or 404 (issue 14, item 6).
import { PROVIDER_LIST_LIMIT, providerRequestsQuery, requestListFilters, type ProviderRequestsQuery, type ProviderRequestsView } from '#shared/api/provider.ts';
import { requestView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { findProviderRequestByReference } from '#shared/usecases/find-by-reference.ts';
import { ownersOf, providerRequestList, type ProviderIdentity } from '#shared/usecases/provider-request-list.ts';

export async function listProviderRequests(store: Store, caller: ProviderIdentity, query: ProviderRequestsQuery = {}): Promise<HttpResult> {
  const owners = ownersOf(caller);
  if (query.reference) return { status: 200, body: { request: await findProviderRequestByReference(store, owners, query.reference) } };
  const { requests, counts, schools } = await providerRequestList(store, owners, requestListFilters(query));
  const body: ProviderRequestsView = { requests: requests.slice(0, PROVIDER_LIST_LIMIT).map(requestView), total: requests.length, counts, schools };
  return { status: 200, body };
}

export const handler = httpHandler({
  route: 'provider-requests',
  query: providerRequestsQuery,
  run: ({ caller, query }) => listProviderRequests(storeFromEnv(), caller, query),
});
