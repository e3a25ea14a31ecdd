// GET /api/manage/schools/{urn}/staff: who has a role at the school, and whether the
// caller may change the list.
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireStaffOf } from '#shared/http/staff.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { readStaff } from '#shared/usecases/settings.ts';

export async function manageStaffGet(store: Store, cookies: string[], urn: string): Promise<HttpResult> {
  const { session, role } = await requireStaffOf(store, cookies, urn);
  return { status: 200, body: await readStaff(store, urn, { email: session.email, role: role.role }) };
}

export const handler = httpHandler({
  route: 'manage-staff-get',
  path: urnPath,
  run: ({ cookies, path }) => manageStaffGet(storeFromEnv(), cookies, path.urn),
});
