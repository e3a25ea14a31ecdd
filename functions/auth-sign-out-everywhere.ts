// POST /api/auth/sign-out-everywhere: ends every session of the signed-in person (staff or
// provider), on every device, this one included; 401 without a live session.
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { clearedSessionCookie, requireSession } from '#shared/http/session.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { signOutEverywhere } from '#shared/usecases/sign-in.ts';

export async function authSignOutEverywhere(store: Store, cookies: string[]): Promise<HttpResult> {
  const session = await requireSession(store, cookies, 'any');
  const { ended } = await signOutEverywhere(store, session.email);
  return { status: 200, body: { signedOut: true, sessionsEnded: ended }, cookies: [clearedSessionCookie()] };
}

export const handler = httpHandler({
  route: 'auth-sign-out-everywhere',
  run: ({ cookies }) => authSignOutEverywhere(storeFromEnv(), cookies),
});
