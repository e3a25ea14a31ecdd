// The SES API emulator (aws-ses-v2-local) in its own process: the functions send through
// the real SES SDK to it, and its inbox page shows what was sent.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { localListenHost, urlHost } from './env.ts';
import { freePort, waitFor } from './ports.ts';

export interface RunningSes {
  endpoint: string;
  inboxUrl: string;
  stop: () => Promise<void>;
}

/** What the emulator answers to GetAccount (the health check's proof that mail is up). */
const LOCAL_ACCOUNT = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: 'EN',
    MailType: 'TRANSACTIONAL',
    ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
    UseCaseDescription: 'Provider access booking emails (local emulator)',
    WebsiteURL: 'http://localhost',
  },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50000, MaxSendRate: 14, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
};

export async function startSesEmulator(options: { port?: number } = {}): Promise<RunningSes> {
  const port = options.port ?? (await freePort());
  const cli = createRequire(import.meta.url).resolve('aws-ses-v2-local/dist/cli.js');
  const child = spawn(process.execPath, [cli, '--host', localListenHost(), '--port', String(port)], {
    stdio: 'pipe',
    env: { ...process.env, AWS_SES_ACCOUNT: JSON.stringify(LOCAL_ACCOUNT) },
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  const endpoint = `http://${urlHost(localListenHost())}:${port}`;
  try {
    await waitFor('The SES emulator', async () => {
      if (exited) throw new Error(`it exited: ${output.trim().slice(-500)}`);
      const res = await fetch(`${endpoint}/health-check`);
      if (!res.ok) throw new Error(`health-check answered ${res.status}`);
    });
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    endpoint,
    inboxUrl: `${endpoint}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface InboxEmail {
  messageId: string;
  from: string;
  replyTo?: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: { filename?: string; content: string; contentType?: string }[];
  at: number;
}

/** What the emulator has received (its GET /store), for tests and the local inbox. */
export async function readInbox(endpoint: string): Promise<InboxEmail[]> {
  const res = await fetch(`${endpoint}/store`);
  const json = (await res.json()) as { emails: InboxEmail[] };
  return json.emails;
}
