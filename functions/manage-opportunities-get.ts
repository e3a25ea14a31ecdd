// GET /api/manage/schools/{urn}/opportunities: the school's opportunities as stored (with
// their schedules, not dated slots) and the version to send back with a change.
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireStaffOf } from '#shared/http/staff.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { readOpportunities } from '#shared/usecases/settings.ts';

export async function manageOpportunitiesGet(store: Store, cookies: string[], urn: string): Promise<HttpResult> {
  await requireStaffOf(store, cookies, urn);
  return { status: 200, body: await readOpportunities(store, urn) };
}

export const handler = httpHandler({
  route: 'manage-opportunities-get',
  path: urnPath,
  run: ({ cookies, path }) => manageOpportunitiesGet(storeFromEnv(), cookies, path.urn),
});
