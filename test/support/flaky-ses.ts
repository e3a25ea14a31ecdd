// A small HTTP front for the SES emulator that fails on purpose: each SendEmail call (v2) is
// answered as the test's plan says (500, throttling, a dropped connection, a held request
// that never gets an answer) or passed on to the real emulator. It can also stop listening
// altogether (connection refused) and come back on the same port.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { freePort } from '#infra/local/ports.ts';

/** 'reject': SES's MessageRejected, which names the refused recipients (as in the sandbox). */
export type Outcome = 'forward' | 'error500' | 'throttle' | 'drop' | 'hold' | 'reject';

export interface FlakySes {
  endpoint: string;
  /** What to do with the n-th SendEmail call (0-based, counted over the proxy's life). */
  plan: (n: number) => Outcome;
  readonly stats: { sends: number; forwarded: number; failed: number; held: number };
  /** Resolves when a send is being held (the caller has claimed it and is waiting on SES). */
  nextHold: () => Promise<void>;
  /** Stops listening (callers get ECONNREFUSED); `listen` brings it back on the same port. */
  close: () => Promise<void>;
  listen: () => Promise<void>;
  stop: () => Promise<void>;
}

/** An SES v2 error as the service answers it (REST JSON: the code in x-amzn-ErrorType). */
function sesError(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': code, 'x-amzn-requestid': 'flaky' }).end(JSON.stringify({ message }));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startFlakySes(target: string, plan: (n: number) => Outcome = () => 'forward'): Promise<FlakySes> {
  const port = await freePort();
  const stats = { sends: 0, forwarded: 0, failed: 0, held: 0 };
  const sockets = new Set<Socket>();
  let holdWaiters: (() => void)[] = [];
  const self: FlakySes = {
    endpoint: `http://127.0.0.1:${port}`,
    plan,
    stats,
    nextHold: () => new Promise((r) => holdWaiters.push(r)),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
    listen: () => new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r())),
    stop: async () => {
      for (const s of sockets) s.destroy();
      if (server.listening) await new Promise<void>((r) => server.close(() => r()));
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    const isSend = req.method === 'POST' && (req.url ?? '').startsWith('/v2/email/outbound-emails');
    const outcome: Outcome = isSend ? self.plan(stats.sends++) : 'forward';
    if (outcome === 'error500') {
      stats.failed++;
      sesError(res, 500, 'InternalFailure', 'flaky');
      return;
    }
    if (outcome === 'throttle') {
      stats.failed++;
      sesError(res, 429, 'TooManyRequestsException', 'Maximum sending rate exceeded.');
      return;
    }
    if (outcome === 'reject') {
      stats.failed++;
      const to = (JSON.parse(body.toString('utf8')) as { Destination?: { ToAddresses?: string[] } }).Destination?.ToAddresses ?? [];
      sesError(res, 400, 'MessageRejected', `Email address is not verified. The following identities failed the check in region EU-WEST-2: ${to.join(', ')}`);
      return;
    }
    if (outcome === 'drop') {
      stats.failed++;
      req.socket.destroy();
      return;
    }
    if (outcome === 'hold') {
      // Never answered: the caller waits on SES until it is killed or the socket is dropped.
      stats.held++;
      const waiters = holdWaiters;
      holdWaiters = [];
      for (const w of waiters) w();
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
    const out = await fetch(`${target}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body.length ? { body: new Uint8Array(body) } : {}) });
    if (isSend) stats.forwarded++;
    const responseHeaders: Record<string, string> = {};
    out.headers.forEach((v, k) => {
      if (k !== 'content-length' && k !== 'transfer-encoding' && k !== 'content-encoding') responseHeaders[k] = v;
    });
    res.writeHead(out.status, responseHeaders).end(Buffer.from(await out.arrayBuffer()));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await self.listen();
  return self;
}
