// Exactly one email per event and recipient through failures, with the real mailer
// (functions/notify.ts) fed by the real stream poller (partial batch failures retried from
// the failed record, a throwing handler retried whole) and the SES emulator behind a proxy
// that fails on purpose (test/support/flaky-ses.ts). Each test has its own table; the
// proof is the emulator's inbox (one copy of each expected email, nothing else) and the
// mail-log items (one per email, each with the SES message id of the email in the inbox).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { readInbox, startSesEmulator, type InboxEmail, type RunningSes } from '#infra/local/ses.ts';
import { seedDemo } from '#infra/local/seed.ts';
import { StreamPoller } from '#infra/local/stream-poller.ts';
import { notify } from '#functions/notify.ts';
import { REPO_ROOT } from '#infra/local/server.ts';
import type { Store } from '#shared/store/client.ts';
import { queueEmail } from '#shared/store/outbox.ts';
import { receiveRequest } from '#shared/domain/state-machine.ts';
import { createRequest, createUnconfirmedRequest } from '#shared/store/requests.ts';
import { startFlakySes, type FlakySes } from '../support/flaky-ses.ts';
import { SITE_URL } from '../support/in-process-stack.ts';
import { createdEvent, sampleRequest } from '../support/requests.ts';
import { scanAll } from '../support/scan.ts';
import { createTestTable, type TestTable } from '../support/table.ts';

const LEAD = 'careers.lead@harbourview.example';
let ses: RunningSes;
let flaky: FlakySes;

beforeAll(async () => {
  ses = await startSesEmulator();
  flaky = await startFlakySes(ses.endpoint);
  // Set before the mailer's SES client is first made: every send goes through the proxy.
  process.env.SES_ENDPOINT = flaky.endpoint;
  process.env.SITE_URL = SITE_URL;
}, 60_000);

afterAll(async () => {
  await flaky?.stop();
  await ses?.stop();
});

beforeEach(async () => {
  await fetch(`${ses.endpoint}/clear-store`, { method: 'POST' });
  flaky.plan = () => 'forward';
});

interface Expected {
  to: string;
  subject: string;
}

/**
 * A table with the demo schools, `requests` new requests, `signIns` queued sign-in links,
 * and one first request waiting for its provider's confirmation (issue 12, item 2).
 */
async function tableWithWork(tag: string, requests: number, signIns: number): Promise<{ table: TestTable; expected: Expected[] }> {
  const table = await createTestTable(`mail-${tag}`);
  await seedDemo(table.store);
  const expected: Expected[] = [];
  for (let i = 0; i < requests; i++) {
    const email = `${tag}${i}@college.example`;
    const r = sampleRequest({ provider: { organisation: `${tag} College ${i}`, type: 'fe_college' }, contact: { name: `Contact ${i}`, email, phone: '01632 960100' }, providerEmail: email });
    await createRequest(table.store, r, createdEvent(r));
    expected.push({ to: LEAD, subject: `Provider access request: ${tag} College ${i},` }, { to: email, subject: 'Request sent to Harbour View Academy' });
  }
  for (let j = 0; j < signIns; j++) {
    const email = `${tag}-signin${j}@college.example`;
    await queueEmail(table.store, { kind: 'sign-in-link', email, sessionKind: 'provider', next: '/requests/' });
    expected.push({ to: email, subject: 'Sign in to your organisation on Provider access' });
  }
  const first = `${tag}-first@college.example`;
  const now = new Date();
  const waiting = receiveRequest(sampleRequest({ contact: { name: 'First Time', email: first, phone: '01632 960100' }, providerEmail: first, version: 0 }), now.toISOString());
  await createUnconfirmedRequest(table.store, waiting, now);
  expected.push({ to: first, subject: 'Confirm your provider access request to Harbour View Academy' });
  return { table, expected };
}

function poller(table: TestTable, handler: (e: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void> = (e) => notify(table.store, e.Records)) {
  return new StreamPoller({ endpoint: table.endpoint, streamArn: table.streamArn, handler, maxRetries: 10_000 });
}

/** Polls until `done`, then two more idle rounds, as the mapping would keep polling. */
async function drain(p: StreamPoller, done: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !(await done())) {
    if ((await p.pollOnce()) === 0) await new Promise((r) => setTimeout(r, 50));
  }
  for (let idle = 0; idle < 2 && Date.now() < deadline; ) idle = (await p.pollOnce()) === 0 ? idle + 1 : 0;
}

const matches = (e: InboxEmail, x: Expected) => e.subject.startsWith(x.subject) && e.destination.to.some((t) => t.includes(x.to));

async function inboxHolds(expected: Expected[]): Promise<boolean> {
  const inbox = await readInbox(ses.endpoint);
  return expected.every((x) => inbox.some((e) => matches(e, x)));
}

/** Each expected email exactly once, nothing else; one mail-log item each, with its message id. */
async function expectExactlyOnce(store: Store, expected: Expected[]) {
  const inbox = await readInbox(ses.endpoint);
  const copies = expected.map((x) => [`${x.to} ${x.subject}`, inbox.filter((e) => matches(e, x)).length] as const);
  expect(copies.filter(([, n]) => n !== 1)).toEqual([]);
  expect(inbox).toHaveLength(expected.length);
  const log = (await scanAll(store)).filter((i) => i.itemType === 'mailSent');
  expect(log).toHaveLength(expected.length);
  expect(log.filter((i) => typeof i.messageId !== 'string' || !i.messageId)).toEqual([]);
  expect(new Set(log.map((i) => i.messageId))).toEqual(new Set(inbox.map((e) => e.messageId)));
}

describe('email through failures: exactly once', () => {
  it('SES unreachable, then answering 500, throttling and dropping connections, then back: every email once', { timeout: 90_000 }, async () => {
    const { table, expected } = await tableWithWork('outage', 5, 3);
    const p = poller(table);

    // Nothing listens on the SES port: every attempt fails, the claim is released, the record retried.
    await flaky.close();
    for (let round = 0; round < 4; round++) await p.pollOnce();
    expect(await readInbox(ses.endpoint)).toHaveLength(0);
    expect((await scanAll(table.store)).filter((i) => i.itemType === 'mailSent')).toEqual([]);

    // SES back, but failing the next 12 sends (500, throttling, dropped connection in turn).
    await flaky.listen();
    const failFrom = flaky.stats.sends;
    const failures = ['error500', 'throttle', 'drop'] as const;
    flaky.plan = (n) => (n - failFrom < 12 ? failures[(n - failFrom) % 3]! : 'forward');
    await drain(p, () => inboxHolds(expected));
    await p.stop();

    expect(flaky.stats.failed).toBeGreaterThanOrEqual(12);
    expect(flaky.stats.forwarded).toBe(expected.length);
    await expectExactlyOnce(table.store, expected);
  });

  it('the stream handler crashing mid-batch (after some emails went out) is retried whole: none lost, none doubled', { timeout: 90_000 }, async () => {
    const { table, expected } = await tableWithWork('crash', 5, 2);
    let crashes = 0;
    let sentSinceCrash = 0;
    // The real mailer, record by record; every third email sent, the "Lambda" dies before
    // answering, so the poller delivers the whole batch again.
    const crashing = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
      for (const record of event.Records) {
        const before = flaky.stats.forwarded;
        const out = await notify(table.store, [record]);
        if (out.batchItemFailures.length > 0) return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
        sentSinceCrash += flaky.stats.forwarded - before;
        if (crashes < 3 && sentSinceCrash >= 3) {
          crashes++;
          sentSinceCrash = 0;
          throw new Error('the mailer died mid-batch');
        }
      }
      return { batchItemFailures: [] };
    };
    const p = poller(table, crashing);
    await drain(p, () => inboxHolds(expected));
    await p.stop();
    expect(crashes).toBe(3);
    await expectExactlyOnce(table.store, expected);
  });

  it('a mailer killed between claiming an email and sending it: the claim is a lease, taken over when it runs out', { timeout: 90_000 }, async () => {
    const { table, expected } = await tableWithWork('killed', 2, 0);
    // The first send is held (never answered): the child has claimed it and waits on SES.
    const firstSend = flaky.stats.sends;
    flaky.plan = (n) => (n === firstSend ? 'hold' : 'forward');
    const held = flaky.nextHold();
    const child = spawn(process.execPath, [join(REPO_ROOT, 'test/reliability/mailer-child.ts')], {
      env: { ...process.env, DYNAMODB_ENDPOINT: table.endpoint, TABLE_NAME: table.tableName, STREAM_ARN: table.streamArn, SES_ENDPOINT: flaky.endpoint },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let childOutput = '';
    child.stderr.on('data', (d: Buffer) => (childOutput += d.toString()));
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    await Promise.race([held, exited.then(() => Promise.reject(new Error(`the mailer child exited: ${childOutput.slice(-800)}`)))]);
    child.kill('SIGKILL');
    await exited;

    // What it left: a claim without a message id, and nothing in the inbox.
    const claims = (await scanAll(table.store)).filter((i) => i.itemType === 'mailSent');
    expect(claims).toHaveLength(1);
    expect(claims[0]?.messageId).toBeUndefined();
    expect(await readInbox(ses.endpoint)).toHaveLength(0);

    // The stream delivers the unfinished batch again. While the claim is young, the record
    // fails (the send may still be in flight elsewhere) instead of being taken as sent.
    const p = poller(table);
    for (let round = 0; round < 3; round++) await p.pollOnce();
    expect(await readInbox(ses.endpoint)).toHaveLength(0);

    // The lease runs out (as if CLAIM_LEASE_SECONDS had passed): the next delivery takes it over.
    const claim = claims[0] ?? {};
    await table.store.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { pk: claim.pk, sk: claim.sk },
        UpdateExpression: 'SET claimedAt = :old',
        ExpressionAttributeValues: { ':old': new Date(Date.now() - 60 * 60 * 1000).toISOString() },
      }),
    );
    await drain(p, () => inboxHolds(expected));
    await p.stop();
    expect(flaky.stats.held).toBe(1);
    await expectExactlyOnce(table.store, expected);
  });
});
