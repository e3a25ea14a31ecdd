// Issue 12: each reproduction the security audit ran against the local stack, run again
// as the auditor did it, over HTTP. Each must now be refused, with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { readInbox } from '#infra/local/ses.ts';
import { createStore, type Store } from '#shared/store/client.ts';
import { getRequest } from '#shared/store/requests.ts';
import { SECRET_PAGES } from '../../web/secret-pages.ts';
import { getSlot } from '#shared/store/slots.ts';
import { isConfirmationFor, markAddressesConfirmed } from '../support/confirmation.ts';
import { json } from '../support/site.ts';
import { providerBody, schoolDayAhead } from '../support/provider-body.ts';
import { viaCloudFront } from '../support/cloudfront.ts';
import { SIGN_IN_LIMITS } from '#shared/usecases/sign-in.ts';
import { signIn } from '../support/sign-in.ts';
import { linkIn, startDemoStack, waitForEmail } from '../support/stack.ts';
import { insideOneWindow, WAITS_FOR_WINDOW } from '../support/rate-window.ts';

let stack: LocalStack;
let store: Store;
let lead: string;
beforeAll(async () => {
  stack = await startDemoStack();
  store = createStore({ tableName: stack.tableName, endpoint: stack.dynamodb.endpoint });
  lead = await signIn(stack, 'careers.lead@harbourview.example');
}, 90_000);
afterAll(async () => stack?.stop());

let n = 0;
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${stack.siteUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: stack.siteUrl, ...viaCloudFront(`10.9.0.${n++}`), ...headers },
    body: JSON.stringify(body),
  });

async function pendingRequest(): Promise<string> {
  const date = await schoolDayAhead(stack, '990101', 50);
  // A returning provider: the request is pending at once (issue 12, item 2).
  const email = `sam${n}@college.example`;
  await markAddressesConfirmed(store, [email]);
  const res = await post('/api/schools/990101/requests', providerBody({ proposed: { date, start: '10:00', end: '10:45' }, yearGroups: [9], contact: { name: 'Sam Provider', email, phone: '01632 960111' } }));
  expect(res.status).toBe(201);
  return (await json(res)).request.id as string;
}

describe('audit reproductions (issue 12)', () => {
  it('item 2: a request from an address nobody confirmed, with the sender’s own text, neither takes the slot’s place nor reaches the careers lead', async () => {
    // As the auditor did it: any address, a one-place slot, a message for the school in the notes.
    const from = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 140 * 86_400_000).toISOString().slice(0, 10);
    const { slots } = await json(await fetch(`${stack.siteUrl}/api/schools/990101/slots?from=${from}&to=${to}`));
    const slot = slots.find((s: { opportunityId: string; placesLeft: number }) => s.opportunityId === 'y10-assembly' && s.placesLeft > 0);
    const email = 'anyone@attacker.example';
    const res = await post(
      '/api/schools/990101/requests',
      providerBody({ slot: { opportunityId: 'y10-assembly', date: slot.date }, contact: { name: 'IT Support', email, phone: '01632 960111' }, notes: 'Your account is locked: sign in at https://evil.example/login' }),
    );
    expect(res.status).toBe(201);
    expect((await json(res)).request.status).toBe('unconfirmed');
    expect((await getSlot(store, '990101', slot.date, slot.start, 'y10-assembly'))?.held ?? 0).toBe(0);
    const confirmation = await waitForEmail(stack, isConfirmationFor(email));
    expect(`${confirmation.body.text} ${confirmation.body.html}`).not.toMatch(/evil\.example|account is locked|IT Support/);
    // The mailer has run for this item: nothing went to the school.
    const toLead = (await readInbox(stack.ses.endpoint)).filter((e) => e.destination.to.some((t) => t.includes('careers.lead@harbourview.example')) && /evil\.example|account is locked/.test(e.body.text ?? ''));
    expect(toLead).toEqual([]);
  });

  it('item 7: a NUL in a decline reason is refused at its field, and the request is unchanged', async () => {
    const id = await pendingRequest();
    const res = await post(`/api/manage/requests/${id}/decline`, { reason: 'Not enough\u0000 notice' }, { cookie: lead });
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error.fields.reason).toBe('Remove the NUL (U+0000) at character 11; it cannot be part of this text.');
    expect((await getRequest(store, '990101', id))?.status).toBe('pending');
  });

  it('item 7: a text-direction override in a provider’s organisation name is refused', async () => {
    const date = await schoolDayAhead(stack, '990101', 52);
    const res = await post('/api/schools/990101/requests', providerBody({ proposed: { date, start: '10:00', end: '10:45' }, yearGroups: [9], provider: { organisation: 'Eastmouth \u202eegelloC', type: 'fe_college' } }));
    expect(res.status).toBe(400);
    expect((await json(res)).error.fields['provider.organisation']).toMatch(/text-direction override \(U\+202E\) at character 11/);
  });

  it('item 8: a form POST to an emailed action link with no Origin and Sec-Fetch-Site: cross-site is refused, and the request is unchanged', async () => {
    const id = await pendingRequest();
    // The lead's action links are in their email; any token shape reaches the check first.
    const res = await fetch(`${stack.siteUrl}/api/actions/${'T'.repeat(43)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      body: 'note=approved',
    });
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe('CROSS_SITE_REQUEST');
    expect((await getRequest(store, '990101', id))?.status).toBe('pending');
  });

  it('item 4: a deputy PUT of careersLead.email is refused, and every request email still goes to the careers lead', async () => {
    const deputy = await signIn(stack, 'deputy.head@harbourview.example');
    const url = `${stack.siteUrl}/api/manage/schools/990101/settings`;
    const { settings, version } = await json(await fetch(url, { headers: { cookie: deputy } }));
    const res = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: stack.siteUrl, cookie: deputy },
      body: JSON.stringify({ version, settings: { ...settings, careersLead: { ...settings.careersLead, email: 'attacker@evil.example' } } }),
    });
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe('ROLE_REQUIRED');
    const after = await json(await fetch(url, { headers: { cookie: lead } }));
    expect(after.settings.careersLead.email).toBe('careers.lead@harbourview.example');
    expect(after.version).toBe(version);
  });

  it('item 1: a spoofed CloudFront-Viewer-Address does not dodge the sign-in limit: once the caller is refused, a new header is refused too', WAITS_FOR_WINDOW, async () => {
    await insideOneWindow(30, SIGN_IN_LIMITS.perIp.windowSeconds);
    // The auditor's script: straight to the API (no CloudFront, so no origin secret), a
    // different made-up viewer address and email each time.
    let spoofed = 0;
    const spoof = () =>
      fetch(`${stack.siteUrl}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cloudfront-viewer-address': `203.0.113.${spoofed % 250}:${1024 + spoofed}` },
        body: JSON.stringify({ email: `spoof${spoofed++}@college.example` }),
      });
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.perIp.limit && !statuses.includes(429); i++) statuses.push((await spoof()).status);
    // This socket's address already asked once (the lead's sign-in above): the limit counts it, not the headers.
    expect(statuses.filter((s) => s === 202).length).toBeLessThanOrEqual(SIGN_IN_LIMITS.perIp.limit);
    expect(statuses.at(-1)).toBe(429);
    for (let i = 0; i < 3; i++) {
      const res = await spoof();
      expect(res.status).toBe(429);
      expect((await json(res)).error.code).toBe('RATE_LIMITED');
    }
    // A caller CloudFront vouches for is another caller: still served.
    const real = await fetch(`${stack.siteUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...viaCloudFront('198.51.100.20') },
      body: JSON.stringify({ email: 'someone@college.example' }),
    });
    expect(real.status).toBe(202);
  });

  it('item 3: the lead’s emailed action link carries its token in the fragment, and every page that can hold a secret says Referrer-Policy: no-referrer, in its header and its one referrer meta element', async () => {
    const id = await pendingRequest();
    const mail = await waitForEmail(stack, (e) => (e.body.text ?? '').includes(`/manage/requests/view/?id=${id}`) && (e.body.text ?? '').includes('Decline: '));
    const link = new URL(linkIn(mail, /Decline: \S+/).slice('Decline: '.length));
    expect(link.pathname).toBe('/actions/');
    const token = new URLSearchParams(link.hash.slice(1)).get('token') ?? '';
    expect(token).toMatch(/^[\w-]{40,}$/);
    expect(`${link.pathname}${link.search}`).not.toContain(token);

    const referrerMetas = (html: string) => [...html.matchAll(/<meta\s+name="referrer"\s+content="([^"]*)"/g)].map((m) => m[1]);
    const expectNoReferrer = async (what: string, res: Response) => {
      expect(res.status, what).toBeLessThan(400);
      expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
      if ((res.headers.get('content-type') ?? '').startsWith('text/html')) expect(referrerMetas(await res.text()), what).toEqual(['no-referrer']);
    };
    // The static pages a token arrives at (and the coverage page, which shows a new feed address), however they are asked for.
    expect([...SECRET_PAGES].sort()).toEqual(['/actions/', '/manage/coverage/', '/sign-in/confirm/']);
    for (const path of SECRET_PAGES) await expectNoReferrer(path, await fetch(`${stack.siteUrl}${path}`));
    // Asked for by another name, a page's own meta element still says no-referrer.
    for (const variant of ['/sign-in/confirm', '/sign-in/confirm/index.html', '/actions']) {
      expect(referrerMetas(await (await fetch(`${stack.siteUrl}${variant}`)).text()), variant).toEqual(['no-referrer']);
    }
    // An old link (token in the path), and its page's answers to a form.
    await expectNoReferrer('old link', await fetch(`${stack.siteUrl}/actions/${token}`, { redirect: 'manual' }));
    const form = await fetch(`${stack.siteUrl}/api/actions/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.siteUrl }, body: '' });
    expect(form.status).toBe(400);
    expect(form.headers.get('referrer-policy')).toBe('no-referrer');
    expect(referrerMetas(await form.text())).toEqual(['no-referrer']);
    // The calendar feed, whose secret must stay in its address (calendar apps send no headers).
    const made = await post('/api/manage/schools/990101/calendar-feed', {}, { cookie: lead });
    expect(made.status).toBe(201);
    await expectNoReferrer('calendar feed', await fetch((await json(made)).url as string));
    // Not vacuous: a page that holds no secret keeps same-origin, in both.
    const home = await fetch(`${stack.siteUrl}/`);
    expect(home.headers.get('referrer-policy')).toBe('same-origin');
    expect(referrerMetas(await home.text())).toEqual(['same-origin']);
  });
});
