// PUT /api/manage/schools/{urn}/staff: adds, renames and removes the school's deputies
// (careers lead or trust admin only; a deputy gets 403 ROLE_REQUIRED). A new deputy can
// sign in at once: sign-in works for any email with a role.
import { urnPath } from '#shared/api/provider.ts';
import { staffBody, type StaffMember } from '#shared/api/settings.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireStaffOf } from '#shared/http/staff.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { saveStaff } from '#shared/usecases/settings.ts';

export async function manageStaffPut(store: Store, cookies: string[], urn: string, body: { staff: StaffMember[] }): Promise<HttpResult> {
  const { session, role } = await requireStaffOf(store, cookies, urn);
  return { status: 200, body: await saveStaff(store, urn, { email: session.email, role: role.role }, body) };
}

export const handler = httpHandler({
  route: 'manage-staff-put',
  path: urnPath,
  body: staffBody,
  run: ({ cookies, path, body }) => {
    return manageStaffPut(storeFromEnv(), cookies, path.urn, body);
  },
});
