// issue 12, item 9: on AWS a public write function may touch only the partition keys its
// route declares (touches.keys → dynamodb:LeadingKeys in its IAM policy). Run each one
// through what it really does, record every DynamoDB call it makes (all SDK clients send
// through one Smithy Client.prototype.send: the store's document client and Powertools'
// idempotency client alike), and check each call as IAM would: its action is granted, its
// index is declared, and every partition key it names matches a declared pattern. A key
// added to a use case without its route's declaration fails here, not as AccessDenied
// on AWS.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '#shared/domain/dates.ts';
import { leadingKeyPattern, tableActions } from '#infra/permissions.ts';
import { httpRoutes, type HttpRoute } from '#shared/routes.ts';
import { tableDefinition } from '#shared/store/table.ts';
import { confirmationTokenIn, isConfirmationFor } from '../support/confirmation.ts';
import { providerBody } from '../support/provider-body.ts';
import { schoolDay, startInProcessStack, tokenIn, type InProcessStack } from '../support/in-process-stack.ts';
import type { Call } from '../support/in-process.ts';

/** One DynamoDB request as IAM authorises it: an action, the index if any, the partition keys named. */
interface Access {
  action: string;
  index?: string;
  keys: string[];
}

type Input = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : String((v as { S?: string })?.S ?? ''));
const pkOf = (item: unknown) => str((item as Input | undefined)?.[tableDefinition.partitionKey]);

/** What IAM sees of a call: TransactWriteItems is authorised item by item as Put/Update/Delete/ConditionCheck. */
function accesses(command: string, input: Input): Access[] {
  // lib-dynamodb's commands (Get, Put…) are DynamoDB's (GetItem, PutItem…) with plain values.
  const op = ({ Get: 'GetItem', Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', BatchGet: 'BatchGetItem', BatchWrite: 'BatchWriteItem', TransactWrite: 'TransactWriteItems', TransactGet: 'TransactGetItems' } as Record<string, string>)[command] ?? command;
  const one = (action: string, item: unknown): Access => ({ action: `dynamodb:${action}`, keys: [pkOf(item)] });
  switch (op) {
    case 'GetItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return [one(op, input.Key)];
    case 'PutItem':
      return [one(op, input.Item)];
    case 'Query': {
      const index = input.IndexName as string | undefined;
      const pkName = index ? tableDefinition.globalIndexes.find((g) => g.name === index)?.partitionKey : tableDefinition.partitionKey;
      const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
      const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
      const eq = [...String(input.KeyConditionExpression).matchAll(/([#\w]+)\s*=\s*(:\w+)/g)].find(([, n]) => (names[n ?? ''] ?? n) === pkName);
      return [{ action: 'dynamodb:Query', ...(index ? { index } : {}), keys: [str(values[eq?.[2] ?? ''])] }];
    }
    case 'BatchGetItem':
      return [{ action: 'dynamodb:BatchGetItem', keys: Object.values(input.RequestItems as Record<string, { Keys: unknown[] }>).flatMap((r) => r.Keys.map(pkOf)) }];
    case 'BatchWriteItem':
      return [
        {
          action: 'dynamodb:BatchWriteItem',
          keys: Object.values(input.RequestItems as Record<string, { PutRequest?: { Item: unknown }; DeleteRequest?: { Key: unknown } }[]>).flatMap((r) =>
            r.map((w) => pkOf(w.PutRequest?.Item ?? w.DeleteRequest?.Key)),
          ),
        },
      ];
    case 'TransactWriteItems':
      return (input.TransactItems as Record<string, { Item?: unknown; Key?: unknown }>[]).flatMap((t) =>
        Object.entries(t).map(([kind, part]) => one({ Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' }[kind] ?? kind, part.Item ?? part.Key)),
      );
    default:
      return [{ action: `dynamodb:${op}`, keys: [] }];
  }
}

// Every SDK client's send, observed while `recording` is set (calls here run one at a time).
let recording: { op: string; input: Input }[] | undefined;
const smithy = Object.getPrototypeOf(DynamoDBClient.prototype) as { send: (this: unknown, command: unknown, ...rest: unknown[]) => Promise<unknown> };
const originalSend = smithy.send;

let stack: InProcessStack;
beforeAll(async () => {
  stack = await startInProcessStack('leading-keys');
  smithy.send = function send(this: unknown, command: unknown, ...rest: unknown[]) {
    const c = command as { constructor: { name: string }; input: Input };
    const service = (this as { config?: { serviceId?: string } }).config?.serviceId;
    if (recording && (service === undefined || service === 'DynamoDB')) recording.push({ op: c.constructor.name.replace(/Command$/, ''), input: c.input });
    return originalSend.call(this, command, ...rest);
  };
}, 60_000);
afterAll(async () => {
  smithy.send = originalSend;
  await stack?.stop();
});

const route = (name: string): HttpRoute => {
  const r = httpRoutes.find((x) => x.name === name);
  if (!r) throw new Error(`no route ${name}`);
  return r;
};
const matches = (pattern: string, key: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's').test(key);

/** Every access the route's function made during the call, with what its policy would refuse. */
const seen = new Map<string, Access[]>();
async function as(name: string, call: Call) {
  const calls: { op: string; input: Input }[] = [];
  recording = calls;
  try {
    return await stack.api(call);
  } finally {
    recording = undefined;
    seen.set(name, [...(seen.get(name) ?? []), ...calls.flatMap((c) => accesses(c.op, c.input))]);
  }
}

function refusals(name: string): string[] {
  const r = route(name);
  const declared = r.touches.keys;
  if (!declared) return [`${name} declares no keys`];
  const granted = new Set(tableActions(r.touches).concat(r.touches.table === 'write' ? ['dynamodb:ConditionCheckItem'] : []));
  const out: string[] = [];
  for (const a of seen.get(name) ?? []) {
    if (!granted.has(a.action)) out.push(`${a.action} is not granted`);
    const patterns = a.index ? declared.indexes?.[a.index as keyof typeof declared.indexes] : declared.table;
    if (!patterns) {
      out.push(`${a.action} on index ${a.index}, which is not declared`);
      continue;
    }
    if (a.keys.length === 0) out.push(`${a.action} names no partition key`);
    for (const k of a.keys) if (!patterns.map(leadingKeyPattern).some((p) => matches(p, k))) out.push(`${a.action}${a.index ? ` on ${a.index}` : ''}: key ${k} matches none of ${patterns.join(', ')}`);
  }
  return out;
}

describe('issue 12, item 9: each public write function touches only the partitions its route declares', () => {
  it('request-create: a proposed time and a slot, with an Idempotency-Key and a replay', async () => {
    const date = await schoolDay(stack.store, '990101', 40);
    const body = providerBody({ proposed: { date, start: '10:00', end: '10:45' }, contact: { name: 'Sam Provider', email: 'sam.keys@college.example', phone: '01632 960111' } });
    const headers = { 'idempotency-key': 'leading-keys-0001' };
    const first = await as('request-create', { method: 'POST', url: '/api/schools/990101/requests', body, headers });
    expect(first.status, first.text).toBe(201);
    expect((await as('request-create', { method: 'POST', url: '/api/schools/990101/requests', body, headers })).status).toBe(201);
    const from = addDays(new Date().toISOString().slice(0, 10), 30);
    const listed = await stack.api({ method: 'GET', url: `/api/schools/990101/slots?from=${from}&to=${addDays(from, 90)}` });
    const slot = (listed.json().slots as { opportunityId: string; date: string; placesLeft: number; yearGroups: number[] }[]).find((s) => s.placesLeft > 0);
    expect(slot).toBeDefined();
    const slotted = providerBody({ slot: { opportunityId: slot?.opportunityId, date: slot?.date }, yearGroups: slot?.yearGroups.slice(0, 1), contact: { name: 'Kim Provider', email: 'kim.keys@college.example', phone: '01632 960112' } });
    const booked = await as('request-create', { method: 'POST', url: '/api/schools/990101/requests', body: slotted });
    expect(booked.status, booked.text).toBe(201);
    expect(seen.get('request-create')?.length).toBeGreaterThan(5);
    expect(refusals('request-create')).toEqual([]);
  });

  it('request-check: the form checks a page of answers, then a whole request (issue 14, item 1)', async () => {
    const date = await schoolDay(stack.store, '990101', 40);
    const page = await as('request-check', { method: 'POST', url: '/api/schools/990101/requests/check', body: { proposed: { date, start: '10:00', end: '10:45' } } });
    expect(page.status, page.text).toBe(200);
    const whole = await as('request-check', { method: 'POST', url: '/api/schools/990101/requests/check', body: providerBody({ proposed: { date, start: '10:00', end: '10:45' } }) });
    expect(whole.status, whole.text).toBe(200);
    expect(refusals('request-check')).toEqual([]);
  });

  it('request-confirm: a first request confirmed from its email (issue 12, item 2)', async () => {
    await stack.deliverMail();
    const mail = (await stack.inbox()).filter(isConfirmationFor('sam.keys@college.example')).at(-1);
    expect(mail).toBeDefined();
    const res = await as('request-confirm', { method: 'POST', url: '/api/request-confirmations', body: { token: confirmationTokenIn(mail!) } });
    expect(res.status, res.text).toBe(200);
    expect(refusals('request-confirm')).toEqual([]);
  });

  let staffToken = '';
  let providerToken = '';
  it('auth-sign-in: a member of staff, a provider with requests, and an unknown address', async () => {
    await stack.deliverMail();
    for (const email of ['careers.lead@harbourview.example', 'sam.keys@college.example', 'nobody.keys@college.example']) {
      expect((await as('auth-sign-in', { method: 'POST', url: '/api/auth/sign-in', body: { email } })).status).toBe(202);
    }
    await stack.deliverMail();
    const inbox = await stack.inbox();
    const link = (to: string) => tokenIn(inbox.filter((m) => m.destination.to.some((t) => t.includes(to))).at(-1)!, /#token=([\w-]+)/);
    staffToken = link('careers.lead@harbourview.example');
    providerToken = link('sam.keys@college.example');
    expect(seen.get('auth-sign-in')?.some((a) => a.index === 'gsi2')).toBe(true);
    expect(refusals('auth-sign-in')).toEqual([]);
  });

  const cookies: string[] = [];
  it('auth-session: a staff link and a provider link become sessions', async () => {
    for (const token of [staffToken, providerToken]) {
      const res = await as('auth-session', { method: 'POST', url: '/api/auth/session', body: { token } });
      expect(res.status).toBe(200);
      cookies.push(res.cookies[0]?.split(';')[0] ?? '');
    }
    expect(refusals('auth-session')).toEqual([]);
  });

  it('auth-sign-out and auth-sign-out-everywhere', async () => {
    expect((await as('auth-sign-out', { method: 'POST', url: '/api/auth/sign-out', cookies: [cookies[1] ?? ''] })).status).toBe(200);
    expect((await as('auth-sign-out-everywhere', { method: 'POST', url: '/api/auth/sign-out-everywhere', cookies: [cookies[0] ?? ''] })).status).toBe(200);
    expect(seen.get('auth-sign-out-everywhere')?.some((a) => a.index === 'gsi1')).toBe(true);
    expect(refusals('auth-sign-out')).toEqual([]);
    expect(refusals('auth-sign-out-everywhere')).toEqual([]);
  });

  it('has exercised every public route that writes', () => {
    const publicWrites = httpRoutes.filter((r) => r.access === 'public' && r.touches.table === 'write').map((r) => r.name);
    expect([...seen.keys()].sort()).toEqual(publicWrites.sort());
  });
});
