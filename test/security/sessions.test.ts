// Issue 12, item 12: sessions. Platform-admin sessions last at most 12 hours; "sign out
// everywhere" ends every session of the person; a new provider sign-in link makes their
// earlier unused ones invalid. (The __Host- cookie is checked in secrets-and-cookies.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '#shared/http/session.ts';
import { putPlatformAdmin } from '#shared/store/platform-admins.ts';
import { createSession, getSession } from '#shared/store/sessions.ts';
import { issueToken, readToken } from '#shared/store/tokens.ts';
import { openSession } from '#shared/usecases/sign-in.ts';
import { startInProcessStack, type InProcessStack } from '../support/in-process-stack.ts';

let stack: InProcessStack;
beforeAll(async () => {
  stack = await startInProcessStack('sessions');
}, 60_000);
afterAll(async () => stack?.stop());

const HOUR = 60 * 60 * 1000;
const signInToken = (email: string, kind: 'staff' | 'provider', now = new Date()) =>
  issueToken(stack.store, { purpose: 'sign-in', email, data: { kind, next: kind === 'staff' ? '/manage/' : '/requests/' }, ttlSeconds: 7 * 24 * 3600, now });

describe('sessions (issue 12, item 12)', () => {
  it('a platform admin’s session ends 12 hours after sign-in, however busy; other staff keep theirs', async () => {
    await putPlatformAdmin(stack.store, { email: 'ops@provider-access.example', name: 'Ops', addedAt: new Date().toISOString() });
    const t0 = new Date();
    const admin = await openSession(stack.store, await signInToken('ops@provider-access.example', 'staff', t0), t0);
    const lead = await openSession(stack.store, await signInToken('careers.lead@harbourview.example', 'staff', t0), t0);
    // Used every 4 hours (never idle for 12): the admin's ends at 12 h, the lead's goes on.
    for (const h of [4, 8, 11.9]) {
      expect(await getSession(stack.store, admin.secret, new Date(t0.getTime() + h * HOUR)), `${h} h`).toBeDefined();
      await getSession(stack.store, lead.secret, new Date(t0.getTime() + h * HOUR));
    }
    expect(await getSession(stack.store, admin.secret, new Date(t0.getTime() + 12.1 * HOUR))).toBeUndefined();
    expect(await getSession(stack.store, lead.secret, new Date(t0.getTime() + 12.1 * HOUR))).toBeDefined();
  });

  it('a session opened before someone became a platform admin cannot do admin work after 12 hours', async () => {
    const old = await createSession(stack.store, 'staff', 'new.ops@provider-access.example', new Date(Date.now() - 13 * HOUR));
    // Used 6 hours ago, so still live as a session (not idle for 12 hours), though 13 hours old.
    expect(await getSession(stack.store, old.secret, new Date(Date.now() - 6 * HOUR))).toBeDefined();
    await putPlatformAdmin(stack.store, { email: 'new.ops@provider-access.example', name: 'New Ops', addedAt: new Date().toISOString() });
    const cookie = `${SESSION_COOKIE}=${old.secret}`;
    expect((await stack.api({ method: 'GET', url: '/api/manage/me', cookies: [cookie] })).status).not.toBe(401);
    const res = await stack.api({ method: 'POST', url: '/api/admin/erasure', cookies: [cookie], body: { email: 'nobody@college.example' } });
    expect(res.status).toBe(401);
    expect(res.json().error.code).toBe('SIGN_IN_REQUIRED');
  });

  it('sign out everywhere ends every session of the person, on every device, and no one else’s', async () => {
    const laptop = await stack.sessionFor('staff', 'deputy.head@harbourview.example');
    const phone = await stack.sessionFor('staff', 'deputy.head@harbourview.example');
    const other = await stack.sessionFor('staff', 'careers.lead@harbourview.example');
    expect((await stack.api({ method: 'GET', url: '/api/manage/me', cookies: [phone] })).status).toBe(200);
    const out = await stack.api({ method: 'POST', url: '/api/auth/sign-out-everywhere', cookies: [laptop] });
    expect(out.status).toBe(200);
    expect(out.json()).toEqual({ signedOut: true, sessionsEnded: 2 });
    expect(out.cookies[0]).toMatch(/^__Host-pa_session=;.*Max-Age=0/);
    expect((await stack.api({ method: 'GET', url: '/api/manage/me', cookies: [laptop] })).status).toBe(401);
    expect((await stack.api({ method: 'GET', url: '/api/manage/me', cookies: [phone] })).status).toBe(401);
    expect((await stack.api({ method: 'GET', url: '/api/manage/me', cookies: [other] })).status).toBe(200);
    expect((await stack.api({ method: 'POST', url: '/api/auth/sign-out-everywhere', cookies: [laptop] })).status).toBe(401);
  });

  it('a new provider sign-in link makes the earlier unused ones invalid; a used one stays used; staff links are left alone', async () => {
    const email = 'liaison@replaced.example';
    const first = await signInToken(email, 'provider');
    const used = await signInToken(email, 'provider');
    await openSession(stack.store, used);
    const latest = await signInToken(email, 'provider');
    expect(await readToken(stack.store, first, 'sign-in')).toEqual({ ok: false, code: 'TOKEN_REPLACED' });
    // A used token comes back with its record (issue 14, item 7: a used link says what was done).
    expect(await readToken(stack.store, used, 'sign-in')).toMatchObject({ ok: false, code: 'TOKEN_USED', token: { purpose: 'sign-in' } });
    expect((await readToken(stack.store, latest, 'sign-in')).ok).toBe(true);
    const refused = await stack.api({ method: 'POST', url: '/api/auth/session', body: { token: first } });
    expect(refused.status).toBe(410);
    expect(refused.json().error).toMatchObject({ code: 'TOKEN_REPLACED', message: expect.stringMatching(/newer link/) });
    expect((await stack.api({ method: 'POST', url: '/api/auth/session', body: { token: latest } })).status).toBe(200);

    const staffFirst = await signInToken('careers.lead@harbourview.example', 'staff');
    await signInToken('careers.lead@harbourview.example', 'staff');
    expect((await readToken(stack.store, staffFirst, 'sign-in')).ok).toBe(true);
  });

  it('an idle or old session, and an expired link, are refused before DynamoDB’s TTL gets round to deleting them', async () => {
    // Found with this issue: expiry was read from a field the store strips, so only TTL ended them.
    const t0 = new Date();
    const { secret } = await createSession(stack.store, 'staff', 'careers.lead@harbourview.example', t0);
    expect(await getSession(stack.store, secret, new Date(t0.getTime() + 11 * HOUR))).toBeDefined();
    expect(await getSession(stack.store, secret, new Date(t0.getTime() + 23.5 * HOUR))).toBeUndefined(); // 12.5 h idle
    const token = await issueToken(stack.store, { purpose: 'action', email: 'careers.lead@harbourview.example', data: {}, ttlSeconds: 60, now: t0 });
    expect((await readToken(stack.store, token, 'action', new Date(t0.getTime() + 30_000))).ok).toBe(true);
    expect(await readToken(stack.store, token, 'action', new Date(t0.getTime() + 61_000))).toEqual({ ok: false, code: 'TOKEN_EXPIRED' });
  });
});
