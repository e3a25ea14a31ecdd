// The schools a signed-in member of staff manages, for GET /api/manage/me: a manage page
// shows the one in its ?urn=, or the first of these, and offers a trust admin a switcher.
import { ROLE_ORDER, type StaffRole } from '#shared/domain/roles.ts';
import type { StaffRoleRecord } from '#shared/domain/records.ts';
import type { Store } from '#shared/store/client.ts';
import { getPlatformAdmin } from '#shared/store/platform-admins.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';

export interface ManageMeAnswer {
  email: string;
  /** The caller's own school first (careers lead, deputy), then a trust's, each by name. */
  schools: { urn: string; name: string; role: StaffRole; trust?: { id: string; name: string } }[];
  /** A platform admin is offered the platform's own pages (schools from GIAS, bank holidays). */
  platformAdmin: boolean;
}

/** The caller's roles (as the edge read them) with each school's name, in ROLE_ORDER. */
export async function staffSchools(store: Store, email: string, roles: readonly StaffRoleRecord[]): Promise<ManageMeAnswer> {
  const [admin, schools] = await Promise.all([
    getPlatformAdmin(store, email),
    Promise.all(
      roles.map(async (r) => {
        const profile = await getSchoolProfile(store, r.urn);
        // A trust admin is offered the trust-wide coverage view, which needs the trust's id.
        const trust = r.role === 'trust_admin' && profile?.trust ? { trust: profile.trust } : {};
        return { urn: r.urn, name: profile?.name ?? `School ${r.urn}`, role: r.role, ...trust };
      }),
    ),
  ]);
  schools.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name) || a.urn.localeCompare(b.urn));
  return { email, schools, platformAdmin: admin !== undefined };
}
