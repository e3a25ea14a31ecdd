// GET /api/schools?q=: the directory, by name, URN, town or postcode prefix; ?near=: the
// schools by distance from a postcode, district or town (issue 15, item 4).
import { schoolSearchQuery, type SchoolSearchQuery } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { findSchools } from '#shared/usecases/schools.ts';
import { findSchoolsNear } from '#shared/usecases/schools-near.ts';

const CACHED = { 'cache-control': 'public, max-age=60' };

export async function schoolsSearch(store: Store, query: SchoolSearchQuery): Promise<HttpResult> {
  if (query.near !== undefined) {
    return { status: 200, body: await findSchoolsNear(store, { near: query.near, radiusKm: query.radius, year: query.year, phase: query.phase, from: query.from, to: query.to }), headers: CACHED };
  }
  return { status: 200, body: { schools: await findSchools(store, query.q ?? '') }, headers: CACHED };
}

export const handler = httpHandler({
  route: 'schools-search',
  query: schoolSearchQuery,
  run: ({ query }) => schoolsSearch(storeFromEnv(), query),
});
