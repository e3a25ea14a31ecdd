// The local server on a free port with the functions pointed at a test table and a fresh
// SES emulator: the same dispatch `npm start` uses, without the demo data.
import type { Server } from 'node:http';
import { join } from 'node:path';
import { createLocalServer, REPO_ROOT } from '#infra/local/server.ts';
import { startSesEmulator, type RunningSes } from '#infra/local/ses.ts';
import { freePort } from '#infra/local/ports.ts';
import { viaCloudFront } from './cloudfront.ts';
import { useTableForFunctions, type TestTable } from './table.ts';

export interface TestSite {
  url: string;
  ses: RunningSes;
  stop: () => Promise<void>;
}

export async function startTestSite(table: TestTable): Promise<TestSite> {
  const ses = await startSesEmulator();
  useTableForFunctions(table);
  process.env.SES_ENDPOINT = ses.endpoint;
  const server: Server = createLocalServer({ staticRoot: join(REPO_ROOT, 'web', 'dist'), redirects: { '/local/inbox': ses.inboxUrl } });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${port}`;
  process.env.SITE_URL = url;
  return {
    url,
    ses,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await ses.stop();
    },
  };
}

// Test assertions read answers loosely; the schemas are checked by the code under test.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export async function json(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}

/**
 * Calls to a local site as the site's own pages make them behind CloudFront: JSON, same
 * origin, an optional session cookie, and each call from its own viewer address in
 * `network` (10.x), so the per-IP rate limits a test is not about never get in its way.
 */
export function siteCaller(siteUrl: () => string, network: string) {
  let calls = 0;
  return (path: string, init: RequestInit & { cookie?: string } = {}) =>
    fetch(`${siteUrl()}${path}`, {
      ...init,
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        origin: siteUrl(),
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...viaCloudFront(`${network}.${Math.floor(calls / 200)}.${calls++ % 200}`),
        ...(init.headers as Record<string, string>),
      },
    });
}
