// The careers lead's dashboard: requests needing a decision (oldest first, with the school
// days left before the response deadline), proposals waiting for providers, upcoming
// encounters, and history filtered by status and dates. One query per list.
import type { ManagedRequestView } from '#shared/api/manage.ts';
import { schoolDaysBetween } from '#shared/domain/calendar.ts';
import { addDays } from '#shared/domain/dates.ts';
import { allowedActions } from '#shared/domain/state-machine.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import type { SchoolRequestStatus } from '#shared/domain/types.ts';
import type { Store } from '#shared/store/client.ts';
import { listRequestEvents, listRequestsOfSchoolByStatus, type RequestEvent, type StoredRequest } from '#shared/store/requests.ts';
import type { StoredSchool } from '#shared/store/schools.ts';
import { getSuppression } from '#shared/store/suppressions.ts';
import { senderAddress } from '#shared/mail/send.ts';
import { venueOf } from '#shared/mail/venue.ts';
import type { UndeliverableAddress } from '#shared/api/manage.ts';
import { statementReviewDue } from './statement.ts';

function daysLeft(school: StoredSchool, r: StoredRequest, today: string): number | undefined {
  if (r.status !== 'pending') return undefined;
  if (r.responseDeadline < today) return -schoolDaysBetween(school, addDays(r.responseDeadline, 1), today);
  return schoolDaysBetween(school, today, r.responseDeadline) - 1;
}

export function managedView(school: StoredSchool, r: StoredRequest, today: string, events: RequestEvent[] = []): ManagedRequestView {
  const left = daysLeft(school, r, today);
  return {
    id: r.id,
    urn: r.urn,
    status: r.status,
    date: r.date,
    start: r.start,
    end: r.end,
    yearGroups: r.yearGroups,
    sessionType: r.sessionType,
    provider: r.provider,
    contact: r.contact,
    staffCount: r.staffCount,
    facilities: r.facilities,
    content: r.content,
    notes: r.notes,
    createdAt: r.createdAt,
    responseDeadline: r.responseDeadline,
    ...(left !== undefined ? { schoolDaysLeft: left } : {}),
    flags: r.flags.map(({ code, rule, field, message }) => ({ code, rule, field, message })),
    ...(r.alternative ? { alternative: r.alternative } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.venue ? { venue: r.venue } : {}),
    ...(r.delivery ? { delivery: r.delivery } : {}),
    allowedActions: allowedActions(r, 'school'),
    history: events.map((e) => ({
      type: e.type,
      at: e.at,
      actor: e.actor.party,
      ...(e.actor.name ? { by: e.actor.name } : {}),
      ...(typeof e.data?.reason === 'string' ? { note: e.data.reason } : typeof e.data?.note === 'string' ? { note: e.data.note } : {}),
    })),
  };
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

export async function dashboard(store: Store, school: StoredSchool, now = new Date()) {
  const today = londonDate(now.toISOString());
  const [pending, proposed, approved, undeliverable] = await Promise.all([
    listRequestsOfSchoolByStatus(store, school.urn, 'pending'),
    listRequestsOfSchoolByStatus(store, school.urn, 'alternative_proposed'),
    listRequestsOfSchoolByStatus(store, school.urn, 'approved', { from: today }),
    undeliverableSchoolAddresses(store, school),
  ]);
  const view = (r: StoredRequest) => managedView(school, r, today);
  const reviewDue = statementReviewDue(school, today);
  return {
    today,
    needsDecision: pending.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map(view),
    awaitingProvider: proposed.map(view),
    upcoming: approved.map(view),
    // The published policy statement has passed its yearly review date (S-REVIEW).
    ...(reviewDue ? { statementReviewDue: reviewDue } : {}),
    ...(undeliverable.length ? { undeliverableSchoolAddresses: undeliverable } : {}),
  };
}

export async function requestHistory(store: Store, school: StoredSchool, status: SchoolRequestStatus, range: { from?: string; to?: string }, now = new Date()) {
  const today = londonDate(now.toISOString());
  return (await listRequestsOfSchoolByStatus(store, school.urn, status, range)).map((r) => managedView(school, r, today));
}

/** One request with its trail, and where it takes place (the approve page offers the slot's venue). */
export async function requestInFull(store: Store, school: StoredSchool, request: StoredRequest, now = new Date()): Promise<ManagedRequestView> {
  const [events, venue] = await Promise.all([listRequestEvents(store, request.urn, request.id), venueOf(store, request)]);
  return { ...managedView(school, request, londonDate(now.toISOString()), events), ...(venue ? { venue } : {}) };
}
