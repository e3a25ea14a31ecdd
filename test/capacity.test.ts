// P-SLOT, capacity as an invariant (issue 11): for every slot, at all times, approved
// encounters plus waiting requests that hold a place never exceed its capacity, whatever
// the school's "a request waiting for your answer holds its place" setting. Proved on a
// real DynamoDB Local through the use cases, three ways: a fast-check property over random
// sequences of creations, decisions, provider actions, expiries, moves, capacity and
// setting changes, checked after every step; a 50-way race of approvals for one place;
// and the journey the careers lead reported, through HTTP on the local stack. Since issue
// 12, item 2 a first request from an address waits unconfirmed, taking no place, until its
// provider confirms it: the property creates such requests too and confirms them.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { createRequestBody } from '#shared/api/provider.ts';
import { addDays } from '#shared/domain/dates.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { Actor } from '#shared/domain/state-machine.ts';
import { demoSchool } from '#shared/domain/test-fixtures.ts';
import { DEFAULT_BOOKING_RULES, type Opportunity, type YearGroup } from '#shared/domain/types.ts';
import { statusOf } from '#shared/http/statuses.ts';
import { createStore, type Store } from '#shared/store/client.ts';
import { listOpportunities } from '#shared/store/opportunities.ts';
import { getRequest, listRequestsOfSchoolByStatus } from '#shared/store/requests.ts';
import type { SlotHold, StoredRequest } from '#shared/domain/records.ts';
import { getSchoolProfile, putSchoolProfile } from '#shared/store/schools.ts';
import { getSlot, setSlotCapacity } from '#shared/store/slots.ts';
import { issueToken } from '#shared/store/tokens.ts';
import { confirmProviderRequest } from '#shared/usecases/confirm-request.ts';
import { createProviderRequest } from '#shared/usecases/create-request.ts';
import { decide } from '#shared/usecases/decisions.ts';
import { availableSlots } from '#shared/usecases/schools.ts';
import { readOpportunities, readSettings, saveOpportunities, saveSettings, type Editor } from '#shared/usecases/settings.ts';
import { askToMove } from '#shared/usecases/moves.ts';
import { applyAction } from '#shared/usecases/transition.ts';
import { markAddressesConfirmed } from './support/confirmation.ts';
import { json } from './support/site.ts';
import { providerBody } from './support/provider-body.ts';
import { signIn } from './support/sign-in.ts';
import { viaCloudFront } from './support/cloudfront.ts';
import { startDemoStack } from './support/stack.ts';
import { createTestTable } from './support/table.ts';

const NOW = new Date('2026-12-01T10:00:00Z'); // Tuesday 1 December 2026, in term
const LISTING = { from: '2027-01-01', to: '2027-02-28' };
const LEAD_EMAIL = 'careers@riverside.example';
const EDITOR: Editor = { email: LEAD_EMAIL, role: 'careers_lead' };
const LEAD: Actor = { party: 'school', id: LEAD_EMAIL, role: 'careers_lead', name: 'Sam Patel' };
const SYSTEM: Actor = { party: 'system', id: 'daily' };
const RESPOND_BY = '2026-12-10';

/** A one-place assembly on one day and a two-place fair on two Wednesdays: three slots. */
const OPPORTUNITIES: Opportunity[] = [
  {
    id: 'assembly',
    title: 'Assembly',
    sessionType: 'assembly',
    yearGroups: [8, 9, 10, 11],
    schedule: { kind: 'once', date: '2027-01-19', start: '10:00', end: '10:45' },
    capacity: 1,
    venue: 'Main hall',
    facilities: [],
  },
  {
    id: 'fair',
    title: 'Careers fair',
    sessionType: 'careers_fair',
    yearGroups: [9, 10, 11, 12],
    schedule: { kind: 'weekly', weekday: 'wed', start: '13:00', end: '13:45', from: '2027-01-20', until: '2027-01-27' },
    capacity: 2,
    venue: 'Sports hall',
    facilities: [],
  },
];

interface Slot {
  opportunityId: string;
  date: string;
  start: string;
  end: string;
  /** The same date and start, a longer session: a time that keeps the slot's place. */
  longerEnd: string;
  years: YearGroup[];
}
const SLOTS: Slot[] = [
  { opportunityId: 'assembly', date: '2027-01-19', start: '10:00', end: '10:45', longerEnd: '11:00', years: [8, 9, 10, 11] },
  { opportunityId: 'fair', date: '2027-01-20', start: '13:00', end: '13:45', longerEnd: '14:00', years: [9, 10, 11, 12] },
  { opportunityId: 'fair', date: '2027-01-27', start: '13:00', end: '13:45', longerEnd: '14:00', years: [9, 10, 11, 12] },
];
/** A time on the slot's day that is not the slot's: moving there gives the place back. */
const offTime = (s: Slot) => ({ date: s.date, start: '14:15', end: '14:45' });

const TAKING = new Set(['pending', 'alternative_proposed', 'approved']); // never `unconfirmed`

let store: Store;
beforeAll(async () => {
  store = (await createTestTable('capacity')).store;
});

let schools = 0;
let callers = 0;

/** A fresh school with the three slots, on the shared test table. */
async function newSchool(pendingHoldsPlace: boolean, opportunities = OPPORTUNITIES): Promise<string> {
  const urn = String(995000 + ++schools);
  await putSchoolProfile(store, demoSchool({ urn, name: `Capacity Academy ${schools}`, rules: { ...DEFAULT_BOOKING_RULES, pendingHoldsPlace } }));
  await saveOpportunities(store, urn, EDITOR, { opportunities }, NOW);
  return urn;
}

/**
 * A provider's request for a slot, through the create use case (its own contact and address,
 * so no rate limit bites): a returning provider's, whose address has confirmed a request
 * before, or with `fresh` a first one, which waits unconfirmed (issue 12, item 2).
 */
async function requestSlot(urn: string, slot: Pick<Slot, 'opportunityId' | 'date'>, year: YearGroup, fresh = false): Promise<StoredRequest> {
  const n = ++callers;
  const email = `officer${n}@college.example`;
  if (!fresh) await markAddressesConfirmed(store, [email]);
  const input = createRequestBody.parse(
    providerBody({ slot: { opportunityId: slot.opportunityId, date: slot.date }, yearGroups: [year], contact: { name: `Officer ${n}`, email, phone: '01632 960100' } }),
  );
  const { request } = await createProviderRequest(store, urn, input, { ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` }, NOW);
  return request;
}

/** The token of an unconfirmed request's link, issued as the mailer issues it (shared/usecases/notify.ts). */
function confirmationToken(r: StoredRequest): Promise<string> {
  return issueToken(store, { purpose: 'confirm-request', email: r.providerEmail, data: { urn: r.urn, requestId: r.id }, ttlSeconds: 24 * 60 * 60, now: NOW });
}

interface Refusal {
  status: number;
  code: string;
  rule?: string;
  message: string;
  fields?: Record<string, string>;
}

/** A 4xx refusal of a use case (a DomainError, with the status the edge gives it) as data; anything else is a failure. */
async function outcome(run: () => Promise<unknown>): Promise<Refusal | undefined> {
  try {
    await run();
    return undefined;
  } catch (err) {
    return asRefusal(err);
  }
}

function asRefusal(err: unknown): Refusal {
  if (err instanceof DomainError && statusOf(err) < 500) return { status: statusOf(err), code: err.code, rule: err.rule, message: err.message, fields: err.fields };
  throw err;
}

const sameSlot = (h: SlotHold | undefined, s: Slot) => h?.opportunityId === s.opportunityId && h.date === s.date && h.time === s.start;
const slotOf = (r: StoredRequest) => SLOTS.find((s) => s.opportunityId === r.slot?.opportunityId && s.date === r.slot.date);

/** The slot's places as the store counts them: its item's, or the opportunity's before the first booking. */
async function placesOf(urn: string, s: Slot) {
  const [item, opportunities] = await Promise.all([getSlot(store, urn, s.date, s.start, s.opportunityId), listOpportunities(store, urn)]);
  const opportunity = opportunities.find((o) => o.id === s.opportunityId);
  return { item, opportunity, capacity: item?.capacity ?? opportunity?.capacity ?? 0, held: item?.held ?? 0 };
}

/** What must hold for every slot after every step. */
async function expectInvariant(urn: string, ids: readonly string[], where: string): Promise<void> {
  const [requests, listing] = await Promise.all([Promise.all(ids.map(async (id) => (await getRequest(store, urn, id))!)), availableSlots(store, urn, LISTING.from, LISTING.to)]);
  for (const s of SLOTS) {
    const at = `${where}; slot ${s.opportunityId} ${s.date}`;
    const { item, opportunity, capacity, held } = await placesOf(urn, s);
    if (item) expect(item.capacity, `${at}: the slot's capacity follows its opportunity's`).toBe(opportunity?.capacity);
    const takers = requests.filter((r) => sameSlot(r.heldSlot, s));
    expect(takers.filter((r) => !TAKING.has(r.status)).map((r) => `${r.id} ${r.status}`), `${at}: ended requests still taking a place`).toEqual([]);
    expect(held, `${at}: held = requests taking a place`).toBe(takers.length);
    expect(held, `${at}: held ≤ capacity`).toBeLessThanOrEqual(capacity);
    const approvedHere = requests.filter((r) => r.status === 'approved' && slotOf(r) === s && r.date === s.date && r.start === s.start);
    expect(approvedHere.filter((r) => !sameSlot(r.heldSlot, s)).map((r) => r.id), `${at}: approved on the slot's time without taking a place`).toEqual([]);
    expect(takers.filter((r) => r.status === 'approved' && (r.date !== s.date || r.start !== s.start)).map((r) => r.id), `${at}: moved off the slot but still taking a place`).toEqual([]);
    const heldWaiting = takers.filter((r) => r.status !== 'approved');
    expect(approvedHere.length + heldWaiting.length, `${at}: approved + held waiting ≤ capacity`).toBeLessThanOrEqual(capacity);
    const listed = listing.find((l) => l.opportunityId === s.opportunityId && l.date === s.date);
    expect(listed && { capacity: listed.capacity, placesLeft: listed.placesLeft }, `${at}: the public listing`).toEqual({ capacity, placesLeft: capacity - held });
  }
}

type RequestStepKind = 'approve' | 'decline' | 'withdraw' | 'cancel' | 'expire' | 'accept' | 'reject';
type Step =
  | { kind: 'create'; slot: number; year: number; fresh?: boolean }
  | { kind: 'confirm'; req: number }
  | { kind: RequestStepKind; req: number }
  | { kind: 'reschedule'; req: number; onto: boolean }
  | { kind: 'move'; req: number; onto: boolean }
  | { kind: 'propose'; req: number; sameStart: boolean }
  | { kind: 'capacity'; opportunity: number; capacity: number }
  | { kind: 'holds'; holds: boolean };

// Unbiased: any request, slot and year group as likely as another (fast-check favours small numbers otherwise).
const req = fc.noBias(fc.nat({ max: 30 }));
const onRequest = (kind: RequestStepKind) => fc.record({ kind: fc.constant(kind), req });
const create = (slot: number, year: number): Step => ({ kind: 'create', slot, year });
const createFresh = (slot: number, year: number): Step => ({ kind: 'create', slot, year, fresh: true });
const confirm = (req: number): Step => ({ kind: 'confirm', req });
const approve = (req: number): Step => ({ kind: 'approve', req });
const reschedule = (req: number, onto: boolean): Step => ({ kind: 'reschedule', req, onto });
const move = (req: number, onto: boolean): Step => ({ kind: 'move', req, onto });
const capacity = (opportunity: number, places: number): Step => ({ kind: 'capacity', opportunity, capacity: places });
const holdsPlace = (holds: boolean): Step => ({ kind: 'holds', holds });
const createArb = fc.record({ kind: fc.constant('create' as const), slot: fc.noBias(fc.nat({ max: SLOTS.length - 1 })), year: fc.noBias(fc.nat({ max: 3 })) });
const createFreshArb = fc.record({ kind: fc.constant('create' as const), slot: fc.noBias(fc.nat({ max: SLOTS.length - 1 })), year: fc.noBias(fc.nat({ max: 3 })), fresh: fc.constant(true) });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: createArb },
  { weight: 2, arbitrary: createFreshArb },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('confirm' as const), req }) },
  { weight: 8, arbitrary: onRequest('approve') },
  { weight: 1, arbitrary: onRequest('decline') },
  { weight: 1, arbitrary: onRequest('withdraw') },
  { weight: 1, arbitrary: onRequest('cancel') },
  { weight: 1, arbitrary: onRequest('expire') },
  { weight: 2, arbitrary: onRequest('accept') },
  { weight: 1, arbitrary: onRequest('reject') },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reschedule' as const), req, onto: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), req, onto: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('propose' as const), req, sameStart: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('capacity' as const), opportunity: fc.nat({ max: OPPORTUNITIES.length - 1 }), capacity: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('holds' as const), holds: fc.boolean() }) },
);

// CAPACITY_RUNS, CAPACITY_STEPS: how many sequences and how long; CAPACITY_SEED replays a run; CAPACITY_TRACE=1 prints every step.
const RUNS = Number(process.env.CAPACITY_RUNS ?? 30);
const MAX_STEPS = Number(process.env.CAPACITY_STEPS ?? 15);
/** A sequence: a few requests first (so the other steps have something to act on), then any steps; at most MAX_STEPS in all. */
const sequenceArb = fc
  .tuple(fc.array(createArb, { minLength: 1, maxLength: 4 }), fc.array(stepArb, { minLength: 1, maxLength: MAX_STEPS, size: 'max' }))
  .map(([first, rest]) => [...first, ...rest].slice(0, MAX_STEPS));
/** Refusals a step may meet on its way (the wrong state, a busy year group, a full slot); any other is a failure. */
const EXPECTED_REFUSALS = new Set(['INVALID_TRANSITION', 'YEAR_GROUP_BUSY', 'SLOT_FULL', 'NO_ALTERNATIVE', 'ALTERNATIVE_SAME_TIME']);

/** The statuses each request step applies to (state-machine.ts). */
const ACTS_ON: Record<RequestStepKind | 'reschedule' | 'move' | 'propose' | 'confirm', readonly string[]> = {
  confirm: ['unconfirmed'],
  approve: ['pending'],
  decline: ['pending'],
  propose: ['pending'],
  withdraw: ['pending', 'alternative_proposed'],
  expire: ['pending', 'alternative_proposed'],
  accept: ['alternative_proposed'],
  reject: ['alternative_proposed'],
  cancel: ['approved'],
  reschedule: ['approved'],
  move: ['approved'],
};

const tally = new Map<string, number>();
const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);
let runs = 0;
let steps = 0;

/** One step through the real use cases; checks what it alone must do, and returns how it ended. */
async function perform(urn: string, ids: string[], step: Step): Promise<string> {
  if (step.kind === 'create') {
    const s = SLOTS[step.slot]!;
    const before = await placesOf(urn, s);
    const holds = (await getSchoolProfile(store, urn))!.rules.pendingHoldsPlace;
    let created: StoredRequest | undefined;
    const refused = await outcome(async () => {
      created = await requestSlot(urn, s, s.years[step.year]!, step.fresh);
    });
    if (refused) {
      expect(refused, 'only a full slot refuses a valid request').toMatchObject({ status: 409, code: 'SLOT_FULL', rule: 'P-SLOT' });
      expect(before.held, 'a slot with a place left refused a request').toBeGreaterThanOrEqual(before.capacity);
      return 'SLOT_FULL';
    }
    expect(before.held, 'a full slot accepted a request').toBeLessThan(before.capacity);
    if (step.fresh) {
      // Issue 12, item 2: waiting for its provider, it takes no place whatever the school's setting.
      expect(created?.status).toBe('unconfirmed');
      expect(created?.heldSlot).toBeUndefined();
      expect((await placesOf(urn, s)).held, 'an unconfirmed request took a place').toBe(before.held);
    } else {
      expect(Boolean(created?.heldSlot), 'a new request holds a place exactly when the school says so').toBe(holds);
    }
    ids.push(created!.id);
    return 'ok';
  }

  if (step.kind === 'confirm') {
    // Confirming is creating as the school sees it, at this moment: the same places taken, the same refusal of a full slot.
    const waiting = (await Promise.all(ids.map(async (id) => (await getRequest(store, urn, id))!))).filter((r) => r.status === 'unconfirmed');
    if (waiting.length === 0) return 'nothing to act on';
    const request = waiting[step.req % waiting.length]!;
    const s = slotOf(request)!;
    const before = await placesOf(urn, s);
    const holds = (await getSchoolProfile(store, urn))!.rules.pendingHoldsPlace;
    const refused = await outcome(async () => confirmProviderRequest(store, await confirmationToken(request), NOW));
    const after = (await getRequest(store, urn, request.id))!;
    if (refused) {
      expect(refused, 'only a full slot refuses confirming').toMatchObject({ status: 409, code: 'SLOT_FULL', rule: 'P-SLOT' });
      expect(before.held, 'a slot with a place left refused a confirmation').toBeGreaterThanOrEqual(before.capacity);
      expect(after.status).toBe('unconfirmed');
      return 'SLOT_FULL';
    }
    expect(before.held, 'a full slot accepted a confirmation').toBeLessThan(before.capacity);
    expect(after.status).toBe('pending');
    expect(Boolean(after.heldSlot), 'a confirmed request holds a place exactly when the school says so').toBe(holds);
    return 'ok';
  }

  if (step.kind === 'capacity') {
    const { opportunities, version } = await readOpportunities(store, urn);
    const target = opportunities[step.opportunity]!;
    const taken = await Promise.all(SLOTS.filter((s) => s.opportunityId === target.id).map((s) => placesOf(urn, s)));
    const mustRefuse = step.capacity < target.capacity && taken.some((t) => t.held > step.capacity);
    const changed = opportunities.map((o, i) => (i === step.opportunity ? { ...o, capacity: step.capacity } : o));
    const refused = await outcome(() => saveOpportunities(store, urn, EDITOR, { version, opportunities: changed }, NOW));
    if (refused) {
      expect(refused).toMatchObject({ status: 422, code: 'CAPACITY_BELOW_TAKEN', rule: 'P-SLOT' });
      expect(Object.keys(refused.fields ?? {})).toEqual([`opportunities.${step.opportunity}.capacity`]);
    }
    expect(Boolean(refused), `capacity ${target.capacity} → ${step.capacity} with ${taken.map((t) => t.held).join(', ')} taken`).toBe(mustRefuse);
    return refused ? refused.code : 'ok';
  }

  if (step.kind === 'holds') {
    const { settings, version } = await readSettings(store, urn, NOW);
    const before = await Promise.all(ids.map(async (id) => (await getRequest(store, urn, id))?.heldSlot));
    await saveSettings(store, urn, EDITOR, { version, settings: { ...settings, pendingHoldsPlace: step.holds } }, NOW);
    // Yes → No leaves the places held; No → Yes takes none for requests already waiting.
    expect(await Promise.all(ids.map(async (id) => (await getRequest(store, urn, id))?.heldSlot))).toEqual(before);
    return 'ok';
  }

  // The step acts on one of the requests in a state it applies to, so few steps are wasted on the wrong state.
  const all = await Promise.all(ids.map(async (id) => (await getRequest(store, urn, id))!));
  const candidates = all.filter((r) => ACTS_ON[step.kind].includes(r.status));
  if (candidates.length === 0) return 'nothing to act on';
  const request = candidates[step.req % candidates.length]!;
  const s = slotOf(request)!;
  const before = await placesOf(urn, s);
  const school = (await getSchoolProfile(store, urn))!;
  const provider: Actor = { party: 'provider', id: request.providerEmail };
  const onSlot = (t: { date: string; start: string } | undefined) => t?.date === s.date && t.start === s.start;
  // Whether this step would make the request approved on its slot's time without a place.
  let takes = false;
  let run: () => Promise<unknown>;
  switch (step.kind) {
    case 'approve':
      takes = request.status === 'pending';
      run = () => decide(store, school, request, 'approve', {}, LEAD, NOW);
      break;
    case 'decline':
      run = () => decide(store, school, request, 'decline', { reason: 'Staff, rooms or resources unavailable' }, LEAD, NOW);
      break;
    case 'withdraw':
      run = () => applyAction(store, request, 'withdraw', provider, {}, NOW);
      break;
    case 'cancel':
      run = () => decide(store, school, request, 'cancel', { reason: 'The hall is needed for exams' }, LEAD, NOW);
      break;
    case 'expire': {
      // The daily job's expiry, run on the day after the request's deadline.
      const deadline = request.status === 'alternative_proposed' && request.alternative ? request.alternative.respondBy : request.responseDeadline;
      run = () => applyAction(store, request, 'expire', SYSTEM, {}, new Date(`${addDays(deadline, 1)}T12:00:00Z`));
      break;
    }
    case 'accept':
      takes = request.status === 'alternative_proposed' && onSlot(request.alternative);
      run = () => applyAction(store, request, 'accept', provider, {}, NOW);
      break;
    case 'reject':
      run = () => applyAction(store, request, 'reject', provider, {}, NOW);
      break;
    case 'reschedule': {
      const to = step.onto ? { date: s.date, start: s.start, end: s.end } : offTime(s);
      takes = request.status === 'approved' && step.onto;
      run = () => decide(store, school, request, 'reschedule', { ...to, reason: 'The hall is needed for exams' }, LEAD, NOW);
      break;
    }
    case 'move': {
      // Issue 14, item 5: the provider asks to move (a move already waiting is the one answered) and the careers lead approves it.
      const to = step.onto ? { date: s.date, start: s.start, end: s.end } : offTime(s);
      const target = request.move ?? to;
      takes = request.status === 'approved' && onSlot(target);
      run = async () => {
        const asked = request.move ? request : await askToMove(store, school, request, provider, { ...to, reason: 'Our speaker is away that day' }, NOW);
        return decide(store, school, asked, 'approve-move', {}, LEAD, NOW);
      };
      break;
    }
    case 'propose': {
      const to = step.sameStart ? { date: s.date, start: s.start, end: s.longerEnd } : offTime(s);
      run = () => decide(store, school, request, 'propose', { ...to, respondBy: RESPOND_BY, message: 'Could you come then?' }, LEAD, NOW);
      break;
    }
  }
  takes &&= !request.heldSlot;
  const refused = await outcome(run);
  if (refused) {
    expect(EXPECTED_REFUSALS.has(refused.code), `${step.kind} refused: ${refused.code} ${refused.message}`).toBe(true);
    if (refused.code === 'SLOT_FULL') {
      expect(takes && before.held >= before.capacity, `SLOT_FULL for ${step.kind} of a ${request.status} request, ${before.held} of ${before.capacity} taken`).toBe(true);
      expect(refused).toMatchObject({ status: 409, rule: 'P-SLOT' });
    }
  }
  if (takes && before.held >= before.capacity) expect(refused?.code, `${step.kind} into a full slot`).toBe('SLOT_FULL');
  return refused ? refused.code : 'ok';
}

describe('P-SLOT: capacity as an invariant (issue 11)', () => {
  it(
    'P-SLOT property: after every step of random creations (first ones waiting unconfirmed, issue 12 item 2), confirmations, decisions, withdrawals, expiries, moves, capacity and pending-holds changes, held = requests taking a place ≤ capacity and the listing shows capacity − held',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.boolean(), sequenceArb, async (holds, sequence) => {
          runs++;
          const urn = await newSchool(holds);
          const ids: string[] = [];
          for (const [i, step] of sequence.entries()) {
            steps++;
            const ended = await perform(urn, ids, step);
            count(`${step.kind}: ${ended}`);
            if (process.env.CAPACITY_TRACE) console.info(`run ${runs} (holds ${holds}) step ${i + 1}: ${JSON.stringify(step)} → ${ended}`);
            await expectInvariant(urn, ids, `step ${i + 1} (${JSON.stringify(step)}) of ${JSON.stringify(sequence)}, holds ${holds}`);
          }
        }),
        {
          numRuns: RUNS,
          ...(process.env.CAPACITY_SEED ? { seed: Number(process.env.CAPACITY_SEED) } : {}),
          // Fixed sequences first (a request step's `req` picks among the requests it applies to, in creation order).
          examples: [
            // The defect as reported: holds No, a 1-place slot approved twice, then a third request.
            [false, [create(0, 0), create(0, 1), approve(0), approve(0), create(0, 2)]],
            // Holds changed between requests: the held one keeps its place, the unheld ones need one to be approved.
            [true, [create(1, 0), holdsPlace(false), create(1, 1), create(1, 2), approve(1), approve(1), approve(0), holdsPlace(true), { kind: 'cancel', req: 0 }, approve(0)]],
            // Moved off the slot (place given back) and onto it again (taken again, or SLOT_FULL); capacity raised, then lowered below what is taken.
            [false, [create(0, 0), create(0, 1), approve(0), reschedule(0, false), approve(0), reschedule(0, true), capacity(0, 2), reschedule(0, true), capacity(0, 1)]],
            // Issue 14, item 5: the provider's move off the slot gives the place back; a move back onto a full slot waits, refused SLOT_FULL, until a place is free.
            [false, [create(0, 0), create(0, 1), approve(0), move(0, false), approve(0), move(0, true), { kind: 'cancel', req: 1 }, move(0, true)]],
            // An alternative at the slot's start accepted into a full slot, then after a cancellation.
            [false, [create(0, 0), create(0, 1), { kind: 'propose', req: 0, sameStart: true }, approve(0), { kind: 'accept', req: 0 }, { kind: 'cancel', req: 0 }, { kind: 'accept', req: 0 }]],
            // Issue 12, item 2: a first request waits without a place; a returning provider takes the last one; confirming is refused until it comes free.
            [true, [createFresh(0, 0), create(0, 1), confirm(0), { kind: 'withdraw', req: 0 }, confirm(0), approve(0)]],
            [false, [createFresh(0, 0), create(0, 1), approve(0), confirm(0), { kind: 'cancel', req: 0 }, confirm(0), approve(0)]],
            // Every end of a waiting request gives its held place back: withdrawn, expired, an alternative expired.
            [true, [create(2, 0), create(2, 1), create(2, 2), { kind: 'withdraw', req: 0 }, create(2, 2), { kind: 'expire', req: 0 }, { kind: 'propose', req: 0, sameStart: false }, { kind: 'expire', req: 0 }]],
          ],
        },
      );
      const outcomes = [...tally].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ×${n}`);
      console.info(`P-SLOT property: ${runs} runs, ${steps} steps (CAPACITY_RUNS=${RUNS}, CAPACITY_STEPS=${MAX_STEPS}). Outcomes: ${outcomes.join('; ')}`);
      // Not vacuous: places were taken and refused along the way.
      expect(tally.get('approve: ok') ?? 0).toBeGreaterThan(0);
      expect((tally.get('approve: SLOT_FULL') ?? 0) + (tally.get('create: SLOT_FULL') ?? 0)).toBeGreaterThan(0);
      expect(tally.get('confirm: ok') ?? 0).toBeGreaterThan(0);
      expect(tally.get('confirm: SLOT_FULL') ?? 0).toBeGreaterThan(0);
    },
    600_000,
  );

  it('P-SLOT: 50 concurrent approvals for a one-place slot with pendingHoldsPlace No: one approved, 49 SLOT_FULL, held 1; a cancellation gives the place back', async () => {
    const one = { ...OPPORTUNITIES[0]!, yearGroups: [10] as YearGroup[] };
    const urn = await newSchool(false, [one]);
    const slot = SLOTS[0]!;
    const created: StoredRequest[] = [];
    for (let i = 0; i < 50; i++) created.push(await requestSlot(urn, slot, 10));
    expect(created.every((r) => r.heldSlot === undefined)).toBe(true);
    const school = (await getSchoolProfile(store, urn))!;

    const results = await Promise.allSettled(created.map((r) => decide(store, school, r, 'approve', {}, LEAD, NOW)));
    const approved = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => asRefusal(r.reason));
    expect(approved).toHaveLength(1);
    expect(refused).toHaveLength(49);
    for (const r of refused) {
      expect(r).toMatchObject({ status: 409, code: 'SLOT_FULL', rule: 'P-SLOT' });
      expect(r.message).toBe(
        "The slot on Tuesday 19 January 2027 at 10am has no places left: its 1 place is taken by approved or waiting requests. Decline this request, propose another time, or raise the opportunity's capacity in your settings and then approve it.",
      );
    }
    expect(await getSlot(store, urn, slot.date, slot.start, slot.opportunityId)).toMatchObject({ capacity: 1, held: 1 });
    const [winner, ...others] = await listRequestsOfSchoolByStatus(store, urn, 'approved');
    expect(others).toEqual([]);
    expect(winner?.heldSlot).toEqual({ date: slot.date, time: slot.start, opportunityId: slot.opportunityId });
    expect(await listRequestsOfSchoolByStatus(store, urn, 'pending')).toHaveLength(49);
    expect((await availableSlots(store, urn, LISTING.from, LISTING.to))[0]).toMatchObject({ capacity: 1, placesLeft: 0 });

    // The place comes back when the encounter is cancelled, and the next approval takes it.
    await decide(store, school, winner!, 'cancel', { reason: 'The speaker is unwell' }, LEAD, NOW);
    expect((await getSlot(store, urn, slot.date, slot.start, slot.opportunityId))?.held).toBe(0);
    const next = (await getRequest(store, urn, created.find((r) => r.id !== winner!.id)!.id))!;
    expect((await decide(store, school, next, 'approve', {}, LEAD, NOW)).heldSlot).toEqual(winner?.heldSlot);
    expect((await getSlot(store, urn, slot.date, slot.start, slot.opportunityId))?.held).toBe(1);
  }, 120_000);

  it('P-SLOT, issue 14 item 5: 10 providers\' moves back onto a one-place slot approved at once, racing 10 approvals: one place taken, every other SLOT_FULL, the losing moves still waiting', async () => {
    const one = { ...OPPORTUNITIES[0]!, yearGroups: [10, 11] as YearGroup[] };
    const urn = await newSchool(false, [one]);
    const slot = SLOTS[0]!;
    const school = (await getSchoolProfile(store, urn))!;
    // Ten encounters booked on the slot one at a time, each moved off it by the school (its place given back) to its own time
    // (20 minutes each, the school's shortest encounter: R-REASONABLE)…
    const moved: StoredRequest[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await requestSlot(urn, slot, 10);
      const approved = await decide(store, school, r, 'approve', {}, LEAD, NOW);
      const at = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      const away = await decide(store, school, approved, 'reschedule', { date: slot.date, start: at(660 + 21 * i), end: at(680 + 21 * i), reason: 'The hall is needed' }, LEAD, NOW);
      // …and each provider asks to move back onto the slot's time.
      moved.push(await askToMove(store, school, away, { party: 'provider', id: away.providerEmail }, { date: slot.date, start: slot.start, end: slot.end, reason: 'The morning suits us' }, NOW));
    }
    expect((await getSlot(store, urn, slot.date, slot.start, slot.opportunityId))?.held).toBe(0);
    const waiting: StoredRequest[] = [];
    for (let i = 0; i < 10; i++) waiting.push(await requestSlot(urn, slot, 11));

    const results = await Promise.allSettled([
      ...moved.map((r) => decide(store, school, r, 'approve-move', {}, LEAD, NOW)),
      ...waiting.map((r) => decide(store, school, r, 'approve', {}, LEAD, NOW)),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => asRefusal(r.reason));
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(r).toMatchObject({ status: 409, code: 'SLOT_FULL', rule: 'P-SLOT' });
    expect(await getSlot(store, urn, slot.date, slot.start, slot.opportunityId)).toMatchObject({ capacity: 1, held: 1 });
    const onSlot = (await listRequestsOfSchoolByStatus(store, urn, 'approved')).filter((r) => r.date === slot.date && r.start === slot.start);
    expect(onSlot).toHaveLength(1);
    expect(onSlot[0]?.heldSlot).toEqual({ date: slot.date, time: slot.start, opportunityId: slot.opportunityId });
    // A losing move is still there for the lead to decline, or approve once a place is free.
    const after = await Promise.all(moved.map(async (r) => (await getRequest(store, urn, r.id))!));
    const moveWon = moved.some((r) => r.id === onSlot[0]?.id);
    expect(after.filter((r) => r.move).length).toBe(moveWon ? 9 : 10);
    expect(after.filter((r) => r.date === slot.date && r.start === slot.start).length).toBe(moveWon ? 1 : 0);
  }, 120_000);

  it('P-SLOT: lowering a capacity below the places taken in a coming slot is refused, naming the slot; once a place is given back it can come down', async () => {
    const urn = await newSchool(true);
    const fair = SLOTS[1]!;
    const a = await requestSlot(urn, fair, 9);
    const b = await requestSlot(urn, fair, 10);
    const school = (await getSchoolProfile(store, urn))!;
    await decide(store, school, a, 'approve', {}, LEAD, NOW);
    const { opportunities, version } = await readOpportunities(store, urn);
    const lowered = opportunities.map((o) => (o.id === 'fair' ? { ...o, capacity: 1 } : o));
    const index = lowered.findIndex((o) => o.id === 'fair');
    const refused = await outcome(() => saveOpportunities(store, urn, EDITOR, { version, opportunities: lowered }, NOW));
    expect(refused).toMatchObject({
      status: 422,
      code: 'CAPACITY_BELOW_TAKEN',
      rule: 'P-SLOT',
      message:
        '"Careers fair" already has more than 1 place taken in a coming slot (2 on Wednesday 20 January 2027 at 1pm). Keep its capacity at 2 or more, or first decline, cancel or move requests in that slot.',
    });
    expect(refused?.fields).toEqual({ [`opportunities.${index}.capacity`]: refused?.message });
    expect((await listOpportunities(store, urn)).find((o) => o.id === 'fair')?.capacity).toBe(2);
    expect(await getSlot(store, urn, fair.date, fair.start, fair.opportunityId)).toMatchObject({ capacity: 2, held: 2 });

    // Once the waiting request is declined, the capacity can come down to the one approved encounter.
    await decide(store, school, b, 'decline', { reason: 'Not enough notice' }, LEAD, NOW);
    const again = await readOpportunities(store, urn);
    await saveOpportunities(store, urn, EDITOR, { version: again.version, opportunities: again.opportunities.map((o) => (o.id === 'fair' ? { ...o, capacity: 1 } : o)) }, NOW);
    expect(await getSlot(store, urn, fair.date, fair.start, fair.opportunityId)).toMatchObject({ capacity: 1, held: 1 });
    const listed = (await availableSlots(store, urn, LISTING.from, LISTING.to)).find((l) => l.opportunityId === 'fair' && l.date === fair.date);
    expect(listed).toMatchObject({ capacity: 1, placesLeft: 0 });
  });
});

describe('P-SLOT: encounters in one slot share its time (issue 11)', () => {
  it('P-SLOT: a 3-place Year 11 careers fair takes three approvals, a fourth is SLOT_FULL, and a time of its own over the fair is still YEAR_GROUP_BUSY', async () => {
    const fairOnly: Opportunity[] = [{ ...OPPORTUNITIES[1]!, capacity: 3 }];
    const urn = await newSchool(false, fairOnly);
    const fair = SLOTS[1]!;
    const stands: StoredRequest[] = [];
    for (let i = 0; i < 4; i++) stands.push(await requestSlot(urn, fair, 11));
    const school = (await getSchoolProfile(store, urn))!;
    for (const stand of stands.slice(0, 3)) expect((await decide(store, school, stand, 'approve', {}, LEAD, NOW)).status).toBe('approved');
    expect(await outcome(() => decide(store, school, stands[3]!, 'approve', {}, LEAD, NOW))).toMatchObject({ status: 409, code: 'SLOT_FULL' });
    expect(await getSlot(store, urn, fair.date, fair.start, fair.opportunityId)).toMatchObject({ capacity: 3, held: 3 });

    // A provider's own time over the fair is another event for the same pupils: refused.
    await markAddressesConfirmed(store, ['own.time@college.example']);
    const input = createRequestBody.parse(providerBody({ proposed: { date: fair.date, start: '13:15', end: '13:45' }, yearGroups: [11], contact: { name: 'Own Time', email: 'own.time@college.example', phone: '01632 960100' } }));
    const { request: own } = await createProviderRequest(store, urn, input, { ip: '10.200.0.1' }, NOW);
    expect(await outcome(() => decide(store, school, own, 'approve', {}, LEAD, NOW))).toMatchObject({ status: 409, code: 'YEAR_GROUP_BUSY' });
  });
});

describe('P-SLOT: the slot capacity write (issue 11)', () => {
  it('P-SLOT: a capacity below the places taken is never written, so a booking that slipped in after the check leaves the slot at its old capacity', async () => {
    const urn = await newSchool(true);
    const fair = SLOTS[1]!;
    await requestSlot(urn, fair, 9);
    await requestSlot(urn, fair, 10);
    const key = { urn, date: fair.date, time: fair.start, opportunityId: fair.opportunityId };
    expect(await setSlotCapacity(store, key, 1)).toBe(false);
    expect(await getSlot(store, urn, fair.date, fair.start, fair.opportunityId)).toMatchObject({ capacity: 2, held: 2 });
    expect(await setSlotCapacity(store, key, 3)).toBe(true);
    expect(await setSlotCapacity(store, key, 2)).toBe(true);
    expect(await getSlot(store, urn, fair.date, fair.start, fair.opportunityId)).toMatchObject({ capacity: 2, held: 2 });
    // A slot never booked has no item to write.
    expect(await setSlotCapacity(store, { ...key, date: SLOTS[2]!.date }, 5)).toBe(false);
    expect(await getSlot(store, urn, SLOTS[2]!.date, fair.start, fair.opportunityId)).toBeUndefined();
  });
});

describe('P-SLOT: the reported journey through HTTP (issue 11)', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startDemoStack();
    // Returning providers: their requests reach the school at once (issue 12, item 2).
    await markAddressesConfirmed(createStore({ tableName: stack.tableName, endpoint: stack.dynamodb.endpoint }), [1, 2, 3].map((i) => `journey${i}@college.example`));
  }, 90_000);
  afterAll(async () => stack?.stop());

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.siteUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', origin: stack.siteUrl, ...(init.headers as Record<string, string>) } });

  it('P-SLOT journey: pending-holds No, a 1-place slot, two requests; one approved → the second approval is 409 SLOT_FULL, the listing shows 0 places, a third request is refused', async () => {
    const URN = '990101';
    const cookie = await signIn(stack, 'careers.lead@harbourview.example');
    const read = await json(await api(`/api/manage/schools/${URN}/settings`, { headers: { cookie } }));
    const saved = await api(`/api/manage/schools/${URN}/settings`, {
      method: 'PUT',
      headers: { cookie },
      body: JSON.stringify({ version: read.version, settings: { ...read.settings, pendingHoldsPlace: false } }),
    });
    expect(saved.status).toBe(200);

    // The next Year 10 assembly far enough ahead: one place.
    const from = addDays(new Date().toISOString().slice(0, 10), 40);
    const listing = async () => (await json(await api(`/api/schools/${URN}/slots?from=${from}&to=${addDays(from, 100)}`))).slots as { opportunityId: string; date: string; capacity: number; placesLeft: number }[];
    const slot = (await listing()).find((s) => s.opportunityId === 'y10-assembly' && s.placesLeft > 0)!;
    expect(slot).toMatchObject({ capacity: 1, placesLeft: 1 });
    const send = (i: number) =>
      api(`/api/schools/${URN}/requests`, {
        method: 'POST',
        headers: viaCloudFront(`10.9.0.${i}`),
        body: JSON.stringify(providerBody({ slot: { opportunityId: 'y10-assembly', date: slot.date }, contact: { name: `Officer ${i}`, email: `journey${i}@college.example`, phone: '01632 960100' } })),
      });
    const first = await send(1);
    const second = await send(2);
    expect([first.status, second.status]).toEqual([201, 201]);
    const [one, two] = [(await json(first)).request.id, (await json(second)).request.id];
    expect((await listing()).find((s) => s.date === slot.date && s.opportunityId === 'y10-assembly')?.placesLeft).toBe(1);

    const approve = (id: string) => api(`/api/manage/requests/${id}/approve`, { method: 'POST', headers: { cookie }, body: '{}' });
    expect((await approve(one)).status).toBe(200);
    const refused = await approve(two);
    expect(refused.status).toBe(409);
    const { error } = await json(refused);
    expect(error).toMatchObject({ code: 'SLOT_FULL', rule: 'P-SLOT' });
    expect(error.message).toMatch(/no places left.*Decline this request, propose another time, or raise the opportunity's capacity/);

    expect((await listing()).find((s) => s.date === slot.date && s.opportunityId === 'y10-assembly')).toMatchObject({ capacity: 1, placesLeft: 0 });
    const third = await send(3);
    expect(third.status).toBe(409);
    expect((await json(third)).error).toMatchObject({ code: 'SLOT_FULL', rule: 'P-SLOT' });
  });
});
