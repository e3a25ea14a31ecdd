// POST /api/auth/sign-in: email me a sign-in link. The same answer for any email.
import { signInBody } from '#shared/api/auth.ts';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { clientIp } from '#shared/http/client-ip.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { requestSignInLink, SIGN_IN_ANSWER } from '#shared/usecases/sign-in.ts';

export async function authSignIn(store: Store, email: string, ip: string): Promise<HttpResult> {
  await requestSignInLink(store, email.toLowerCase(), { ip });
  return { status: 202, body: { message: SIGN_IN_ANSWER } };
}

export const handler = httpHandler({
  route: 'auth-sign-in',
  body: signInBody,
  run: ({ body, event }) => authSignIn(storeFromEnv(), body.email, clientIp(event)),
});
