// POST /api/auth/session: a sign-in link's token (posted by the page's button, never on
// GET) becomes a session cookie; the token cannot be used again.
import { sessionBody } from '#shared/api/auth.ts';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { sessionCookie } from '#shared/http/session.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { openSession } from '#shared/usecases/sign-in.ts';

export async function authSession(store: Store, token: string): Promise<HttpResult> {
  const { secret, next, kind } = await openSession(store, token);
  return { status: 200, body: { next, kind }, cookies: [sessionCookie(secret)] };
}

export const handler = httpHandler({
  route: 'auth-session',
  body: sessionBody,
  run: ({ body }) => {
    return authSession(storeFromEnv(), body.token);
  },
});
