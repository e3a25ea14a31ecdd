// Signing out here (POST /api/auth/sign-out): the session of this cookie's secret ends,
// whatever its kind. Apart from ./sign-in.ts, which the sign-out function need not bundle.
import type { Store } from '#shared/store/client.ts';
import { deleteSession } from '#shared/store/sessions.ts';

export async function signOut(store: Store, secret: string): Promise<void> {
  await deleteSession(store, secret);
}
