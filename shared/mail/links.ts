// Links in emails: absolute URLs on the site, and sign-in and action links carrying a fresh
// token. A token travels in the fragment (#token=…), which no server receives or logs, and
// the page it opens posts it (issue 12, item 3).
import type { Store } from '#shared/store/client.ts';
import { issueToken } from '#shared/store/tokens.ts';

/** Link lifetimes: staff sign-in 15 minutes; a provider's link from an email, a week. */
export const STAFF_LINK_SECONDS = 15 * 60;
export const PROVIDER_LINK_SECONDS = 7 * 24 * 60 * 60;

export function siteUrl(path: string): string {
  const base = process.env.SITE_URL ?? 'http://localhost:3000';
  return new URL(path, base).toString();
}

export async function signInUrl(store: Store, email: string, kind: 'staff' | 'provider', next: string, ttlSeconds: number): Promise<string> {
  const token = await issueToken(store, { purpose: 'sign-in', email, data: { kind, next }, ttlSeconds });
  return siteUrl(`/sign-in/confirm/#token=${token}`);
}

export { actionLinkPath } from '#shared/domain/links.ts';
