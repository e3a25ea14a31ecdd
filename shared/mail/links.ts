// Links in emails: absolute URLs on the site, and links carrying a fresh token. A token
// travels in the fragment (#token=…), which no server receives or logs, and the page it
// opens posts it (issue 12, item 3). Mail only says which token a link needs (a TokenGrant);
// the use case mints it once the email is claimed, and the link is made from it here.
import type { TokenPurpose } from '#shared/domain/records.ts';
import { actionLinkPath } from '#shared/domain/links.ts';

export { actionLinkPath };

/** Link lifetimes: staff sign-in 15 minutes; a provider's link from an email, a week. */
export const STAFF_LINK_SECONDS = 15 * 60;
export const PROVIDER_LINK_SECONDS = 7 * 24 * 60 * 60;
/** Email action links for the careers lead: single use, 14 days, bound to request and lead; the token in the fragment. */
export const ACTION_LINK_SECONDS = 14 * 24 * 60 * 60;

/** A link's lifetime in words, as an email states it: "15 minutes", "24 hours", "7 days". */
export function lifetimeWords(seconds: number): string {
  const [count, unit] = seconds % 86_400 === 0 && seconds > 86_400 ? [seconds / 86_400, 'day'] : seconds % 3_600 === 0 ? [seconds / 3_600, 'hour'] : [Math.ceil(seconds / 60), 'minute'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

export function siteUrl(path: string): string {
  const base = process.env.SITE_URL ?? 'http://localhost:3000';
  return new URL(path, base).toString();
}

/** What a link's token grants, and for how long: a lifetime, or until a moment (counted when it is minted). */
export interface TokenGrant {
  purpose: TokenPurpose;
  /** Whoever uses the link acts as this address. */
  email: string;
  data: Record<string, string>;
  lifetime: { seconds: number } | { until: string };
}

/** The link that carries a minted token: the page it opens follows from what the token is for. */
export function tokenLink(purpose: TokenPurpose, token: string): string {
  switch (purpose) {
    case 'sign-in':
      return siteUrl(`/sign-in/confirm/#token=${token}`);
    case 'action':
      return siteUrl(actionLinkPath(token));
    case 'confirm-request':
      return siteUrl(`/request/confirm/#token=${token}`);
  }
}

/** A provider's link from an email: it signs them in and lands on their request. */
export function providerSignIn(request: { id: string; contact: { email: string } }): TokenGrant {
  return { purpose: 'sign-in', email: request.contact.email, data: { kind: 'provider', next: `/requests/view/?id=${encodeURIComponent(request.id)}` }, lifetime: { seconds: PROVIDER_LINK_SECONDS } };
}

/** The careers lead's page for one request on the dashboard (no token: the lead signs in). */
export function leadRequestUrl(requestId: string): string {
  return siteUrl(`/manage/requests/view/?id=${encodeURIComponent(requestId)}`);
}
