// PUT /api/manage/schools/{urn}/settings: saves the school's settings, conditional on the
// version read (409 SETTINGS_CHANGED otherwise), every rule checked first (422). With
// `dryRun: true` nothing is saved: the answer lists the bookings the change would affect.
import { urnPath } from '#shared/api/provider.ts';
import { settingsBody, type SchoolSettings } from '#shared/api/settings.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { saveSettings, type Editor } from '#shared/usecases/settings.ts';

export async function manageSettingsPut(store: Store, urn: string, editor: Editor, body: { version: number; settings: SchoolSettings; dryRun?: boolean | undefined }): Promise<HttpResult> {
  return { status: 200, body: await saveSettings(store, urn, editor, body) };
}

export const handler = httpHandler({
  route: 'manage-settings-put',
  path: urnPath,
  body: settingsBody,
  run: ({ path, body, caller }) => manageSettingsPut(storeFromEnv(), path.urn, { email: caller.session.email, role: caller.role.role }, body),
});
