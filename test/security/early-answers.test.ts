// Issue 12, item 6: an idempotent replay (answered before the handler runs) carries the same
// security headers as the first answer, and is logged; and the request log names the route
// template, never the raw path (item 3: an action token or feed secret in a path stays out
// of the logs).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { logger } from '#shared/log.ts';
import { providerBody } from '../support/provider-body.ts';
import { schoolDay, startInProcessStack, type InProcessStack } from '../support/in-process-stack.ts';

let stack: InProcessStack;
beforeAll(async () => {
  stack = await startInProcessStack('early');
}, 60_000);
afterAll(async () => stack?.stop());

const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'strict-transport-security', 'referrer-policy'];

describe('early answers (issue 12, item 6)', () => {
  it('a replayed create answers with the same security headers as the first, and is logged as an early answer', async () => {
    const date = await schoolDay(stack.store, '990101', 45, 3);
    const body = providerBody({ proposed: { date, start: '10:00', end: '10:45' }, yearGroups: [9], contact: { name: 'Sam', email: 'sam@replay.example', phone: '01632 960111' } });
    const headers = { 'idempotency-key': 'replay-key-000001' };
    const logged: Record<string, unknown>[] = [];
    const spy = vi.spyOn(logger, 'info').mockImplementation((message: unknown, ...rest: unknown[]) => {
      if (message === 'request') logged.push(rest[0] as Record<string, unknown>);
    });
    try {
      const first = await stack.api({ method: 'POST', url: '/api/schools/990101/requests', body, headers });
      const replay = await stack.api({ method: 'POST', url: '/api/schools/990101/requests', body, headers });
      expect(first.status).toBe(201);
      expect(replay.status).toBe(201);
      expect(replay.json().request.id).toBe(first.json().request.id);
      for (const name of SECURITY_HEADERS) {
        expect(first.headers[name], name).toBeTruthy();
        expect(replay.headers[name], name).toBe(first.headers[name]);
      }
      expect(replay.headers['referrer-policy']).toBe('no-referrer');
      expect(logged.map((l) => l.early === true)).toEqual([false, true]);
      expect(logged[1]).toMatchObject({ route: 'request-create', routeKey: 'POST /api/schools/{urn}/requests', status: 201 });
    } finally {
      spy.mockRestore();
    }
  });

  it('the request log names the route template, never the raw path with its secret (item 3)', async () => {
    const logged: Record<string, unknown>[] = [];
    const spy = vi.spyOn(logger, 'info').mockImplementation((message: unknown, ...rest: unknown[]) => {
      if (message === 'request') logged.push(rest[0] as Record<string, unknown>);
    });
    try {
      const secret = 'S'.repeat(43);
      await stack.api({ method: 'GET', url: `/actions/${secret}` });
      await stack.api({ method: 'GET', url: `/api/schools/990101/calendar/${secret}.ics` });
      expect(logged.map((l) => l.routeKey)).toEqual(['GET /actions/{token}', 'GET /api/schools/{urn}/calendar/{feed}']);
      expect(JSON.stringify(logged)).not.toContain(secret);
    } finally {
      spy.mockRestore();
    }
  });
});
