// GET /api/provider/evidence.csv: the same report as a file, a row per school and one per
// request (issue 15, item 6); formula-looking cells are neutralised.
import { evidenceQuery, type EvidenceQuery } from '#shared/api/evidence.ts';
import { csvDownload } from '#functions/lib/csv.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { providerEvidenceCsv } from '#shared/usecases/provider-evidence.ts';
import { ownersOf, type RequestOwners } from '#shared/usecases/provider-request-list.ts';

export async function providerEvidenceFile(store: Store, owners: RequestOwners, query: EvidenceQuery = {}): Promise<HttpResult> {
  return csvDownload(await providerEvidenceCsv(store, owners, query));
}

export const handler = httpHandler({
  route: 'provider-evidence-csv',
  query: evidenceQuery,
  run: ({ caller, query }) => providerEvidenceFile(storeFromEnv(), ownersOf(caller), query),
});
