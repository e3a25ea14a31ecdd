// GET /api/requests.csv: the signed-in provider's requests (and their organisation's) with the list's filters, as a file
// to download (issue 15, item 3); formula-looking cells are neutralised.
import { providerRequestsQuery, requestListFilters, type ProviderRequestsQuery } from '#shared/api/provider.ts';
import { csvDownload } from '#functions/lib/csv.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { ownersOf, providerRequestsCsv, type ProviderIdentity } from '#shared/usecases/provider-request-list.ts';

export async function providerRequestsCsvFile(store: Store, caller: ProviderIdentity, query: ProviderRequestsQuery = {}): Promise<HttpResult> {
  return csvDownload(await providerRequestsCsv(store, ownersOf(caller), requestListFilters(query)));
}

export const handler = httpHandler({
  route: 'provider-requests-csv',
  query: providerRequestsQuery,
  run: ({ caller, query }) => providerRequestsCsvFile(storeFromEnv(), caller, query),
});
