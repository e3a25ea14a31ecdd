// GET /api/manage/me: the signed-in member of staff and the schools they manage, so a
// manage page knows which school to show (its ?urn=, or the first of these) and can offer
// a switcher to a trust admin with several. 401 SIGN_IN_REQUIRED without a staff session
// (the edge: the route is staff of any school, and hands over the roles it read).
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import type { StaffRoleRecord } from '#shared/usecases/access.ts';
import { staffSchools } from '#shared/usecases/staff-schools.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';

export async function manageMe(store: Store, email: string, roles: readonly StaffRoleRecord[]): Promise<HttpResult> {
  return { status: 200, body: await staffSchools(store, email, roles) };
}

export const handler = httpHandler({
  route: 'manage-me',
  run: ({ caller }) => manageMe(storeFromEnv(), caller.session.email, caller.roles),
});
