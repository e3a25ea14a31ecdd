// The route table is the single source for CDK and the local server: every entry must
// point at a module that exists and exports `handler`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { checkRouteAccess } from '#shared/http/access.ts';
import { eventRoutes, fallbackRoute, findRoute, httpRoutes, matchPath, type IndexName } from '#shared/routes.ts';
import type { GlobalIndexName } from '#shared/store/table.ts';
import { loadHandler, REPO_ROOT } from '#infra/local/server.ts';

const modules = [...httpRoutes, ...eventRoutes, fallbackRoute].map((r) => [r.name, r.module] as const);

describe('route table', () => {
  it.each(modules)('%s: %s exists and exports handler', async (_name, module) => {
    expect(existsSync(join(REPO_ROOT, module))).toBe(true);
    expect(typeof (await loadHandler(module))).toBe('function');
  });

  it('has no two routes with the same method and path, and unique names', () => {
    const keys = httpRoutes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    const names = [...httpRoutes, ...eventRoutes].map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('declares what each route may touch, and sends mail only where it says so', () => {
    for (const r of httpRoutes) {
      expect(r.path.startsWith('/')).toBe(true);
      expect(['public', 'provider', 'staff', 'action', 'admin']).toContain(r.access);
    }
  });

  it('names the table\'s own indexes (it imports nothing, so it says them itself; tsc checks this)', () => {
    expectTypeOf<IndexName>().toEqualTypeOf<GlobalIndexName>();
  });

  it('says precisely who may call: each staff route whose school, a session only on public routes, and a path that names what its access reads', () => {
    for (const r of httpRoutes) {
      if (r.access === 'staff') {
        expect(['path', 'request', 'any'], r.name).toContain(r.staffOf);
        // A request's school is the caller's only for the manage request routes; the path's school wherever there is one.
        expect(r.staffOf === 'request', r.name).toBe(r.path.startsWith('/api/manage/requests/{id}'));
        if (r.path.includes('{urn}')) expect(r.staffOf, r.name).toBe('path');
      }
      expect('staffOf' in r, r.name).toBe(r.access === 'staff');
      if ('session' in r) expect(r.access, r.name).toBe('public');
      expect(() => checkRouteAccess(r), r.name).not.toThrow();
    }
    expect(() => checkRouteAccess({ name: 'x', method: 'GET', path: '/api/manage/x', module: 'x', access: 'staff', staffOf: 'path', touches: {} })).toThrow(/needs \{urn\}/);
  });

  it('matches path parameters and decodes them', () => {
    expect(matchPath('/api/schools/{urn}', '/api/schools/990101')).toEqual({ urn: '990101' });
    expect(matchPath('/api/schools/{urn}', '/api/schools/')).toBeUndefined();
    expect(matchPath('/api/schools/{urn}', '/api/schools/a%20b')).toEqual({ urn: 'a b' });
    expect(matchPath('/api/schools/{urn}', '/api/schools/%E0%A4%A')).toBeUndefined();
    expect(matchPath('/api/health', '/api/health/x')).toBeUndefined();
  });

  it('tells a wrong method on a known path from an unknown path', () => {
    expect(findRoute('GET', '/api/health').route?.name).toBe('health');
    expect(findRoute('HEAD', '/api/health').route?.name).toBe('health');
    expect(findRoute('POST', '/api/health')).toMatchObject({ route: undefined, allowed: ['GET'] });
    expect(findRoute('GET', '/api/nothing')).toMatchObject({ route: undefined, allowed: [] });
  });

  it('prefers a literal path segment to a parameter, as API Gateway does (issue 12, item 3: /api/actions/view beside /api/actions/{token})', () => {
    expect(findRoute('POST', '/api/actions/view').route?.name).toBe('action-view');
    expect(findRoute('POST', `/api/actions/${'T'.repeat(43)}`)).toMatchObject({ route: { name: 'action-submit' }, params: { token: 'T'.repeat(43) } });
    expect(findRoute('POST', '/api/actions').route?.name).toBe('action-decide');
    expect(findRoute('GET', '/api/actions/view')).toMatchObject({ route: undefined, allowed: ['POST'] });
    // The order of the table does not decide it.
    const reversed = [...httpRoutes].reverse();
    expect(findRoute('POST', '/api/actions/view', reversed).route?.name).toBe('action-view');
    // /actions/ is the static page: no route takes it.
    expect(findRoute('GET', '/actions/').route).toBeUndefined();
  });
});
