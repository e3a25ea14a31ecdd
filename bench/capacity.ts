// Item 1, capacity: DynamoDB request units per flow (ReturnConsumedCapacity TOTAL on every
// call the flow makes, summed; Powertools' idempotency client included), and what the
// mailer then does for it on the stream (emails, its own units, its time).
import { performance } from 'node:perf_hooks';
import { recordedCall, type Fixtures } from './api.ts';
import { BUSY, createCall, createRequests, createSlotCall, decisionCall, expectStatus, SHOWCASE, SLOTTED } from './fixtures.ts';
import type { HttpCall } from './http.ts';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { itemSize, record, totals, unrecorded, useRawClient, type Item, type RecordedCall, type Recording } from './recorder.ts';
import type { BenchStack } from './stack.ts';
import { median, round } from './stats.ts';

export interface FlowUnits {
  flow: string;
  calls: number;
  /** Per call: median of the flow's calls. */
  rcu: number;
  wcu: number;
  estimated: boolean;
  dynamoCalls: number;
  ops: string[];
  emails: number;
  mailer: { rcu: number; wcu: number; ms: number; records: number; ops: string[] };
  target?: { wcu: number };
  /** The first call's DynamoDB calls with their units. */
  breakdown: { op: string; rcu: number; wcu: number; estimated: boolean; items: number }[];
}

export interface CapacityResult {
  flows: FlowUnits[];
  /** Whether DynamoDB Local reported units for every call (else estimates were used). */
  reported: boolean;
  /** What one approved request leaves in the table: its item (and its two index copies), events, mail markers. */
  stored: { kb: number; items: string };
}

/** DynamoDB bills 100 bytes of overhead per item stored (and per index copy). */
async function storedOf(stack: BenchStack, urn: string, id: string) {
  const client = useRawClient(stack.endpoint);
  const query = (prefix: string) =>
    unrecorded(async () =>
      ((
        await client.send(
          new QueryCommand({
            TableName: stack.tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
            ExpressionAttributeValues: { ':pk': { S: `SCHOOL#${urn}` }, ':p': { S: prefix } },
            ConsistentRead: true,
          }),
        )
      ).Items ?? []) as Item[],
    );
  const [own, markers] = await Promise.all([query(`REQ#${id}`), query(`MAIL#REQ#${id}`)]);
  let bytes = 0;
  let events = 0;
  for (const item of own) {
    const copies = item.gsi1pk ? 1 + (item.gsi2pk ? 1 : 0) + 1 : 1;
    bytes += copies * (itemSize(item) + 100);
    if (!item.gsi1pk) events++;
  }
  for (const item of markers) bytes += itemSize(item) + 100;
  return { kb: round(bytes / 1024, 2), items: `1 request item (+2 index copies), ${events} events, ${markers.length} mail markers` };
}

function summarise(calls: RecordedCall[]): string[] {
  const by = new Map<string, { n: number; rcu: number; wcu: number }>();
  for (const c of calls) {
    const key = c.error ? `${c.op} (${c.error})` : c.op;
    const e = by.get(key) ?? { n: 0, rcu: 0, wcu: 0 };
    e.n++;
    e.rcu += c.rcu;
    e.wcu += c.wcu;
    by.set(key, e);
  }
  return [...by].map(([op, e]) => `${e.n}× ${op} (${e.wcu ? `${round(e.wcu)} WCU` : `${round(e.rcu)} RCU`})`);
}

async function flow(stack: BenchStack, name: string, calls: HttpCall[], status: number, target?: { wcu: number }): Promise<FlowUnits> {
  await stack.skipMail();
  const made: RecordedCall[][] = [];
  for (const call of calls) {
    const { answer, calls: c } = await recordedCall(stack, call, { capacity: true });
    expectStatus(answer, status, name);
    made.push(c.filter((x) => x.service !== 'other'));
  }
  const mail: Recording = { calls: [], capacity: true };
  const t0 = performance.now();
  const emails = await record(mail, () => stack.deliverMail());
  const ms = performance.now() - t0;
  const mailer = totals(mail.calls.filter((c) => c.service === 'dynamodb'));
  const per = made.map((c) => totals(c));
  const n = calls.length;
  return {
    flow: name,
    calls: n,
    rcu: round(median(per.map((p) => p.rcu))),
    wcu: round(median(per.map((p) => p.wcu))),
    estimated: per.some((p) => p.estimated),
    dynamoCalls: median(per.map((p) => p.dynamoCalls)),
    ops: per[0]?.ops ?? [],
    emails: round(emails / n),
    mailer: {
      rcu: round(mailer.rcu / n),
      wcu: round(mailer.wcu / n),
      ms: round(ms / n, 1),
      records: mail.calls.length,
      // What the mailer did for all n calls of the flow, op by op (units summed).
      ops: summarise(mail.calls.filter((c) => c.service === 'dynamodb')),
    },
    ...(target ? { target } : {}),
    breakdown: (made[0] ?? [])
      .filter((c) => c.service === 'dynamodb')
      .map((c) => ({ op: c.error ? `${c.op} (${c.error})` : c.op, rcu: c.rcu, wcu: c.wcu, estimated: c.estimated, items: Math.max(1, c.writes.length) })),
  };
}

export async function capacityPerFlow(stack: BenchStack, f: Fixtures, k: number, log: (l: string) => void): Promise<CapacityResult> {
  const { siteUrl } = stack;
  const pending = async (count: number) => createRequests(siteUrl, Array.from({ length: count }, () => createCall(siteUrl, BUSY.urn, f.busyEncounter())));
  const toApprove = await pending(k);
  const toDecline = await pending(k);
  // Slots not used by the latency phase: the last Fridays of the list.
  const slotDays = f.slotDates.slice(-Math.ceil(k / 3) - 1);
  const flows: FlowUnits[] = [];
  flows.push(await flow(stack, 'create (proposed time)', Array.from({ length: k }, () => createCall(siteUrl, BUSY.urn, f.busyEncounter())), 201, { wcu: 6 }));
  flows.push(await flow(stack, 'create (slot)', Array.from({ length: k }, (_, i) => createSlotCall(siteUrl, SLOTTED.urn, SLOTTED.opportunityId, slotDays[Math.floor(i / 3)] as string, 8)), 201, { wcu: 6 }));
  flows.push(await flow(stack, 'approve', toApprove.map((id) => decisionCall(siteUrl, f.busyLead, id, 'approve')), 200, { wcu: 8 }));
  flows.push(await flow(stack, 'decline', toDecline.map((id) => decisionCall(siteUrl, f.busyLead, id, 'decline')), 200));
  flows.push(
    await flow(
      stack,
      'dashboard load',
      Array.from({ length: k }, () => ({ method: 'GET', path: `/api/manage/schools/${SHOWCASE.urn}/requests`, headers: { cookie: f.lead } })),
      200,
    ),
  );
  for (const fl of flows) {
    log(`  ${fl.flow.padEnd(24)} ${fl.rcu} RCU, ${fl.wcu} WCU${fl.estimated ? ' (part estimated)' : ''} in ${fl.dynamoCalls} calls; ${fl.emails} emails (mailer ${fl.mailer.rcu} RCU, ${fl.mailer.wcu} WCU)`);
  }
  const stored = await storedOf(stack, BUSY.urn, toApprove[0] as string);
  log(`  one approved request stores ${stored.kb} KB (${stored.items})`);
  return { flows, reported: !flows.some((fl) => fl.estimated), stored };
}
