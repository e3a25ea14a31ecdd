// POST /api/auth/sign-out-everywhere: ends every session of the signed-in person (staff or
// provider), on every device, this one included; 401 without a live session.
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { clearedSessionCookie } from '#shared/http/session.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { signOutEverywhere } from '#shared/usecases/sign-in.ts';

export async function authSignOutEverywhere(store: Store, email: string): Promise<HttpResult> {
  const { ended } = await signOutEverywhere(store, email);
  return { status: 200, body: { signedOut: true, sessionsEnded: ended }, cookies: [clearedSessionCookie()] };
}

export const handler = httpHandler({
  route: 'auth-sign-out-everywhere',
  // The edge found the caller's live session, of either kind (401 without one).
  run: ({ caller }) => authSignOutEverywhere(storeFromEnv(), caller.session.email),
});
