// GET /api/manage/schools/{urn}/settings: the school's settings and their version, for
// its careers lead, deputies and trust admins.
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireStaffOf } from '#shared/http/staff.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { readSettings } from '#shared/usecases/settings.ts';

export async function manageSettingsGet(store: Store, cookies: string[], urn: string): Promise<HttpResult> {
  await requireStaffOf(store, cookies, urn);
  return { status: 200, body: await readSettings(store, urn) };
}

export const handler = httpHandler({
  route: 'manage-settings-get',
  path: urnPath,
  run: ({ cookies, path }) => manageSettingsGet(storeFromEnv(), cookies, path.urn),
});
