// Issue 12, item 11: the local stack's site and SES emulator listen on loopback only, so
// nobody else on the network reaches a developer's demo data, unless HOST says otherwise.
// Read from the kernel's own table of listening sockets (/proc/net/tcp), not from our code.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { freePort } from '#infra/local/ports.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';

/** The IPv4 addresses listening on a TCP port, from /proc/net/tcp (state 0A is LISTEN). */
function listeningAddresses(port: number): string[] {
  const rows = readFileSync('/proc/net/tcp', 'utf8').trim().split('\n').slice(1);
  const out: string[] = [];
  for (const row of rows) {
    const [, local, , state] = row.trim().split(/\s+/);
    const [hexIp, hexPort] = (local ?? '').split(':');
    if (state !== '0A' || parseInt(hexPort ?? '', 16) !== port || !hexIp) continue;
    const bytes = hexIp.match(/../g)!.map((b) => parseInt(b, 16)).reverse();
    out.push(bytes.join('.'));
  }
  return out;
}

let stack: LocalStack | undefined;
const saved = process.env.HOST;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
  if (saved === undefined) delete process.env.HOST;
  else process.env.HOST = saved;
});

async function start(): Promise<LocalStack> {
  stack = await startLocalStack({ port: await freePort(), dynamodbEndpoint: inject('dynamodbEndpoint'), tableName: `host-${randomUUID().slice(0, 8)}` });
  return stack;
}

describe('local stack: where it listens (issue 12, item 11)', () => {
  it('the site and the SES emulator listen on 127.0.0.1 only when HOST is not set', async () => {
    delete process.env.HOST;
    const s = await start();
    expect(listeningAddresses(Number(new URL(s.siteUrl).port))).toEqual(['127.0.0.1']);
    expect(listeningAddresses(Number(new URL(s.ses.endpoint).port))).toEqual(['127.0.0.1']);
    expect((await fetch(`${s.siteUrl}/api/health`)).status).toBe(200);
  });

  it('HOST=0.0.0.0 opens them to the network on purpose', async () => {
    process.env.HOST = '0.0.0.0';
    const s = await start();
    expect(listeningAddresses(Number(new URL(s.siteUrl).port))).toEqual(['0.0.0.0']);
    expect(listeningAddresses(Number(new URL(s.ses.endpoint).port))).toEqual(['0.0.0.0']);
    // (Not /api/health: the mail client of this process still points at the first test's emulator.)
    expect((await fetch(`${s.siteUrl}/`)).status).toBe(200);
  });
});
