// A provider's request, from parsed body to stored record: find the school and slot, run
// every rule (all violations at once), and write request, event and held place (or the
// check that the slot still has one) in one transaction. Rate limits and the honeypot are
// checked first.
//
// Issue 12, item 2: a first request from an address nobody has confirmed is stored
// unconfirmed instead: no event, no place, nothing a school sees, and an email to the
// address with a link (confirm-request.ts). Confirming runs `checkedSubmission` and the
// same writes again, at that moment.
import { mailboxOf } from '#shared/domain/addresses.ts';
import { responseDeadline } from '#shared/domain/calendar.ts';
import { DomainError, errorFromViolations, type RuleViolation } from '#shared/domain/errors.ts';
import { checkRequest, checkSlot, type ProviderRequestDraft, type RequestForm, type RequestSubmission } from '#shared/domain/rules.ts';
import type { SubsetFlag } from '#shared/domain/audience.ts';
import type { IsoDate } from '#shared/domain/types.ts';
import type { Store } from '#shared/store/client.ts';
import { getConfirmedAddress } from '#shared/store/confirmed-addresses.ts';
import { getMembership, getOrganisation } from '#shared/store/organisations.ts';
import { newId, newReference } from '#shared/store/ids.ts';
import { hitRateLimit, type RateLimit } from '#shared/store/rate-limits.ts';
import { createRequest, createUnconfirmedRequest } from '#shared/store/requests.ts';
import type { OrganisationMembership, SlotHold, StoredRequest } from '#shared/domain/records.ts';
import { receiveRequest, submitRequest } from '#shared/domain/state-machine.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import { ensureSlot } from '#shared/store/slots.ts';
import { requireSchool } from './schools.ts';
import { resolveSlot, type ResolvedSlot } from './slot-places.ts';

/** The parsed request form (shared/api's createRequestBody parses to exactly this). */
export type CreateRequestInput = RequestForm;

/** Generous for a college sending a term's requests, tight for a script. */
export const CREATE_LIMITS = {
  perIp: { scope: 'create-ip', limit: 30, windowSeconds: 3600 } satisfies RateLimit,
  /** Per mailbox: `name+tag@` counts as `name@` (issue 12, item 2). */
  perEmail: { scope: 'create-email', limit: 20, windowSeconds: 3600 } satisfies RateLimit,
  /**
   * Requests waiting for confirmation, per school an hour (issue 12, item 2). Each sends a
   * confirmation email naming the school to an address anyone can type, so this bounds
   * mail sent in a school's name to 240 a day. A school hears from a handful of new
   * providers in a busy week (those who have confirmed once, or are signed in, are not
   * counted): ten in one hour is well above that, and a flood stops at ten.
   */
  unconfirmedPerSchool: { scope: 'create-unconfirmed-school', limit: 10, windowSeconds: 3600 } satisfies RateLimit,
};

const TOO_MANY = (minutes: number) => `Too many requests from you in a short time. Try again in ${minutes} minutes.`;
const SCHOOL_BUSY = (minutes: number) =>
  `This school has had many requests from new email addresses in the last hour. Try again in ${minutes} minutes. ` +
  'If you have confirmed a request from your address before, or sign in first, your request goes through at once.';

export async function enforceRateLimits(store: Store, checks: [RateLimit, string][], now: Date, message = TOO_MANY): Promise<void> {
  // Independent counters, counted together (issue 13, item 5): every attempt counts against each limit.
  const results = await Promise.all(checks.map(([rule, subject]) => hitRateLimit(store, rule, subject, now)));
  const refused = results.filter((r) => !r.allowed).sort((a, b) => b.retryAfterSeconds - a.retryAfterSeconds)[0];
  if (refused) {
    throw new DomainError('RATE_LIMITED', message(Math.ceil(refused.retryAfterSeconds / 60)), { retryAfterSeconds: refused.retryAfterSeconds });
  }
}

export interface CheckedSubmission {
  draft: ProviderRequestDraft;
  flags: SubsetFlag[];
  responseDeadline: IsoDate;
  /** The place the request takes now (the school's pendingHoldsPlace is Yes). */
  hold?: SlotHold;
  /** The slot that must still have a place free when the request is written (pendingHoldsPlace No). */
  roomIn?: SlotHold;
  /** The slot item must be written first: the slot was never booked. */
  ensure?: { capacity: number };
}

/** What the rules say of a submission at `now`: every violation at once, and what it would be stored as. */
interface SubmissionCheck {
  violations: RuleViolation[];
  flags: SubsetFlag[];
  draft: ProviderRequestDraft;
  slot: ResolvedSlot | undefined;
}

/**
 * Every rule of creating a request, checked at `now`, refusing nothing: for create and
 * confirm (which refuse on any violation) and for the form's check (issue 14, item 1),
 * which may not have every answer yet. Reads the chosen slot; writes nothing.
 */
async function checkSubmission(store: Store, school: StoredSchool, input: Partial<RequestSubmission>, now: Date): Promise<SubmissionCheck> {
  const slot = input.slot ? await resolveSlot(store, school, input.slot) : undefined;
  if (input.slot && !slot) {
    // The chosen slot is not offered on that date (P-SLOT): nothing else can be judged against it.
    const ref = { opportunityId: input.slot.opportunityId, date: input.slot.date, start: '' };
    const draft = { ...input, slot: ref, date: ref.date, start: '', end: '' } as ProviderRequestDraft;
    return { violations: checkSlot({ ...draft, yearGroups: input.yearGroups ?? [] }, undefined), flags: [], draft, slot: undefined };
  }
  // No time yet (only the form's check asks before one is chosen): its rules fall on the time's own fields.
  const when = slot ?? input.proposed ?? { date: '', start: '', end: '' };
  const { proposed: _p, slot: _s, ...details } = input;
  const draft = {
    ...details,
    date: when.date,
    start: when.start,
    end: when.end,
    ...(input.slot ? { slot: { opportunityId: input.slot.opportunityId, date: input.slot.date, start: slot?.start ?? '' } } : {}),
  } as ProviderRequestDraft;
  const check = checkRequest(school, draft, { now: now.toISOString(), ...(slot ? { slot } : {}) });
  return { violations: check.violations, flags: check.flags, draft, slot };
}

/**
 * Every rule checked at `now` (all violations at once) and the place the request would
 * take, for creating a request and for confirming one: a refusal throws (the rule
 * broken, or SLOT_FULL). Nothing is written.
 */
export async function checkedSubmission(store: Store, school: StoredSchool, input: RequestSubmission, now: Date): Promise<CheckedSubmission> {
  const { violations, flags, draft, slot } = await checkSubmission(store, school, input, now);
  const refusal = errorFromViolations(violations);
  if (refusal) throw refusal;
  const nowInstant = now.toISOString();
  // P-SLOT: a waiting request takes a place only when the school says so; otherwise its
  // approval takes it (transition.ts). Either way a full slot refuses the request.
  const place = slot ? { date: slot.date, time: slot.start, opportunityId: slot.opportunityId } : undefined;
  const hold = place && school.rules.pendingHoldsPlace ? place : undefined;
  return {
    draft,
    flags,
    responseDeadline: responseDeadline(school, nowInstant, draft.date),
    ...(hold ? { hold } : {}),
    ...(!hold && slot?.stored && place ? { roomIn: place } : {}),
    // The slot's item is written the first time the slot is booked; after that the read above found it (a write saved).
    ...(hold && slot && !slot.stored ? { ensure: { capacity: slot.capacity } } : {}),
  };
}

/** Writes the slot item a submission's held place needs, the first time the slot is booked. */
export async function ensureSubmissionSlot(store: Store, urn: string, checked: CheckedSubmission): Promise<void> {
  if (checked.hold && checked.ensure) await ensureSlot(store, { urn, ...checked.hold, capacity: checked.ensure.capacity });
}

export interface CreateCaller {
  ip: string;
  /** The address of the caller's live provider session, when the call came from the site with one. */
  sessionEmail?: string;
}

/**
 * Whether the request's address is proven, so the request goes to the school now (issue
 * 12, item 2): the caller is signed in as that very address (a sign-in link proved it),
 * or its mailbox confirmed a request before. Otherwise the provider must confirm first.
 * `refresh`: the request also (re)writes the mailbox's marker (missing, or a month old).
 * Or (issue 15, item 2) the caller is a signed-in member of an organisation and the address
 * is one its admins vouched for: a member's, or the organisation's default contact.
 */
async function addressProof(store: Store, email: string, caller: CreateCaller, members: RequestMemberships, now: Date): Promise<{ proven: boolean; refresh: boolean }> {
  const marker = await getConfirmedAddress(store, email, now);
  const signedIn = caller.sessionEmail !== undefined && caller.sessionEmail.toLowerCase() === email.toLowerCase();
  if (signedIn || marker) return { proven: true, refresh: !marker || marker.stale };
  // Vouched for, not proven by its own mailbox: no marker, so the address alone, signed out, still confirms first.
  const vouched = await vouchedByOrganisation(store, members, email);
  return { proven: vouched, refresh: false };
}

/** The organisations of the signed-in caller and of the request's contact address, each read once. */
interface RequestMemberships {
  caller?: OrganisationMembership;
  contact?: OrganisationMembership;
}

async function membershipsOf(store: Store, email: string, caller: CreateCaller): Promise<RequestMemberships> {
  const session = caller.sessionEmail?.toLowerCase();
  const [contact, callers] = await Promise.all([getMembership(store, email), session !== undefined && session !== email ? getMembership(store, session) : undefined]);
  const callerMembership = session === undefined ? undefined : session === email ? contact : callers;
  return { ...(callerMembership ? { caller: callerMembership } : {}), ...(contact ? { contact } : {}) };
}

/**
 * The organisation a new request belongs to (issue 15, item 1): the signed-in member's, or
 * else the one its contact address is a member of, so every member of it sees the request.
 */
const organisationOfRequest = (members: RequestMemberships): string | undefined => members.caller?.organisationId ?? members.contact?.organisationId;

/** Whether a signed-in member's organisation vouches for the request's address: a member of it, or its default contact. */
async function vouchedByOrganisation(store: Store, members: RequestMemberships, email: string): Promise<boolean> {
  const membership = members.caller;
  if (!membership) return false;
  if (members.contact?.organisationId === membership.organisationId) return true;
  const organisation = await getOrganisation(store, membership.organisationId);
  return organisation?.defaultContact.email.toLowerCase() === email.toLowerCase();
}

export async function createProviderRequest(
  store: Store,
  urn: string,
  input: CreateRequestInput,
  caller: CreateCaller,
  now = new Date(),
): Promise<{ request: StoredRequest; school: StoredSchool }> {
  await enforceRateLimits(store, [[CREATE_LIMITS.perIp, caller.ip], [CREATE_LIMITS.perEmail, mailboxOf(input.contact.email)]], now);
  const school = await requireSchool(store, urn);

  const { website: _honeypot, ...submission } = input;
  const checked = await checkedSubmission(store, school, submission, now);
  const nowInstant = now.toISOString();
  const email = input.contact.email.toLowerCase();
  const members = await membershipsOf(store, email, caller);
  const organisationId = organisationOfRequest(members);
  const fields = {
    ...checked.draft,
    id: newId(now.getTime()),
    // What people call it (issue 14, item 6); the store draws another if this one is taken.
    reference: newReference(),
    urn,
    providerEmail: email,
    createdAt: nowInstant,
    updatedAt: nowInstant,
    responseDeadline: checked.responseDeadline,
    flags: checked.flags,
    version: 1,
    ...(organisationId ? { organisationId } : {}),
  };

  const proof = await addressProof(store, email, caller, members, now);
  if (!proof.proven) {
    // Counted only for a request that passed every rule: a provider correcting the form costs the school nothing.
    await enforceRateLimits(store, [[CREATE_LIMITS.unconfirmedPerSchool, urn]], now, SCHOOL_BUSY);
    // Version 0: a request's version counts its events, and nothing has happened for the school yet.
    const request = await createUnconfirmedRequest(store, receiveRequest({ ...fields, version: 0 }, nowInstant), now);
    return { request, school };
  }

  const submitted = submitRequest(
    { ...fields, ...(checked.hold ? { heldSlot: checked.hold } : {}) },
    { party: 'provider', id: email, name: input.contact.name },
    nowInstant,
  );
  await ensureSubmissionSlot(store, urn, checked);
  const request = await createRequest(store, submitted.request, { ...submitted.event, urn }, checked.hold, checked.roomIn, proof.refresh ? { confirmedAddress: { email, now } } : {});
  return { request, school };
}

/** The form checks as often as a person presses Continue: five pages a request, so five times create's limits. */
export const CHECK_LIMITS = {
  perIp: { scope: 'check-ip', limit: 150, windowSeconds: 3600 } satisfies RateLimit,
  perEmail: { scope: 'check-email', limit: 100, windowSeconds: 3600 } satisfies RateLimit,
};

/** Where a violation's field is answered: its first part, with the time's fields under whichever of slot or proposed was given. */
function answerOf(field: string): string {
  const top = field.split('.')[0] ?? field;
  return ['date', 'start', 'end', 'slot', 'proposed'].includes(top) ? 'when' : top;
}

/**
 * POST /api/schools/{urn}/requests/check (issue 14, item 1): the answers so far, checked by
 * exactly the code creating a request runs, and nothing written. A refusal is create's
 * refusal, narrowed to the answers given: a page hears about its own fields, never about
 * a page still to come. With every answer given it refuses exactly what create would.
 * Answers `flags`: the points the school will look at (R-WHOLE and the like), never refusals.
 */
export async function checkRequestAnswers(store: Store, urn: string, answers: Partial<RequestForm>, caller: CreateCaller, now = new Date()): Promise<{ flags: SubsetFlag[] }> {
  await enforceRateLimits(store, [[CHECK_LIMITS.perIp, caller.ip], ...(answers.contact ? [[CHECK_LIMITS.perEmail, mailboxOf(answers.contact.email)] as [RateLimit, string]] : [])], now);
  const school = await requireSchool(store, urn);
  const { website: _honeypot, ...submission } = answers;
  const given = new Set(Object.entries(submission).filter(([, v]) => v !== undefined).map(([k]) => (k === 'slot' || k === 'proposed' ? 'when' : k)));
  const { violations, flags } = await checkSubmission(store, school, submission, now);
  const refusal = errorFromViolations(violations.filter((v) => given.has(answerOf(v.field))));
  if (refusal) throw refusal;
  return { flags };
}

/**
 * A new time a provider gives for a request already sent (issue 14, item 5: a move of an
 * approved encounter, a counter to the school's proposed time): the request as it was
 * sent, at that time, checked by exactly the code creating a request runs (school day,
 * terms and closures, notice, booking window, the school's taught years…). A refusal is
 * create's, at the time's own fields (date, start, end), each with its rule id.
 */
export async function checkProviderTime(store: Store, school: StoredSchool, request: StoredRequest, when: { date: IsoDate; start: string; end: string }, now: Date): Promise<void> {
  const { provider, contact, sessionType, yearGroups, staffCount, safeguardingAgreed, facilities, content, notes } = request;
  const submission: RequestSubmission = { provider, contact, sessionType, yearGroups, staffCount, safeguardingAgreed, facilities, content, notes, proposed: when };
  const { violations } = await checkSubmission(store, school, submission, now);
  const refusal = errorFromViolations(violations);
  if (refusal) throw refusal;
}
