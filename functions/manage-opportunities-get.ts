// GET /api/manage/schools/{urn}/opportunities: the school's opportunities as stored (with
// their schedules, not dated slots) and the version to send back with a change.
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { readOpportunities } from '#shared/usecases/settings.ts';

export async function manageOpportunitiesGet(store: Store, urn: string): Promise<HttpResult> {
  return { status: 200, body: await readOpportunities(store, urn) };
}

export const handler = httpHandler({
  route: 'manage-opportunities-get',
  path: urnPath,
  run: ({ path }) => manageOpportunitiesGet(storeFromEnv(), path.urn),
});
