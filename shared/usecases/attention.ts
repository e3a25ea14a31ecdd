// Bookings that stay true when a calendar changes (issue 11), for the use cases: every
// decision that books or offers a time checks the booking again against the school as it
// is now (shared/domain/recheck.ts), a change of settings or opportunities says first which
// live bookings it would put outside the rules, and after it is saved the careers lead is
// emailed the list once (shared/store/attention.ts). The flags themselves are computed
// live wherever a booking is shown, so none can be missed by an interrupted save.
import type { AffectedBooking } from '#shared/domain/settings.ts';
import { attentionProblems, bookingOf, recheckBooking, recheckRefusal, type Booking, type BookingProblem, type SchoolForRecheck } from '#shared/domain/recheck.ts';
import type { Opportunity } from '#shared/domain/types.ts';
import { queueAttentionOnce } from '#shared/store/attention.ts';
import type { Store } from '#shared/store/client.ts';
import { getOpportunity } from '#shared/store/opportunities.ts';
import type { AttentionMessage, StoredRequest } from '#shared/domain/records.ts';
import { listAllRequestsOfSchoolByStatus } from '#shared/store/reminders.ts';

/** The opportunity a request's slot belongs to, among a school's. */
export function opportunityOf(opportunities: readonly Opportunity[], request: Pick<StoredRequest, 'slot'>): Opportunity | undefined {
  return request.slot ? opportunities.find((o) => o.id === request.slot?.opportunityId) : undefined;
}

/** The opportunity of a booking's slot, read by its key; none for a proposed time. */
export async function slotOpportunity(store: Store, urn: string, booking: Pick<StoredRequest, 'slot'>): Promise<Opportunity | undefined> {
  return booking.slot ? getOpportunity(store, urn, booking.slot.opportunityId) : undefined;
}

/** A live booking's problems now, less those the lead kept it despite; `opportunity`: its slot's. */
export function bookingAttention(school: SchoolForRecheck, opportunity: Opportunity | undefined, request: StoredRequest, now: Date): BookingProblem[] {
  return attentionProblems(school, opportunity, request, now.toISOString());
}

/** The same, for a booking among a list, with the school's opportunities at hand. */
export function attentionOf(school: SchoolForRecheck, opportunities: readonly Opportunity[], request: StoredRequest, now: Date): BookingProblem[] {
  return bookingAttention(school, opportunityOf(opportunities, request), request, now);
}

/**
 * Refuses (the rule and what changed) a decision whose booking breaks a rule now.
 * `instead` says what the person can do. The opportunity is read only for a booking still
 * at its slot's time.
 */
export async function requireStillAllowed(store: Store, school: SchoolForRecheck & { urn: string }, booking: Booking, now: Date, instead: string): Promise<void> {
  const opportunity = await slotOpportunity(store, school.urn, booking);
  const refusal = recheckRefusal(recheckBooking(school, opportunity, booking, now.toISOString()), instead);
  if (refusal) throw refusal;
}

/**
 * The school's live bookings: pending and alternative proposed (all: the time a proposal
 * is checked at is its own, not the indexed date), approved from today. Every page read.
 */
export async function liveBookings(store: Store, urn: string, today: string): Promise<StoredRequest[]> {
  const lists = await Promise.all([
    listAllRequestsOfSchoolByStatus(store, urn, 'pending'),
    listAllRequestsOfSchoolByStatus(store, urn, 'alternative_proposed'),
    listAllRequestsOfSchoolByStatus(store, urn, 'approved', { from: today }),
  ]);
  return lists.flat();
}

export interface SchoolState {
  school: SchoolForRecheck;
  opportunities: readonly Opportunity[];
}

export interface Affected {
  request: StoredRequest;
  problems: BookingProblem[];
}

/** The bookings `after` puts outside the rules and `before` did not, each with its new problems, by date. */
export function affectedBy(before: SchoolState, after: SchoolState, bookings: readonly StoredRequest[], now: Date): Affected[] {
  const out: Affected[] = [];
  for (const request of bookings) {
    const had = new Set(attentionOf(before.school, before.opportunities, request, now).map((p) => p.key));
    const problems = attentionOf(after.school, after.opportunities, request, now).filter((p) => !had.has(p.key));
    if (problems.length) out.push({ request, problems });
  }
  const at = (r: StoredRequest) => {
    const b = bookingOf(r);
    return `${b.date}T${b.start}`;
  };
  return out.sort((a, b) => at(a.request).localeCompare(at(b.request)));
}

/** The answer's shape of the affected bookings: who, when, where it stands and what it breaks. */
export function affectedView(affected: readonly Affected[]): AffectedBooking[] {
  return affected.map(({ request: r, problems }) => {
    const at = bookingOf(r);
    return {
      id: r.id,
      organisation: r.provider.organisation,
      date: at.date,
      start: at.start,
      end: at.end,
      status: r.status,
      yearGroups: [...r.yearGroups],
      problems: problems.map(({ rule, code, message }) => ({ rule, code, message })),
    };
  });
}

/** After a save: one email to the careers lead listing the bookings it affected, each problem told once. */
export async function tellLeadOnce(store: Store, urn: string, affected: readonly Affected[], cause: AttentionMessage['cause'], now: Date): Promise<string[]> {
  return queueAttentionOnce(
    store,
    urn,
    affected.map((a) => ({ requestId: a.request.id, problemKeys: a.problems.map((p) => p.key) })),
    cause,
    now,
  );
}
