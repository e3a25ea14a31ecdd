// PUT /api/manage/schools/{urn}/staff: adds, renames and removes the school's deputies
// (careers lead or trust admin only; a deputy gets 403 ROLE_REQUIRED). A new deputy can
// sign in at once: sign-in works for any email with a role.
import { urnPath } from '#shared/api/provider.ts';
import { staffBody, type StaffMember } from '#shared/api/settings.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { saveStaff, type Editor } from '#shared/usecases/settings.ts';

export async function manageStaffPut(store: Store, urn: string, editor: Editor, body: { staff: StaffMember[] }): Promise<HttpResult> {
  return { status: 200, body: await saveStaff(store, urn, editor, body) };
}

export const handler = httpHandler({
  route: 'manage-staff-put',
  path: urnPath,
  body: staffBody,
  run: ({ path, body, caller }) => manageStaffPut(storeFromEnv(), path.urn, { email: caller.session.email, role: caller.role.role }, body),
});
