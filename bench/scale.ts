// Item 1, scale: the showcase school's dashboard, slot listing and coverage, and an
// organisation's request list and CSV (issue 15), with few and with many requests of OTHER
// schools and providers in the table. Two tables on the same DynamoDB Local hold the same
// copy of everything those screens read (the school's partition, the lead's roles and
// session; the organisation, its member's session and its 60 requests); one gets 100 other schools' requests, the other 100,000 (written
// with BatchWriteItem). The functions are pointed at one table or the other call by call,
// alternating, so both sizes are measured in the same minutes of the same run. The items
// each call reads (ScannedCount) and its units are recorded at both sizes: each access
// pattern reads one school's partition or index range, so they must not move.
import { performance } from 'node:perf_hooks';
import { BatchWriteItemCommand, CreateTableCommand, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createTableInput } from '#shared/store/table.ts';
import { addDays } from '#shared/domain/dates.ts';
import type { OrganisationRecord } from '#shared/domain/records.ts';
import { batchWriteAll, type WriteRequest } from '#shared/store/batch.ts';
import { createStore, storeFromEnv, type Store } from '#shared/store/client.ts';
import { newId } from '#shared/store/ids.ts';
import { createOrganisation } from '#shared/store/organisations.ts';
import { eventItem } from '#shared/store/request-events.ts';
import { requestItem } from '#shared/store/requests.ts';
import { createSchoolsInBatches } from '#shared/store/school-import.ts';
import { schoolKey } from '#shared/store/schools.ts';
import { hashSecret } from '#shared/store/secrets.ts';
import { sessionKey } from '#shared/store/sessions.ts';
import { userPartition } from '#shared/store/staff.ts';
import { httpRoutes } from '#shared/routes.ts';
import { createdEvent, sampleRequest } from '#test/support/requests.ts';
import { recordedCall, type Fixtures } from './api.ts';
import { SHOWCASE, sessionCookie } from './fixtures.ts';
import { giasLikeSchool } from './gias-like.ts';
import { http, type HttpAnswer, type HttpCall } from './http.ts';
import { totals, unrecorded, useRawClient, type Item } from './recorder.ts';
import type { BenchStack } from './stack.ts';
import { round, shuffle, summary, type Summary } from './stats.ts';

const STATUSES = ['pending', 'approved', 'declined', 'delivered', 'withdrawn', 'expired', 'alternative_proposed'] as const;

/** Requests of other schools: 3,500 secondary schools, 5,000 providers, dates over a year. */
function otherRequest(i: number, today: string) {
  const urn = String(700000 + (i % 3500));
  const email = `liaison${i % 5000}@provider${i % 700}.example`;
  return requestItem(
    sampleRequest({
      id: newId(),
      urn,
      status: STATUSES[i % STATUSES.length],
      date: addDays(today, 30 + (i % 330)),
      yearGroups: [8 + (i % 6)],
      contact: { name: `Contact ${i}`, email, phone: '01632 960100' },
      providerEmail: email,
    }),
  );
}

/** BatchWriteItem, 25 items a call, `concurrency` calls at once, retrying what is unprocessed. */
export async function seedOtherSchools(stack: BenchStack, tableName: string, count: number, log?: (l: string) => void, concurrency = 16): Promise<number> {
  const today = new Date().toISOString().slice(0, 10);
  const client = useRawClient(stack.endpoint);
  let next = 0;
  const t0 = performance.now();
  await unrecorded(() =>
    Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const start = next;
          next = Math.min(count, next + 25);
          if (log && start > 0 && start % 20_000 === 0) log(`  … ${start.toLocaleString('en-GB')} written (${Math.round(start / ((performance.now() - t0) / 1000))}/s)`);
          let pending = Array.from({ length: next - start }, (_, k) => ({ PutRequest: { Item: marshall(otherRequest(start + k, today), { removeUndefinedValues: true }) } }));
          for (let attempt = 0; pending.length > 0; attempt++) {
            if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
            const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
            pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
          }
        }
      }),
    ),
  );
  return (performance.now() - t0) / 1000;
}

/** Copies whole partitions of the bench's table (as they are) into the target tables. */
export async function copyPartitions(stack: BenchStack, pks: readonly string[], targets: readonly string[]): Promise<number> {
  const client = useRawClient(stack.endpoint);
  const partition = async (pk: string) => {
    const items: Item[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await client.send(
        new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: pk } }, ExclusiveStartKey: start, ConsistentRead: true }),
      );
      items.push(...((out.Items ?? []) as Item[]));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  };
  const items = (await unrecorded(() => Promise.all(pks.map(partition)))).flat();
  await unrecorded(async () => {
    for (const table of targets) {
      for (let i = 0; i < items.length; i += 25) {
        let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
          pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
        }
      }
    }
  });
  return items.length;
}

/** The partition of a signed-in session (from its cookie), to copy it to another table. */
const sessionPartition = (cookie: string) => sessionKey(hashSecret(cookie.split('=')[1] ?? '')).pk;

/** A table of the product's definition without its stream: nobody reads these tables' changes, and DynamoDB Local writes a stream record for every item otherwise. */
export async function createScaleTable(stack: BenchStack, name: string): Promise<void> {
  const { StreamSpecification: _stream, ...input } = createTableInput(name);
  await unrecorded(() => useRawClient(stack.endpoint).send(new CreateTableCommand(input)));
}

/** A store of the bench's own on another table (its writes unrecorded). */
export const storeOn = (stack: BenchStack, tableName: string): Store => createStore({ tableName, endpoint: stack.endpoint });

// The organisation's request list (issue 15, item 3): a college with a fixed set of its own
// requests, signed in as a member, whatever else the table holds.
export const ORGANISATION_MEMBER = 'schools.liaison@northbay-college.example';
export const ORGANISATION_REQUESTS = 60;
const ORGANISATION_SCHOOLS = 30;
const ORGANISATION: OrganisationRecord = {
  id: 'bench-northbay-college',
  name: 'Northbay College',
  type: 'fe_college',
  ukprn: '10098765',
  defaultContact: { name: 'Jo Liaison', email: ORGANISATION_MEMBER, phone: '01632 960222' },
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
  version: 1,
};
const SESSION_TYPES = ['assembly', 'class_discussion', 'engagement_event', 'careers_fair'] as const;

/**
 * The organisation's own requests, each with its creation event, at the schools of
 * `urns`, stamped with the organisation as a member's request is at creation: the list
 * reads the organisation's partition (gsi3) and the member's own address's (gsi2).
 */
export async function seedOrganisationRequests(store: Store, member: string, urns: readonly string[], count = ORGANISATION_REQUESTS): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  const writes: WriteRequest[] = [];
  for (let i = 0; i < count; i++) {
    const request = sampleRequest({
      id: newId(),
      urn: urns[i % urns.length] as string,
      status: STATUSES[i % STATUSES.length],
      date: addDays(today, (i % 2 === 0 ? 1 : -1) * (5 + 4 * i)),
      yearGroups: [8 + (i % 6)],
      sessionType: SESSION_TYPES[i % SESSION_TYPES.length],
      provider: { organisation: ORGANISATION.name, type: ORGANISATION.type, ukprn: ORGANISATION.ukprn },
      contact: { name: 'Jo Liaison', email: member, phone: '01632 960222' },
      providerEmail: member,
      organisationId: ORGANISATION.id,
    });
    writes.push({ PutRequest: { Item: requestItem(request) } }, { PutRequest: { Item: eventItem(createdEvent(request), 0) } });
  }
  await batchWriteAll(store, writes);
}

/** The organisation, its member (so the list is a member's call) and the schools its requests are at, in one table. */
async function seedOrganisation(store: Store, member: string): Promise<void> {
  const refused = await createOrganisation(store, ORGANISATION, { organisationId: ORGANISATION.id, email: member, role: 'admin', invitedBy: member, invitedAt: ORGANISATION.createdAt, joinedAt: ORGANISATION.createdAt });
  if (refused) throw new Error(`the bench organisation was refused: ${refused}`);
  const schools = Array.from({ length: ORGANISATION_SCHOOLS }, (_, n) => giasLikeSchool(n));
  await createSchoolsInBatches(store, schools, new Date());
  await seedOrganisationRequests(store, member, schools.map((s) => s.urn));
}

export interface Probe {
  name: string;
  route: string;
  call: HttpCall;
  /** What the answer holds, in a few words ("60 requests"): the same work at both sizes, or not. */
  answered?: (answer: HttpAnswer) => string;
}

export interface ScaleRow {
  name: string;
  route: string;
  small: Summary;
  large: Summary;
  ratioP50: number;
  ratioP99: number;
  scannedSmall: number;
  scannedLarge: number;
  rcuSmall: number;
  rcuLarge: number;
  /** DynamoDB calls of one call of the route at each size. */
  callsSmall?: number;
  callsLarge?: number;
  answeredSmall?: string;
  answeredLarge?: string;
}

export interface ScaleResult {
  small: number;
  large: number;
  seedSeconds: number;
  copiedItems: number;
  rows: ScaleRow[];
  /** The near search with few and with many schools in the table. */
  schools?: SchoolScaleResult;
}

export interface SchoolScaleResult {
  small: number;
  large: number;
  /** Of them, schools that teach any of Years 8–13. */
  takingRequestsSmall: number;
  takingRequestsLarge: number;
  seedSeconds: number;
  rows: ScaleRow[];
}

/** Points the functions' (cached) store at another table: the handlers read `tableName` on every call. */
export function useTable<T>(tableName: string, fn: () => Promise<T>): Promise<T> {
  const store = storeFromEnv();
  const previous = store.tableName;
  store.tableName = tableName;
  return fn().finally(() => {
    store.tableName = previous;
  });
}

/**
 * Each probe on both tables, `rounds` times, the two sizes in a shuffled order each round
 * (so both are measured in the same minutes), after a warm call on each; then one recorded
 * call on each for the items read, units and calls.
 */
export async function measureProbes(stack: BenchStack, probes: readonly Probe[], tables: { small: string; large: string }, rounds: number): Promise<ScaleRow[]> {
  const times = new Map<string, { small: number[]; large: number[] }>(probes.map((p) => [p.name, { small: [], large: [] }]));
  for (const p of probes) {
    for (const t of [tables.small, tables.large]) await useTable(t, () => http(stack.siteUrl, p.call)); // warm
  }
  let seed = 11;
  for (let r = 0; r < rounds; r++) {
    for (const p of probes) {
      for (const which of shuffle(['small', 'large'] as const, seed++)) {
        const answer = await useTable(tables[which], () => http(stack.siteUrl, p.call));
        if (answer.status !== 200) throw new Error(`${p.name} (${which}): ${answer.status} ${answer.body.toString().slice(0, 300)}`);
        times.get(p.name)?.[which].push(answer.ms);
      }
    }
  }
  const rows: ScaleRow[] = [];
  for (const p of probes) {
    const used = async (t: string) => {
      const { answer, calls } = await useTable(t, () => recordedCall(stack, p.call, { capacity: true }));
      return { ...totals(calls), answered: p.answered?.(answer) };
    };
    const [u0, u1] = [await used(tables.small), await used(tables.large)];
    const s = summary(times.get(p.name)?.small ?? []);
    const l = summary(times.get(p.name)?.large ?? []);
    rows.push({
      name: p.name,
      route: p.route,
      small: s,
      large: l,
      ratioP50: round(l.p50 / s.p50),
      ratioP99: round(l.p99 / s.p99),
      scannedSmall: u0.scanned,
      scannedLarge: u1.scanned,
      rcuSmall: round(u0.rcu, 1),
      rcuLarge: round(u1.rcu, 1),
      callsSmall: u0.dynamoCalls,
      callsLarge: u1.dynamoCalls,
      ...(u0.answered !== undefined ? { answeredSmall: u0.answered, answeredLarge: u1.answered } : {}),
    });
  }
  return rows;
}

export async function scaleTest(
  stack: BenchStack,
  f: Fixtures,
  opts: { small: number; large: number; rounds: number },
  log: (l: string) => void,
): Promise<ScaleResult> {
  const today = new Date().toISOString().slice(0, 10);
  const from = addDays(today, 35);
  const routeNames = new Set(httpRoutes.map((r) => r.name));
  const member = await sessionCookie(stack.store, 'provider', ORGANISATION_MEMBER);
  const listOf = (a: HttpAnswer) => `${a.json<{ total: number }>().total} requests`;
  const rowsOfCsv = (a: HttpAnswer) => `${a.body.toString('utf8').trim().split('\r\n').length - 1} rows`;
  const probes: Probe[] = [
    { name: 'manage: dashboard', route: 'manage-requests', call: { method: 'GET', path: `/api/manage/schools/${SHOWCASE.urn}/requests`, headers: { cookie: f.lead } } },
    { name: 'slots (90 days)', route: 'school-slots', call: { method: 'GET', path: `/api/schools/${SHOWCASE.urn}/slots?from=${from}&to=${addDays(from, 90)}` } },
    { name: 'manage: coverage', route: 'manage-coverage', call: { method: 'GET', path: `/api/manage/schools/${SHOWCASE.urn}/coverage`, headers: { cookie: f.lead } } },
    { name: 'provider: request list', route: 'provider-requests', call: { method: 'GET', path: '/api/requests', headers: { cookie: member } }, answered: listOf },
    { name: 'provider: list, filtered', route: 'provider-requests', call: { method: 'GET', path: `/api/requests?status=approved,pending&from=${today}`, headers: { cookie: member } }, answered: listOf },
    { name: 'provider: requests.csv', route: 'provider-requests-csv', call: { method: 'GET', path: '/api/requests.csv', headers: { cookie: member } }, answered: rowsOfCsv },
  ].filter((p) => routeNames.has(p.route));

  const small = `${stack.tableName}-scale-small`;
  const large = `${stack.tableName}-scale-large`;
  for (const name of [small, large]) await createScaleTable(stack, name);
  const copiedItems = await copyPartitions(stack, [schoolKey(SHOWCASE.urn).pk, userPartition(SHOWCASE.lead), sessionPartition(f.lead), sessionPartition(member)], [small, large]);
  await unrecorded(() => Promise.all([small, large].map((t) => seedOrganisation(storeOn(stack, t), ORGANISATION_MEMBER))));
  let seedSeconds = await seedOtherSchools(stack, small, opts.small);
  seedSeconds += await seedOtherSchools(stack, large, opts.large, log);
  log(`  ${copiedItems} items of the showcase school copied to both tables, the organisation's ${ORGANISATION_REQUESTS} requests written to both; ${opts.small} and ${opts.large} other schools' requests written in ${seedSeconds.toFixed(0)} s`);

  const rows = await measureProbes(stack, probes, { small, large }, opts.rounds);
  for (const r of rows) log(`  ${r.name.padEnd(20)} p50 ${r.small.p50.toFixed(1)} → ${r.large.p50.toFixed(1)} ms (${r.ratioP50}×); items read ${r.scannedSmall} → ${r.scannedLarge}`);
  return { small: opts.small, large: opts.large, seedSeconds: round(seedSeconds, 1), copiedItems, rows };
}
