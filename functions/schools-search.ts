// GET /api/schools?q=: the directory, by name, URN, town or postcode prefix.
import { schoolSearchQuery } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { searchSchools } from '#shared/store/directory.ts';

export async function schoolsSearch(store: Store, q: string): Promise<HttpResult> {
  return { status: 200, body: { schools: await searchSchools(store, q) }, headers: { 'cache-control': 'public, max-age=60' } };
}

export const handler = httpHandler({
  route: 'schools-search',
  query: schoolSearchQuery,
  run: ({ query }) => schoolsSearch(storeFromEnv(), query.q),
});
