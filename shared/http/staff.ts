// Who may manage a school: a signed-in member of staff with a role on that school (careers
// lead, deputy or trust admin). Every manage route calls one of these; a request of
// another school is "not found", so nothing of another school leaks.
import { DomainError } from '#shared/domain/errors.ts';
import type { Store } from '#shared/store/client.ts';
import { getRequestsOfSchools, type StoredRequest } from '#shared/store/requests.ts';
import type { SessionRecord } from '#shared/store/sessions.ts';
import { listRolesOfUser, type StaffRoleRecord } from '#shared/store/staff.ts';
import { requireSession } from './session.ts';

export interface StaffCaller {
  session: SessionRecord;
  roles: StaffRoleRecord[];
}

export async function requireStaff(store: Store, cookies: readonly string[], now = new Date()): Promise<StaffCaller> {
  const session = await requireSession(store, cookies, 'staff', now);
  return { session, roles: await listRolesOfUser(store, session.email) };
}

/** The caller's role on the school in the path, or 403. */
export async function requireStaffOf(store: Store, cookies: readonly string[], urn: string, now = new Date()): Promise<StaffCaller & { role: StaffRoleRecord }> {
  const caller = await requireStaff(store, cookies, now);
  const role = caller.roles.find((r) => r.urn === urn);
  if (!role) throw new DomainError('NOT_YOUR_SCHOOL', 'You do not have a role at this school. Ask its careers lead or your trust admin to add you.');
  return { ...caller, role };
}

/** A request of one of the caller's schools, with the caller's role there; 404 otherwise. */
export async function requireStaffRequest(
  store: Store,
  cookies: readonly string[],
  id: string,
  now = new Date(),
): Promise<StaffCaller & { role: StaffRoleRecord; request: StoredRequest }> {
  const caller = await requireStaff(store, cookies, now);
  const [request] = await getRequestsOfSchools(store, caller.roles.map((r) => r.urn), id);
  const role = request && caller.roles.find((r) => r.urn === request.urn);
  if (!request || !role) throw new DomainError('REQUEST_NOT_FOUND', 'There is no request with this id at your schools. Check the link, or open your dashboard.');
  return { ...caller, role, request };
}
