// The provider's own evidence of how each school it asked answered (issue 15, item 6): what a
// college needs when it raises a school's non-compliance with the Baker Clause (s42B) with
// DfE. Pure: the use case reads the organisation's requests, each request's trail and the
// schools' stated response times, and hands them here.
//
// A request's deadline is the one the school was given when the request reached it: the
// REQUEST_SUBMITTED event records it, computed then by calendar.responseDeadline from the
// day it was sent and the school's own response time in school days (S-PROCEDURE), never
// later than the day before the encounter. It is not counted again from today's settings:
// a school that lengthens its response time, or adds a closure, afterwards must not turn a
// late answer into one in time. The daily job expires a request unanswered after that same
// date (reminders.ts expiryDeadline), so "past the deadline" means the same everywhere.
//
// Only the school's first answer is judged (approve, decline or propose another time, from
// pending): a provider countering a proposed time starts a new exchange the school had
// already answered in time or not.
import { academicYearBounds, academicYearLabel, academicYearOf } from './academic-year.ts';
import { addDays, formatDate, isIsoDate } from './dates.ts';
import { schoolAnsweredAt } from './request-list.ts';
import { londonDate } from './timezone.ts';
import type { Instant, IsoDate, RequestStatus } from './types.ts';

/** The academic years a report can be asked for, by the calendar year each starts in (the page offers them from the first). */
export const EVIDENCE_FIRST_YEAR = 2023;
export const EVIDENCE_LAST_YEAR = 2100;

/** What the evidence reads of a stored request. */
export interface EvidenceRequest {
  id: string;
  urn: string;
  status: RequestStatus;
  createdAt: Instant;
  /** The request's deadline now (a counter-offer sets a new one): the fallback when the trail has no submission. */
  responseDeadline: IsoDate;
  /** The decline's grounds (one of the school's groundsForRefusing, or the lead's own words), the withdrawal's or expiry's words. */
  reason?: string;
  reference?: string;
  date: IsoDate;
}

/** What the evidence reads of one event of a request's trail. */
export interface EvidenceEvent {
  type?: string;
  from: RequestStatus | null;
  to: RequestStatus;
  at: Instant;
  actor: { party: string };
  data?: Record<string, unknown>;
}

/**
 * How the school answered by its deadline:
 * - `in-time`: its first answer came on or before the deadline;
 * - `late`: after it;
 * - `unanswered`: no answer and the deadline has passed (still waiting, expired by the
 *   daily job, or withdrawn by the provider after the deadline had gone by);
 * - `waiting`: no answer yet, and the deadline is still to come;
 * - `withdrawn`: the provider withdrew it before the deadline and before any answer, so the school owed none.
 */
export type Timeliness = 'in-time' | 'late' | 'unanswered' | 'waiting' | 'withdrawn';

/** The school's first answer to a request. */
export type SchoolAnswer = 'approved' | 'declined' | 'alternative_proposed';

export interface RequestEvidence {
  id: string;
  urn: string;
  reference?: string;
  /** The encounter's date. */
  date: IsoDate;
  status: RequestStatus;
  /** When the request reached the school (the provider confirmed it, or sent it from a confirmed address). */
  sentAt: Instant;
  /** The last date the school could answer it. */
  deadline: IsoDate;
  answeredAt?: Instant;
  answer?: SchoolAnswer;
  timeliness: Timeliness;
  /** Approved at some point: by the school, or the provider accepting the time it proposed (cancellations come only after approval). */
  approved: boolean;
  /** Declined by the school, with the grounds given. */
  declined: boolean;
  grounds?: string;
}

/** Statuses a request is in only once it was approved. */
const APPROVED_ONCE: readonly RequestStatus[] = ['approved', 'delivered', 'not_delivered', 'cancelled'];

/** The event that put the request before the school: the first into pending (REQUEST_SUBMITTED). */
function sentEvent(trail: readonly EvidenceEvent[]): EvidenceEvent | undefined {
  return trail.find((e) => e.to === 'pending' && (e.from === null || e.from === 'unconfirmed'));
}

/** The deadline the school was given when the request reached it (see the header). */
export function answerDeadline(request: Pick<EvidenceRequest, 'responseDeadline'>, trail: readonly EvidenceEvent[]): IsoDate {
  const given = sentEvent(trail)?.data?.responseDeadline;
  return isIsoDate(given) ? given : request.responseDeadline;
}

/**
 * One request's evidence on `today` (a London date), or undefined for a request that never
 * reached the school (unconfirmed: the school was never asked).
 */
export function requestEvidence(request: EvidenceRequest, trail: readonly EvidenceEvent[], today: IsoDate): RequestEvidence | undefined {
  if (request.status === 'unconfirmed') return undefined;
  const sent = sentEvent(trail);
  const sentAt = sent?.at ?? request.createdAt;
  const deadline = answerDeadline(request, trail);
  const answeredAt = schoolAnsweredAt(trail);
  const answerEvent = answeredAt ? trail.find((e) => e.at === answeredAt && e.from === 'pending' && e.actor.party === 'school') : undefined;
  const answer = answerEvent && isAnswer(answerEvent.to) ? answerEvent.to : undefined;
  const declined = request.status === 'declined';
  return {
    id: request.id,
    urn: request.urn,
    ...(request.reference ? { reference: request.reference } : {}),
    date: request.date,
    status: request.status,
    sentAt,
    deadline,
    ...(answeredAt ? { answeredAt } : {}),
    ...(answer ? { answer } : {}),
    timeliness: timelinessOf(request, trail, deadline, answeredAt, today),
    approved: APPROVED_ONCE.includes(request.status),
    declined,
    ...(declined && request.reason ? { grounds: request.reason } : {}),
  };
}

function isAnswer(status: RequestStatus): status is SchoolAnswer {
  return status === 'approved' || status === 'declined' || status === 'alternative_proposed';
}

function timelinessOf(request: EvidenceRequest, trail: readonly EvidenceEvent[], deadline: IsoDate, answeredAt: Instant | undefined, today: IsoDate): Timeliness {
  if (answeredAt) return londonDate(answeredAt) <= deadline ? 'in-time' : 'late';
  if (request.status === 'withdrawn') {
    // Withdrawn with no answer: the school owed one only if the deadline went by first.
    const withdrawnAt = trail.find((e) => e.to === 'withdrawn')?.at;
    return withdrawnAt && londonDate(withdrawnAt) <= deadline ? 'withdrawn' : 'unanswered';
  }
  if (request.status === 'pending') return today > deadline ? 'unanswered' : 'waiting';
  // Expired unanswered, or a trail with no answer kept (the status says it was answered: the time is unknown, so never "in time").
  return request.status === 'expired' ? 'unanswered' : 'late';
}

/** The counts of one school's requests, or of all of them. */
export interface EvidenceCounts {
  sent: number;
  answeredInTime: number;
  answeredLate: number;
  approved: number;
  declined: number;
  /** Not answered by the school's deadline (see Timeliness `unanswered`). */
  unansweredPastDeadline: number;
  /** Not answered yet, still inside the deadline. */
  waiting: number;
}

/** One of the grounds a school gave for declining, and how often. */
export interface GroundsCount {
  grounds: string;
  count: number;
}

export interface SchoolEvidence {
  urn: string;
  name: string;
  /** The school's stated response time now, in school days, as its profile and statement publish it (S-PROCEDURE). */
  responseSchoolDays: number;
  counts: EvidenceCounts;
  /** The grounds given for its declines, most often first. */
  grounds: GroundsCount[];
  /** Its requests sent in the period, earliest sent first. */
  requests: RequestEvidence[];
}

/** The dates requests were sent between, both included. */
export interface EvidencePeriod {
  from?: IsoDate;
  to: IsoDate;
  /** Set when the period is an academic year (its starting calendar year). */
  academicYear?: number;
  /** "2026/27", or "1 September 2026 to 31 March 2027". */
  label: string;
}

export interface EvidenceReport {
  period: EvidencePeriod;
  /** The London date the report was made on: "unanswered" and "waiting" are as of then. */
  asOf: IsoDate;
  schools: SchoolEvidence[];
  totals: EvidenceCounts;
  grounds: GroundsCount[];
}

/** The period asked for: an academic year, dates (either may be left open), or by default the academic year of `today`. */
export function evidencePeriod(asked: { academicYear?: number; from?: IsoDate; to?: IsoDate }, today: IsoDate): EvidencePeriod {
  if (asked.from !== undefined || asked.to !== undefined) {
    const to = asked.to ?? today;
    const label = asked.from ? `${formatDate(asked.from)} to ${formatDate(to)}` : `up to ${formatDate(to)}`;
    return { ...(asked.from ? { from: asked.from } : {}), to, label };
  }
  const year = asked.academicYear ?? academicYearOf(today);
  const { start, end } = academicYearBounds(year);
  return { from: start, to: end, academicYear: year, label: academicYearLabel(year) };
}

export function sentIn(period: Pick<EvidencePeriod, 'from' | 'to'>, sentAt: Instant): boolean {
  const day = londonDate(sentAt);
  return (!period.from || day >= period.from) && day <= period.to;
}

/**
 * Whether a request made at `createdAt` may have been sent in the period: it reaches the
 * school when made, or when its provider confirms it, within a day (CONFIRMATION_SECONDS).
 * Lets the use case read the trails of only those requests.
 */
export function maybeSentIn(period: Pick<EvidencePeriod, 'from' | 'to'>, createdAt: Instant): boolean {
  const day = londonDate(createdAt);
  return (!period.from || day >= addDays(period.from, -1)) && day <= period.to;
}

export function emptyEvidenceCounts(): EvidenceCounts {
  return { sent: 0, answeredInTime: 0, answeredLate: 0, approved: 0, declined: 0, unansweredPastDeadline: 0, waiting: 0 };
}

function addTo(counts: EvidenceCounts, r: RequestEvidence): void {
  counts.sent += 1;
  if (r.timeliness === 'in-time') counts.answeredInTime += 1;
  if (r.timeliness === 'late') counts.answeredLate += 1;
  if (r.timeliness === 'unanswered') counts.unansweredPastDeadline += 1;
  if (r.timeliness === 'waiting') counts.waiting += 1;
  if (r.approved) counts.approved += 1;
  if (r.declined) counts.declined += 1;
}

function groundsOf(requests: readonly RequestEvidence[]): GroundsCount[] {
  const counts = new Map<string, number>();
  for (const r of requests) if (r.declined) counts.set(r.grounds ?? 'No grounds given', (counts.get(r.grounds ?? 'No grounds given') ?? 0) + 1);
  return [...counts].map(([grounds, count]) => ({ grounds, count })).sort((a, b) => b.count - a.count || a.grounds.localeCompare(b.grounds, 'en-GB'));
}

/** A school as the report needs it: its name and its stated response time. */
export interface EvidenceSchool {
  name: string;
  responseSchoolDays: number;
}

/**
 * The report: each school asked in the period (by name), its counts and grounds, and the
 * totals. A school the store no longer knows keeps its URN as its name.
 */
export function evidenceReport(
  requests: readonly RequestEvidence[],
  schools: ReadonlyMap<string, EvidenceSchool>,
  period: EvidencePeriod,
  asOf: IsoDate,
  defaultResponseSchoolDays: number,
): EvidenceReport {
  const kept = requests.filter((r) => sentIn(period, r.sentAt)).sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.id.localeCompare(b.id));
  const byUrn = new Map<string, RequestEvidence[]>();
  for (const r of kept) byUrn.set(r.urn, [...(byUrn.get(r.urn) ?? []), r]);
  const totals = emptyEvidenceCounts();
  const out: SchoolEvidence[] = [...byUrn].map(([urn, list]) => {
    const counts = emptyEvidenceCounts();
    for (const r of list) {
      addTo(counts, r);
      addTo(totals, r);
    }
    const school = schools.get(urn);
    return { urn, name: school?.name ?? urn, responseSchoolDays: school?.responseSchoolDays ?? defaultResponseSchoolDays, counts, grounds: groundsOf(list), requests: list };
  });
  out.sort((a, b) => a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' }) || a.urn.localeCompare(b.urn));
  return { period, asOf, schools: out, totals, grounds: groundsOf(kept) };
}

/** The words for a request's timeliness, in a sentence or a CSV cell. */
export const TIMELINESS_LABELS: Record<Timeliness, string> = {
  'in-time': 'Answered in time',
  late: 'Answered late',
  unanswered: 'Not answered by the deadline',
  waiting: 'Waiting, deadline not passed',
  withdrawn: 'Withdrawn before an answer was due',
};

export const ANSWER_LABELS: Record<SchoolAnswer, string> = {
  approved: 'Approved',
  declined: 'Declined',
  alternative_proposed: 'Proposed another time',
};
