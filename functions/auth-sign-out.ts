// POST /api/auth/sign-out: ends the session here and in the table, whatever its kind.
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { clearedSessionCookie, sessionSecret } from '#shared/http/session.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { signOut } from '#shared/usecases/sign-out.ts';

export async function authSignOut(store: Store, cookies: string[]): Promise<HttpResult> {
  const secret = sessionSecret(cookies);
  if (secret) await signOut(store, secret);
  return { status: 200, body: { signedOut: true }, cookies: [clearedSessionCookie()] };
}

export const handler = httpHandler({
  route: 'auth-sign-out',
  run: ({ cookies }) => authSignOut(storeFromEnv(), cookies),
});
