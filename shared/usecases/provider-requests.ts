// One of a provider's requests, found through the signed-in caller: their organisation's
// (any member's, issue 15 item 1) or their own address's. One request with its history (the
// list is in provider-request-list.ts), and the provider's actions (withdraw, accept or
// reject a proposed time, move, counter).
import { bookingOf } from '#shared/domain/recheck.ts';
import type { ProviderRequestRead } from '#shared/domain/read-models.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { Store } from '#shared/store/client.ts';
import { listRequestEvents } from '#shared/store/request-events.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { requireStillAllowed } from './attention.ts';
import { inviteFile, type InviteFile } from './invites.ts';
import { ownersOf, requestOfOwners, type ProviderIdentity } from './provider-request-list.ts';
import { askToMove, counterOffer, type NewTime } from './moves.ts';
import { requireSchool } from './schools.ts';
import { applyAction } from './transition.ts';

/** What a provider can do to its request (the API's path names). */
export type ProviderActionName = 'withdraw' | 'accept' | 'reject' | 'move' | 'counter';

async function requireOwnRequest(store: Store, caller: ProviderIdentity, id: string, now = new Date()): Promise<StoredRequest> {
  const request = await requestOfOwners(store, ownersOf(caller), id, now);
  if (!request) {
    throw new DomainError('REQUEST_NOT_FOUND', 'There is no request with this id among your requests or your organisation\'s. Check the link, or see all your requests.');
  }
  return request;
}

async function withHistory(store: Store, request: StoredRequest): Promise<ProviderRequestRead> {
  const [school, events] = await Promise.all([getSchoolProfile(store, request.urn), listRequestEvents(store, request.urn, request.id)]);
  return { request, schoolName: school?.name ?? request.urn, events };
}

export async function providerRequest(store: Store, caller: ProviderIdentity, id: string, now = new Date()): Promise<ProviderRequestRead> {
  return withHistory(store, await requireOwnRequest(store, caller, id, now));
}

export async function providerAction(
  store: Store,
  caller: ProviderIdentity,
  id: string,
  action: ProviderActionName,
  input: { reason?: string; note?: string } & NewTime,
  now = new Date(),
): Promise<ProviderRequestRead> {
  const request = await requireOwnRequest(store, caller, id, now);
  // The member who acts is named in the trail; a colleague acting keeps the request's contact (the school writes to them).
  const email = caller.session.email.toLowerCase();
  const actor = { party: 'provider' as const, id: email, name: email === request.providerEmail ? request.contact.name : email };
  if (action === 'move' || action === 'counter') {
    const school = await requireSchool(store, request.urn);
    const after = action === 'move' ? await askToMove(store, school, request, actor, input, now) : await counterOffer(store, school, request, actor, input, now);
    return withHistory(store, after);
  }
  if (action === 'accept' && request.status === 'alternative_proposed') {
    // The school's proposed time becomes the booking: it must keep the school's rules as they are now (issue 11).
    const school = await getSchoolProfile(store, request.urn);
    if (school) await requireStillAllowed(store, school, bookingOf(request), now, 'Ask the school for another time, or withdraw the request.');
  }
  // A provider "withdraws" an approved encounter too; for the school that is a cancellation.
  const after =
    action === 'withdraw' && request.status === 'approved'
      ? await applyAction(store, request, 'cancel', actor, { reason: input.reason ?? '' }, now)
      : action === 'withdraw'
        ? await applyAction(store, request, 'withdraw', actor, { ...(input.reason ? { reason: input.reason } : {}) }, now)
        : action === 'accept'
          ? await applyAction(store, request, 'accept', actor, { ...(input.note ? { note: input.note } : {}) }, now)
          : await applyAction(store, request, 'reject', actor, { ...(input.reason ? { reason: input.reason } : {}) }, now);
  return withHistory(store, after);
}

/** "Add to calendar": one of the provider's approved encounters as an .ics file (another's request: 404). */
export async function providerInvite(store: Store, caller: ProviderIdentity, id: string, now = new Date()): Promise<InviteFile> {
  return inviteFile(store, await requireOwnRequest(store, caller, id, now), 'provider', now);
}
