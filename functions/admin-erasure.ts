// POST /api/admin/erasure {email}: erases a provider contact or a member of staff on
// request (UK GDPR Art. 17), keeping the audit of what happened (shared/usecases/erasure.ts).
// Platform admins only, from the site itself.
import { erasureBody } from '#shared/api/erasure.ts';
import { requireAdmin } from '#shared/http/admin.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { erasePersonalData } from '#shared/usecases/erasure.ts';

export async function adminErasure(store: Store, cookies: string[], email: string): Promise<HttpResult> {
  const { session } = await requireAdmin(store, cookies);
  return { status: 200, body: { erased: await erasePersonalData(store, email, session.email) } };
}

export const handler = httpHandler({
  route: 'admin-erasure',
  body: erasureBody,
  run: ({ cookies, body }) => {
    return adminErasure(storeFromEnv(), cookies, body.email);
  },
});
