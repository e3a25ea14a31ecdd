// GET /api/provider/evidence: for each school the organisation asked, how it answered by its
// own stated response time, approved, declined with the grounds given, and unanswered past
// its deadline, in the period asked (issue 15, item 6). The organisation's own records:
// never public, never cached (the edge sends no-store).
import { evidenceQuery, evidenceView, type EvidenceQuery } from '#shared/api/evidence.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { providerEvidence } from '#shared/usecases/provider-evidence.ts';
import { ownersOf, type RequestOwners } from '#shared/usecases/provider-request-list.ts';

export async function providerEvidenceAnswer(store: Store, owners: RequestOwners, query: EvidenceQuery = {}): Promise<HttpResult> {
  return { status: 200, body: evidenceView(await providerEvidence(store, owners, query)) };
}

export const handler = httpHandler({
  route: 'provider-evidence',
  query: evidenceQuery,
  run: ({ caller, query }) => providerEvidenceAnswer(storeFromEnv(), ownersOf(caller), query),
});
