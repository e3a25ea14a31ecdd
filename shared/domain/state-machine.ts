// A request's life (DESIGN.md) as one pure function: transition(request, action, actor,
// input, now) → the new request and the event to record. Nothing is stored or sent here;
// the store writes both in one transaction and the stream turns the event into email.
//
// unconfirmed ─ confirm ─► pending   (issue 12, item 2: a first request from an address
//         nobody has confirmed waits for the provider to follow an emailed link; until then
//         no school sees it and it holds no place; unconfirmed after 24 hours, it is gone)
// pending ─ approve ─────────────► approved ─ cancel ────────► cancelled
//         ─ decline (reason) ────► declined    ─ reschedule ──► approved (new time)
//         ─ propose (time) ──┐                 ─ deliver ─────► delivered
//         ─ withdraw ────────┼──► withdrawn    ─ not_delivered► not_delivered
//         ─ expire ──────────┼──► expired
// alternative_proposed ◄─────┘
//         ─ accept ──► approved (the proposed time becomes the time)
//         ─ reject ──► withdrawn, reason "alternative rejected" (a provider saying no to
//                      the school's time ends its own request; there is no "declined by
//                      provider" state, and the school's decline stays a school decision)
//         ─ withdraw ► withdrawn;  ─ expire ► expired (not answered by its respond-by date)
//
// `reschedule` goes beyond DESIGN.md: the school moving an approved encounter. It keeps the
// request approved and raises the calendar SEQUENCE so the invite updates in place.
// Issue 14, item 5: the provider may ask to move an approved encounter (`ask_move`): it
// stays approved at its time, with the asked-for time kept on the request as `move`, until
// the school approves the move (`approve_move`: the time changes and the SEQUENCE goes up,
// as for `reschedule`) or declines it with a reason (`decline_move`: the time stays). A
// provider answering a proposed time with another (`counter`) sends the request back to the
// school: pending again, at the provider's new time, with a new respond-by date.
// `keep` (issue 11): the careers lead keeps an approved encounter that a later change of the
// school's calendar or opportunities put outside the rules, with a reason; audited, nobody
// is told, and the booking stops being flagged for those problems (shared/domain/recheck.ts).
import type { ActorRole } from './roles.ts';
import { addDays, formatDate, formatDateShort, formatTime, isIsoDate, isLocalTime } from './dates.ts';
import { DomainError, type ErrorCode, type RuleViolation } from './errors.ts';
import { CONTENT_ITEM_LABELS, CONTENT_ITEMS, listWithAnd, type ContentConfirmation } from './labels.ts';
import { instantMs, localToUtcMs, londonDate } from './timezone.ts';
import type { Instant, IsoDate, LocalTime, RequestStatus, YearGroup } from './types.ts';
import { formatYearGroups, yearGroupLabel } from './year-groups.ts';

export type Party = 'school' | 'provider' | 'system';
export type NotifyParty = 'school' | 'provider';

/** Who acts: school staff (careers lead, deputy, trust admin) act as 'school'. */
export interface Actor {
  party: Party;
  /** Email of the person, or the job name for 'system'. */
  id: string;
  role?: ActorRole;
  name?: string;
}

export const TERMINAL_STATUSES = ['declined', 'withdrawn', 'expired', 'cancelled', 'delivered', 'not_delivered'] as const satisfies readonly RequestStatus[];

export function isTerminal(status: RequestStatus): boolean {
  return (TERMINAL_STATUSES as readonly RequestStatus[]).includes(status);
}

export interface TimeSlot {
  date: IsoDate;
  start: LocalTime;
  end: LocalTime;
}

/** The school's counter-offer, waiting for the provider. */
export interface TimeProposal extends TimeSlot {
  message?: string;
  /** Last date the provider may accept; after it the request expires. */
  respondBy: IsoDate;
  proposedAt: Instant;
}

/** The provider's ask to move an approved encounter, waiting for the school (issue 14, item 5). */
export interface MoveAsk extends TimeSlot {
  reason: string;
  askedAt: Instant;
}

/** R-ATTEND, per year group: numbers only, never names. */
export interface Attendance {
  yearGroup: YearGroup;
  /** Pupils who took part. */
  pupils: number;
  /** Pupils on roll in the year group (for a session of a split encounter: in the groups it was for). Absent in records from before issue 16. */
  onRoll?: number;
}

/** R-WHOLE: one session of an encounter delivered in several (a carousel of form groups): session `session` of `sessions`. */
export interface SplitSession {
  session: number;
  sessions: number;
}

/** What the careers lead records after the encounter (R-CONTENT confirmed again). */
export interface DeliveryRecord {
  content: ContentConfirmation;
  attendance: Attendance[];
  /** Absent: a whole encounter. */
  split?: SplitSession;
  note?: string;
  recordedAt: Instant;
}

/** The part of a request the state machine reads and writes; callers may carry more fields. */
export interface RequestState extends TimeSlot {
  id: string;
  status: RequestStatus;
  yearGroups: YearGroup[];
  /** Last date the school may answer a pending request (see calendar.responseDeadline). */
  responseDeadline: IsoDate;
  /** An unconfirmed request's end: after this instant it cannot be confirmed and counts as gone. */
  confirmBy?: Instant;
  /** The .ics SEQUENCE last sent; undefined until first approved. */
  calendarSequence?: number;
  alternative?: TimeProposal;
  /** A move the provider asked for, while the school has not answered it. */
  move?: MoveAsk;
  /** Why the request ended: decline, withdrawal, cancellation, expiry, no delivery. */
  reason?: string;
  /** Who ended it, for cancellations. */
  endedBy?: Party;
  delivery?: DeliveryRecord;
  /** Where it takes place, given when approving (e.g. "Main hall"); a slot's opportunity names its own. */
  venue?: string;
  /** The school's message to the provider when approving (where to sign in, park…): in every later invite and reminder. */
  schoolMessage?: string;
  /** Problem keys (recheck.ts) the careers lead kept the booking despite. */
  keptProblems?: string[];
  /**
   * R-WHOLE: booked as session `session` of `sessions` of one encounter (a carousel of form
   * groups), as the careers lead said when approving, so coverage counts the booked sessions
   * once, not as separate encounters. Recording delivery says it again (its own `split`).
   */
  split?: SplitSession;
  updatedAt?: Instant;
}

export interface ActionInputs {
  /** The response deadline counted from the moment of confirming: the school's time to answer starts then. */
  confirm: { responseDeadline: IsoDate };
  approve: { note?: string; venue?: string; split?: SplitSession };
  /** One of the school's groundsForRefusing, or free text. */
  decline: { reason: string };
  propose: TimeSlot & { message?: string; respondBy?: IsoDate };
  withdraw: { reason?: string };
  accept: { note?: string };
  reject: { reason?: string };
  expire: Record<string, never>;
  cancel: { reason: string };
  reschedule: TimeSlot & { reason: string };
  ask_move: TimeSlot & { reason: string };
  approve_move: { note?: string };
  decline_move: { reason: string };
  /** The provider's own time in answer to the school's; the school's time to answer starts again (the caller counts it). */
  counter: TimeSlot & { message?: string; responseDeadline: IsoDate };
  /** The problems of the booking now (recheck.ts), as the lead saw them, and why it stays. */
  keep: { reason: string; problems: KeptProblem[] };
  deliver: { content: ContentConfirmation; attendance: Attendance[]; split?: SplitSession; note?: string };
  not_delivered: { reason?: string };
}
export type RequestAction = keyof ActionInputs;

/** A problem the careers lead keeps a booking despite: its key, rule and sentence. */
export interface KeptProblem {
  key: string;
  rule: string;
  message: string;
}

export const REQUEST_EVENT_TYPES = [
  'REQUEST_SUBMITTED',
  'REQUEST_APPROVED',
  'REQUEST_DECLINED',
  'ALTERNATIVE_PROPOSED',
  'REQUEST_WITHDRAWN',
  'ALTERNATIVE_ACCEPTED',
  'ALTERNATIVE_REJECTED',
  'REQUEST_EXPIRED',
  'REQUEST_CANCELLED',
  'REQUEST_RESCHEDULED',
  'MOVE_ASKED',
  'MOVE_APPROVED',
  'MOVE_DECLINED',
  'COUNTER_OFFERED',
  'ATTENTION_KEPT',
  'ENCOUNTER_DELIVERED',
  'ENCOUNTER_NOT_DELIVERED',
] as const;
export type RequestEventType = (typeof REQUEST_EVENT_TYPES)[number];

export interface CalendarUpdate {
  /** METHOD of the .ics: REQUEST adds or updates the invite, CANCEL removes it. */
  method: 'REQUEST' | 'CANCEL';
  /** SEQUENCE: 0 when first approved, +1 on every later change of the approved encounter. */
  sequence: number;
}

export interface RequestEvent {
  type: RequestEventType;
  requestId: string;
  at: Instant;
  actor: Actor;
  from: RequestStatus | null;
  to: RequestStatus;
  data: Record<string, unknown>;
  /** Parties to tell: the other side of a person's action, both for the system's. */
  notify: NotifyParty[];
  calendar?: CalendarUpdate;
}

export interface TransitionResult<T extends RequestState> {
  request: T;
  event: RequestEvent;
}

interface ActionSpec {
  parties: readonly Party[];
  from: readonly RequestStatus[];
  to: RequestStatus;
  event: RequestEventType;
  verb: string;
  /** Who is told, when not the other side of the party acting. */
  notify?: NotifyParty[];
}

const ACTIONS: Record<RequestAction, ActionSpec> = {
  // Confirming is the submission the school sees: the same event, told to both sides, as a request sent from a confirmed address.
  confirm: { parties: ['provider'], from: ['unconfirmed'], to: 'pending', event: 'REQUEST_SUBMITTED', verb: 'confirm', notify: ['school', 'provider'] },
  approve: { parties: ['school'], from: ['pending'], to: 'approved', event: 'REQUEST_APPROVED', verb: 'approve' },
  decline: { parties: ['school'], from: ['pending'], to: 'declined', event: 'REQUEST_DECLINED', verb: 'decline' },
  propose: { parties: ['school'], from: ['pending'], to: 'alternative_proposed', event: 'ALTERNATIVE_PROPOSED', verb: 'propose another time for' },
  withdraw: { parties: ['provider'], from: ['pending', 'alternative_proposed'], to: 'withdrawn', event: 'REQUEST_WITHDRAWN', verb: 'withdraw' },
  accept: { parties: ['provider'], from: ['alternative_proposed'], to: 'approved', event: 'ALTERNATIVE_ACCEPTED', verb: 'accept the proposed time of' },
  reject: { parties: ['provider'], from: ['alternative_proposed'], to: 'withdrawn', event: 'ALTERNATIVE_REJECTED', verb: 'reject the proposed time of' },
  expire: { parties: ['system'], from: ['pending', 'alternative_proposed'], to: 'expired', event: 'REQUEST_EXPIRED', verb: 'expire' },
  cancel: { parties: ['school', 'provider'], from: ['approved'], to: 'cancelled', event: 'REQUEST_CANCELLED', verb: 'cancel' },
  reschedule: { parties: ['school'], from: ['approved'], to: 'approved', event: 'REQUEST_RESCHEDULED', verb: 'move' },
  ask_move: { parties: ['provider'], from: ['approved'], to: 'approved', event: 'MOVE_ASKED', verb: 'ask to move' },
  // Both sides: each calendar gets the new time.
  approve_move: { parties: ['school'], from: ['approved'], to: 'approved', event: 'MOVE_APPROVED', verb: 'approve the move of', notify: ['school', 'provider'] },
  decline_move: { parties: ['school'], from: ['approved'], to: 'approved', event: 'MOVE_DECLINED', verb: 'decline the move of' },
  counter: { parties: ['provider'], from: ['alternative_proposed'], to: 'pending', event: 'COUNTER_OFFERED', verb: 'offer another time for' },
  keep: { parties: ['school'], from: ['approved'], to: 'approved', event: 'ATTENTION_KEPT', verb: 'keep', notify: [] },
  deliver: { parties: ['school'], from: ['approved'], to: 'delivered', event: 'ENCOUNTER_DELIVERED', verb: 'record delivery of' },
  not_delivered: { parties: ['school'], from: ['approved'], to: 'not_delivered', event: 'ENCOUNTER_NOT_DELIVERED', verb: 'record as not delivered' },
};

export const REQUEST_ACTIONS = Object.keys(ACTIONS) as RequestAction[];

const STATUS_WORDS: Record<RequestStatus, string> = {
  unconfirmed: 'waiting for the provider to confirm it',
  pending: 'waiting for the school',
  approved: 'approved',
  declined: 'declined',
  alternative_proposed: 'waiting for the provider to answer a proposed time',
  withdrawn: 'withdrawn',
  expired: 'expired',
  cancelled: 'cancelled',
  delivered: 'recorded as delivered',
  not_delivered: 'recorded as not delivered',
};

const MAX_REASON_LENGTH = 1000;
export const ALTERNATIVE_REJECTED_REASON = 'alternative rejected';

/** The actions a party may take on a request in its current state (for buttons and links). */
export function allowedActions(request: Pick<RequestState, 'status'> & { move?: MoveAsk }, party: Party): RequestAction[] {
  return REQUEST_ACTIONS.filter((a) => ACTIONS[a].parties.includes(party) && ACTIONS[a].from.includes(request.status) && moveFits(a, request));
}

/** A move is answered only while one waits, and asked only while none does. */
function moveFits(action: RequestAction, request: { move?: MoveAsk }): boolean {
  if (action === 'approve_move' || action === 'decline_move') return request.move !== undefined;
  if (action === 'ask_move') return request.move === undefined;
  return true;
}

/** How long a provider has to confirm a first request from their address (issue 12, item 2). */
export const CONFIRMATION_SECONDS = 24 * 60 * 60;

/**
 * A new request from an address nobody has confirmed: unconfirmed until `confirmBy`, 24
 * hours on. No event: there is nothing for the school yet, and the provider's confirmation
 * email is its own message; `confirm` writes the REQUEST_SUBMITTED a school is told about.
 */
export function receiveRequest<T extends Omit<RequestState, 'status' | 'confirmBy'>>(request: T, now: Instant): T & { status: 'unconfirmed'; confirmBy: Instant } {
  const confirmBy = new Date(instantMs(now) + CONFIRMATION_SECONDS * 1000).toISOString();
  return { ...request, status: 'unconfirmed' as const, confirmBy, updatedAt: now };
}

/**
 * An unconfirmed request past its 24 hours: gone, whatever the table still holds (TTL
 * deletion can lag by days), so no read shows it and it can no longer be confirmed.
 */
export function confirmationLapsed(request: Pick<RequestState, 'status' | 'confirmBy'>, now: Instant): boolean {
  return request.status === 'unconfirmed' && (!request.confirmBy || instantMs(now) >= instantMs(request.confirmBy));
}

/** A new request, pending, with its REQUEST_SUBMITTED event (told to both sides). */
export function submitRequest<T extends Omit<RequestState, 'status'>>(
  request: T,
  actor: Actor,
  now: Instant,
): TransitionResult<T & { status: 'pending' }> {
  instantMs(now);
  const created = { ...request, status: 'pending' as const, updatedAt: now };
  return {
    request: created,
    event: {
      type: 'REQUEST_SUBMITTED',
      requestId: request.id,
      at: now,
      actor,
      from: null,
      to: 'pending',
      data: { date: request.date, start: request.start, end: request.end, yearGroups: request.yearGroups, responseDeadline: request.responseDeadline },
      notify: ['school', 'provider'],
    },
  };
}

/**
 * Apply one action. Throws DomainError: NOT_ALLOWED for the wrong party,
 * INVALID_TRANSITION for the wrong state, or a specific code for a missing
 * requirement (DECLINE_REASON_REQUIRED, CANCEL_REASON_REQUIRED, DELIVERY_TOO_EARLY,
 * CONTENT_NOT_CONFIRMED, ATTENDANCE_REQUIRED …). Never mutates `request`.
 */
export function transition<T extends RequestState, A extends RequestAction>(
  request: T,
  action: A,
  actor: Actor,
  input: ActionInputs[A],
  now: Instant,
): TransitionResult<T> {
  const spec = ACTIONS[action] as ActionSpec | undefined;
  if (!spec) {
    throw new DomainError('UNKNOWN_ACTION', `"${String(action)}" is not something a request can do; use one of ${REQUEST_ACTIONS.join(', ')}.`, {
      rule: 'P-STATE',
    });
  }
  if (!spec.parties.includes(actor.party)) {
    throw new DomainError('NOT_ALLOWED', `Only ${listWithAnd(spec.parties.map(partyWords))} can ${spec.verb} a request.`, {
      rule: 'P-STATE',
    });
  }
  if (!spec.from.includes(request.status)) throw invalidTransition(request, action, spec);
  const nowMs = instantMs(now);
  const change = HANDLERS[action](request, input as never, { now, nowMs, actor });
  const next = { ...request, ...change.patch, status: spec.to, updatedAt: now } as T;
  for (const key of change.remove ?? []) delete next[key];
  // A waiting move ends with whatever else changes the encounter (the school moving it, a cancellation, delivery).
  if (!KEEPS_MOVE.has(action)) delete next.move;
  return {
    request: next,
    event: {
      type: spec.event,
      requestId: request.id,
      at: now,
      actor,
      from: request.status,
      to: spec.to,
      data: change.data,
      notify: spec.notify ?? notifyFor(actor.party),
      ...(change.calendar ? { calendar: change.calendar } : {}),
    },
  };
}

const KEEPS_MOVE = new Set<RequestAction>(['ask_move', 'keep']);

interface Ctx {
  now: Instant;
  nowMs: number;
  actor: Actor;
}

interface Change {
  patch: Partial<RequestState>;
  remove?: (keyof RequestState)[];
  data: Record<string, unknown>;
  calendar?: CalendarUpdate;
}

type Handlers = { [A in RequestAction]: (request: RequestState, input: ActionInputs[A], ctx: Ctx) => Change };

const HANDLERS: Handlers = {
  confirm(r, input, ctx) {
    if (confirmationLapsed(r, ctx.now)) {
      throw new DomainError('CONFIRMATION_EXPIRED', 'This request was not confirmed within 24 hours, so it was not sent to the school. Make the request again.', {
        rule: 'P-CONFIRM',
      });
    }
    if (!isIsoDate(input?.responseDeadline)) {
      throw new DomainError('DATE_FORMAT', 'Give the response deadline as YYYY-MM-DD.', { rule: 'P-STATE', field: 'responseDeadline' });
    }
    return {
      patch: { responseDeadline: input.responseDeadline },
      remove: ['confirmBy'],
      data: { ...timeOf(r), yearGroups: r.yearGroups, responseDeadline: input.responseDeadline },
    };
  },

  approve(r, input) {
    const [problem] = splitProblems(input?.split);
    if (problem) throw new DomainError(problem.code, problem.message, { rule: problem.rule, field: problem.field, fields: { [problem.field]: problem.message }, violations: [problem] });
    const calendar = nextCalendar(r, 'REQUEST');
    const venue = input?.venue?.trim();
    const note = input?.note?.trim();
    const split = input?.split ? { session: input.split.session, sessions: input.split.sessions } : undefined;
    const patch = { calendarSequence: calendar.sequence, ...(venue ? { venue } : {}), ...(note ? { schoolMessage: note } : {}), ...(split ? { split } : {}) };
    return { patch, data: { ...timeOf(r), note: input?.note, ...(venue ? { venue } : {}), ...(split ? { split } : {}) }, calendar };
  },

  decline(_r, input) {
    const reason = requireReason(input?.reason, 'DECLINE_REASON_REQUIRED', 'Give a reason for declining: choose one of the school\'s grounds for refusing, or write your own.');
    return { patch: { reason }, data: { reason } };
  },

  propose(r, input, ctx) {
    const time = requireTime(input, 'alternative');
    if (time.date === r.date && time.start === r.start && time.end === r.end) {
      throw new DomainError('ALTERNATIVE_SAME_TIME', 'The proposed time is the time already asked for; approve the request instead, or propose a different date or time.', {
        rule: 'P-STATE',
        field: 'date',
      });
    }
    if (localToUtcMs(time.date, time.start) <= ctx.nowMs) {
      throw new DomainError('IN_THE_PAST', `${formatDate(time.date)} at ${formatTime(time.start)} has already passed; propose a later date or time.`, {
        rule: 'R-NOTICE',
        field: 'date',
      });
    }
    // The provider answers by the day before the proposed date (today, if that is tomorrow or today).
    const today = londonDate(ctx.now);
    const dayBefore = addDays(time.date, -1);
    const latest = dayBefore < today ? today : dayBefore;
    const respondBy = input.respondBy ?? latest;
    if (!isIsoDate(respondBy) || respondBy < today || respondBy > latest) {
      throw new DomainError('RESPOND_BY_RANGE', `Give the provider a reply-by date from ${formatDateShort(today)} to ${formatDateShort(latest)}.`, {
        rule: 'P-STATE',
        field: 'respondBy',
      });
    }
    const alternative: TimeProposal = { ...time, respondBy, proposedAt: ctx.now, ...(input.message ? { message: input.message } : {}) };
    return { patch: { alternative }, data: { requested: timeOf(r), proposed: alternative } };
  },

  withdraw(_r, input) {
    const reason = optionalReason(input?.reason) ?? 'withdrawn by the provider';
    return { patch: { reason }, data: { reason } };
  },

  accept(r, input, ctx) {
    const alt = r.alternative;
    if (!alt) {
      throw new DomainError('NO_ALTERNATIVE', 'There is no proposed time to accept; ask the school to propose one.', { rule: 'P-STATE' });
    }
    if (londonDate(ctx.now) > alt.respondBy) {
      throw new DomainError(
        'ALTERNATIVE_EXPIRED',
        `The proposed time could be accepted until ${formatDateShort(alt.respondBy)}; send the school a new request instead.`,
        { rule: 'P-STATE' },
      );
    }
    const calendar = nextCalendar(r, 'REQUEST');
    const time = timeOf(alt);
    return {
      patch: { ...time, calendarSequence: calendar.sequence },
      remove: ['alternative'],
      data: { requested: timeOf(r), ...time, note: input?.note },
      calendar,
    };
  },

  reject(r, input) {
    const note = optionalReason(input?.reason);
    return {
      patch: { reason: ALTERNATIVE_REJECTED_REASON },
      data: { reason: ALTERNATIVE_REJECTED_REASON, note, proposed: r.alternative },
    };
  },

  expire(r, _input, ctx) {
    const deadline = r.status === 'alternative_proposed' && r.alternative ? r.alternative.respondBy : r.responseDeadline;
    if (!(londonDate(ctx.now) > deadline)) {
      throw new DomainError('NOT_YET_EXPIRED', `This request can be answered until ${formatDateShort(deadline)}; expire it only after that date.`, {
        rule: 'P-STATE',
      });
    }
    const reason =
      r.status === 'alternative_proposed' ? `the proposed time was not answered by ${formatDateShort(deadline)}` : `the school did not answer by ${formatDateShort(deadline)}`;
    return { patch: { reason }, data: { reason, deadline } };
  },

  cancel(r, input, ctx) {
    const reason = requireReason(input?.reason, 'CANCEL_REASON_REQUIRED', 'Give a reason for cancelling; the other side will see it.');
    if (localToUtcMs(r.date, r.start) <= ctx.nowMs) {
      throw new DomainError('CANCEL_TOO_LATE', 'This encounter has already started; record it as delivered or not delivered instead.', {
        rule: 'P-STATE',
      });
    }
    const calendar = nextCalendar(r, 'CANCEL');
    return { patch: { reason, endedBy: ctx.actor.party, calendarSequence: calendar.sequence }, data: { reason, ...timeOf(r) }, calendar };
  },

  reschedule(r, input, ctx) {
    const reason = requireReason(input?.reason, 'RESCHEDULE_REASON_REQUIRED', 'Give a reason for moving the encounter; the provider will see it.');
    const time = requireTime(input, 'new time');
    if (localToUtcMs(r.date, r.start) <= ctx.nowMs) {
      throw new DomainError('RESCHEDULE_TOO_LATE', 'This encounter has already started; record it as delivered or not delivered instead.', {
        rule: 'P-STATE',
      });
    }
    if (localToUtcMs(time.date, time.start) <= ctx.nowMs) {
      throw new DomainError('IN_THE_PAST', `${formatDate(time.date)} at ${formatTime(time.start)} has already passed; choose a later date or time.`, { rule: 'R-NOTICE', field: 'date' });
    }
    const calendar = nextCalendar(r, 'REQUEST');
    return { patch: { ...time, calendarSequence: calendar.sequence }, data: { reason, previous: timeOf(r), ...time }, calendar };
  },

  ask_move(r, input, ctx) {
    if (r.move) {
      throw new DomainError('MOVE_ALREADY_ASKED', `You have already asked to move this encounter to ${formatDate(r.move.date)} at ${formatTime(r.move.start)}; wait for the school's answer.`, {
        rule: 'P-STATE',
      });
    }
    const reason = requireReason(input?.reason, 'MOVE_REASON_REQUIRED', 'Give a reason for moving the encounter; the careers lead will see it.');
    const time = requireTime(input, 'new time');
    startsLater(r, ctx);
    if (time.date === r.date && time.start === r.start && time.end === r.end) {
      throw new DomainError('ALTERNATIVE_SAME_TIME', 'That is the time the encounter is already booked for; choose a different date or time.', { rule: 'P-STATE', field: 'date' });
    }
    notPast(time, ctx);
    const move: MoveAsk = { ...time, reason, askedAt: ctx.now };
    return { patch: { move }, data: { current: timeOf(r), ...time, reason } };
  },

  approve_move(r, input, ctx) {
    const move = r.move;
    if (!move) throw new DomainError('NO_MOVE_ASKED', 'The provider has not asked to move this encounter, or the move was already answered.', { rule: 'P-STATE' });
    startsLater(r, ctx);
    notPast(move, ctx);
    const calendar = nextCalendar(r, 'REQUEST');
    const note = optionalReason(input?.note);
    // The reason travels with the event: it is the provider's, for both invitations.
    return { patch: { ...timeOf(move), calendarSequence: calendar.sequence }, data: { previous: timeOf(r), ...timeOf(move), reason: move.reason, ...(note ? { note } : {}) }, calendar };
  },

  decline_move(r, input) {
    const move = r.move;
    if (!move) throw new DomainError('NO_MOVE_ASKED', 'The provider has not asked to move this encounter, or the move was already answered.', { rule: 'P-STATE' });
    const reason = requireReason(input?.reason, 'DECLINE_REASON_REQUIRED', 'Give a reason for keeping the encounter at its time; the provider will see it.');
    return { patch: {}, data: { reason, asked: timeOf(move), ...timeOf(r) } };
  },

  counter(r, input, ctx) {
    const alt = r.alternative;
    if (!alt) throw new DomainError('NO_ALTERNATIVE', 'The school has not proposed a time to answer; wait for its answer.', { rule: 'P-STATE' });
    if (londonDate(ctx.now) > alt.respondBy) {
      throw new DomainError('ALTERNATIVE_EXPIRED', `The proposed time could be answered until ${formatDateShort(alt.respondBy)}; send the school a new request instead.`, { rule: 'P-STATE' });
    }
    const time = requireTime(input, 'time you offer');
    if (time.date === alt.date && time.start === alt.start && time.end === alt.end) {
      throw new DomainError('ALTERNATIVE_SAME_TIME', 'That is the time the school proposed; accept it instead, or offer a different date or time.', { rule: 'P-STATE', field: 'date' });
    }
    notPast(time, ctx);
    if (!isIsoDate(input?.responseDeadline)) {
      throw new DomainError('DATE_FORMAT', 'Give the response deadline as YYYY-MM-DD.', { rule: 'P-STATE', field: 'responseDeadline' });
    }
    const message = optionalReason(input.message);
    return {
      patch: { ...time, responseDeadline: input.responseDeadline },
      remove: ['alternative'],
      data: { requested: timeOf(r), proposed: timeOf(alt), ...time, responseDeadline: input.responseDeadline, ...(message ? { message } : {}) },
    };
  },

  keep(r, input) {
    const reason = requireReason(input?.reason, 'KEEP_REASON_REQUIRED', 'Give a reason for keeping the encounter as it is; it is kept in the request’s history.');
    const problems = Array.isArray(input?.problems) ? input.problems.filter((p) => typeof p?.key === 'string' && p.key !== '') : [];
    if (problems.length === 0) {
      throw new DomainError('NOTHING_TO_KEEP', 'This encounter breaks none of the school’s rules now, so there is nothing to keep it despite.', {
        rule: 'P-STATE',
      });
    }
    const keptProblems = [...new Set([...(r.keptProblems ?? []), ...problems.map((p) => p.key)])];
    return { patch: { keptProblems }, data: { reason, ...timeOf(r), problems: problems.map(({ key, rule, message }) => ({ key, rule, message })) } };
  },

  deliver(r, input, ctx) {
    const problems: RuleViolation[] = [];
    if (ctx.nowMs < localToUtcMs(r.date, r.end)) {
      problems.push({
        code: 'DELIVERY_TOO_EARLY',
        rule: 'P-STATE',
        field: 'date',
        message: `This encounter is on ${formatDate(r.date)} until ${formatTime(r.end)}; record delivery after it has finished.`,
      });
    }
    const missing = CONTENT_ITEMS.filter((item) => input?.content?.[item] !== true);
    if (missing.length > 0) {
      problems.push({
        code: 'CONTENT_NOT_CONFIRMED',
        rule: 'R-CONTENT',
        field: `content.${missing[0]}`,
        message: `Confirm that the session covered ${listWithAnd(missing.map((m) => CONTENT_ITEM_LABELS[m]))}; an encounter counts only when all four were covered. If it did not, record it as not delivered.`,
      });
    }
    problems.push(...attendanceProblems(r.yearGroups, input?.attendance), ...splitProblems(input?.split));
    const [first] = problems;
    if (first) {
      const fields: Record<string, string> = {};
      for (const p of problems) fields[p.field] = p.message;
      throw new DomainError(first.code, problems.map((p) => p.message).join(' '), { rule: first.rule, field: first.field, fields, violations: problems });
    }
    const delivery: DeliveryRecord = {
      content: { ...input.content },
      attendance: input.attendance.map((a) => ({ yearGroup: a.yearGroup, pupils: a.pupils, ...(a.onRoll === undefined ? {} : { onRoll: a.onRoll }) })),
      ...(input.split ? { split: { session: input.split.session, sessions: input.split.sessions } } : {}),
      recordedAt: ctx.now,
      ...(input.note ? { note: input.note } : {}),
    };
    return { patch: { delivery }, data: { ...timeOf(r), attendance: delivery.attendance, content: delivery.content, ...(delivery.split ? { split: delivery.split } : {}) } };
  },

  not_delivered(r, input, ctx) {
    if (ctx.nowMs < localToUtcMs(r.date, r.start)) {
      throw new DomainError('DELIVERY_TOO_EARLY', `This encounter starts on ${formatDate(r.date)} at ${formatTime(r.start)}; record what happened after that, or cancel it if it will not go ahead.`, {
        rule: 'P-STATE',
        field: 'date',
      });
    }
    const reason = optionalReason(input?.reason) ?? 'not delivered';
    return { patch: { reason }, data: { reason, ...timeOf(r) } };
  },
};

function attendanceProblems(yearGroups: readonly YearGroup[], attendance: Attendance[] | undefined): RuleViolation[] {
  const list = Array.isArray(attendance) ? attendance : [];
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0;
  const missing = yearGroups.filter((y) => !list.some((a) => a.yearGroup === y && whole(a.pupils) && whole(a.onRoll)));
  const extra = list.filter((a) => !yearGroups.includes(a.yearGroup)).map((a) => a.yearGroup);
  // R-ATTEND: how many took part against how many are on roll; more taking part than on roll is a slip.
  const over = list.filter((a) => yearGroups.includes(a.yearGroup) && whole(a.onRoll) && whole(a.pupils) && a.pupils > a.onRoll);
  const out: RuleViolation[] = [];
  if (over.length > 0) {
    out.push({
      code: 'ATTENDANCE_OVER_ROLL',
      rule: 'R-ATTEND',
      field: 'attendance',
      message: `More pupils took part than are on roll in ${over.map((a) => yearGroupLabel(a.yearGroup)).join(', ')}; check both numbers.`,
    });
  }
  if (missing.length > 0) {
    out.push({
      code: 'ATTENDANCE_REQUIRED',
      rule: 'R-ATTEND',
      field: 'attendance',
      message: `Give the number of pupils on roll and the number who took part from ${missing.map(yearGroupLabel).join(', ')} (whole numbers above 0).`,
    });
  }
  if (extra.length > 0) {
    out.push({
      code: 'ATTENDANCE_YEAR_NOT_BOOKED',
      rule: 'P-STATE',
      field: 'attendance',
      message: `This encounter was booked for ${formatYearGroups(yearGroups)}; remove the attendance given for ${formatYearGroups(extra)}.`,
    });
  }
  return out;
}

/** R-WHOLE: session k of n, 1 ≤ k ≤ n, n at least 2 (one session of one is a whole encounter). */
function splitProblems(split: SplitSession | undefined): RuleViolation[] {
  if (split === undefined) return [];
  const whole = (n: unknown) => typeof n === 'number' && Number.isInteger(n);
  if (whole(split.session) && whole(split.sessions) && split.sessions >= 2 && split.sessions <= 20 && split.session >= 1 && split.session <= split.sessions) return [];
  return [
    {
      code: 'SPLIT_SESSION_INVALID',
      rule: 'R-WHOLE',
      field: 'split',
      message: 'Give which session this was and how many sessions together reached the whole year group, like session 2 of 4 (2 to 20 sessions).',
    },
  ];
}

/** A move is for an encounter still to come. */
function startsLater(r: RequestState, ctx: Ctx): void {
  if (localToUtcMs(r.date, r.start) <= ctx.nowMs) {
    throw new DomainError('RESCHEDULE_TOO_LATE', 'This encounter has already started; it can no longer move.', { rule: 'P-STATE' });
  }
}

function notPast(time: TimeSlot, ctx: Ctx): void {
  if (localToUtcMs(time.date, time.start) <= ctx.nowMs) {
    throw new DomainError('IN_THE_PAST', `${formatDate(time.date)} at ${formatTime(time.start)} has already passed; choose a later date or time.`, { rule: 'R-NOTICE', field: 'date' });
  }
}

function nextCalendar(r: RequestState, method: CalendarUpdate['method']): CalendarUpdate {
  return { method, sequence: r.calendarSequence === undefined ? 0 : r.calendarSequence + 1 };
}

function timeOf(t: TimeSlot): TimeSlot {
  return { date: t.date, start: t.start, end: t.end };
}

function notifyFor(party: Party): NotifyParty[] {
  if (party === 'school') return ['provider'];
  if (party === 'provider') return ['school'];
  return ['school', 'provider'];
}

function partyWords(p: Party): string {
  return p === 'school' ? 'the school' : p === 'provider' ? 'the provider' : 'the system';
}

function requireReason(value: unknown, code: ErrorCode, message: string): string {
  const reason = optionalReason(value);
  if (!reason) throw new DomainError(code, message, { rule: 'P-STATE', field: 'reason' });
  return reason;
}

function optionalReason(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const reason = value.trim();
  if (reason.length > MAX_REASON_LENGTH) {
    throw new DomainError('REASON_TOO_LONG', `Shorten the reason to ${MAX_REASON_LENGTH} characters or fewer.`, { rule: 'P-STATE', field: 'reason' });
  }
  return reason;
}

function requireTime(input: Partial<TimeSlot> | undefined, what: string): TimeSlot {
  const { date, start, end } = input ?? {};
  if (!isIsoDate(date)) throw new DomainError('DATE_FORMAT', `Give the date of the ${what} as YYYY-MM-DD.`, { rule: 'P-DETAILS', field: 'date' });
  if (!isLocalTime(start)) throw new DomainError('TIME_FORMAT', `Give the start of the ${what} as HH:MM.`, { rule: 'P-DETAILS', field: 'start' });
  if (!isLocalTime(end) || end <= start) {
    throw new DomainError('END_BEFORE_START', `Give an end time for the ${what} after its start, as HH:MM.`, { rule: 'P-DURATION', field: 'end' });
  }
  return { date, start, end };
}

function invalidTransition(request: RequestState, action: RequestAction, spec: ActionSpec): DomainError {
  const state = STATUS_WORDS[request.status];
  const hint = isTerminal(request.status)
    ? 'it can no longer change; make a new request if needed'
    : `what can be done now: ${allowedActions(request, 'school').concat(allowedActions(request, 'provider')).join(', ')}`;
  return new DomainError(
    'INVALID_TRANSITION',
    `This request is ${state}, so you cannot ${spec.verb} it (${action}); ${hint}.`,
    { rule: 'P-STATE' },
  );
}

/** How a request stopped waiting for its answer, in words, by the event that answered it. */
const ANSWERED: Partial<Record<RequestEventType, string>> = {
  REQUEST_APPROVED: 'approved this request',
  REQUEST_DECLINED: 'declined this request',
  ALTERNATIVE_PROPOSED: 'proposed another time for this request',
  REQUEST_WITHDRAWN: 'withdrew this request',
  REQUEST_CANCELLED: 'cancelled this request',
};

/**
 * What answered a pending request, who and when, for the page of an emailed link that can
 * no longer act (issue 14, item 7): "You approved this request on 3 December 2026 at
 * 10:14am." `viewer` is the address the link was sent to. Undefined while still pending.
 */
export function answeredWords(events: readonly RequestEvent[], viewer: string, when: (at: Instant) => string): string | undefined {
  const answer = events.find((e) => e.from === 'pending' && e.to !== 'pending');
  if (!answer) return undefined;
  if (answer.type === 'REQUEST_EXPIRED') return `This request expired on ${when(answer.at)} without an answer.`;
  const done = ANSWERED[answer.type] ?? 'answered this request';
  const who =
    answer.actor.id.toLowerCase() === viewer.toLowerCase()
      ? 'You'
      : answer.actor.party === 'provider'
        ? `The provider${answer.actor.name ? `, ${answer.actor.name},` : ''}`
        : (answer.actor.name ?? 'The school');
  return `${who} ${done} on ${when(answer.at)}.`;
}
