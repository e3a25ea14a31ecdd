// The session cookie, and the check every state change made with a credential gets: that
// the call comes from our own site (Origin). The edge applies both (./access.ts, ./handler.ts).
import { SESSION_ABSOLUTE_SECONDS } from '#shared/domain/sessions.ts';
import { DomainError } from '#shared/domain/errors.ts';

/**
 * `__Host-`: the browser keeps the cookie only if it is Secure, has Path=/ and no Domain,
 * so no other subdomain or plain-http page can set or overwrite it (issue 12, item 12).
 */
export const SESSION_COOKIE = '__Host-pa_session';

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

const CROSS_SITE = 'This action must be taken from the provider access site itself. Go back to the page on the site (or the link in your email) and try again.';

/**
 * A state change made with a cookie or an emailed link must come from the site itself
 * (CSRF, issue 12 item 8). A browser says where a request comes from in Origin (always on
 * a cross-site POST) and in Sec-Fetch-Site; so a request is refused when Origin names
 * another site, when Sec-Fetch-Site says anything but same-origin, or when it carries
 * neither Origin nor Sec-Fetch-Site: same-origin. Without SITE_URL nothing can match the
 * Origin, so only Sec-Fetch-Site: same-origin passes (fail closed).
 */
export function requireSameOrigin(headers: Record<string, string | undefined>): void {
  const origin = headers.origin?.trim();
  const fetchSite = headers['sec-fetch-site']?.trim().toLowerCase();
  const site = process.env.SITE_URL;
  const siteOrigin = site ? new URL(site).origin : undefined;
  if (fetchSite !== undefined && fetchSite !== 'same-origin') throw new DomainError('CROSS_SITE_REQUEST', CROSS_SITE);
  if (origin !== undefined && origin !== '' && origin !== siteOrigin) throw new DomainError('CROSS_SITE_REQUEST', CROSS_SITE);
  const vouched = (origin !== undefined && origin !== '' && origin === siteOrigin) || fetchSite === 'same-origin';
  if (!vouched) throw new DomainError('CROSS_SITE_REQUEST', CROSS_SITE);
}
