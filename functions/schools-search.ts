// GET /api/schools?q=: the directory, by name, URN, town or postcode prefix.
import { schoolSearchQuery } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { findSchools } from '#shared/usecases/schools.ts';

export async function schoolsSearch(store: Store, q: string): Promise<HttpResult> {
  return { status: 200, body: { schools: await findSchools(store, q) }, headers: { 'cache-control': 'public, max-age=60' } };
}

export const handler = httpHandler({
  route: 'schools-search',
  query: schoolSearchQuery,
  run: ({ query }) => schoolsSearch(storeFromEnv(), query.q),
});
