// Item 1, scale: the showcase school's dashboard, slot listing and coverage with few and
// with many requests of OTHER schools in the table. Two tables on the same DynamoDB Local
// hold the same copy of everything those screens read (the school's partition, the lead's
// roles and session); one gets 100 other schools' requests, the other 100,000 (written
// with BatchWriteItem). The functions are pointed at one table or the other call by call,
// alternating, so both sizes are measured in the same minutes of the same run. The items
// each call reads (ScannedCount) and its units are recorded at both sizes: each access
// pattern reads one school's partition or index range, so they must not move.
import { performance } from 'node:perf_hooks';
import { BatchWriteItemCommand, CreateTableCommand, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createTableInput } from '#shared/store/table.ts';
import { addDays } from '#shared/domain/dates.ts';
import { storeFromEnv } from '#shared/store/client.ts';
import { newId } from '#shared/store/ids.ts';
import { requestItem } from '#shared/store/requests.ts';
import { schoolKey } from '#shared/store/schools.ts';
import { hashSecret } from '#shared/store/secrets.ts';
import { sessionKey } from '#shared/store/sessions.ts';
import { userPartition } from '#shared/store/staff.ts';
import { httpRoutes } from '#shared/routes.ts';
import { sampleRequest } from '#test/support/requests.ts';
import { recordedCall, type Fixtures } from './api.ts';
import { SHOWCASE } from './fixtures.ts';
import { http, type HttpCall } from './http.ts';
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

/** Everything the probes read: the showcase school's partition, the lead's roles and session. */
async function copyShowcase(stack: BenchStack, leadCookie: string, leadEmail: string, targets: string[]): Promise<number> {
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
  const secret = leadCookie.split('=')[1] ?? '';
  const items = (
    await unrecorded(() =>
      Promise.all([partition(schoolKey(SHOWCASE.urn).pk), partition(userPartition(leadEmail)), partition(sessionKey(hashSecret(secret)).pk)]),
    )
  ).flat();
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

interface Probe {
  name: string;
  route: string;
  call: HttpCall;
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
}

export interface ScaleResult {
  small: number;
  large: number;
  seedSeconds: number;
  copiedItems: number;
  rows: ScaleRow[];
}

/** Points the functions' (cached) store at another table: the handlers read `tableName` on every call. */
function useTable<T>(tableName: string, fn: () => Promise<T>): Promise<T> {
  const store = storeFromEnv();
  const previous = store.tableName;
  store.tableName = tableName;
  return fn().finally(() => {
    store.tableName = previous;
  });
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
  const probes: Probe[] = [
    { name: 'manage: dashboard', route: 'manage-requests', call: { method: 'GET', path: `/api/manage/schools/${SHOWCASE.urn}/requests`, headers: { cookie: f.lead } } },
    { name: 'slots (90 days)', route: 'school-slots', call: { method: 'GET', path: `/api/schools/${SHOWCASE.urn}/slots?from=${from}&to=${addDays(from, 90)}` } },
    { name: 'manage: coverage', route: 'manage-coverage', call: { method: 'GET', path: `/api/manage/schools/${SHOWCASE.urn}/coverage`, headers: { cookie: f.lead } } },
  ].filter((p) => routeNames.has(p.route));

  const small = `${stack.tableName}-scale-small`;
  const large = `${stack.tableName}-scale-large`;
  // The table definition without its stream: nobody reads these tables' changes, and
  // DynamoDB Local writes a stream record for every item otherwise.
  for (const name of [small, large]) {
    const { StreamSpecification: _stream, ...input } = createTableInput(name);
    await unrecorded(() => useRawClient(stack.endpoint).send(new CreateTableCommand(input)));
  }
  const copiedItems = await copyShowcase(stack, f.lead, SHOWCASE.lead, [small, large]);
  let seedSeconds = await seedOtherSchools(stack, small, opts.small);
  seedSeconds += await seedOtherSchools(stack, large, opts.large, log);
  log(`  ${copiedItems} items of the showcase school copied to both tables; ${opts.small} and ${opts.large} other schools' requests written in ${seedSeconds.toFixed(0)} s`);

  const times = new Map<string, { small: number[]; large: number[] }>(probes.map((p) => [p.name, { small: [], large: [] }]));
  for (const p of probes) {
    for (const t of [small, large]) await useTable(t, () => http(stack.siteUrl, p.call)); // warm
  }
  let seed = 11;
  for (let r = 0; r < opts.rounds; r++) {
    for (const p of probes) {
      for (const which of shuffle(['small', 'large'] as const, seed++)) {
        const answer = await useTable(which === 'small' ? small : large, () => http(stack.siteUrl, p.call));
        if (answer.status !== 200) throw new Error(`${p.name} (${which}): ${answer.status} ${answer.body.toString().slice(0, 300)}`);
        times.get(p.name)?.[which].push(answer.ms);
      }
    }
  }
  const rows: ScaleRow[] = [];
  for (const p of probes) {
    const used = async (t: string) => totals((await useTable(t, () => recordedCall(stack, p.call, { capacity: true }))).calls);
    const [u0, u1] = [await used(small), await used(large)];
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
      rcuSmall: u0.rcu,
      rcuLarge: u1.rcu,
    });
  }
  for (const r of rows) log(`  ${r.name.padEnd(20)} p50 ${r.small.p50.toFixed(1)} → ${r.large.p50.toFixed(1)} ms (${r.ratioP50}×); items read ${r.scannedSmall} → ${r.scannedLarge}`);
  return { small: opts.small, large: opts.large, seedSeconds: round(seedSeconds, 1), copiedItems, rows };
}
