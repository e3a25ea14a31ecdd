// GET /api/manage/me: the signed-in member of staff and the schools they manage, so a
// manage page knows which school to show (its ?urn=, or the first of these) and can offer
// a switcher to a trust admin with several. 401 SIGN_IN_REQUIRED without a staff session.
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireStaff } from '#shared/http/staff.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { ROLE_ORDER, type StaffRole } from '#shared/domain/roles.ts';

export interface ManageMeAnswer {
  email: string;
  /** The caller's own school first (careers lead, deputy), then a trust's, each by name. */
  schools: { urn: string; name: string; role: StaffRole; trust?: { id: string; name: string } }[];
}

export async function manageMe(store: Store, cookies: string[]): Promise<HttpResult> {
  const { session, roles } = await requireStaff(store, cookies);
  const schools = await Promise.all(
    roles.map(async (r) => {
      const profile = await getSchoolProfile(store, r.urn);
      // A trust admin is offered the trust-wide coverage view, which needs the trust's id.
      const trust = r.role === 'trust_admin' && profile?.trust ? { trust: profile.trust } : {};
      return { urn: r.urn, name: profile?.name ?? `School ${r.urn}`, role: r.role, ...trust };
    }),
  );
  schools.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name) || a.urn.localeCompare(b.urn));
  const body: ManageMeAnswer = { email: session.email, schools };
  return { status: 200, body };
}

export const handler = httpHandler({
  route: 'manage-me',
  run: ({ cookies }) => manageMe(storeFromEnv(), cookies),
});
