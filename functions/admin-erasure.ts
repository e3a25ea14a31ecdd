// POST /api/admin/erasure {email}: erases a provider contact or a member of staff on
// request (UK GDPR Art. 17), keeping the audit of what happened (shared/usecases/erasure.ts).
// Platform admins only, from the site itself.
import { erasureBody } from '#shared/api/erasure.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { erasePersonalData } from '#shared/usecases/erasure.ts';

export async function adminErasure(store: Store, adminEmail: string, email: string): Promise<HttpResult> {
  return { status: 200, body: { erased: await erasePersonalData(store, email, adminEmail) } };
}

export const handler = httpHandler({
  route: 'admin-erasure',
  body: erasureBody,
  run: ({ caller, body }) => adminErasure(storeFromEnv(), caller.session.email, body.email),
});
