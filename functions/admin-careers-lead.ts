// POST /api/admin/schools/{urn}/careers-lead {name, email, phone?}: makes the person the
// school's careers lead and emails them a sign-in link (platform admins only).
import { careersLeadBody, type CareersLeadBody } from '#shared/api/admin.ts';
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { inviteCareersLead } from '#shared/usecases/onboarding.ts';

export async function adminCareersLead(store: Store, adminEmail: string, urn: string, body: CareersLeadBody): Promise<HttpResult> {
  return { status: 201, body: await inviteCareersLead(store, urn, { email: adminEmail }, body) };
}

export const handler = httpHandler({
  route: 'admin-careers-lead',
  path: urnPath,
  body: careersLeadBody,
  run: ({ caller, path, body }) => adminCareersLead(storeFromEnv(), caller.session.email, path.urn, body),
});
