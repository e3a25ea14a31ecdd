// The local imports bucket (issue 17, item 1): s3rver, a local S3 server, on a free port,
// its files in a directory of their own. Its `event` (S3's own event record shape, emitted
// after each PUT) calls the import function's handler as S3's notification does on AWS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3Event } from 'aws-lambda';
import { freePort } from './ports.ts';

export const LOCAL_IMPORT_BUCKET = 'provider-access-imports';

export interface RunningS3 {
  endpoint: string;
  bucket: string;
  /** Calls `handler` for every object created, as S3's event notification would. */
  onObjectCreated: (handler: (event: S3Event) => Promise<unknown>, log: (message: string, detail?: unknown) => void) => void;
  stop: () => Promise<void>;
}

export async function startLocalS3(options: { directory?: string } = {}): Promise<RunningS3> {
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), 'provider-access-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: await freePort(), silent: true, directory, configureBuckets: [{ name: LOCAL_IMPORT_BUCKET }] });
  const { port } = await server.run();
  const pending = new Set<Promise<unknown>>();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: LOCAL_IMPORT_BUCKET,
    onObjectCreated: (handler, log) => {
      server.on('event', (event: S3Event) => {
        if (!event.Records.some((r) => r.eventName.startsWith('ObjectCreated:'))) return;
        const run = handler(event)
          .catch((err: unknown) => log('import function failed', err))
          .finally(() => pending.delete(run));
        pending.add(run);
      });
    },
    stop: async () => {
      // A run under way gets a moment to write its end; a long one is left running (the run says so).
      await Promise.race([Promise.allSettled([...pending]), new Promise((r) => setTimeout(r, 5_000).unref())]);
      await server.close();
      if (!options.directory) rmSync(directory, { recursive: true, force: true });
    },
  };
}
