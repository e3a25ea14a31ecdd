// The session cookie and the checks every signed-in route makes: who is calling, and for
// state changes, that the call comes from our own site (Origin).
import { AppError } from '#shared/errors.ts';
import type { Store } from '#shared/store/client.ts';
import { getSession, SESSION_ABSOLUTE_SECONDS, type SessionKind, type SessionRecord } from '#shared/store/sessions.ts';

export const SESSION_COOKIE = 'pa_session';

export function sessionCookie(secret: string): string {
  return `${SESSION_COOKIE}=${secret}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${SESSION_ABSOLUTE_SECONDS}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;
}

export function sessionSecret(cookies: readonly string[]): string | undefined {
  for (const cookie of cookies) {
    const eq = cookie.indexOf('=');
    if (eq > 0 && cookie.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = cookie.slice(eq + 1).trim();
      if (/^[A-Za-z0-9_-]{20,100}$/.test(value)) return value;
    }
  }
  return undefined;
}

const SIGN_IN_AGAIN = 'Sign in to continue: your session has ended or you are not signed in.';

/** The caller's live session of the given kind, or 401. */
export async function requireSession(store: Store, cookies: readonly string[], kind: SessionKind, now = new Date()): Promise<SessionRecord> {
  const secret = sessionSecret(cookies);
  const session = secret ? await getSession(store, secret, now) : undefined;
  if (!session || session.kind !== kind) throw new AppError(401, 'SIGN_IN_REQUIRED', SIGN_IN_AGAIN);
  return session;
}

/**
 * Cookie-authenticated state changes must come from the site itself: a browser always
 * sends Origin on a cross-site POST, so a foreign or missing-but-cross-site Origin is refused.
 */
export function requireSameOrigin(headers: Record<string, string | undefined>): void {
  const origin = headers.origin;
  const site = process.env.SITE_URL;
  if (!origin || !site) return;
  if (new URL(site).origin !== origin) {
    throw new AppError(403, 'CROSS_SITE_REQUEST', 'This action must be taken from the provider access site itself.');
  }
}
