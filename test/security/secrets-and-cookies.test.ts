// Secrets at rest and on the wire: after a journey that issues sign-in links, action links,
// sessions (and a calendar feed address where that route exists), no item of the table
// holds any of those secrets in clear, only their SHA-256; and every cookie the service
// sets is HttpOnly, Secure, SameSite=Lax, Path=/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRoutes } from '#shared/routes.ts';
import { hashSecret } from '#shared/store/secrets.ts';
import { startInProcessStack, type InProcessStack } from '../support/in-process-stack.ts';
import { scanAll } from '../support/scan.ts';
import { journey, type Journey } from './journey.ts';

let stack: InProcessStack;
let j: Journey;
beforeAll(async () => {
  stack = await startInProcessStack('secrets');
  j = await journey(stack, {}, 'secrets');
}, 90_000);
afterAll(async () => stack?.stop());

function expectCookieAttributes(setCookie: string) {
  const attributes = setCookie.split(';').slice(1).map((a) => a.trim().toLowerCase());
  expect(attributes).toContain('httponly');
  expect(attributes).toContain('secure');
  expect(attributes).toContain('samesite=lax');
  expect(attributes).toContain('path=/');
  expect(attributes.some((a) => a.startsWith('domain='))).toBe(false); // __Host- forbids Domain
}

describe('tokens and session ids are never stored in clear', () => {
  it('no item holds an issued secret; each is there only as its SHA-256', async () => {
    const secrets = [...j.secrets];
    // Using links and sessions writes too (a used token, a decision, a signed-out session).
    const approved = await stack.api({ method: 'POST', url: '/api/actions', body: { token: j.actionTokens.approve } });
    expect(approved.status, approved.text).toBe(200);
    const feed = httpRoutes.find((r) => r.name === 'manage-calendar-feed');
    if (feed) {
      const res = await stack.api({ method: 'POST', url: feed.path.replace('{urn}', '990101'), cookies: [j.staffCookie] });
      expect(res.status, res.text).toBe(201);
      const secret = /\/([\w-]{40,100})\.ics/.exec(res.json().url as string)?.[1];
      expect(secret).toBeTruthy();
      secrets.push(secret ?? '');
    }
    // The organisation's feed (issue 15, item 3): its secret is stored only as a hash too.
    const organisation = { name: 'Secret College', type: 'fe_college', ukprn: '10067777', defaultContact: { name: 'Sam Provider', email: j.providerEmail, phone: '01632 960111' } };
    expect((await stack.api({ method: 'PUT', url: '/api/provider/organisation', cookies: [j.providerCookie], body: organisation })).status).toBe(201);
    const organisationFeed = await stack.api({ method: 'POST', url: '/api/provider/calendar-feed', cookies: [j.providerCookie] });
    expect(organisationFeed.status, organisationFeed.text).toBe(201);
    secrets.push(/\/([\w-]{40,100})\.ics/.exec(organisationFeed.json().url as string)?.[1] ?? '');
    await stack.deliverMail(); // the decision's emails: more links issued, each stored hashed
    for (const email of await stack.inbox()) {
      for (const m of (email.body.text ?? '').matchAll(/(?:#token=|\/actions\/)([\w-]{20,})/g)) secrets.push(m[1] ?? '');
    }
    expect(new Set(secrets).size).toBeGreaterThanOrEqual(8);

    const dump = JSON.stringify(await scanAll(stack.store));
    const inClear = secrets.filter((s) => dump.includes(s));
    expect(inClear).toEqual([]);
    // The check looks at the right table: the tokens and sessions are there, by hash.
    for (const s of [...j.secrets, ...Object.values(j.actionTokens)]) expect(dump).toContain(hashSecret(s));
  });

  it('every cookie the service sets is __Host- (issue 12, item 12), HttpOnly, Secure, SameSite=Lax and Path=/, with no Domain', async () => {
    // Confirming the first request (issue 12, item 2), then the staff and the provider sign-in links.
    expect(j.setCookies).toHaveLength(3);
    for (const c of j.setCookies) {
      expect(c).toMatch(/^__Host-pa_session=[\w-]{20,}/);
      expectCookieAttributes(c);
    }
    const out = await stack.api({ method: 'POST', url: '/api/auth/sign-out', cookies: [j.providerCookie] });
    expect(out.status).toBe(200);
    expect(out.cookies).toHaveLength(1);
    expect(out.cookies[0]).toMatch(/^__Host-pa_session=;/);
    expect(out.cookies[0]).toContain('Max-Age=0');
    expectCookieAttributes(out.cookies[0] ?? '');
    // Signed out means gone from the table, not just from the browser.
    expect((await stack.api({ method: 'GET', url: '/api/requests', cookies: [j.providerCookie] })).status).toBe(401);
  });
});
