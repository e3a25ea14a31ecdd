import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import {
  ALTERNATIVE_REJECTED_REASON,
  answeredWords,
  allowedActions,
  CONFIRMATION_SECONDS,
  confirmationLapsed,
  isTerminal,
  receiveRequest,
  REQUEST_ACTIONS,
  submitRequest,
  TERMINAL_STATUSES,
  transition,
  type ActionInputs,
  type Actor,
  type RequestAction,
  type RequestEvent,
  type RequestState,
} from './state-machine.ts';
import { REQUEST_STATUSES, type RequestStatus } from './types.ts';

const lead: Actor = { party: 'school', id: 'careers@riverside.example', role: 'careers_lead' };
const deputy: Actor = { party: 'school', id: 'deputy@riverside.example', role: 'deputy' };
const provider: Actor = { party: 'provider', id: 'alex.jones@exampleton.ac.uk' };
const system: Actor = { party: 'system', id: 'daily-job' };

const BEFORE = '2026-03-16T10:00:00Z'; // well before the encounter and the deadline
const AFTER_DEADLINE = '2026-03-28T10:00:00Z';
const DURING = '2026-04-14T08:30:00Z'; // 09:30 BST on the day
const AFTER = '2026-04-14T09:00:00Z'; // 10:00 BST, the encounter has ended

const FULL = { provider: true, careers: true, learning: true, questions: true };

function pending(overrides: Partial<RequestState> = {}): RequestState & { urn: string; version: number } {
  return {
    id: 'req-1',
    urn: '100001',
    version: 3,
    status: 'pending',
    date: '2026-04-14',
    start: '09:00',
    end: '10:00',
    yearGroups: [10, 11],
    responseDeadline: '2026-03-27',
    ...overrides,
  };
}

function inState(status: RequestStatus): RequestState {
  if (status === 'unconfirmed') return { ...pending(), status, confirmBy: '2026-03-17T10:00:00.000Z' };
  if (status === 'approved') return { ...pending(), status, calendarSequence: 0 };
  if (status === 'alternative_proposed') {
    return { ...pending(), status, alternative: { date: '2026-04-21', start: '11:00', end: '12:00', respondBy: '2026-04-17', proposedAt: BEFORE } };
  }
  return { ...pending(), status };
}

const GOOD_INPUT: { [A in RequestAction]: ActionInputs[A] } = {
  confirm: { responseDeadline: '2026-03-30' },
  approve: {},
  decline: { reason: 'A clash with other planned activities' },
  propose: { date: '2026-04-21', start: '11:00', end: '12:00' },
  withdraw: { reason: 'Staff unavailable' },
  accept: {},
  reject: {},
  expire: {},
  cancel: { reason: 'Hall needed for exams' },
  reschedule: { date: '2026-04-15', start: '09:00', end: '10:00', reason: 'Assembly moved' },
  ask_move: { date: '2026-04-16', start: '13:00', end: '14:00', reason: 'Our minibus is in for repair that week' },
  approve_move: {},
  decline_move: { reason: 'Year 10 have mock exams that afternoon' },
  counter: { date: '2026-04-22', start: '10:00', end: '11:00', message: 'We cannot do the 21st; would the 22nd work?', responseDeadline: '2026-04-08' },
  keep: { reason: 'The provider will come on the INSET day to meet the year team', problems: [{ key: '2026-04-14T09:00-10:00|CLOSURE|2026-04-14|2026-04-14|INSET', rule: 'R-HOURS', message: 'Tuesday 14 April 2026 is now an INSET day.' }] },
  deliver: { content: FULL, attendance: [{ yearGroup: 10, pupils: 180, onRoll: 182 }, { yearGroup: 11, pupils: 175, onRoll: 175 }] },
  not_delivered: { reason: 'Provider did not arrive' },
};

function expectDomainError(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe(code);
    expect((err as DomainError).message.length).toBeGreaterThan(10);
    return err as DomainError;
  }
  throw new Error(`expected ${code}`);
}

describe('request state machine', () => {
  it.each([
    ['pending', 'approve', lead, BEFORE, 'approved', 'REQUEST_APPROVED', ['provider']],
    ['pending', 'approve', deputy, BEFORE, 'approved', 'REQUEST_APPROVED', ['provider']],
    ['pending', 'decline', lead, BEFORE, 'declined', 'REQUEST_DECLINED', ['provider']],
    ['pending', 'propose', lead, BEFORE, 'alternative_proposed', 'ALTERNATIVE_PROPOSED', ['provider']],
    ['pending', 'withdraw', provider, BEFORE, 'withdrawn', 'REQUEST_WITHDRAWN', ['school']],
    ['pending', 'expire', system, AFTER_DEADLINE, 'expired', 'REQUEST_EXPIRED', ['school', 'provider']],
    ['alternative_proposed', 'accept', provider, BEFORE, 'approved', 'ALTERNATIVE_ACCEPTED', ['school']],
    ['alternative_proposed', 'reject', provider, BEFORE, 'withdrawn', 'ALTERNATIVE_REJECTED', ['school']],
    ['alternative_proposed', 'withdraw', provider, BEFORE, 'withdrawn', 'REQUEST_WITHDRAWN', ['school']],
    ['alternative_proposed', 'expire', system, '2026-04-18T09:00:00Z', 'expired', 'REQUEST_EXPIRED', ['school', 'provider']],
    ['approved', 'cancel', lead, BEFORE, 'cancelled', 'REQUEST_CANCELLED', ['provider']],
    ['approved', 'cancel', provider, BEFORE, 'cancelled', 'REQUEST_CANCELLED', ['school']],
    ['approved', 'reschedule', lead, BEFORE, 'approved', 'REQUEST_RESCHEDULED', ['provider']],
    ['approved', 'keep', lead, BEFORE, 'approved', 'ATTENTION_KEPT', []],
    ['approved', 'deliver', lead, AFTER, 'delivered', 'ENCOUNTER_DELIVERED', ['provider']],
    ['approved', 'not_delivered', lead, DURING, 'not_delivered', 'ENCOUNTER_NOT_DELIVERED', ['provider']],
  ] as const)('%s —%s by %o at %s→ %s (%s)', (from, action, actor, now, to, type, notify) => {
    const before = inState(from);
    const snapshot = structuredClone(before);
    const { request, event } = transition(before, action, actor, GOOD_INPUT[action] as never, now);
    expect(request.status).toBe(to);
    expect(request.updatedAt).toBe(now);
    expect(event).toMatchObject({ type, requestId: 'req-1', at: now, actor, from, to, notify });
    expect(before).toEqual(snapshot); // never mutates its input
  });

  it.each([
    ['approve', provider],
    ['approve', system],
    ['decline', provider],
    ['propose', provider],
    ['withdraw', lead],
    ['accept', lead],
    ['reject', lead],
    ['expire', lead],
    ['expire', provider],
    ['deliver', provider],
    ['not_delivered', provider],
    ['reschedule', provider],
    ['keep', provider],
    ['cancel', system],
  ] as const)('NOT_ALLOWED: %s by %o', (action, actor) => {
    const from = (['withdraw', 'approve', 'decline', 'propose', 'expire'] as string[]).includes(action)
      ? 'pending'
      : action === 'accept' || action === 'reject'
        ? 'alternative_proposed'
        : 'approved';
    const err = expectDomainError(() => transition(inState(from), action, actor, GOOD_INPUT[action] as never, AFTER), 'NOT_ALLOWED');
    expect(err.rule).toBe('P-STATE');
  });

  it.each([
    ['approved', 'approve'],
    ['approved', 'decline'],
    ['pending', 'accept'],
    ['pending', 'cancel'],
    ['pending', 'deliver'],
    ['alternative_proposed', 'approve'],
    ['alternative_proposed', 'propose'],
    ['approved', 'withdraw'],
  ] as const)('INVALID_TRANSITION: %s cannot %s', (from, action) => {
    const actor = action === 'withdraw' || action === 'accept' ? provider : lead;
    const err = expectDomainError(() => transition(inState(from), action, actor, GOOD_INPUT[action] as never, BEFORE), 'INVALID_TRANSITION');
    expect(err.message).toMatch(/what can be done now: /);
  });

  it.each(TERMINAL_STATUSES)('a %s request can no longer change', (status) => {
    for (const action of REQUEST_ACTIONS) {
      for (const actor of [lead, provider, system]) {
        expect(() => transition(inState(status), action, actor, GOOD_INPUT[action] as never, AFTER)).toThrow(DomainError);
      }
    }
    try {
      transition(inState(status), 'cancel', lead, GOOD_INPUT.cancel, BEFORE);
    } catch (err) {
      expect((err as DomainError).message).toMatch(/it can no longer change/);
    }
  });

  it('refuses an unknown action', () => {
    expectDomainError(() => transition(pending(), 'delete' as never, lead, {} as never, BEFORE), 'UNKNOWN_ACTION');
  });

  it('keeps the caller\'s extra fields (urn, version)', () => {
    const { request } = transition(pending(), 'approve', lead, {}, BEFORE);
    expect(request.urn).toBe('100001');
    expect(request.version).toBe(3);
  });

  it('lists what each party may do', () => {
    expect(allowedActions(inState('pending'), 'school')).toEqual(['approve', 'decline', 'propose']);
    expect(allowedActions(inState('pending'), 'provider')).toEqual(['withdraw']);
    expect(allowedActions(inState('approved'), 'school')).toEqual(['cancel', 'reschedule', 'keep', 'deliver', 'not_delivered']);
    expect(allowedActions(inState('approved'), 'provider')).toEqual(['cancel', 'ask_move']);
    expect(allowedActions(inState('alternative_proposed'), 'provider')).toEqual(['withdraw', 'accept', 'reject', 'counter']);
    const asked = transition(inState('approved'), 'ask_move', provider, GOOD_INPUT.ask_move, BEFORE).request;
    expect(allowedActions(asked, 'provider')).toEqual(['cancel']);
    expect(allowedActions(asked, 'school')).toEqual(['cancel', 'reschedule', 'approve_move', 'decline_move', 'keep', 'deliver', 'not_delivered']);
    expect(allowedActions(inState('delivered'), 'school')).toEqual([]);
  });

  it('issue 12, item 2: receiveRequest makes an unconfirmed request that lapses 24 hours on, with nothing to tell the school', () => {
    const { status: _s, ...fields } = pending();
    const request = receiveRequest(fields, BEFORE);
    expect(request.status).toBe('unconfirmed');
    expect(Date.parse(request.confirmBy) - Date.parse(BEFORE)).toBe(CONFIRMATION_SECONDS * 1000);
    expect(CONFIRMATION_SECONDS).toBe(24 * 60 * 60);
    expect(confirmationLapsed(request, '2026-03-17T09:59:59Z')).toBe(false);
    expect(confirmationLapsed(request, '2026-03-17T10:00:00Z')).toBe(true);
    expect(confirmationLapsed(pending(), '2030-01-01T00:00:00Z')).toBe(false); // only unconfirmed requests lapse this way
    expect(allowedActions(request, 'school')).toEqual([]);
    expect(allowedActions(request, 'provider')).toEqual(['confirm']);
  });

  it('issue 12, item 2: confirm makes it pending with the new response deadline, as REQUEST_SUBMITTED told to both sides', () => {
    const before = inState('unconfirmed');
    const { request, event } = transition(before, 'confirm', provider, { responseDeadline: '2026-03-30' }, BEFORE);
    expect(request.status).toBe('pending');
    expect(request.responseDeadline).toBe('2026-03-30');
    expect(request).not.toHaveProperty('confirmBy');
    expect(event).toMatchObject({ type: 'REQUEST_SUBMITTED', from: 'unconfirmed', to: 'pending', notify: ['school', 'provider'] });
    expect(event.data).toEqual({ date: '2026-04-14', start: '09:00', end: '10:00', yearGroups: [10, 11], responseDeadline: '2026-03-30' });
    expectDomainError(() => transition(before, 'confirm', lead, GOOD_INPUT.confirm, BEFORE), 'NOT_ALLOWED');
    expectDomainError(() => transition(inState('pending'), 'confirm', provider, GOOD_INPUT.confirm, BEFORE), 'INVALID_TRANSITION');
    const late = expectDomainError(() => transition(before, 'confirm', provider, GOOD_INPUT.confirm, '2026-03-17T10:00:00Z'), 'CONFIRMATION_EXPIRED');
    expect(late.rule).toBe('P-CONFIRM');
    // Nothing else can happen to it: the school never sees it, and withdrawing is letting it lapse.
    for (const action of REQUEST_ACTIONS.filter((a) => a !== 'confirm')) {
      for (const actor of [lead, provider, system]) expect(() => transition(before, action, actor, GOOD_INPUT[action] as never, BEFORE)).toThrow(DomainError);
    }
  });

  it('submitRequest makes a pending request and tells both sides', () => {
    const { status: _s, ...fields } = pending();
    const { request, event } = submitRequest(fields, provider, BEFORE);
    expect(request.status).toBe('pending');
    expect(event).toMatchObject({ type: 'REQUEST_SUBMITTED', from: null, to: 'pending', notify: ['school', 'provider'] });
    expect(event.calendar).toBeUndefined();
    expect(() => submitRequest(fields, provider, 'now')).toThrow(DomainError);
  });
});

describe('decline, withdraw and cancel need reasons', () => {
  it.each([[''], ['   '], [undefined]])('DECLINE_REASON_REQUIRED for %j', (reason) => {
    const err = expectDomainError(() => transition(pending(), 'decline', lead, { reason } as never, BEFORE), 'DECLINE_REASON_REQUIRED');
    expect(err.field).toBe('reason');
  });

  it('records a ground for refusing or free text as the reason', () => {
    const { request, event } = transition(pending(), 'decline', lead, { reason: '  Not enough notice ' }, BEFORE);
    expect(request.reason).toBe('Not enough notice');
    expect(event.data).toEqual({ reason: 'Not enough notice' });
    expectDomainError(() => transition(pending(), 'decline', lead, { reason: 'x'.repeat(1001) }, BEFORE), 'REASON_TOO_LONG');
  });

  it.each([[''], [undefined]])('CANCEL_REASON_REQUIRED for %j', (reason) => {
    expectDomainError(() => transition(inState('approved'), 'cancel', provider, { reason } as never, BEFORE), 'CANCEL_REASON_REQUIRED');
  });

  it('cannot cancel once the encounter has started', () => {
    expectDomainError(() => transition(inState('approved'), 'cancel', lead, GOOD_INPUT.cancel, DURING), 'CANCEL_TOO_LATE');
  });

  it('records who cancelled', () => {
    expect(transition(inState('approved'), 'cancel', provider, GOOD_INPUT.cancel, BEFORE).request.endedBy).toBe('provider');
  });

  it('a withdrawal without a reason gets a default one', () => {
    expect(transition(pending(), 'withdraw', provider, {}, BEFORE).request.reason).toBe('withdrawn by the provider');
  });
});

describe('alternative times', () => {
  it('propose stores the alternative with a reply-by date of the day before', () => {
    const { request, event } = transition(pending(), 'propose', lead, { date: '2026-04-21', start: '11:00', end: '12:00', message: 'Tuesday works better' }, BEFORE);
    expect(request.alternative).toEqual({ date: '2026-04-21', start: '11:00', end: '12:00', message: 'Tuesday works better', respondBy: '2026-04-20', proposedAt: BEFORE });
    expect(request.date).toBe('2026-04-14'); // the requested time stands until accepted
    expect(event.data).toMatchObject({ requested: { date: '2026-04-14', start: '09:00', end: '10:00' } });
    expect(event.calendar).toBeUndefined();
  });

  it.each([
    [{ date: '2026-04-14', start: '09:00', end: '10:00' }, 'ALTERNATIVE_SAME_TIME'],
    [{ date: '2026-03-01', start: '09:00', end: '10:00' }, 'IN_THE_PAST'],
    [{ date: '21/04/2026', start: '09:00', end: '10:00' }, 'DATE_FORMAT'],
    [{ date: '2026-04-21', start: '9', end: '10:00' }, 'TIME_FORMAT'],
    [{ date: '2026-04-21', start: '10:00', end: '09:00' }, 'END_BEFORE_START'],
    [{ date: '2026-04-21', start: '10:00', end: '11:00', respondBy: '2026-04-21' }, 'RESPOND_BY_RANGE'],
    [{ date: '2026-04-21', start: '10:00', end: '11:00', respondBy: '2026-03-01' }, 'RESPOND_BY_RANGE'],
  ])('propose %j → %s', (input, code) => {
    expectDomainError(() => transition(pending(), 'propose', lead, input, BEFORE), code);
  });

  it('a proposal for tomorrow may be answered today', () => {
    const { request } = transition(pending(), 'propose', lead, { date: '2026-03-17', start: '09:00', end: '10:00' }, BEFORE);
    expect(request.alternative?.respondBy).toBe('2026-03-16');
    const today = transition(pending(), 'propose', lead, { date: '2026-03-16', start: '14:00', end: '15:00' }, BEFORE);
    expect(today.request.alternative?.respondBy).toBe('2026-03-16');
  });

  it('accept: the proposed time becomes the time, and the first invite has SEQUENCE 0', () => {
    const proposed = transition(pending(), 'propose', lead, GOOD_INPUT.propose, BEFORE).request;
    const { request, event } = transition(proposed, 'accept', provider, {}, '2026-03-17T10:00:00Z');
    expect(request).toMatchObject({ status: 'approved', date: '2026-04-21', start: '11:00', end: '12:00', calendarSequence: 0 });
    expect(request.alternative).toBeUndefined();
    expect('alternative' in request).toBe(false);
    expect(event.calendar).toEqual({ method: 'REQUEST', sequence: 0 });
    expect(event.data).toMatchObject({ requested: { date: '2026-04-14' }, date: '2026-04-21' });
  });

  it('accept after the reply-by date, or with no alternative, is refused', () => {
    expectDomainError(() => transition(inState('alternative_proposed'), 'accept', provider, {}, '2026-04-18T09:00:00Z'), 'ALTERNATIVE_EXPIRED');
    expectDomainError(() => transition({ ...pending(), status: 'alternative_proposed' }, 'accept', provider, {}, BEFORE), 'NO_ALTERNATIVE');
  });

  it('reject: the provider saying no to the alternative withdraws the request, reason "alternative rejected"', () => {
    const { request, event } = transition(inState('alternative_proposed'), 'reject', provider, { reason: 'We cannot do Tuesdays' }, BEFORE);
    expect(request.status).toBe('withdrawn');
    expect(request.reason).toBe(ALTERNATIVE_REJECTED_REASON);
    expect(event.type).toBe('ALTERNATIVE_REJECTED');
    expect(event.data).toMatchObject({ reason: 'alternative rejected', note: 'We cannot do Tuesdays' });
  });
});

describe('expiry', () => {
  it('a pending request expires only after its response deadline (London date)', () => {
    expectDomainError(() => transition(pending(), 'expire', system, {}, '2026-03-27T22:59:00Z'), 'NOT_YET_EXPIRED');
    // 23:30 UTC on 27 March is still 27 March in London (GMT until the 29th).
    expectDomainError(() => transition(pending(), 'expire', system, {}, '2026-03-27T23:30:00Z'), 'NOT_YET_EXPIRED');
    const { request } = transition(pending(), 'expire', system, {}, '2026-03-28T00:00:00Z');
    expect(request.reason).toBe('the school did not answer by 27 March 2026');
  });

  it('an alternative expires after its reply-by date', () => {
    expectDomainError(() => transition(inState('alternative_proposed'), 'expire', system, {}, '2026-04-17T12:00:00Z'), 'NOT_YET_EXPIRED');
    const { request } = transition(inState('alternative_proposed'), 'expire', system, {}, '2026-04-17T23:30:00Z'); // 00:30 BST on the 18th
    expect(request.reason).toBe('the proposed time was not answered by 17 April 2026');
  });
});

describe('calendar SEQUENCE', () => {
  it('starts at 0 on approval and goes up by one on every later change', () => {
    const a = transition(pending(), 'approve', lead, {}, BEFORE);
    expect(a.event.calendar).toEqual({ method: 'REQUEST', sequence: 0 });
    const b = transition(a.request, 'reschedule', lead, GOOD_INPUT.reschedule, BEFORE);
    expect(b.event.calendar).toEqual({ method: 'REQUEST', sequence: 1 });
    expect(b.request).toMatchObject({ status: 'approved', date: '2026-04-15', calendarSequence: 1 });
    expect(b.event.data).toMatchObject({ previous: { date: '2026-04-14' }, reason: 'Assembly moved' });
    const c = transition(b.request, 'reschedule', lead, { ...GOOD_INPUT.reschedule, start: '10:00', end: '11:00' }, BEFORE);
    expect(c.event.calendar?.sequence).toBe(2);
    const d = transition(c.request, 'cancel', provider, GOOD_INPUT.cancel, BEFORE);
    expect(d.event.calendar).toEqual({ method: 'CANCEL', sequence: 3 });
  });

  it('events that do not touch the invite carry no calendar', () => {
    expect(transition(pending(), 'decline', lead, GOOD_INPUT.decline, BEFORE).event.calendar).toBeUndefined();
    expect(transition(inState('approved'), 'deliver', lead, GOOD_INPUT.deliver, AFTER).event.calendar).toBeUndefined();
  });

  it('reschedule needs a reason, a future new time, and an encounter not yet started', () => {
    expectDomainError(() => transition(inState('approved'), 'reschedule', lead, { ...GOOD_INPUT.reschedule, reason: '' }, BEFORE), 'RESCHEDULE_REASON_REQUIRED');
    expectDomainError(() => transition(inState('approved'), 'reschedule', lead, GOOD_INPUT.reschedule, DURING), 'RESCHEDULE_TOO_LATE');
    expectDomainError(() => transition(inState('approved'), 'reschedule', lead, { ...GOOD_INPUT.reschedule, date: '2026-03-02' }, BEFORE), 'IN_THE_PAST');
  });
});

describe('keep (issue 11)', () => {
  it('keeps an approved encounter despite its problems: a reason, the problems recorded, the keys remembered, nobody told, no invite', () => {
    const { request, event } = transition(inState('approved'), 'keep', lead, GOOD_INPUT.keep, BEFORE);
    expect(request).toMatchObject({ status: 'approved', date: '2026-04-14', keptProblems: [GOOD_INPUT.keep.problems[0]?.key] });
    expect(event).toMatchObject({ type: 'ATTENTION_KEPT', notify: [], data: { reason: GOOD_INPUT.keep.reason, problems: GOOD_INPUT.keep.problems } });
    expect(event.calendar).toBeUndefined();
    const again = transition(request, 'keep', lead, { ...GOOD_INPUT.keep, problems: [{ key: 'other', rule: 'R-YEARS', message: 'x' }] }, BEFORE);
    expect(again.request.keptProblems).toEqual([GOOD_INPUT.keep.problems[0]?.key, 'other']);
  });

  it('needs a reason and a problem to keep it despite', () => {
    expectDomainError(() => transition(inState('approved'), 'keep', lead, { ...GOOD_INPUT.keep, reason: ' ' }, BEFORE), 'KEEP_REASON_REQUIRED');
    expectDomainError(() => transition(inState('approved'), 'keep', lead, { ...GOOD_INPUT.keep, problems: [] }, BEFORE), 'NOTHING_TO_KEEP');
    expectDomainError(() => transition(inState('pending'), 'keep', lead, GOOD_INPUT.keep, BEFORE), 'INVALID_TRANSITION');
  });
});

describe('delivery', () => {
  it('R-CONTENT: records delivery with all four items and attendance per year group', () => {
    const { request, event } = transition(inState('approved'), 'deliver', lead, { ...GOOD_INPUT.deliver, note: 'Great questions' }, AFTER);
    expect(request.delivery).toEqual({ content: FULL, attendance: GOOD_INPUT.deliver.attendance, note: 'Great questions', recordedAt: AFTER });
    expect(event.data).toMatchObject({ attendance: GOOD_INPUT.deliver.attendance });
  });

  it('R-WHOLE: records a session of a split encounter (session 2 of 4); without one, a whole encounter', () => {
    const { request, event } = transition(inState('approved'), 'deliver', lead, { ...GOOD_INPUT.deliver, split: { session: 2, sessions: 4 } }, AFTER);
    expect(request.delivery?.split).toEqual({ session: 2, sessions: 4 });
    expect(event.data).toMatchObject({ split: { session: 2, sessions: 4 } });
    expect(transition(inState('approved'), 'deliver', lead, GOOD_INPUT.deliver, AFTER).request.delivery).not.toHaveProperty('split');
  });

  it('R-WHOLE: approving can say the booking is one session of several (session 2 of 4), kept on the request; a wrong one is refused at its field', () => {
    const { request, event } = transition(inState('pending'), 'approve', lead, { split: { session: 2, sessions: 4 } }, AFTER);
    expect(request.split).toEqual({ session: 2, sessions: 4 });
    expect(event.data).toMatchObject({ split: { session: 2, sessions: 4 } });
    expect(transition(inState('pending'), 'approve', lead, {}, AFTER).request).not.toHaveProperty('split');
    expect(() => transition(inState('pending'), 'approve', lead, { split: { session: 5, sessions: 4 } }, AFTER)).toThrow(expect.objectContaining({ code: 'SPLIT_SESSION_INVALID', rule: 'R-WHOLE', field: 'split' }));
  });

  it.each([
    [DURING, GOOD_INPUT.deliver, 'DELIVERY_TOO_EARLY'],
    [BEFORE, GOOD_INPUT.deliver, 'DELIVERY_TOO_EARLY'],
    [AFTER, { ...GOOD_INPUT.deliver, content: { ...FULL, questions: false } }, 'CONTENT_NOT_CONFIRMED'],
    [AFTER, { ...GOOD_INPUT.deliver, content: undefined }, 'CONTENT_NOT_CONFIRMED'],
    [AFTER, { ...GOOD_INPUT.deliver, attendance: [{ yearGroup: 10, pupils: 180, onRoll: 182 }] }, 'ATTENDANCE_REQUIRED'],
    [AFTER, { ...GOOD_INPUT.deliver, attendance: [{ yearGroup: 10, pupils: 180, onRoll: 182 }, { yearGroup: 11, pupils: 0, onRoll: 175 }] }, 'ATTENDANCE_REQUIRED'],
    // R-ATTEND: pupils on roll as well as pupils who took part, and never more taking part than on roll.
    [AFTER, { ...GOOD_INPUT.deliver, attendance: [{ yearGroup: 10, pupils: 180, onRoll: 182 }, { yearGroup: 11, pupils: 175 }] }, 'ATTENDANCE_REQUIRED'],
    [AFTER, { ...GOOD_INPUT.deliver, attendance: [{ yearGroup: 10, pupils: 183, onRoll: 182 }, { yearGroup: 11, pupils: 175, onRoll: 175 }] }, 'ATTENDANCE_OVER_ROLL'],
    // R-WHOLE: a session of a split encounter is session k of n, 1 ≤ k ≤ n, n ≥ 2.
    [AFTER, { ...GOOD_INPUT.deliver, split: { session: 3, sessions: 2 } }, 'SPLIT_SESSION_INVALID'],
    [AFTER, { ...GOOD_INPUT.deliver, split: { session: 1, sessions: 1 } }, 'SPLIT_SESSION_INVALID'],
    [AFTER, { ...GOOD_INPUT.deliver, split: { session: 0, sessions: 4 } }, 'SPLIT_SESSION_INVALID'],
    [AFTER, { ...GOOD_INPUT.deliver, attendance: undefined }, 'ATTENDANCE_REQUIRED'],
    [AFTER, { ...GOOD_INPUT.deliver, attendance: [...GOOD_INPUT.deliver.attendance, { yearGroup: 9, pupils: 3 }] }, 'ATTENDANCE_YEAR_NOT_BOOKED'],
  ])('R-CONTENT R-ATTEND R-WHOLE: deliver at %s with %j → %s', (now, input, code) => {
    expectDomainError(() => transition(inState('approved'), 'deliver', lead, input as never, now), code);
  });

  it('R-CONTENT: reports every delivery problem at once, first code leading', () => {
    const err = expectDomainError(
      () => transition(inState('approved'), 'deliver', lead, { content: { ...FULL, careers: false, learning: false }, attendance: [] }, DURING),
      'DELIVERY_TOO_EARLY',
    );
    expect(err.violations.map((v) => v.code)).toEqual(['DELIVERY_TOO_EARLY', 'CONTENT_NOT_CONFIRMED', 'ATTENDANCE_REQUIRED']);
    expect(err.violations[1]).toMatchObject({ rule: 'R-CONTENT', field: 'content.careers' });
    expect(err.violations[1]?.message).toContain('the careers these lead to and what learning or training with the provider is like');
    expect(err.fields).toHaveProperty('attendance');
  });

  it('not delivered can be recorded once the start time has passed', () => {
    expectDomainError(() => transition(inState('approved'), 'not_delivered', lead, {}, BEFORE), 'DELIVERY_TOO_EARLY');
    expect(transition(inState('approved'), 'not_delivered', lead, {}, DURING).request.reason).toBe('not delivered');
  });
});

describe('issue 14, item 5: a provider asks to move an approved encounter; a provider counters a proposed time', () => {
  const asked = () => transition(inState('approved'), 'ask_move', provider, GOOD_INPUT.ask_move, BEFORE);

  it('ask_move keeps the encounter approved at its time, records the move, tells the school, and sends no invitation', () => {
    const { request, event } = asked();
    expect(request).toMatchObject({ status: 'approved', date: '2026-04-14', start: '09:00', end: '10:00', calendarSequence: 0 });
    expect(request.move).toEqual({ date: '2026-04-16', start: '13:00', end: '14:00', reason: 'Our minibus is in for repair that week', askedAt: BEFORE });
    expect(event).toMatchObject({ type: 'MOVE_ASKED', from: 'approved', to: 'approved', notify: ['school'] });
    expect(event.calendar).toBeUndefined();
  });

  it('approve_move: the time changes, the move is gone, both sides are told, SEQUENCE goes up by one', () => {
    const { request, event } = transition(asked().request, 'approve_move', lead, {}, BEFORE);
    expect(request).toMatchObject({ status: 'approved', date: '2026-04-16', start: '13:00', end: '14:00', calendarSequence: 1 });
    expect(request.move).toBeUndefined();
    expect(event).toMatchObject({ type: 'MOVE_APPROVED', notify: ['school', 'provider'], calendar: { method: 'REQUEST', sequence: 1 } });
    expect(event.data).toMatchObject({ previous: { date: '2026-04-14', start: '09:00', end: '10:00' }, reason: 'Our minibus is in for repair that week' });
  });

  it('decline_move: the time stays, the move is gone, the provider is told why, no invitation', () => {
    const { request, event } = transition(asked().request, 'decline_move', lead, GOOD_INPUT.decline_move, BEFORE);
    expect(request).toMatchObject({ status: 'approved', date: '2026-04-14', start: '09:00', calendarSequence: 0 });
    expect(request.move).toBeUndefined();
    expect(event).toMatchObject({ type: 'MOVE_DECLINED', notify: ['provider'], data: { reason: 'Year 10 have mock exams that afternoon' } });
    expect(event.calendar).toBeUndefined();
    expectDomainError(() => transition(asked().request, 'decline_move', lead, { reason: ' ' }, BEFORE), 'DECLINE_REASON_REQUIRED');
  });

  it('refuses a move without a reason, to the same time, into the past, of a started encounter, or a second one while one waits', () => {
    expectDomainError(() => transition(inState('approved'), 'ask_move', provider, { ...GOOD_INPUT.ask_move, reason: '' }, BEFORE), 'MOVE_REASON_REQUIRED');
    expectDomainError(() => transition(inState('approved'), 'ask_move', provider, { ...GOOD_INPUT.ask_move, date: '2026-04-14', start: '09:00', end: '10:00' }, BEFORE), 'ALTERNATIVE_SAME_TIME');
    expectDomainError(() => transition(inState('approved'), 'ask_move', provider, { ...GOOD_INPUT.ask_move, date: '2026-03-02' }, BEFORE), 'IN_THE_PAST');
    expectDomainError(() => transition(inState('approved'), 'ask_move', provider, GOOD_INPUT.ask_move, DURING), 'RESCHEDULE_TOO_LATE');
    expectDomainError(() => transition(asked().request, 'ask_move', provider, GOOD_INPUT.ask_move, BEFORE), 'MOVE_ALREADY_ASKED');
    expectDomainError(() => transition(inState('approved'), 'approve_move', lead, {}, BEFORE), 'NO_MOVE_ASKED');
    expectDomainError(() => transition(inState('approved'), 'decline_move', lead, GOOD_INPUT.decline_move, BEFORE), 'NO_MOVE_ASKED');
    expectDomainError(() => transition(asked().request, 'approve_move', provider, {}, BEFORE), 'NOT_ALLOWED');
    expectDomainError(() => transition(inState('approved'), 'ask_move', lead, GOOD_INPUT.ask_move, BEFORE), 'NOT_ALLOWED');
  });

  it('the school moving, cancelling or recording the encounter ends a waiting move; keeping it does not', () => {
    expect(transition(asked().request, 'reschedule', lead, GOOD_INPUT.reschedule, BEFORE).request.move).toBeUndefined();
    expect(transition(asked().request, 'cancel', provider, GOOD_INPUT.cancel, BEFORE).request.move).toBeUndefined();
    expect(transition(asked().request, 'keep', lead, GOOD_INPUT.keep, BEFORE).request.move).toBeDefined();
  });

  it('counter: back to the school, pending at the provider\'s time with a new deadline, the proposal gone', () => {
    const { request, event } = transition(inState('alternative_proposed'), 'counter', provider, GOOD_INPUT.counter, BEFORE);
    expect(request).toMatchObject({ status: 'pending', date: '2026-04-22', start: '10:00', end: '11:00', responseDeadline: '2026-04-08' });
    expect(request.alternative).toBeUndefined();
    expect(event).toMatchObject({ type: 'COUNTER_OFFERED', from: 'alternative_proposed', to: 'pending', notify: ['school'] });
    expect(event.data).toMatchObject({ proposed: { date: '2026-04-21', start: '11:00', end: '12:00' }, message: 'We cannot do the 21st; would the 22nd work?' });
    expect(event.calendar).toBeUndefined();
    expect(allowedActions(request, 'school')).toEqual(['approve', 'decline', 'propose']);
  });

  it('counter refuses the school\'s own time, a past time, a late answer, and the school', () => {
    const proposed = inState('alternative_proposed');
    expectDomainError(() => transition(proposed, 'counter', provider, { ...GOOD_INPUT.counter, date: '2026-04-21', start: '11:00', end: '12:00' }, BEFORE), 'ALTERNATIVE_SAME_TIME');
    expectDomainError(() => transition(proposed, 'counter', provider, { ...GOOD_INPUT.counter, date: '2026-03-02' }, BEFORE), 'IN_THE_PAST');
    expectDomainError(() => transition(proposed, 'counter', provider, GOOD_INPUT.counter, '2026-04-18T09:00:00Z'), 'ALTERNATIVE_EXPIRED');
    expectDomainError(() => transition(proposed, 'counter', lead, GOOD_INPUT.counter, BEFORE), 'NOT_ALLOWED');
    expectDomainError(() => transition(inState('pending'), 'counter', provider, GOOD_INPUT.counter, BEFORE), 'INVALID_TRANSITION');
  });
});

describe('the state machine never leaves a terminal state (property)', () => {
  const actors = [lead, provider, system];
  const times = [BEFORE, AFTER_DEADLINE, '2026-04-18T09:00:00Z', DURING, AFTER, '2026-05-01T12:00:00Z'];
  it('holds for any sequence of actions, actors and times', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            action: fc.constantFrom(...REQUEST_ACTIONS),
            actor: fc.constantFrom(...actors),
            now: fc.constantFrom(...times),
            blank: fc.boolean(),
          }),
          { maxLength: 12 },
        ),
        (steps) => {
          let request: RequestState = pending();
          let lastSequence = -1;
          for (const step of steps) {
            const wasTerminal = isTerminal(request.status);
            const input = step.blank ? {} : GOOD_INPUT[step.action];
            try {
              const out = transition(request, step.action, step.actor, input as never, step.now);
              expect(wasTerminal).toBe(false);
              expect(REQUEST_STATUSES).toContain(out.request.status);
              if (out.event.calendar) {
                expect(out.event.calendar.sequence).toBe(lastSequence + 1);
                lastSequence = out.event.calendar.sequence;
              }
              // SEQUENCE never goes down, whatever moves, counters and answers come between.
              expect(out.request.calendarSequence ?? -1).toBeGreaterThanOrEqual(request.calendarSequence ?? -1);
              // A waiting move belongs to an approved encounter only, and only a move changes a time without an invitation when approved.
              if (out.request.move) expect(out.request.status).toBe('approved');
              if (out.request.status === 'approved' && request.status === 'approved' && out.request.date !== request.date) expect(out.event.calendar?.sequence).toBeDefined();
              request = out.request;
            } catch (err) {
              expect(err).toBeInstanceOf(DomainError);
            }
            if (wasTerminal) expect(isTerminal(request.status)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('answeredWords: what answered a request, for a link that can no longer act (issue 14, item 7)', () => {
  const at = '2026-12-03T10:14:00.000Z';
  const when = (x: string) => `when(${x})`;
  const event = (type: RequestEvent['type'], actor: RequestEvent['actor'], to: RequestEvent['to']): RequestEvent =>
    ({ type, requestId: 'r', at, actor, from: 'pending', to, data: {}, notify: [] });
  const submitted: RequestEvent = { type: 'REQUEST_SUBMITTED', requestId: 'r', at, actor: { party: 'provider', id: 'p@c.example' }, from: null, to: 'pending', data: {}, notify: [] };
  it.each([
    [event('REQUEST_APPROVED', { party: 'school', id: 'Lead@School.example', name: 'Jordan Ellery' }, 'approved'), 'You approved this request on when(2026-12-03T10:14:00.000Z).'],
    [event('REQUEST_DECLINED', { party: 'school', id: 'deputy@school.example', name: 'Sam Okonkwo-Reid' }, 'declined'), 'Sam Okonkwo-Reid declined this request on when(2026-12-03T10:14:00.000Z).'],
    [event('REQUEST_WITHDRAWN', { party: 'provider', id: 'p@c.example', name: 'Riley Lane' }, 'withdrawn'), 'The provider, Riley Lane, withdrew this request on when(2026-12-03T10:14:00.000Z).'],
    [event('REQUEST_EXPIRED', { party: 'system', id: 'daily' }, 'expired'), 'This request expired on when(2026-12-03T10:14:00.000Z) without an answer.'],
  ])('%#: says who did what, and when', (answer, words) => {
    expect(answeredWords([submitted, answer], 'lead@school.example', when)).toBe(words);
  });
  it('says nothing while the request still waits', () => {
    expect(answeredWords([submitted], 'lead@school.example', when)).toBeUndefined();
  });
});
