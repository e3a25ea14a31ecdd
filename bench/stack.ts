// The bench's own local stack, on free ports, in memory: the same pieces as
// infra/local/stack.ts (DynamoDB Local, the SES emulator, the table from the one
// definition, the demo trust, the local server dispatching the route table to the real
// handlers through the API Gateway adapter, the mailer on the table's stream), with two
// differences that keep timings clean:
//
// - the mailer runs only when the bench asks (`deliverMail`), never during a timing, and
//   never over the 100,000 rows the scale phase writes;
// - an HTTP call carrying `x-bench-record: <id>` is handled inside that recording's scope,
//   so the AWS calls one HTTP request causes are captured (bench/recorder.ts).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { DynamoDBRecord } from 'aws-lambda';
import { startDynamoDbLocal, type RunningDynamoDb } from '#infra/local/dynamodb.ts';
import { applyLocalEnv } from '#infra/local/env.ts';
import { freePort } from '#infra/local/ports.ts';
import { readInbox, startSesEmulator, type RunningSes } from '#infra/local/ses.ts';
import { seedDemo } from '#infra/local/seed.ts';
import { createLocalServer, loadHandler, REPO_ROOT } from '#infra/local/server.ts';
import { StreamPoller } from '#infra/local/stream-poller.ts';
import { ensureTable } from '#infra/local/table-setup.ts';
import { createStore, type Store } from '#shared/store/client.ts';
import { buildWeb, type PageWeight } from '../web/build.ts';
import { BENCH_ORIGIN_SECRET } from './fixtures.ts';
import { record, useRawClient, type Recording } from './recorder.ts';
import { markReturningProviders } from './fixtures.ts';

export const SCRATCH = join(REPO_ROOT, 'node_modules', '.cache', 'bench');

/** How long the mailer waits between two polls of the stream: the StreamPoller's default, which `npm start` (infra/local/stack.ts) runs with. */
export const MAILER_INTERVAL_MS = 250;

export interface BenchStack {
  siteUrl: string;
  endpoint: string;
  tableName: string;
  /** A store of the bench's own (not the functions' cached one). */
  store: Store;
  ses: RunningSes;
  dynamodb: RunningDynamoDb;
  webWeights: PageWeight[];
  /** Registers a recording for calls sent with header x-bench-record: id. */
  recordAs: (id: string, recording: Recording) => () => void;
  /** Runs the mailer over the stream until nothing new is left; returns emails sent. */
  deliverMail: () => Promise<number>;
  /** Moves the mailer's position to the end of the stream without sending anything. */
  skipMail: () => Promise<void>;
  /** Runs the mailer as `npm start` does (poll, wait MAILER_INTERVAL_MS, poll…) until the answer is called. */
  runMailer: () => () => Promise<void>;
  stop: () => Promise<void>;
}

export async function startBenchStack(log: (line: string) => void): Promise<BenchStack> {
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await Promise.resolve(s()).catch(() => undefined);
    stops.length = 0;
  };
  try {
    const tableName = 'provider-access-bench';
    await mkdir(SCRATCH, { recursive: true });
    const [dynamodb, ses, web] = await Promise.all([
      startDynamoDbLocal(),
      startSesEmulator(),
      buildWeb({ outDir: join(SCRATCH, 'web') }),
    ]);
    stops.push(() => dynamodb.stop());
    stops.push(() => ses.stop());
    log(`DynamoDB Local on ${dynamodb.endpoint}, SES emulator on ${ses.endpoint}, site built`);

    const port = await freePort();
    const siteUrl = `http://localhost:${port}`;
    applyLocalEnv({ tableName, dynamodbEndpoint: dynamodb.endpoint, sesEndpoint: ses.endpoint, siteUrl, originSecret: BENCH_ORIGIN_SECRET });
    process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
    const { streamArn } = await ensureTable(dynamodb.endpoint, tableName);
    const store = createStore({ tableName, endpoint: dynamodb.endpoint });
    await seedDemo(store);
    await markReturningProviders(store);
    useRawClient(dynamodb.endpoint);

    const recordings = new Map<string, Recording>();
    const server: Server = createLocalServer({ staticRoot: web.outDir, redirects: { '/local/inbox': ses.inboxUrl } });
    const [listener] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
    if (!listener) throw new Error('the local server has no request listener');
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const id = req.headers['x-bench-record'];
      const recording = typeof id === 'string' ? recordings.get(id) : undefined;
      if (recording) void record(recording, async () => listener(req, res));
      else listener(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => resolve());
    });
    stops.push(() => new Promise<void>((r) => server.close(() => r())));
    stops.push(() => server.closeAllConnections());

    // The mailer, exactly as the stack wires it, but polled on demand.
    const notify = (await loadHandler('functions/notify.ts')) as unknown as (e: { Records: DynamoDBRecord[] }) => Promise<unknown>;
    let sending = true;
    const poller = new StreamPoller({
      endpoint: dynamodb.endpoint,
      streamArn,
      batchSize: 1000,
      maxRetries: 20,
      handler: async (event) => (sending ? ((await notify(event)) as { batchItemFailures: { itemIdentifier: string }[] }) : { batchItemFailures: [] }),
    });
    stops.push(() => poller.stop());
    const drain = async () => {
      let total = 0;
      for (let idle = 0, rounds = 0; idle < 2 && rounds < 10_000; rounds++) {
        const n = await poller.pollOnce();
        total += n;
        idle = n === 0 ? idle + 1 : 0;
      }
      return total;
    };

    return {
      siteUrl,
      endpoint: dynamodb.endpoint,
      tableName,
      store,
      ses,
      dynamodb,
      webWeights: web.pages,
      recordAs: (id, recording) => {
        recordings.set(id, recording);
        return () => recordings.delete(id);
      },
      deliverMail: async () => {
        const before = (await readInbox(ses.endpoint)).length;
        sending = true;
        await drain();
        return (await readInbox(ses.endpoint)).length - before;
      },
      runMailer: () => {
        // The same loop as StreamPoller.start (the wait starts when a poll ends), on this poller and its position.
        let on = true;
        const loop = (async () => {
          while (on) {
            await poller.pollOnce().catch(() => undefined);
            if (on) await new Promise((r) => setTimeout(r, MAILER_INTERVAL_MS));
          }
        })();
        return async () => {
          on = false;
          await loop;
        };
      },
      skipMail: async () => {
        sending = false;
        try {
          await drain();
        } finally {
          sending = true;
        }
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
