// The whole product on this machine: DynamoDB Local, the SES emulator, the table from the
// one definition, demo data, the site with every route of the route table, the stream
// poller and the schedule timers. `npm start` and the browser tests both use it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { S3Event } from 'aws-lambda';
import { eventRoutes } from '#shared/routes.ts';
import { createStore } from '#shared/store/client.ts';
import { startDynamoDbLocal, type RunningDynamoDb } from './dynamodb.ts';
import { applyLocalEnv, localListenHost } from './env.ts';
import { startSesEmulator, type RunningSes } from './ses.ts';
import { startLocalS3, type RunningS3 } from './s3.ts';
import { createLocalServer, loadHandler, REPO_ROOT } from './server.ts';
import { seedDemo, seedDemoShowcase, seedDemoWorkspace } from './seed.ts';
import { StreamPoller, type StreamHandler } from './stream-poller.ts';
import { startScheduleTimer, type ScheduledHandler } from './schedule-timer.ts';
import { ensureTable } from './table-setup.ts';

export interface LocalStackOptions {
  /** Where DynamoDB Local keeps its file; in memory when left out. */
  dataDir?: string;
  /** The hash key's file (made on first start); beside the data in dataDir when left out, or one for this process. */
  hashKeyFile?: string;
  /**
   * A DynamoDB Local already running (the tests' global one): use it instead of starting
   * another, and leave it running on stop. Give each user its own tableName.
   */
  dynamodbEndpoint?: string;
  port: number;
  tableName?: string;
  seed?: boolean;
  /**
   * With the seed, the demo college's workspace (issue 15, seedDemoWorkspace) and the
   * showcase (issue 16, seedDemoShowcase: delivered encounters, coverage, statements) too:
   * `npm start` only, so test stacks keep schools with nothing in them they did not make.
   */
  demoWorkspace?: boolean;
  /** A test's stand-in for CloudFront: see LocalEndpoints.originSecret (infra/local/env.ts). */
  originSecret?: string;
  log?: (message: string, detail?: unknown) => void;
}

export interface LocalStack {
  siteUrl: string;
  inboxUrl: string;
  dynamodb: RunningDynamoDb;
  ses: RunningSes;
  s3: RunningS3;
  tableName: string;
  seeded: { created: string[]; kept: string[] } | undefined;
  stop: () => Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const tableName = options.tableName ?? 'provider-access';
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    const dynamodb: RunningDynamoDb = options.dynamodbEndpoint
      ? { endpoint: options.dynamodbEndpoint, port: Number(new URL(options.dynamodbEndpoint).port), pid: undefined, stop: async () => undefined }
      : await startDynamoDbLocal({
          dataDir: options.dataDir,
          onUnexpectedExit: (code) =>
            log(`DynamoDB Local stopped unexpectedly (exit ${code}); the API answers 503 until npm start is restarted`),
        });
    stops.push(() => dynamodb.stop());
    const ses = await startSesEmulator();
    stops.push(() => ses.stop());
    const s3 = await startLocalS3(options.dataDir ? { directory: join(options.dataDir, 's3') } : {});
    stops.push(() => s3.stop());
    const siteUrl = `http://localhost:${options.port}`;
    const hashKeyFile = options.hashKeyFile ?? (options.dataDir ? join(options.dataDir, 'hash-key') : undefined);
    applyLocalEnv({
      tableName,
      dynamodbEndpoint: dynamodb.endpoint,
      sesEndpoint: ses.endpoint,
      s3Endpoint: s3.endpoint,
      importBucket: s3.bucket,
      siteUrl,
      ...(options.originSecret ? { originSecret: options.originSecret } : {}),
      ...(hashKeyFile ? { hashKeyFile } : {}),
    });

    const { streamArn } = await ensureTable(dynamodb.endpoint, tableName);
    const seeded = options.seed ? await seedDemo(createStore({ tableName, endpoint: dynamodb.endpoint })) : undefined;
    if (options.seed && options.demoWorkspace) {
      const store = createStore({ tableName, endpoint: dynamodb.endpoint });
      await seedDemoWorkspace(store);
      const showcase = await seedDemoShowcase(store);
      for (const skipped of showcase.skipped) log(`demo showcase: left out ${skipped}`);
    }

    // The built site (`npm start` builds it first; build it here when nobody has).
    const staticRoot = join(REPO_ROOT, 'web', 'dist');
    if (!existsSync(join(staticRoot, 'index.html'))) {
      const { buildWebOnce } = await import('../../web/build.ts');
      await buildWebOnce();
    }
    const server = createLocalServer({
      staticRoot,
      redirects: { '/local/inbox': ses.inboxUrl },
      // As CloudFront sends /imports/* to the imports bucket (infra/site.ts).
      proxies: { '/imports/': `${s3.endpoint}/${s3.bucket}` },
    });
    await listen(server, options.port);
    stops.push(() => new Promise<void>((r) => server.close(() => r())));
    stops.push(() => server.closeAllConnections());

    for (const route of eventRoutes) {
      if (route.kind === 'table-stream') {
        const handler = (await loadHandler(route.module)) as unknown as StreamHandler;
        const poller = new StreamPoller({
          endpoint: dynamodb.endpoint,
          streamArn,
          handler,
          log,
          ...(options.dataDir ? { checkpointFile: join(options.dataDir, `stream-${route.name}.json`) } : {}),
        });
        poller.start();
        stops.push(() => poller.stop());
      } else if (route.kind === 'import-upload') {
        s3.onObjectCreated((await loadHandler(route.module)) as unknown as (event: S3Event) => Promise<unknown>, log);
      } else if (route.schedule) {
        const handler = (await loadHandler(route.module)) as unknown as ScheduledHandler;
        stops.push(startScheduleTimer(route.name, handler, route.schedule.localEveryMinutes * 60_000, log));
      }
    }
    return { siteUrl, inboxUrl: `${siteUrl}/local/inbox`, dynamodb, ses, s3, tableName, seeded, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new Error(`Port ${port} is in use: stop what uses it, or run with PORT=<another port>.`) : err);
    });
    server.listen(port, localListenHost(), () => resolve());
  });
}
