// Domain records → the JSON a route answers with: one mapper per view, used by every route
// that answers it. Pure: a use case gathers whatever a view needs (a school's name, the
// trail, a later change's problems) and hands it in. Only what the caller may see leaves.
import type { LinkDecision } from '#shared/domain/decisions.ts';
import type { ManagedRequest, ProviderRequestRead, PublicSchoolRead, SchoolBoard } from '#shared/domain/read-models.ts';
import type { RequestEvent, StoredRequest, StoredSchool } from '#shared/domain/records.ts';
import { schoolSummary } from '#shared/domain/school-summary.ts';
import { allowedActions } from '#shared/domain/state-machine.ts';
import { describeSchedule } from '#shared/domain/calendar.ts';
import { providerAccessYears } from '#shared/domain/year-groups.ts';
import { minimumLengthOf } from '#shared/domain/rules.ts';
import type { ActionDoneView, ActionLinkView, DashboardView, ManagedRequestView } from './manage.ts';
import type { PublicSchool, RequestView } from './provider.ts';

/** GET /api/schools/{urn}: the school's public page. */
export function publicSchoolView({ school, opportunities }: PublicSchoolRead): PublicSchool {
  const years = providerAccessYears(school);
  return {
    ...schoolSummary(school, years),
    address: school.address,
    ...(school.website ? { website: school.website } : {}),
    yearGroups: school.yearGroups,
    acceptsRequests: years.length > 0,
    minimumNoticeDays: school.rules.minimumNoticeDays,
    bookingWindowDays: school.rules.bookingWindowDays,
    responseDeadlineSchoolDays: school.rules.responseDeadlineSchoolDays,
    minimumLengthMinutes: minimumLengthOf(school.rules),
    careersLead: school.careersLead,
    schoolDay: school.calendar.schoolDay as Record<string, { start: string; end: string }>,
    statementUrl: `/schools/${school.urn}/statement`,
    opportunities: years.length === 0 ? [] : opportunities.map((o) => ({
      id: o.id,
      title: o.title,
      sessionType: o.sessionType,
      yearGroups: o.yearGroups,
      schedule: describeSchedule(o.schedule),
      capacity: o.capacity,
      venue: o.venue,
      facilities: o.facilities,
    })),
  };
}

/** What was asked for and where it stands: the same fields, in the same order, in both parties' views. */
function asked(r: StoredRequest) {
  return { status: r.status, date: r.date, start: r.start, end: r.end, yearGroups: r.yearGroups, sessionType: r.sessionType };
}

/** The reference, when the request has one (none on requests stored before issue 14, item 6). */
const referenceOf = (r: { reference?: string }) => (r.reference ? { reference: r.reference } : {});
const moveOf = ({ date, start, end, reason, askedAt }: NonNullable<StoredRequest['move']>) => ({ date, start, end, reason, askedAt });

const flagsOf = (r: StoredRequest) => r.flags.map(({ code, rule, field, message }) => ({ code, rule, field, message }));

/** An event's note in the trail: the reason it gives, else its note. */
function noteOf(e: RequestEvent): { note?: string } {
  if (typeof e.data?.reason === 'string') return { note: e.data.reason };
  return typeof e.data?.note === 'string' ? { note: e.data.note } : {};
}

/** A request as the provider who sent it sees it (creating, confirming, listing, one request, acting). */
export function requestView({ request: r, schoolName, events = [] }: ProviderRequestRead): RequestView {
  return {
    id: r.id,
    ...referenceOf(r),
    urn: r.urn,
    schoolName,
    ...asked(r),
    organisation: r.provider.organisation,
    contactName: r.contact.name,
    contactEmail: r.contact.email,
    // Unconfirmed: the school's time to answer starts when it is confirmed, so there is no deadline yet.
    ...(r.status === 'unconfirmed' ? (r.confirmBy ? { confirmBy: r.confirmBy } : {}) : { responseDueBy: r.responseDeadline }),
    ...(r.alternative
      ? {
          alternative: {
            date: r.alternative.date,
            start: r.alternative.start,
            end: r.alternative.end,
            respondBy: r.alternative.respondBy,
            ...(r.alternative.message ? { note: r.alternative.message } : {}),
          },
        }
      : {}),
    ...(r.move ? { move: moveOf(r.move) } : {}),
    ...(r.reason ? { decision: { reason: r.reason } } : {}),
    flags: flagsOf(r),
    // The school keeping an encounter despite a change of its own calendar is its own record, not the provider's.
    history: events.filter((e) => e.type !== 'ATTENTION_KEPT').map((e) => ({
      type: e.type,
      at: e.at,
      actor: e.actor.party,
      ...noteOf(e),
    })),
  };
}

/** A request as its school's staff see it: everything the provider sent, flags, what a later change broke, trail. */
export function managedRequestView({ request: r, schoolDaysLeft, attention, events = [], slotVenue }: ManagedRequest): ManagedRequestView {
  // Where it takes place: the venue given when approving, else the slot's opportunity's (as the emails say).
  const venue = r.venue || slotVenue;
  return {
    id: r.id,
    ...referenceOf(r),
    urn: r.urn,
    ...asked(r),
    provider: r.provider,
    contact: r.contact,
    staffCount: r.staffCount,
    facilities: r.facilities,
    content: r.content,
    notes: r.notes,
    createdAt: r.createdAt,
    responseDeadline: r.responseDeadline,
    ...(schoolDaysLeft !== undefined ? { schoolDaysLeft } : {}),
    flags: flagsOf(r),
    attention: attention.map(({ rule, code, message }) => ({ rule, code, message })),
    ...(r.alternative ? { alternative: r.alternative } : {}),
    ...(r.move ? { move: moveOf(r.move) } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    ...(venue ? { venue } : {}),
    ...(r.split ? { split: r.split } : {}),
    ...(r.delivery ? { delivery: r.delivery } : {}),
    allowedActions: allowedActions(r, 'school'),
    history: events.map((e) => ({
      type: e.type,
      at: e.at,
      actor: e.actor.party,
      ...(e.actor.name ? { by: e.actor.name } : {}),
      ...noteOf(e),
    })),
  };
}

/** GET …/requests without a status: the careers lead's dashboard. */
export function dashboardView(board: SchoolBoard): DashboardView {
  return {
    today: board.today,
    needsAttention: board.needsAttention.map(managedRequestView),
    needsDecision: board.needsDecision.map(managedRequestView),
    awaitingProvider: board.awaitingProvider.map(managedRequestView),
    upcoming: board.upcoming.map(managedRequestView),
    ...(board.statementReviewDue ? { statementReviewDue: board.statementReviewDue } : {}),
    ...(board.undeliverableSchoolAddresses ? { undeliverableSchoolAddresses: board.undeliverableSchoolAddresses } : {}),
    coverageConcerns: board.coverageConcerns,
  };
}

/** An emailed link's request, school and decision. */
interface LinkRead {
  action: LinkDecision;
  request: StoredRequest;
  school: StoredSchool;
}

/** The confirmation page's content for a link that can still act (the JSON of POST /api/actions/view). */
export function actionLinkView({ action, request: r, school }: LinkRead): ActionLinkView {
  return {
    action,
    school: { urn: school.urn, name: school.name },
    request: {
      id: r.id,
      ...referenceOf(r),
      provider: { organisation: r.provider.organisation },
      contact: { name: r.contact.name, email: r.contact.email, phone: r.contact.phone },
      sessionType: r.sessionType,
      yearGroups: r.yearGroups,
      date: r.date,
      start: r.start,
      end: r.end,
      ...(r.notes ? { notes: r.notes } : {}),
      flags: r.flags.map((f) => f.message),
    },
    groundsForRefusing: action === 'decline' ? school.groundsForRefusing : [],
    ...(r.move && (action === 'approve-move' || action === 'decline-move') ? { move: moveOf(r.move) } : {}),
  };
}

/** What the done page says once a link has acted (the JSON of POST /api/actions), from the request after it. */
export function actionDoneView({ action, request, school }: LinkRead): ActionDoneView {
  return {
    action,
    status: request.status,
    requestId: request.id,
    ...referenceOf(request),
    school: { urn: school.urn, name: school.name },
    provider: { organisation: request.provider.organisation },
    contact: { name: request.contact.name },
    date: request.date,
  };
}
