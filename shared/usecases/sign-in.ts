// Passwordless sign-in. Asking for a link answers the same whether or not the email is
// known (nothing leaks); a known staff email or a provider with requests gets a link
// through the mailer. Using a link's token, once, opens a session.
import { mailboxOf } from '#shared/domain/addresses.ts';
import type { Store } from '#shared/store/client.ts';
import { queueEmail } from '#shared/store/outbox.ts';
import { getMembership, markJoined } from '#shared/store/organisations.ts';
import { getPlatformAdmin } from '#shared/store/platform-admins.ts';
import { listRequestsOfProvider } from '#shared/store/requests.ts';
import { createSession, endSessionsOf, PLATFORM_ADMIN_SESSION_SECONDS } from '#shared/store/sessions.ts';
import type { SessionKind } from '#shared/domain/records.ts';
import { listRolesOfUser } from '#shared/store/staff.ts';
import { consumeToken } from '#shared/store/tokens.ts';
import type { RateLimit } from '#shared/store/rate-limits.ts';
import { enforceRateLimits } from './create-request.ts';

export const SIGN_IN_LIMITS = {
  perIp: { scope: 'sign-in-ip', limit: 30, windowSeconds: 900 } satisfies RateLimit,
  perEmail: { scope: 'sign-in-email', limit: 5, windowSeconds: 900 } satisfies RateLimit,
};

export const SIGN_IN_ANSWER =
  'If that email address belongs to school staff, or has sent requests, we have emailed it a link. The link works once.';

export async function requestSignInLink(store: Store, email: string, caller: { ip: string }, now = new Date()): Promise<void> {
  // Per mailbox: `name+tag@` counts as `name@`, so tags cannot multiply the links one inbox gets (issue 12, item 2).
  await enforceRateLimits(store, [[SIGN_IN_LIMITS.perIp, caller.ip], [SIGN_IN_LIMITS.perEmail, mailboxOf(email)]], now);
  if ((await listRolesOfUser(store, email)).length > 0 || (await getPlatformAdmin(store, email))) {
    await queueEmail(store, { kind: 'sign-in-link', email, sessionKind: 'staff', next: '/manage/' }, now);
  } else if (await getMembership(store, email)) {
    // A member of an organisation (issue 15), with requests or not yet: their account.
    await queueEmail(store, { kind: 'sign-in-link', email, sessionKind: 'provider', next: '/provider/organisation/' }, now);
  } else if ((await listRequestsOfProvider(store, email, 1)).length > 0) {
    await queueEmail(store, { kind: 'sign-in-link', email, sessionKind: 'provider', next: '/requests/' }, now);
  }
}

/** Only paths on our own site: a token can never send someone elsewhere. */
function safeNext(next: string | undefined, kind: SessionKind): string {
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\')) return next;
  return kind === 'staff' ? '/manage/' : '/requests/';
}

export async function openSession(store: Store, token: string, now = new Date()): Promise<{ secret: string; next: string; kind: SessionKind }> {
  const used = await consumeToken(store, token, 'sign-in', now);
  const kind: SessionKind = used.data.kind === 'staff' ? 'staff' : 'provider';
  const admin = kind === 'staff' && (await getPlatformAdmin(store, used.email));
  const { secret } = await createSession(store, kind, used.email, now, admin ? { absoluteSeconds: PLATFORM_ADMIN_SESSION_SECONDS } : {});
  // An invited colleague's first sign-in is when they joined their organisation.
  const membership = kind === 'provider' ? await getMembership(store, used.email) : undefined;
  if (membership) await markJoined(store, membership, used.email, now);
  return { secret, next: safeNext(used.data.next, kind), kind };
}

/** "Sign out everywhere": every session of the signed-in person ends, this one too. */
export async function signOutEverywhere(store: Store, email: string): Promise<{ ended: number }> {
  return { ended: await endSessionsOf(store, email) };
}
