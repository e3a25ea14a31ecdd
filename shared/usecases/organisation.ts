// A provider's organisation account (issue 15, item 1): read and save its profile (the
// first save creates it, its author its admin), invite and remove members. The edge hands
// each call the caller's membership, read on that very call (shared/http/access.ts), so a
// removed member is refused at once; every write also checks the caller's role inside its
// own transaction, so a removal racing a write never lets the write through.
import { DomainError } from '#shared/domain/errors.ts';
import type { MemberRecord, MemberRole, OrganisationMembership, OrganisationRecord } from '#shared/domain/records.ts';
import type { ProviderType } from '#shared/domain/types.ts';
import type { Store } from '#shared/store/client.ts';
import { newId } from '#shared/store/ids.ts';
import { adoptRequestsOfAddress } from '#shared/store/requests.ts';
import { getCalendarFeed } from '#shared/store/calendar-feeds.ts';
import {
  addMember,
  createOrganisation,
  getOrganisation,
  listMembers,
  removeMember,
  saveOrganisation,
  type OrganisationWriteRefusal,
} from '#shared/store/organisations.ts';

export interface OrganisationCaller {
  email: string;
  membership?: OrganisationMembership;
}

export interface OrganisationProfileInput {
  name: string;
  type: ProviderType;
  ukprn: string;
  website?: string;
  defaultContact: { name: string; email: string; phone: string };
  version?: number;
}

export interface OrganisationAccount {
  organisation: OrganisationRecord;
  members: MemberRecord[];
  you: { email: string; role: MemberRole };
  /** When the organisation's calendar feed address was made, and by whom (issue 15, item 3); never the address. */
  calendarFeed?: { createdAt: string; createdBy: string };
}

const NO_ORGANISATION = 'You are not a member of an organisation. Set one up with your organisation’s details, or ask a colleague who is an admin of it to invite you.';

function refusal(why: OrganisationWriteRefusal, ukprn?: string): DomainError {
  switch (why) {
    case 'ukprn-taken':
      return new DomainError('UKPRN_TAKEN', `Another organisation has already registered UKPRN ${ukprn ?? ''}. Check the number, or ask that organisation’s admin to invite you.`, {
        rule: 'R-PROVIDER',
        fields: { ukprn: 'This UKPRN belongs to an organisation already registered here: check it, or ask its admin to invite you.' },
      });
    case 'already-member':
      return new DomainError('ALREADY_A_MEMBER', 'That person already belongs to an organisation here. They must leave it (or be removed) before they can join another.', {
        fields: { email: 'This person already belongs to an organisation here.' },
      });
    case 'changed':
      return new DomainError('ORGANISATION_CHANGED', 'Someone else changed your organisation’s details meanwhile. Reload the page to see them, then make your change again.');
    case 'not-member':
      return new DomainError('ORGANISATION_ADMIN_REQUIRED', 'Only an admin of your organisation can do this. Ask one of its admins.');
    case 'last-admin':
      return new DomainError('LAST_ADMIN', 'Your organisation needs at least one admin. Make someone else an admin before this person leaves.');
  }
}

async function account(store: Store, organisationId: string, caller: { email: string; role: MemberRole }): Promise<OrganisationAccount> {
  const [organisation, members, feed] = await Promise.all([getOrganisation(store, organisationId), listMembers(store, organisationId), getCalendarFeed(store, { organisationId })]);
  if (!organisation) throw new DomainError('ORGANISATION_NOT_FOUND', NO_ORGANISATION);
  return { organisation, members, you: caller, ...(feed ? { calendarFeed: { createdAt: feed.createdAt, createdBy: feed.createdBy } } : {}) };
}

function requireMembership(caller: OrganisationCaller): OrganisationMembership {
  if (!caller.membership) throw new DomainError('ORGANISATION_NOT_FOUND', NO_ORGANISATION);
  return caller.membership;
}

function requireAdmin(caller: OrganisationCaller): OrganisationMembership {
  const membership = requireMembership(caller);
  if (membership.role !== 'admin') throw refusal('not-member');
  return membership;
}

/** GET /api/provider/organisation: the caller's organisation, or 404 when they belong to none. */
export async function readOrganisation(store: Store, caller: OrganisationCaller): Promise<OrganisationAccount> {
  const membership = requireMembership(caller);
  return account(store, membership.organisationId, { email: caller.email, role: membership.role });
}

/** PUT /api/provider/organisation: creates the organisation (the caller its admin) or saves its admin's changes. */
export async function putOrganisation(store: Store, caller: OrganisationCaller, input: OrganisationProfileInput, now = new Date()): Promise<OrganisationAccount> {
  const at = now.toISOString();
  const profile = {
    name: input.name,
    type: input.type,
    ukprn: input.ukprn,
    ...(input.website ? { website: input.website } : {}),
    defaultContact: { ...input.defaultContact, email: input.defaultContact.email.toLowerCase() },
  };
  const email = caller.email.toLowerCase();
  if (!caller.membership) {
    const organisation: OrganisationRecord = { id: newId(now.getTime()), ...profile, createdAt: at, updatedAt: at, version: 1 };
    const founder: MemberRecord = { organisationId: organisation.id, email, role: 'admin', invitedBy: email, invitedAt: at, joinedAt: at };
    const refused = await createOrganisation(store, organisation, founder);
    if (refused) throw refusal(refused, input.ukprn);
    // The founder's requests made before the organisation existed are its first (issue 15, item 1).
    await adoptRequestsOfAddress(store, email, organisation.id);
    return { organisation, members: [founder], you: { email, role: 'admin' } };
  }
  const membership = requireAdmin(caller);
  const previous = await getOrganisation(store, membership.organisationId);
  if (!previous) throw new DomainError('ORGANISATION_NOT_FOUND', NO_ORGANISATION);
  if (input.version !== undefined && input.version !== previous.version) throw refusal('changed');
  const next: OrganisationRecord = { id: previous.id, ...profile, createdAt: previous.createdAt, updatedAt: at, version: previous.version + 1 };
  const refused = await saveOrganisation(store, previous, next, email);
  if (refused) throw refusal(refused, input.ukprn);
  return account(store, next.id, { email, role: membership.role });
}

/** POST /api/provider/organisation/members: adds a colleague and emails them an invitation with a sign-in link (the mailer sends it). */
export async function inviteMember(store: Store, caller: OrganisationCaller, invitee: { email: string; role: MemberRole }, now = new Date()): Promise<OrganisationAccount> {
  const membership = requireAdmin(caller);
  const email = invitee.email.toLowerCase();
  const member: MemberRecord = { organisationId: membership.organisationId, email, role: invitee.role, invitedBy: caller.email.toLowerCase(), invitedAt: now.toISOString() };
  const refused = await addMember(store, member, { kind: 'organisation-invite', email, organisationId: membership.organisationId }, now);
  if (refused) throw refusal(refused);
  return account(store, membership.organisationId, { email: caller.email.toLowerCase(), role: membership.role });
}

/** DELETE /api/provider/organisation/members/{email}: an admin removes a member, or a member leaves. */
export async function removeOrganisationMember(store: Store, caller: OrganisationCaller, email: string): Promise<{ removed: string }> {
  const membership = requireMembership(caller);
  const target = email.toLowerCase();
  const self = target === caller.email.toLowerCase();
  if (!self && membership.role !== 'admin') throw refusal('not-member');
  const members = await listMembers(store, membership.organisationId);
  const removed = members.find((m) => m.email === target);
  if (!removed) throw new DomainError('MEMBER_NOT_FOUND', `${target} is not a member of your organisation. Check the address in your list of members.`);
  // An admin leaving needs another admin who stays, checked in the removal's own transaction.
  const otherAdmin = removed.role === 'admin' ? (members.find((m) => m.role === 'admin' && m.email !== target && m.email === caller.email.toLowerCase()) ?? members.find((m) => m.role === 'admin' && m.email !== target))?.email : undefined;
  if (removed.role === 'admin' && !otherAdmin) throw refusal('last-admin');
  const refused = await removeMember(store, membership.organisationId, target, caller.email, otherAdmin);
  if (refused) throw refusal(refused);
  return { removed: target };
}
