// Who is calling, as the route table's `access` asks (shared/routes.ts): the edge finds the
// caller before `run` and hands it over, so no handler checks access by hand. The edge reads
// nothing itself: it asks the lookups below, which shared/usecases/access.ts answers from
// the store and functions/lib/http.ts binds. Each lookup is one read, as the checks were
// when every handler made them: a session, a person's roles, a request among some schools
// (handed on to `run`, never read twice), a platform admin.
import type { OrganisationMembership, PlatformAdmin, SessionKind, SessionRecord, StaffRoleRecord, StoredRequest } from '#shared/domain/records.ts';
import { PLATFORM_ADMIN_SESSION_SECONDS } from '#shared/domain/sessions.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { HttpRoute, RouteRow } from '#shared/routes.ts';
import { requireSameOrigin, sessionSecret } from './session.ts';

/** What the edge needs to know of callers: the store's answers, through a use case. */
export interface AccessLookups {
  /** The live session for a cookie's secret (its idle deadline moved on), or undefined. */
  session(secret: string, now: Date): Promise<SessionRecord | undefined>;
  /** Every school role of a person. */
  rolesOf(email: string): Promise<StaffRoleRecord[]>;
  /** The request with this id at one of these schools, or undefined. */
  requestOfSchools(urns: readonly string[], id: string): Promise<StoredRequest | undefined>;
  platformAdmin(email: string): Promise<PlatformAdmin | undefined>;
  /** The organisation a provider belongs to (issue 15), read on every provider call: a removed member has none at once. */
  membershipOf(email: string): Promise<OrganisationMembership | undefined>;
}

/** A signed-in member of staff and every school role they have. */
export interface StaffCaller {
  session: SessionRecord;
  roles: StaffRoleRecord[];
}

/** A signed-in provider, and the organisation they belong to now (none for a provider without an account, or removed from one). */
export interface ProviderCaller {
  session: SessionRecord;
  membership?: OrganisationMembership;
}

/** The caller `run` receives for a route, by what the table says of it. */
export type CallerOf<R> = R extends { access: 'staff'; staffOf: 'path' }
  ? StaffCaller & { role: StaffRoleRecord }
  : R extends { access: 'staff'; staffOf: 'request' }
    ? StaffCaller & { role: StaffRoleRecord; request: StoredRequest }
    : R extends { access: 'staff' }
      ? StaffCaller
      : R extends { access: 'provider' }
        ? ProviderCaller
        : R extends { access: 'admin' }
          ? { session: SessionRecord; admin: PlatformAdmin }
          : R extends { session: 'any' }
            ? { session: SessionRecord }
            : R extends { session: 'provider-if-sent' }
              ? { session?: SessionRecord }
              : Record<never, never>;

/**
 * The routes whose caller the edge finds without asking anyone: public ones that use no
 * session, and the action links (the use case checks the token). Their adapters can use an
 * edge without lookups (functions/lib/open-http.ts), and bundle no store to find callers.
 */
export type LooksNobodyUp = Extract<RouteRow, { access: 'action' }> | Exclude<Extract<RouteRow, { access: 'public' }>, { session: string }>;

/** Every caller shape, for the edge's own code. */
type AnyCaller = Partial<StaffCaller & { role: StaffRoleRecord; request: StoredRequest; admin: PlatformAdmin; membership: OrganisationMembership }>;

/** What a call carries that access depends on: its cookies, headers and parsed path. */
export interface CallCredentials {
  cookies: readonly string[];
  headers: Record<string, string | undefined>;
  path: Record<string, unknown>;
}

const SIGN_IN_AGAIN = 'Sign in to continue: your session has ended or you are not signed in.';

/** The caller's live session of the given kind (or of either kind), or 401. */
async function liveSession(lookups: AccessLookups, cookies: readonly string[], kind: SessionKind | 'any', now: Date): Promise<SessionRecord> {
  const secret = sessionSecret(cookies);
  const session = secret ? await lookups.session(secret, now) : undefined;
  if (!session || (kind !== 'any' && session.kind !== kind)) throw new DomainError('SIGN_IN_REQUIRED', SIGN_IN_AGAIN);
  return session;
}

/**
 * A provider session the call carries, when it comes from the site itself; never a refusal.
 * A cookie on a call another site made (CSRF) counts for nothing: the call is anyone's.
 */
async function providerSessionIfSent(lookups: AccessLookups, call: CallCredentials, now: Date): Promise<SessionRecord | undefined> {
  const secret = sessionSecret(call.cookies);
  if (!secret) return undefined;
  try {
    requireSameOrigin(call.headers);
  } catch {
    return undefined;
  }
  const session = await lookups.session(secret, now);
  return session?.kind === 'provider' ? session : undefined;
}

async function staffCaller(lookups: AccessLookups, route: Extract<HttpRoute, { access: 'staff' }>, call: CallCredentials, now: Date): Promise<AnyCaller> {
  const session = await liveSession(lookups, call.cookies, 'staff', now);
  const roles = await lookups.rolesOf(session.email);
  if (route.staffOf === 'any') return { session, roles };
  if (route.staffOf === 'path') {
    const role = roles.find((r) => r.urn === call.path.urn);
    if (!role) throw new DomainError('NOT_YOUR_SCHOOL', 'You do not have a role at this school. Ask its careers lead or your trust admin to add you.');
    return { session, roles, role };
  }
  const request = await lookups.requestOfSchools(
    roles.map((r) => r.urn),
    String(call.path.id),
  );
  const role = request && roles.find((r) => r.urn === request.urn);
  if (!request || !role) throw new DomainError('REQUEST_NOT_FOUND', 'There is no request with this id at your schools. Check the link, or open your dashboard.');
  return { session, roles, role, request };
}

async function adminCaller(lookups: AccessLookups, call: CallCredentials, now: Date): Promise<AnyCaller> {
  const session = await liveSession(lookups, call.cookies, 'staff', now);
  const admin = await lookups.platformAdmin(session.email);
  if (!admin) throw new DomainError('PLATFORM_ADMIN_REQUIRED', 'Only a platform admin can onboard schools. Ask the team that runs this service.');
  // Also a session opened before the person became an admin: admin work needs a sign-in in the last 12 hours.
  if (now.getTime() - Date.parse(session.createdAt) > PLATFORM_ADMIN_SESSION_SECONDS * 1000) {
    throw new DomainError('SIGN_IN_REQUIRED', 'Platform admins sign in again every 12 hours. Sign in to continue.');
  }
  return { session, admin };
}

/**
 * The caller of a route, or the refusal its `access` calls for (401, 403, or 404 for another
 * school's request). `lookups` is asked for only by a route that looks someone up.
 */
export async function callerFor(route: HttpRoute, lookups: () => AccessLookups, call: CallCredentials, now = new Date()): Promise<AnyCaller> {
  switch (route.access) {
    case 'staff':
      return staffCaller(lookups(), route, call, now);
    case 'admin':
      return adminCaller(lookups(), call, now);
    case 'provider': {
      const found = lookups();
      const session = await liveSession(found, call.cookies, 'provider', now);
      const membership = await found.membershipOf(session.email);
      return membership ? { session, membership } : { session };
    }
    case 'public':
      if (route.session === 'any') return { session: await liveSession(lookups(), call.cookies, 'any', now) };
      if (route.session === 'provider-if-sent') {
        const session = await providerSessionIfSent(lookups(), call, now);
        return session ? { session } : {};
      }
      return {};
    case 'action':
      // The token is the credential, in the body or the path: the use case checks it (its
      // state, its lead's role), as it must read the token anyway. The edge has applied the
      // same-origin check to the action routes that act.
      return {};
  }
}

/** A route the edge can apply: its path names what its `access` reads. Checked once, when the handler is made. */
export function checkRouteAccess(route: HttpRoute): void {
  if (route.access !== 'staff') return;
  const needs = route.staffOf === 'path' ? '{urn}' : route.staffOf === 'request' ? '{id}' : undefined;
  if (needs && !route.path.includes(needs)) throw new Error(`${route.name}: staff of the ${route.staffOf} school needs ${needs} in its path`);
}
