// Issue 12, item 8: every state change made with a session cookie, an emailed link or a
// sign-in token must come from the site itself. Checked over the whole route table (the
// edge applies it from the table, no handler does it by hand), in process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksSameOrigin, httpRoutes, type HttpRoute } from '#shared/routes.ts';
import { SITE_URL, startInProcessStack, type InProcessStack } from '../support/in-process-stack.ts';

let stack: InProcessStack;
let lead: string;
beforeAll(async () => {
  stack = await startInProcessStack('csrf');
  lead = await stack.sessionFor('staff', 'careers.lead@harbourview.example');
}, 60_000);
afterAll(async () => stack?.stop());

const concrete = (r: HttpRoute) =>
  r.path
    .replace('{urn}', '990101')
    .replace('{id}', '01J00000000000000000000000')
    .replace('{action}', r.name === 'manage-decision' ? 'approve' : 'withdraw')
    .replace('{token}', 'T'.repeat(43))
    .replace('{trustId}', 'northfield-learning-trust')
    .replace('{feed}', `${'F'.repeat(43)}.ics`);

const guarded = httpRoutes.filter(checksSameOrigin);
const open = httpRoutes.filter((r) => r.method !== 'GET' && !checksSameOrigin(r));

async function send(route: HttpRoute, headers: Record<string, string>) {
  // No `origin` unless the case gives one (the stack's api adds the site's by default).
  return stack.api({ method: route.method, url: concrete(route), cookies: [lead], body: {}, headers: { origin: '', ...headers } });
}

describe('CSRF (issue 12, item 8)', () => {
  it('the table guards every non-public state change, sign-in by token, a request’s confirmation by token (issue 12, item 2) and sign-out, and nothing else', () => {
    expect(guarded.map((r) => r.name).sort()).toEqual(
      httpRoutes
        .filter((r) => r.method !== 'GET' && (r.access !== 'public' || r.name === 'auth-session' || r.name === 'request-confirm' || r.name.startsWith('auth-sign-out')))
        .map((r) => r.name)
        .sort(),
    );
    expect(open.map((r) => r.name).sort()).toEqual(['auth-sign-in', 'request-check', 'request-create']);
  });

  it.each(guarded.map((r) => [r.name, r] as const))('%s: refused with neither Origin nor Sec-Fetch-Site, with Sec-Fetch-Site: cross-site, and with a foreign Origin', async (_name, route) => {
    const cases: Record<string, string>[] = [{}, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }, { origin: SITE_URL, 'sec-fetch-site': 'cross-site' }];
    for (const headers of cases) {
      const answer = await send(route, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.json().error.code, JSON.stringify(headers)).toBe('CROSS_SITE_REQUEST');
    }
  });

  it.each(guarded.map((r) => [r.name, r] as const))('%s: passes the check with the site’s Origin, or with Sec-Fetch-Site: same-origin alone', async (_name, route) => {
    const cases: Record<string, string>[] = [{ origin: SITE_URL }, { 'sec-fetch-site': 'same-origin' }, { origin: SITE_URL, 'sec-fetch-site': 'same-origin' }];
    for (const headers of cases) {
      const answer = await send(route, headers);
      expect(answer.status, `${JSON.stringify(headers)} ${answer.text.slice(0, 200)}`).toBeLessThan(500);
      expect(answer.text, JSON.stringify(headers)).not.toContain('CROSS_SITE_REQUEST');
    }
  });

  it('public routes that use no cookie stay callable by any HTTP client', async () => {
    for (const route of open) {
      const answer = await stack.api({ method: route.method, url: concrete(route), body: {}, headers: { origin: '' } });
      expect(answer.text, route.name).not.toContain('CROSS_SITE_REQUEST');
      // The empty body's own answer, not a refusal of the caller: errors, or for the form's check (no answers yet) nothing to refuse.
      expect(answer.status, route.name).toBe(route.name === 'request-check' ? 200 : 400);
    }
  });
});
