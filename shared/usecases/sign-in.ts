// Passwordless sign-in. Asking for a link answers the same whether or not the email is
// known (nothing leaks). Staff get a staff link; every other address gets a provider link
// (issue 15): a brand-new college must be able to get in to set up its organisation, and
// the link only proves the inbox is theirs. The rate limits below keep one inbox from
// being flooded. Using a link's token, once, opens a session.
import { mailboxOf } from '#shared/domain/addresses.ts';
import type { Store } from '#shared/store/client.ts';
import { queueEmail } from '#shared/store/outbox.ts';
import { getMembership, markJoined } from '#shared/store/organisations.ts';
import { getPlatformAdmin } from '#shared/store/platform-admins.ts';
import { adoptRequestsOfAddress, listRequestsOfProvider } from '#shared/store/requests.ts';
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
  'We have emailed a link to that address. The link works once.';

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
  } else {
    // Nobody we know yet: a new provider, who starts by setting up their organisation.
    await queueEmail(store, { kind: 'sign-in-link', email, sessionKind: 'provider', next: '/provider/organisation/' }, now);
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
  // An invited colleague's first sign-in is when they joined their organisation; the requests
  // their address made before come into it then (issue 15, item 1). Looked for at every
  // sign-in, so a sign-in cut short the first time still brings them in the next.
  const membership = kind === 'provider' ? await getMembership(store, used.email) : undefined;
  if (membership) {
    await markJoined(store, membership, used.email, now);
    await adoptRequestsOfAddress(store, used.email, membership.organisationId);
  }
  return { secret, next: safeNext(used.data.next, kind), kind };
}

/** "Sign out everywhere": every session of the signed-in person ends, this one too. */
export async function signOutEverywhere(store: Store, email: string): Promise<{ ended: number }> {
  return { ended: await endSessionsOf(store, email) };
}
