// The edge's questions about a caller, answered from the store (shared/http/access.ts says
// what it asks and why). One read each, as when every handler asked them itself.
import type { OrganisationMembership, PlatformAdmin, SessionRecord, StaffRoleRecord, StoredRequest } from '#shared/domain/records.ts';
import type { Store } from '#shared/store/client.ts';
import { getMembership } from '#shared/store/organisations.ts';
import { getPlatformAdmin } from '#shared/store/platform-admins.ts';
import { getRequestsOfSchools } from '#shared/store/requests.ts';
import { getSession } from '#shared/store/sessions.ts';
import { listRolesOfUser } from '#shared/store/staff.ts';

export function callerLookups(store: Store) {
  return {
    session: (secret: string, now: Date): Promise<SessionRecord | undefined> => getSession(store, secret, now),
    rolesOf: (email: string): Promise<StaffRoleRecord[]> => listRolesOfUser(store, email),
    requestOfSchools: async (urns: readonly string[], id: string): Promise<StoredRequest | undefined> => (await getRequestsOfSchools(store, urns, id))[0],
    platformAdmin: (email: string): Promise<PlatformAdmin | undefined> => getPlatformAdmin(store, email),
    membershipOf: (email: string): Promise<OrganisationMembership | undefined> => getMembership(store, email),
  };
}

/** The records the edge hands an adapter's `run` with its caller. */
export type { OrganisationMembership, PlatformAdmin, SessionRecord, StaffRoleRecord, StoredRequest } from '#shared/domain/records.ts';
