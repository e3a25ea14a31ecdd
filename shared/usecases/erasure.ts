// Erasure on request (UK GDPR Art. 17): a provider contact or a member of staff, by email.
// What is done, all through named access patterns (never a scan):
//  - as a provider contact: each request the address made (gsi2) loses the contact's name,
//    email (an opaque placeholder instead), phone and the free text, and leaves the
//    provider index; in its events, the person's own email and name go too;
//  - as staff: the events they acted in at their schools (their role items say which)
//    lose their email and name; the set-up audit items of those schools lose their address
//    and name; their role items are removed (school and person side, and a platform admin
//    record), so they can no longer sign in;
//  - every token, session and queued sign-in email held for the address is deleted
//    (gsi1 under the address; items written before that index expire by TTL within 7 days);
//  - every published statement version still naming the address as careers lead has that
//    contact redacted (gsi2, any school), and the versions they published at their schools
//    name the placeholder as publisher, in the transaction of the erasure record (issue 12,
//    item 10; shared/store/statements.ts says how this fits immutable versions);
//    and the marker that its mailbox confirmed a request goes too (issue 12, item 2);
//  - as a member of an organisation (issue 15): their membership goes (they can no longer
//    see its requests), the members they invited and a default contact that is them name
//    the placeholder, and so do the visit tours they sent and the calendar feed they made;
//  - what happened is kept: event types, dates, statuses, parties and roles, reasons.
// Someone who is still a school's named careers lead is refused (CAREERS_LEAD_IN_USE): the school names
// another first, or it would be left without a contact; so is an organisation's only admin
// while it has other members (LAST_ADMIN), or it would be left with nobody to run it. The erasure itself is recorded
// (when, by whom, counts) without the erased address. Running it twice changes nothing more.
import { DomainError } from '#shared/domain/errors.ts';
import { TransactionCancelled } from '#shared/store/transact.ts';
import { anonymisedEvent, ERASED_NAME } from '#shared/domain/personal-data.ts';
import { logger } from '#shared/log.ts';
import type { Store } from '#shared/store/client.ts';
import { newId } from '#shared/store/ids.ts';
import { deleteItems, listItemsHeldForEmail, recordErasure } from '#shared/store/personal-data.ts';
import { listKeyedEventsByActor, saveAnonymisedEvents } from '#shared/store/request-events.ts';
import { listAllRequestRefsOfProvider } from '#shared/store/requests.ts';
import { listKeyedSchoolChanges, saveSchoolChange } from '#shared/store/school-changes.ts';
import { forgetConfirmedAddress } from '#shared/store/confirmed-addresses.ts';
import { getPlatformAdmin, removePlatformAdmin } from '#shared/store/platform-admins.ts';
import { replaceFeedCreator } from '#shared/store/calendar-feeds.ts';
import { eraseMember, getMembership, getOrganisation, listMembers } from '#shared/store/organisations.ts';
import { getRequest } from '#shared/store/requests.ts';
import { listToursOf, replaceTourSender } from '#shared/store/tours.ts';
import { getSchoolProfile, replaceProfileEditor } from '#shared/store/schools.ts';
import { listFormerRolesOfUser, listRolesOfUser, removeFormerRole, removeStaffRole } from '#shared/store/staff.ts';
import { anonymiseRequest, erasedAddress } from './anonymise.ts';
import { erasedLeadRedactions } from './statement.ts';

export interface ErasureSummary {
  /** What now stands for the address in what was kept. */
  placeholder: string;
  requests: number;
  events: number;
  schoolChanges: number;
  roles: number;
  platformAdmin: boolean;
  /** Tokens, sessions and queued sign-in emails deleted, and the confirmed-address marker. */
  heldItems: number;
  /** Published statement versions whose careers lead contact or publisher was this person. */
  statementVersions: number;
  /** Organisation items: their membership (2), members they invited, a default contact, a calendar feed they made. */
  organisationItems: number;
  /** Visit tours they sent. */
  tours: number;
}

/** `text` with every occurrence of each needle (any case) replaced; needles under 3 characters are left. */
function replaceAll(text: string, needles: string[], by: string): string {
  let out = text;
  for (const n of needles.filter((x) => x.length >= 3)) out = out.replace(new RegExp(n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), by);
  return out;
}

export async function erasePersonalData(store: Store, email: string, by: string, now = new Date()): Promise<ErasureSummary> {
  const subject = email.trim().toLowerCase();
  const id = newId(now.getTime());
  // Opaque: from this erasure's id alone. Not from the address: the id is kept in the
  // erasure record beside the placeholder, so hashing a guessed address with it would confirm the guess.
  const placeholder = erasedAddress(`erasure:${id}`);
  const isSubject = (actor: { id: string }) => actor.id.toLowerCase() === subject;

  const roles = await listRolesOfUser(store, subject);
  const schools = await Promise.all(roles.map((r) => getSchoolProfile(store, r.urn)));
  const leadOf = schools.filter((s) => s?.careersLead.email.toLowerCase() === subject);
  if (leadOf.length > 0) {
    throw new DomainError(
      'CAREERS_LEAD_IN_USE',
      `${email} is the named careers lead of ${leadOf.map((s) => s?.name).join(', ')}. Ask the school to name another careers lead in its settings first, then erase.`,
    );
  }
  const membership = await getMembership(store, subject);
  if (membership?.role === 'admin') {
    const others = (await listMembers(store, membership.organisationId)).filter((m) => m.email.toLowerCase() !== subject);
    if (others.length > 0 && !others.some((m) => m.role === 'admin')) {
      const organisation = await getOrganisation(store, membership.organisationId);
      throw new DomainError('LAST_ADMIN', `${email} is the only admin of ${organisation?.name ?? 'their organisation'}. Ask them, or the organisation, to make another member an admin first, then erase.`);
    }
  }
  const summary: ErasureSummary = { placeholder, requests: 0, events: 0, schoolChanges: 0, roles: 0, platformAdmin: false, heldItems: 0, statementVersions: 0, organisationItems: 0, tours: 0 };

  // As a provider contact: every request the address made, and its events; the organisations they were made in.
  const organisations = new Set(membership ? [membership.organisationId] : []);
  for (const ref of await listAllRequestRefsOfProvider(store, subject)) {
    const organisationId = (await getRequest(store, ref.urn, ref.id))?.organisationId;
    if (organisationId) organisations.add(organisationId);
    const events = await anonymiseRequest(store, ref, isSubject, placeholder, now);
    if (events === undefined) continue;
    summary.requests++;
    summary.events += events;
  }

  // As a member of those organisations, and as the sender of visit tours, alone or in one of them.
  for (const organisationId of organisations) {
    summary.organisationItems += await eraseMember(store, organisationId, subject, placeholder, ERASED_NAME);
    if (await replaceFeedCreator(store, { organisationId }, subject, placeholder)) summary.organisationItems++;
  }
  const tours = [
    ...(await listToursOf(store, { email: subject }, 1000)),
    ...(await Promise.all([...organisations].map((organisationId) => listToursOf(store, { organisationId }, 1000)))).flat().filter((t) => t.createdBy.toLowerCase() === subject),
  ];
  for (const tour of tours) if (await replaceTourSender(store, tour, subject, placeholder)) summary.tours++;

  // As staff: what they did at their schools (and at those they were careers lead of until replaced), then their roles.
  const former = (await listFormerRolesOfUser(store, subject)).filter((f) => !roles.some((r) => r.urn === f.urn));
  const names = [...new Set([...roles, ...former].map((r) => r.name))];
  for (const role of [...roles, ...former]) {
    const events = await listKeyedEventsByActor(store, role.urn, subject);
    await saveAnonymisedEvents(store, events.map((e) => ({ key: e.key, value: anonymisedEvent(e.value, isSubject, placeholder) })));
    summary.events += events.length;
    for (const change of await listKeyedSchoolChanges(store, role.urn)) {
      const mentions = change.value.by.toLowerCase() === subject || change.value.changes.some((c) => c.toLowerCase().includes(subject));
      if (!mentions) continue;
      await saveSchoolChange(store, {
        key: change.key,
        value: {
          ...change.value,
          by: change.value.by.toLowerCase() === subject ? placeholder : change.value.by,
          changes: change.value.changes.map((c) => replaceAll(replaceAll(c, [subject], placeholder), names, ERASED_NAME)),
        },
      });
      summary.schoolChanges++;
    }
    await replaceProfileEditor(store, role.urn, subject, placeholder);
    if (await replaceFeedCreator(store, { urn: role.urn }, subject, placeholder)) summary.schoolChanges++;
    if (former.includes(role)) {
      await removeFormerRole(store, role.urn, subject);
      continue;
    }
    await removeStaffRole(store, role.urn, subject);
    summary.roles++;
  }
  if (await getPlatformAdmin(store, subject)) {
    await removePlatformAdmin(store, subject);
    summary.platformAdmin = true;
  }

  // Sign-in and action links, sessions, queued sign-in emails.
  const held = await listItemsHeldForEmail(store, subject);
  await deleteItems(store, held);
  summary.heldItems = held.length + ((await forgetConfirmedAddress(store, subject)) ? 1 : 0);

  // Statement versions, with the erasure record: read again if one changed in between.
  const at = now.toISOString();
  for (let attempt = 1; ; attempt++) {
    const redactions = await erasedLeadRedactions(store, subject, placeholder, { id, at, schools: [...roles, ...former].map((r) => r.urn) });
    summary.statementVersions = redactions.length;
    const { placeholder: _p, ...counts } = summary;
    try {
      await recordErasure(store, { id, at, by, placeholder, counts: { ...counts, platformAdmin: counts.platformAdmin ? 1 : 0 } }, redactions);
      break;
    } catch (err) {
      if (!(err instanceof TransactionCancelled && err.reasons.includes('ConditionalCheckFailed')) || attempt >= 5) throw err;
    }
  }
  const { placeholder: _p, ...counts } = summary;
  // The erasure's id, never the addresses (the erased one, the admin's, the placeholder): the record says who and what.
  logger.info('personal data erased on request', { erasure: id, ...counts });
  return summary;
}
