// POST /api/admin/schools/{urn}/careers-lead {name, email, phone?}: makes the person the
// school's careers lead and emails them a sign-in link (platform admins only).
import { careersLeadBody, type CareersLeadBody } from '#shared/api/admin.ts';
import { urnPath } from '#shared/api/provider.ts';
import { requireAdmin } from '#shared/http/admin.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { inviteCareersLead } from '#shared/usecases/onboarding.ts';

export async function adminCareersLead(store: Store, cookies: string[], urn: string, body: CareersLeadBody): Promise<HttpResult> {
  const { session } = await requireAdmin(store, cookies);
  return { status: 201, body: await inviteCareersLead(store, urn, { email: session.email }, body) };
}

export const handler = httpHandler({
  route: 'admin-careers-lead',
  path: urnPath,
  body: careersLeadBody,
  run: ({ cookies, path, body }) => {
    return adminCareersLead(storeFromEnv(), cookies, path.urn, body);
  },
});
