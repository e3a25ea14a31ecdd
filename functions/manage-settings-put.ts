// PUT /api/manage/schools/{urn}/settings: saves the school's settings, conditional on the
// version read (409 SETTINGS_CHANGED otherwise), every rule checked first (422). With
// `dryRun: true` nothing is saved: the answer lists the bookings the change would affect.
import { urnPath } from '#shared/api/provider.ts';
import { settingsBody } from '#shared/api/settings.ts';
import type { SchoolSettings } from '#shared/domain/settings.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireStaffOf } from '#shared/http/staff.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { saveSettings } from '#shared/usecases/settings.ts';

export async function manageSettingsPut(store: Store, cookies: string[], urn: string, body: { version: number; settings: SchoolSettings; dryRun?: boolean | undefined }): Promise<HttpResult> {
  const { session, role } = await requireStaffOf(store, cookies, urn);
  return { status: 200, body: await saveSettings(store, urn, { email: session.email, role: role.role }, body) };
}

export const handler = httpHandler({
  route: 'manage-settings-put',
  path: urnPath,
  body: settingsBody,
  run: ({ cookies, path, body }) => {
    return manageSettingsPut(storeFromEnv(), cookies, path.urn, body);
  },
});
