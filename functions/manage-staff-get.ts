// GET /api/manage/schools/{urn}/staff: who has a role at the school, and whether the
// caller may change the list.
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { readStaff, type Editor } from '#shared/usecases/settings.ts';

export async function manageStaffGet(store: Store, urn: string, editor: Editor): Promise<HttpResult> {
  return { status: 200, body: await readStaff(store, urn, editor) };
}

export const handler = httpHandler({
  route: 'manage-staff-get',
  path: urnPath,
  run: ({ path, caller }) => manageStaffGet(storeFromEnv(), path.urn, { email: caller.session.email, role: caller.role.role }),
});
