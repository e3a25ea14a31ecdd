// GET /api/requests.csv: the signed-in provider's requests with the list's filters, as a file
// to download (issue 15, item 3); formula-looking cells are neutralised.
import { providerRequestsQuery, requestListFilters, type ProviderRequestsQuery } from '#shared/api/provider.ts';
import { csvDownload } from '#functions/lib/csv.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { ownRequests, providerRequestsCsv } from '#shared/usecases/provider-request-list.ts';

export async function providerRequestsCsvFile(store: Store, providerEmail: string, query: ProviderRequestsQuery = {}): Promise<HttpResult> {
  return csvDownload(await providerRequestsCsv(store, ownRequests(providerEmail), requestListFilters(query)));
}

export const handler = httpHandler({
  route: 'provider-requests-csv',
  query: providerRequestsQuery,
  run: ({ caller, query }) => providerRequestsCsvFile(storeFromEnv(), caller.session.email, query),
});
