// The local server dispatches by the route table through the API Gateway adapter and
// answers everything else with the error contract (404, 405 with Allow).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTable } from './support/table.ts';
import { json, startTestSite, type TestSite } from './support/site.ts';

let site: TestSite;

beforeAll(async () => {
  site = await startTestSite(await createTestTable('server'));
});
afterAll(async () => site?.stop());

describe('local server', () => {
  it('GET /api/health answers 200 with the table and mail up', async () => {
    const res = await fetch(`${site.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ status: 'ok', components: { table: 'up', mail: 'up' } });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('an unknown API route is 404 NOT_FOUND in the error contract', async () => {
    const res = await fetch(`${site.url}/api/no-such-thing`);
    expect(res.status).toBe(404);
    expect(await json(res)).toEqual({ error: { code: 'NOT_FOUND', message: 'There is nothing at /api/no-such-thing. Check the address.' } });
  });

  it('a wrong method on a known path is 405 METHOD_NOT_ALLOWED with Allow', async () => {
    const res = await fetch(`${site.url}/api/health`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect((await json(res)).error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('a POST with bad JSON to an unknown path is still the contract, not a crash', async () => {
    const res = await fetch(`${site.url}/api/schools/990101/requests`, { method: 'POST', body: '{bad', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await json(res)).error.code).toMatch(/^[A-Z_]+$/);
  });

  it('serves the static site, and never a file outside it', async () => {
    const home = await fetch(`${site.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toContain('text/html');
    expect(await home.text()).toContain('<h1');
    const escape = await fetch(`${site.url}/..%2f..%2fpackage.json`);
    expect(escape.status).toBe(404);
    expect((await json(escape)).error.code).toBe('NOT_FOUND');
  });

  it('HEAD of a GET route answers without a body', async () => {
    const res = await fetch(`${site.url}/api/health`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('links the local inbox from the site', async () => {
    const res = await fetch(`${site.url}/local/inbox`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(site.ses.inboxUrl);
  });
});
