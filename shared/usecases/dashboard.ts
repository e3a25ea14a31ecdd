// The careers lead's dashboard: requests needing a decision (oldest first, with the school
// days left before the response deadline), proposals waiting for providers, upcoming
// encounters, and history filtered by status and dates. One query per list. Bookings a
// change of the school's calendar or opportunities put outside the rules are flagged live
// (issue 11): "needs attention" first, and on the request's own page. Above them all, the
// cohorts whose coverage falls short (issue 16, item 3).
import { schoolDaysBetween } from '#shared/domain/calendar.ts';
import { addDays } from '#shared/domain/dates.ts';
import type { ManagedRequest, SchoolBoard, UndeliverableAddress } from '#shared/domain/read-models.ts';
import type { StoredRequest, StoredSchool } from '#shared/domain/records.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import type { SchoolRequestStatus } from '#shared/domain/types.ts';
import type { Store } from '#shared/store/client.ts';
import { listOpportunities } from '#shared/store/opportunities.ts';
import { listRequestEvents } from '#shared/store/request-events.ts';
import { listRequestsOfSchoolByStatus } from '#shared/store/requests.ts';
import { getSuppression } from '#shared/store/suppressions.ts';
import { senderAddress } from '#shared/mail/send.ts';
import { attentionOf, bookingAttention, slotOpportunity } from './attention.ts';
import { coverageConcerns, schoolCoverage } from './coverage.ts';
import { statementReviewDue } from './statement.ts';

/** Pending only: school days left to answer, counting today; 0 on the deadline day itself, negative past it. */
function daysLeft(school: StoredSchool, r: StoredRequest, today: string): number | undefined {
  if (r.status !== 'pending') return undefined;
  if (r.responseDeadline < today) return -schoolDaysBetween(school, addDays(r.responseDeadline, 1), today);
  return schoolDaysBetween(school, today, r.responseDeadline) - 1;
}

/** The request as the school's staff see it, without its trail (a list's row). */
function managed(school: StoredSchool, r: StoredRequest, today: string, attention: ManagedRequest['attention'] = []): ManagedRequest {
  const left = daysLeft(school, r, today);
  return { request: r, ...(left !== undefined ? { schoolDaysLeft: left } : {}), attention };
}

/**
 * The school's own addresses the service has stopped emailing (SES reported a permanent
 * bounce or a complaint): today the careers lead's, which every request, reminder and
 * sign-in link goes to. With the sender, so the school can ask its IT to allow it.
 */
async function undeliverableSchoolAddresses(store: Store, school: StoredSchool): Promise<UndeliverableAddress[]> {
  const lead = school.careersLead;
  const suppression = lead.email ? await getSuppression(store, lead.email) : undefined;
  if (!suppression) return [];
  return [{ who: 'careers_lead', name: lead.name, address: lead.email, reason: suppression.reason, since: suppression.at, sender: senderAddress().address }];
}

/** The time a booking stands at: the school's proposal while the provider holds it. */
function whenOf({ request: r }: ManagedRequest): string {
  const at = r.status === 'alternative_proposed' && r.alternative ? r.alternative : r;
  return `${at.date}T${at.start}`;
}

export async function dashboard(store: Store, school: StoredSchool, now = new Date()): Promise<SchoolBoard> {
  const today = londonDate(now.toISOString());
  const [pending, proposed, approved, opportunities, undeliverable, coverage] = await Promise.all([
    listRequestsOfSchoolByStatus(store, school.urn, 'pending'),
    listRequestsOfSchoolByStatus(store, school.urn, 'alternative_proposed'),
    listRequestsOfSchoolByStatus(store, school.urn, 'approved', { from: today }),
    listOpportunities(store, school.urn),
    undeliverableSchoolAddresses(store, school),
    // Issue 16, item 3: the cohorts that fall short, at the top (no slot look-ups: the coverage page has them).
    schoolCoverage(store, school, now, { fixes: false }),
  ]);
  const row = (r: StoredRequest) => managed(school, r, today, attentionOf(school, opportunities, r, now));
  const reviewDue = statementReviewDue(school, today);
  const needsDecision = pending.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map(row);
  const awaitingProvider = proposed.map(row);
  const upcoming = approved.map(row);
  return {
    today,
    // Bookings a later change put outside the rules, soonest first (each also in its own list).
    needsAttention: [...needsDecision, ...awaitingProvider, ...upcoming]
      .filter((r) => r.attention.length > 0)
      .sort((a, b) => whenOf(a).localeCompare(whenOf(b))),
    needsDecision,
    awaitingProvider,
    upcoming,
    // The published policy statement has passed its yearly review date (S-REVIEW).
    ...(reviewDue ? { statementReviewDue: reviewDue } : {}),
    ...(undeliverable.length ? { undeliverableSchoolAddresses: undeliverable } : {}),
    coverageConcerns: coverageConcerns(coverage, school),
  };
}

export async function requestHistory(store: Store, school: StoredSchool, status: SchoolRequestStatus, range: { from?: string; to?: string }, now = new Date()): Promise<ManagedRequest[]> {
  const today = londonDate(now.toISOString());
  return (await listRequestsOfSchoolByStatus(store, school.urn, status, range)).map((r) => managed(school, r, today));
}

/** One request with its trail, and where it takes place (the approve page offers the slot's venue). */
export async function requestInFull(store: Store, school: StoredSchool, request: StoredRequest, now = new Date()): Promise<ManagedRequest> {
  const [events, opportunity] = await Promise.all([listRequestEvents(store, request.urn, request.id), slotOpportunity(store, request.urn, request)]);
  const slotVenue = opportunity?.venue;
  return {
    ...managed(school, request, londonDate(now.toISOString()), bookingAttention(school, opportunity, request, now)),
    events,
    ...(slotVenue ? { slotVenue } : {}),
  };
}
