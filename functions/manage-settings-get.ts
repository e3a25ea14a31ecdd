// GET /api/manage/schools/{urn}/settings: the school's settings and their version, for
// its careers lead, deputies and trust admins.
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { readSettings } from '#shared/usecases/settings.ts';

export async function manageSettingsGet(store: Store, urn: string): Promise<HttpResult> {
  return { status: 200, body: await readSettings(store, urn) };
}

export const handler = httpHandler({
  route: 'manage-settings-get',
  path: urnPath,
  run: ({ path }) => manageSettingsGet(storeFromEnv(), path.urn),
});
