// One route added to the route table, and nothing else changed, appears in both places
// that read the table: the CDK template (route, its own function, its IAM policy, its
// alarms) and the local server (dispatched to the module's handler).
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalServer } from '#infra/local/server.ts';
import { freePort } from '#infra/local/ports.ts';
import { ROUTE_TABLE } from '#infra/stack.ts';
import { httpRoutes, type HttpRoute } from '#shared/routes.ts';
import { actionsOf, allOfType, key, locateFunction, routeFunctions, synthesize } from './support.ts';

const extra: HttpRoute = {
  name: 'extra-route-check',
  method: 'GET',
  path: '/api/extra-route-check/{thing}',
  module: 'test/infra/fixtures/extra-route.ts',
  access: 'public',
  touches: { table: 'read' },
};
const withExtra = [...httpRoutes, extra];

describe('a route added to the route table', () => {
  it('becomes an API route with its own function, read-only policy and alarms in the template', () => {
    expect(httpRoutes.some((r) => r.path === extra.path)).toBe(false);
    const built = synthesize({ routes: { ...ROUTE_TABLE, http: withExtra } });
    const routes = routeFunctions(built);
    const fn = locateFunction(built, extra.name);
    expect(routes.get('GET /api/extra-route-check/{thing}')).toBe(key(fn));
    expect(fn.resource.Properties?.Description).toBe('GET /api/extra-route-check/{thing} -> test/infra/fixtures/extra-route.ts');
    expect([...routes].filter(([, id]) => id === key(fn)).map(([k]) => k).sort()).toEqual(['GET /api/extra-route-check/{thing}', 'HEAD /api/extra-route-check/{thing}']);
    const actions = actionsOf(fn).map((a) => a.action);
    expect(actions).toContain('dynamodb:Query');
    expect(actions.filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)|^ses:/.test(a))).toEqual([]);
    const alarmsOnIt = allOfType(built, 'AWS::CloudWatch::Alarm').filter((a) => a.stack === fn.stack && JSON.stringify(a.resource.Properties?.Dimensions ?? []).includes(fn.id));
    expect(alarmsOnIt).toHaveLength(2);
    expect(built.stack.functions.get('extra-route-check')?.module).toBe(extra.module);
  });

  it('refuses a route whose module does not exist', () => {
    const missing = { ...extra, name: 'missing', path: '/api/missing', module: 'functions/does-not-exist.ts' };
    expect(() => synthesize({ routes: { ...ROUTE_TABLE, http: [...httpRoutes, missing] } })).toThrow(/functions\/does-not-exist\.ts does not exist/);
  });
});

describe('the local server with the same table', () => {
  const servers: Server[] = [];
  const start = async (routes?: readonly HttpRoute[]) => {
    const staticRoot = mkdtempSync(join(tmpdir(), 'static-'));
    writeFileSync(join(staticRoot, 'index.html'), '<!doctype html>');
    const server = createLocalServer({ staticRoot, ...(routes ? { routes } : {}) });
    const port = await freePort();
    await new Promise<void>((r) => server.listen(port, r));
    servers.push(server);
    return `http://localhost:${port}`;
  };
  let withRoute: string;
  let without: string;
  beforeAll(async () => {
    [withRoute, without] = await Promise.all([start(withExtra), start()]);
  });
  afterAll(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });

  it('dispatches the new route to its module, with path parameters, as API Gateway would', async () => {
    const res = await fetch(`${withRoute}/api/extra-route-check/abc`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ route: 'GET /api/extra-route-check/{thing}', params: { thing: 'abc' } });
  });

  it('answers 404 for it without the route (the fallback function)', async () => {
    const res = await fetch(`${without}/api/extra-route-check/abc`);
    expect(res.status).toBe(404);
  });
});
