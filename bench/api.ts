// Item 1 of the bench: each route through the local server (HTTP → API Gateway adapter →
// the real handler → DynamoDB Local) against its floor: the very DynamoDB calls that route
// made in one recorded warm call, sent again directly by the same client, stage by stage.
// Route and floor samples alternate (in a shuffled order per pair), so noise hits both.
// Then request creation by 20 concurrent clients against the same writes sent directly.
import { performance } from 'node:perf_hooks';
import { httpRoutes } from '#shared/routes.ts';
import { addDays } from '#shared/domain/dates.ts';
import {
  BUSY,
  createCall,
  createRequests,
  createSlotCall,
  decisionCall,
  encounters,
  expectStatus,
  PROVIDER,
  schoolDays,
  sessionCookie,
  SHOWCASE,
  SLOTTED,
  type Encounter,
} from './fixtures.ts';
import { http, type HttpCall } from './http.ts';
import { deleteWritten, replay, restore, stages, totals, type RecordedCall, type Recording } from './recorder.ts';
import type { BenchStack } from './stack.ts';
import { round, shuffle, summary, type Summary } from './stats.ts';

export interface RouteRow {
  name: string;
  route: string;
  method: string;
  path: string;
  n: number;
  http: Summary;
  floor: Summary;
  ratioP50: number;
  ratioP99: number;
  dynamoCalls: number;
  stages: number;
  ops: string[];
  rcu: number;
  wcu: number;
  estimated: boolean;
  responseBytes: number;
}

interface Scenario {
  name: string;
  route: string;
  /** The i-th call (writes take a fresh target each time). */
  call: (i: number) => HttpCall;
  status: number;
  write?: boolean;
  /** Fewer samples than the others (a limited supply of targets). */
  n?: number;
}

export interface Fixtures {
  lead: string;
  busyLead: string;
  trustAdmin: string;
  provider: string;
  providerRequestId: string;
  pendingShowcaseId: string;
  busyEncounter: () => Encounter;
  slotDates: string[];
}

/** Sessions, a realistic showcase school (pending, upcoming, declined, a published statement), and pools of times. */
export async function prepare(stack: BenchStack, log: (l: string) => void): Promise<Fixtures> {
  const { store, siteUrl } = stack;
  const [lead, busyLead, trustAdmin, provider] = await Promise.all([
    sessionCookie(store, 'staff', SHOWCASE.lead),
    sessionCookie(store, 'staff', BUSY.lead),
    sessionCookie(store, 'staff', 'trust.admin@northfield-trust.example'),
    sessionCookie(store, 'provider', PROVIDER),
  ]);
  // Harbour View: 16 requests (3 from the bench's provider), 8 approved, 2 declined, 6 left to decide.
  const next = encounters(await schoolDays(store, SHOWCASE.urn, 40, 20), [8, 9, 10, 11]);
  const calls = Array.from({ length: 16 }, (_, i) => createCall(siteUrl, SHOWCASE.urn, next(), i < 3 ? PROVIDER : undefined));
  const ids = await createRequests(siteUrl, calls);
  for (const id of ids.slice(3, 11)) expectStatus(await http(siteUrl, decisionCall(siteUrl, lead, id, 'approve')), 200, 'approve');
  for (const id of ids.slice(11, 13)) expectStatus(await http(siteUrl, decisionCall(siteUrl, lead, id, 'decline')), 200, 'decline');
  const today = new Date().toISOString().slice(0, 10);
  if (httpRoutes.some((r) => r.name === 'manage-statement-publish')) {
    const published = await http(siteUrl, {
      method: 'POST',
      path: `/api/manage/schools/${SHOWCASE.urn}/statement`,
      headers: { origin: siteUrl, cookie: lead },
      body: { approvedBy: 'The governing board', approvedOn: today },
    });
    if (published.status !== 201) log(`  (statement not published: ${published.status} ${published.body.toString().slice(0, 200)})`);
  }
  const busyEncounter = encounters(await schoolDays(store, BUSY.urn, 50, 120), BUSY.years);
  const slotDates = await schoolDays(store, SLOTTED.urn, 35, 60, [SLOTTED.weekday]);
  // The provider writes to other schools too (a college writes to many): its list names each school.
  const slotted = encounters(await schoolDays(store, SLOTTED.urn, 35, 2), [8])();
  await createRequests(siteUrl, [createCall(siteUrl, BUSY.urn, busyEncounter(), PROVIDER), createCall(siteUrl, SLOTTED.urn, slotted, PROVIDER)]);
  log(`  fixtures: showcase school with ${ids.length} requests; ${slotDates.length} bookable slot days`);
  return { lead, busyLead, trustAdmin, provider, providerRequestId: ids[0] as string, pendingShowcaseId: ids[13] as string, busyEncounter, slotDates };
}

function readScenarios(stack: BenchStack, f: Fixtures): Scenario[] {
  const s = SHOWCASE.urn;
  const from = addDays(new Date().toISOString().slice(0, 10), 35);
  const get = (name: string, route: string, path: string, cookie?: string): Scenario => ({
    name,
    route,
    status: 200,
    call: () => ({ method: 'GET', path, headers: { origin: stack.siteUrl, ...(cookie ? { cookie } : {}) } }),
  });
  return [
    get('health', 'health', '/api/health'),
    get('schools search', 'schools-search', '/api/schools?q=harbour'),
    get('school page', 'school-get', `/api/schools/${s}`),
    get('slots (90 days)', 'school-slots', `/api/schools/${s}/slots?from=${from}&to=${addDays(from, 90)}`),
    get('provider: own requests', 'provider-requests', '/api/requests', f.provider),
    get('provider: request view', 'provider-request', `/api/requests/${f.providerRequestId}`, f.provider),
    get('manage: dashboard', 'manage-requests', `/api/manage/schools/${s}/requests`, f.lead),
    get('manage: request detail', 'manage-request', `/api/manage/requests/${f.pendingShowcaseId}`, f.lead),
    get('manage: settings', 'manage-settings-get', `/api/manage/schools/${s}/settings`, f.lead),
    get('manage: opportunities', 'manage-opportunities-get', `/api/manage/schools/${s}/opportunities`, f.lead),
    get('manage: staff', 'manage-staff-get', `/api/manage/schools/${s}/staff`, f.lead),
    get('manage: coverage', 'manage-coverage', `/api/manage/schools/${s}/coverage`, f.lead),
    get('manage: year plan', 'manage-year-plan', `/api/manage/schools/${s}/year-plan`, f.lead),
    get('trust: coverage', 'trust-coverage', `/api/manage/trusts/${SHOWCASE.trust}/coverage`, f.trustAdmin),
    get('manage: encounters.csv', 'manage-encounters-csv', `/api/manage/schools/${s}/encounters.csv`, f.lead),
    get('manage: statement', 'manage-statement-get', `/api/manage/schools/${s}/statement`, f.lead),
    get('statement (JSON)', 'statement-get', `/api/schools/${s}/statement`),
    get('statement (page)', 'statement-page', `/schools/${s}/statement`),
  ];
}

/** Write scenarios: each call takes a fresh target (a new time, a pending request). */
async function writeScenarios(stack: BenchStack, f: Fixtures, perScenario: number): Promise<Scenario[]> {
  const { siteUrl } = stack;
  const pool = async (count: number) => createRequests(siteUrl, Array.from({ length: count }, () => createCall(siteUrl, BUSY.urn, f.busyEncounter())));
  const [toApprove, toDecline] = [await pool(perScenario), await pool(perScenario)];
  let slot = 0;
  const nextSlot = () => {
    // Three places a Friday: the (slot index / 3)-th Friday.
    const date = f.slotDates[Math.floor(slot++ / 3)];
    if (!date) throw new Error('ran out of bench slot dates');
    return date;
  };
  const take = (ids: string[], i: number) => {
    const id = ids[i];
    if (!id) throw new Error('ran out of pending requests');
    return id;
  };
  return [
    { name: 'request create (proposed time)', route: 'request-create', status: 201, write: true, call: () => createCall(siteUrl, BUSY.urn, f.busyEncounter()) },
    {
      name: 'request create (slot)',
      route: 'request-create',
      status: 201,
      write: true,
      // Three places a Friday; keep two Fridays for the capacity phase.
      n: Math.max(3, Math.min(perScenario - WARM_CALLS - 1, (f.slotDates.length - 2) * 3 - WARM_CALLS - 1)),
      call: () => createSlotCall(siteUrl, SLOTTED.urn, SLOTTED.opportunityId, nextSlot(), 8),
    },
    { name: 'manage: approve', route: 'manage-decision', status: 200, write: true, call: (i) => decisionCall(siteUrl, f.busyLead, take(toApprove, i), 'approve') },
    { name: 'manage: decline', route: 'manage-decision', status: 200, write: true, call: (i) => decisionCall(siteUrl, f.busyLead, take(toDecline, i), 'decline') },
  ];
}

/** Calls before timing starts (each write call takes a target of its own). */
export const WARM_CALLS = 20;

let recordSerial = 0;

/** One HTTP call with its AWS calls recorded (and, for writes, what they overwrote). */
export async function recordedCall(stack: BenchStack, call: HttpCall, options: Omit<Recording, 'calls'>) {
  const id = `rec-${recordSerial++}`;
  const recording: Recording = { calls: [], ...options };
  const done = stack.recordAs(id, recording);
  try {
    const answer = await http(stack.siteUrl, { ...call, headers: { ...call.headers, 'x-bench-record': id } });
    return { answer, calls: recording.calls };
  } finally {
    done();
  }
}

async function measure(stack: BenchStack, sc: Scenario, n: number, seed: number): Promise<RouteRow> {
  let i = 0;
  // Warm: the handler's module loaded, its clients connected and its code optimised by V8, as on a warm Lambda.
  for (let w = 0; w < WARM_CALLS; w++) expectStatus(await http(stack.siteUrl, sc.call(i++)), sc.status, `${sc.name} (warm-up)`);
  const rec = await recordedCall(stack, sc.call(i++), { preImages: Boolean(sc.write), capacity: true });
  expectStatus(rec.answer, sc.status, `${sc.name} (recorded)`);
  const calls: RecordedCall[] = rec.calls.filter((c) => c.service !== 'other');
  const plan = stages(calls);
  for (let w = 0; w < 5; w++) {
    if (sc.write) await restore(calls);
    await replay(plan);
  }
  const routeMs: number[] = [];
  const floorMs: number[] = [];
  const order = shuffle(Array.from({ length: n }, (_, k) => k % 2 === 0), seed);
  for (const routeFirst of order) {
    for (const side of routeFirst ? ['route', 'floor'] : ['floor', 'route']) {
      if (side === 'route') {
        const answer = await http(stack.siteUrl, sc.call(i++));
        expectStatus(answer, sc.status, sc.name);
        routeMs.push(answer.ms);
      } else {
        if (sc.write) await restore(calls);
        const t0 = performance.now();
        await replay(plan);
        floorMs.push(performance.now() - t0);
      }
    }
  }
  const t = totals(calls);
  const httpS = summary(routeMs);
  const floorS = summary(floorMs);
  const route = httpRoutes.find((r) => r.name === sc.route);
  return {
    name: sc.name,
    route: sc.route,
    method: route?.method ?? '',
    path: route?.path ?? '',
    n,
    http: httpS,
    floor: floorS,
    ratioP50: round(httpS.p50 / floorS.p50),
    ratioP99: round(httpS.p99 / floorS.p99),
    dynamoCalls: t.dynamoCalls,
    stages: plan.length,
    ops: t.ops,
    rcu: t.rcu,
    wcu: t.wcu,
    estimated: t.estimated,
    responseBytes: rec.answer.body.length,
  };
}

export async function routeLatencies(stack: BenchStack, f: Fixtures, opts: { n: number; nWrite: number }, log: (l: string) => void) {
  const known = new Set(httpRoutes.map((r) => r.name));
  const reads = readScenarios(stack, f);
  const writes = await writeScenarios(stack, f, opts.nWrite + WARM_CALLS + 1);
  const rows: RouteRow[] = [];
  const skipped: string[] = [];
  let seed = 7;
  for (const sc of [...reads, ...writes]) {
    if (!known.has(sc.route)) {
      skipped.push(`${sc.name} (${sc.route}: not in the route table)`);
      continue;
    }
    const row = await measure(stack, sc, sc.n ?? (sc.write ? opts.nWrite : opts.n), seed++);
    rows.push(row);
    log(`  ${row.name.padEnd(32)} p50 ${row.http.p50.toFixed(1)} ms / floor ${row.floor.p50.toFixed(1)} ms; p99 ratio ${row.ratioP99.toFixed(2)}×`);
  }
  return { rows, skipped };
}

export interface ThroughputResult {
  clients: number;
  creates: number;
  chunks: number;
  route: { perSecond: number; seconds: number; latency: Summary };
  floor: { perSecond: number; seconds: number; latency: Summary };
  ratio: number;
}

/**
 * Clients creating requests through the API, then the same writes sent directly by as many
 * workers, in alternating chunks (API, direct, API, direct…) so both see the same machine:
 * each direct chunk sends the DynamoDB calls recorded from the API chunk just before it,
 * after deleting what that chunk wrote (every item a create writes is new).
 */
export async function createThroughput(stack: BenchStack, f: Fixtures, clients: number, total: number, log: (l: string) => void): Promise<ThroughputResult> {
  const chunks = Math.max(1, Math.min(5, Math.floor(total / (clients * 4))));
  const perChunk = Math.ceil(total / chunks);
  // Warm every connection the clients will use.
  await Promise.all(Array.from({ length: clients }, () => http(stack.siteUrl, { method: 'GET', path: '/api/health' })));
  const routeLatency: number[] = [];
  const floorLatency: number[] = [];
  let routeMs = 0;
  let floorMs = 0;
  let deleted = 0;
  let done = 0;
  for (let c = 0; c < chunks; c++) {
    const n = Math.min(perChunk, total - done);
    const calls = Array.from({ length: n }, () => createCall(stack.siteUrl, BUSY.urn, f.busyEncounter()));
    const recorded: RecordedCall[][] = new Array<RecordedCall[]>(n);
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < n) {
          const k = next++;
          const { answer, calls: made } = await recordedCall(stack, calls[k] as HttpCall, {});
          expectStatus(answer, 201, 'concurrent create');
          routeLatency.push(answer.ms);
          recorded[k] = made.filter((x) => x.service === 'dynamodb');
        }
      }),
    );
    routeMs += performance.now() - t0;
    deleted += await deleteWritten(recorded);
    next = 0;
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < n) {
          const k = next++;
          const s = performance.now();
          await replay(stages(recorded[k] as RecordedCall[]));
          floorLatency.push(performance.now() - s);
        }
      }),
    );
    floorMs += performance.now() - t1;
    done += n;
  }
  const route = { perSecond: round(total / (routeMs / 1000), 1), seconds: round(routeMs / 1000), latency: summary(routeLatency) };
  const floor = { perSecond: round(total / (floorMs / 1000), 1), seconds: round(floorMs / 1000), latency: summary(floorLatency) };
  log(`  ${total} creates by ${clients} clients in ${chunks} alternating chunks: ${route.perSecond}/s through the API, ${floor.perSecond}/s direct (${deleted} items reset between)`);
  return { clients, creates: total, chunks, route, floor, ratio: round(route.perSecond / floor.perSecond) };
}
