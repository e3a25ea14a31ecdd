// The careers lead's journey through the API on the local stack: the emailed action links
// (the token in the fragment; opening and viewing change nothing; the decision acts once;
// old links with the token in the path still work), decisions from the dashboard, calendar invites
// read by an independent parser, overlapping approvals, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { createStore, type Store } from '#shared/store/client.ts';
import { markAddressesConfirmed } from './support/confirmation.ts';
import { icsOf } from './support/mail.ts';
import { json, siteCaller } from './support/site.ts';
import { linkIn, startDemoStack, waitForEmail } from './support/stack.ts';
import { signIn } from './support/sign-in.ts';
import { providerBody, schoolDayAhead } from './support/provider-body.ts';
import { scanTable } from './support/table.ts';

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
const api = siteCaller(() => stack.siteUrl, '10.1');

async function newRequest(overrides: Record<string, unknown> = {}, daysAhead = 45) {
  const date = await schoolDayAhead(stack, '990101', daysAhead);
  const email = `liaison${++n}@college${n}.example`;
  // A returning provider: the request reaches the lead at once (issue 12, item 2).
  await markAddressesConfirmed(store, [email]);
  const res = await api('/api/schools/990101/requests', {
    method: 'POST',
    body: JSON.stringify(providerBody({ proposed: { date, start: '10:00', end: '10:45' }, yearGroups: [9], contact: { name: 'Sam Provider', email, phone: '01632 960111' }, ...overrides })),
  });
  const body = await json(res);
  if (res.status !== 201) throw new Error(JSON.stringify(body));
  return body.request as { id: string; date: string; contactEmail: string };
}

async function tableSnapshot() {
  return JSON.stringify(await scanTable(store));
}

describe('careers lead: emailed action links', () => {
  async function actionLinks(request: { contactEmail: string }) {
    const mail = await waitForEmail(stack, (e) => e.subject.startsWith('Provider access request') && (e.body.text ?? '').includes(request.contactEmail));
    const link = (label: string) => linkIn(mail, new RegExp(`${label}: http\\S+`)).slice(label.length + 2);
    const [approve, decline, propose] = ['Approve', 'Decline', 'Propose another time'].map(link) as [string, string, string];
    await new Promise((r) => setTimeout(r, 800)); // let the mailer finish writing its markers
    return { approve, decline, propose };
  }
  const tokenOf = (link: string) => new URLSearchParams(new URL(link).hash.slice(1)).get('token') ?? '';
  const post = (path: string, body: unknown) => api(path, { method: 'POST', body: JSON.stringify(body) });

  it('issue 12, item 3: the emailed action link has no token in its path, only in the fragment', async () => {
    const request = await newRequest();
    const links = await actionLinks(request);
    const tokens = Object.values(links).map(tokenOf);
    expect(new Set(tokens).size).toBe(3);
    for (const [i, link] of Object.values(links).entries()) {
      const url = new URL(link);
      expect(url.origin).toBe(stack.siteUrl);
      expect(url.pathname).toBe('/actions/');
      expect(url.search).toBe('');
      expect(url.hash).toBe(`#token=${tokens[i]}`);
      expect(tokens[i]).toMatch(/^[\w-]{40,}$/);
    }
  });

  it('opening a link, and asking what it is for, change nothing; the decline needs a reason; the decision acts once (issue 12, item 3)', async () => {
    const request = await newRequest({}, 46);
    const { approve, decline, propose } = await actionLinks(request);

    const before = await tableSnapshot();
    for (const link of [approve, decline, propose]) {
      // What a server receives of the link: the page's path, never the fragment.
      const page = await fetch(link);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await page.text()).toContain('<meta name="referrer" content="no-referrer">');
      const view = await post('/api/actions/view', { token: tokenOf(link) });
      expect(view.status).toBe(200);
      const { link: shown } = await json(view);
      expect(shown).toMatchObject({ school: { urn: '990101', name: 'Harbour View Academy' }, request: { id: request.id, contact: { name: 'Sam Provider' }, date: request.date } });
    }
    const views = await Promise.all([approve, decline, propose].map(async (l) => (await json(await post('/api/actions/view', { token: tokenOf(l) }))).link));
    expect(views.map((v) => v.action)).toEqual(['approve', 'decline', 'propose']);
    expect(views[1].groundsForRefusing).toContain('Not enough notice was given');
    expect(await tableSnapshot()).toBe(before);
    // Never a GET with the token: the view route answers only POST.
    expect((await api('/api/actions/view')).status).toBe(405);

    const token = tokenOf(decline);
    const missing = await post('/api/actions', { token });
    expect(missing.status).toBe(400);
    expect((await json(missing)).error.fields.reason).toBe('Choose a reason for declining.');
    const other = await post('/api/actions', { token, reason: 'other' });
    expect((await json(other)).error.fields.otherReason).toBe('Write the reason for declining.');
    expect(await tableSnapshot()).toBe(before);
    const done = await post('/api/actions', { token, reason: 'Not enough notice was given' });
    expect(done.status).toBe(200);
    expect((await json(done)).done).toMatchObject({ action: 'decline', status: 'declined', requestId: request.id, contact: { name: 'Sam Provider' }, school: { urn: '990101' } });
    const again = await post('/api/actions', { token, reason: 'Not enough notice was given' });
    expect(again.status).toBe(410);
    expect((await json(again)).error.code).toBe('TOKEN_USED');
    // A used link says what was done with it, and when (issue 14, item 7), not "ask for a new one".
    const used = await post('/api/actions/view', { token });
    expect(used.status).toBe(410);
    expect((await json(used)).error).toMatchObject({ code: 'TOKEN_USED', message: expect.stringMatching(/^You declined this request on \d{1,2} \w+ \d{4} at \d{1,2}(:\d\d)?(am|pm)\. Each link works once/) });
    // The other links of the same email now explain themselves, the same way.
    const stale = await post('/api/actions/view', { token: tokenOf(approve) });
    expect(stale.status).toBe(410);
    expect((await json(stale)).error).toMatchObject({ code: 'ALREADY_DECIDED', message: expect.stringMatching(/^You declined this request on .+\. So this link no longer applies/) });
    const never = await post('/api/actions/view', { token: 'A'.repeat(43) });
    expect(never.status).toBe(404);
    expect((await json(never)).error.code).toBe('TOKEN_INVALID');

    const told = await waitForEmail(stack, (e) => e.subject.startsWith('Declined:') && e.destination.to.some((t) => t.includes(request.contactEmail)));
    expect(told.body.text).toContain('Not enough notice was given');
  });

  it('issue 12, item 3: links sent with the token in the path keep working; their page moves the token to the fragment, reading nothing', async () => {
    const request = await newRequest({}, 48);
    const { approve, decline } = await actionLinks(request);
    const before = await tableSnapshot();
    // An old link: /actions/{token}, as emails sent before the change put it.
    const old = await fetch(`${stack.siteUrl}/actions/${tokenOf(decline)}`, { redirect: 'manual' });
    expect(old.status).toBe(303);
    expect(old.headers.get('location')).toBe(`/actions/#token=${tokenOf(decline)}`);
    expect(old.headers.get('referrer-policy')).toBe('no-referrer');
    expect(old.headers.get('cache-control')).toBe('no-store');
    expect(await old.text()).toContain('<meta name="referrer" content="no-referrer">');
    // Followed, the browser lands on the page that reads the fragment.
    const followed = await fetch(`${stack.siteUrl}/actions/${tokenOf(decline)}`);
    expect(followed.status).toBe(200);
    expect(new URL(followed.url).pathname).toBe('/actions/');
    expect(await tableSnapshot()).toBe(before);

    // A confirmation page from before, still open in a tab, posts its form to /api/actions/{token}.
    const path = `/api/actions/${tokenOf(decline)}`;
    const form = (fields: Record<string, string>) =>
      fetch(`${stack.siteUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.siteUrl }, body: new URLSearchParams(fields).toString() });
    const missing = await form({});
    expect(missing.status).toBe(400);
    const problem = await missing.text();
    expect(problem).toContain('Choose a reason for declining, or write your own.');
    expect(problem).toContain(`href="/actions/#token=${tokenOf(decline)}"`);
    expect(missing.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await tableSnapshot()).toBe(before);
    const done = await form({ reason: 'Not enough notice was given' });
    expect(done.status).toBe(200);
    expect(done.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await done.text();
    expect(page).toContain('Request declined');
    expect(page).toContain('<meta name="referrer" content="no-referrer">');
    const again = await form({ reason: 'Not enough notice was given' });
    expect(again.status).toBe(410);
    const usedPage = await again.text();
    expect(usedPage).toContain('This link has already been used');
    expect(usedPage).toMatch(/You declined this request on [^<]+\. Each link works once/);
    // And a JSON client of the old path: the other link of the email, now answered.
    const stale = await api(`/api/actions/${tokenOf(approve)}`, { method: 'POST', body: '{}' });
    expect(stale.status).toBe(410);
    expect((await json(stale)).error.code).toBe('ALREADY_DECIDED');
  });
});

describe('careers lead: dashboard decisions and calendar', () => {
  it('lists what needs a decision, oldest first, with school days left', async () => {
    const a = await newRequest({}, 50);
    const b = await newRequest({}, 52);
    const res = await api('/api/manage/schools/990101/requests', { cookie: lead });
    expect(res.status).toBe(200);
    const body = await json(res);
    const ids = body.needsDecision.map((r: { id: string }) => r.id);
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
    expect(body.needsDecision.find((r: { id: string }) => r.id === a.id).schoolDaysLeft).toBeGreaterThan(0);
    const detail = await json(await api(`/api/manage/requests/${a.id}`, { cookie: lead }));
    expect(detail.request.allowedActions).toEqual(['approve', 'decline', 'propose']);
    expect(detail.request.history[0].type).toBe('REQUEST_SUBMITTED');
  });

  it('approve, move, then cancel: the provider gets REQUEST with SEQUENCE n, n+1 for the new time and CANCEL with n+2, one UID', async () => {
    const request = await newRequest({}, 60);
    const approved = await api(`/api/manage/requests/${request.id}/approve`, { method: 'POST', cookie: lead, body: '{}' });
    expect(approved.status).toBe(200);
    expect((await json(approved)).request.status).toBe('approved');
    const invite = await waitForEmail(stack, (e) => e.subject.startsWith('Approved:') && e.destination.to.some((t) => t.includes(request.contactEmail)));
    const newDate = await schoolDayAhead(stack, '990101', 61, 4);
    const moved = await api(`/api/manage/requests/${request.id}/reschedule`, { method: 'POST', cookie: lead, body: JSON.stringify({ date: newDate, start: '13:00', end: '13:45', reason: 'The hall is booked for exams' }) });
    expect(moved.status).toBe(200);
    const movedMail = await waitForEmail(stack, (e) => e.subject.startsWith('New time:') && e.destination.to.some((t) => t.includes(request.contactEmail)));
    expect(movedMail.body.text).toContain('The hall is booked for exams');
    const cancelled = await api(`/api/manage/requests/${request.id}/cancel`, { method: 'POST', cookie: lead, body: JSON.stringify({ reason: 'The hall is flooded' }) });
    expect(cancelled.status).toBe(200);
    const cancel = await waitForEmail(stack, (e) => e.subject.startsWith('Cancelled:') && e.destination.to.some((t) => t.includes(request.contactEmail)));

    const first = icsOf(invite);
    const second = icsOf(cancel);
    expect(first.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(second.getFirstPropertyValue('method')).toBe('CANCEL');
    const e1 = first.getFirstSubcomponent('vevent')!;
    const e2 = second.getFirstSubcomponent('vevent')!;
    expect(e1.getFirstPropertyValue('uid')).toBe(e2.getFirstPropertyValue('uid'));
    const e3 = icsOf(movedMail).getFirstSubcomponent('vevent')!;
    expect(e3.getFirstPropertyValue('uid')).toBe(e1.getFirstPropertyValue('uid'));
    expect(Number(e3.getFirstPropertyValue('sequence'))).toBe(Number(e1.getFirstPropertyValue('sequence')) + 1);
    expect(Number(e2.getFirstPropertyValue('sequence'))).toBe(Number(e3.getFirstPropertyValue('sequence')) + 1);
    expect(first.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/London');
    const start = e1.getFirstProperty('dtstart')!;
    expect(start.getParameter('tzid')).toBe('Europe/London');
    expect(String(start.getFirstValue())).toContain(`${request.date}T10:00:00`);
    expect(String(e1.getFirstPropertyValue('organizer'))).toContain('careers.lead@harbourview.example');
    expect(String(e1.getFirstPropertyValue('attendee'))).toContain(request.contactEmail);
    expect(String(e1.getFirstPropertyValue('description'))).toContain('answers to pupils');
    // The lead gets the invitation too.
    await waitForEmail(stack, (e) => e.subject.startsWith('Approved:') && e.destination.to.some((t) => t.includes('careers.lead@harbourview.example')));
  });

  it('20 concurrent approvals of requests overlapping the same year group and time: at most one approved', async () => {
    const date = await schoolDayAhead(stack, '990101', 70);
    const requests = [];
    for (let i = 0; i < 20; i++) requests.push(await newRequest({ proposed: { date, start: i % 2 ? '10:00' : '10:15', end: '10:45' }, yearGroups: [9, 10] }));
    const results = await Promise.all(requests.map((r) => api(`/api/manage/requests/${r.id}/approve`, { method: 'POST', cookie: lead, body: '{}' })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.status === 409)) {
      const { error } = await json(r);
      expect(error.code).toBe('YEAR_GROUP_BUSY');
      expect(error.message).toMatch(/already has an approved encounter on .* from 10(am|:15am) to 10:45am/);
    }
  });

  it('propose another time, and the provider accepts it', async () => {
    const request = await newRequest({}, 80);
    const newDate = await schoolDayAhead(stack, '990101', 90, 4);
    const bad = await api(`/api/manage/requests/${request.id}/propose`, { method: 'POST', cookie: lead, body: JSON.stringify({ date: newDate, start: '07:00', end: '07:30' }) });
    expect(bad.status).toBe(422);
    expect((await json(bad)).error.rule).toBe('R-HOURS');
    const proposed = await api(`/api/manage/requests/${request.id}/propose`, { method: 'POST', cookie: lead, body: JSON.stringify({ date: newDate, start: '11:00', end: '11:40', message: 'Thursdays suit us better' }) });
    expect(proposed.status).toBe(200);
    const mail = await waitForEmail(stack, (e) => e.subject.startsWith('Harbour View Academy proposes another time') && e.destination.to.some((t) => t.includes(request.contactEmail)));
    expect(mail.body.text).toContain('Thursdays suit us better');
    const token = linkIn(mail, /#token=[\w-]+/).slice('#token='.length);
    const session = await api('/api/auth/session', { method: 'POST', body: JSON.stringify({ token }) });
    const provider = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const accepted = await api(`/api/requests/${request.id}/accept`, { method: 'POST', cookie: provider, body: '{}' });
    expect(accepted.status).toBe(200);
    expect((await json(accepted)).request).toMatchObject({ status: 'approved', date: newDate, start: '11:00' });
    await waitForEmail(stack, (e) => e.subject.startsWith('Approved:') && e.destination.to.some((t) => t.includes('careers.lead@harbourview.example')) && (e.body.text ?? '').includes('accepted the time you proposed'));
  });

  it('records delivery only after the date; refuses a decline without a reason', async () => {
    const request = await newRequest({}, 100);
    const noReason = await api(`/api/manage/requests/${request.id}/decline`, { method: 'POST', cookie: lead, body: '{}' });
    expect(noReason.status).toBe(422);
    expect((await json(noReason)).error.code).toBe('DECLINE_REASON_REQUIRED');
    await api(`/api/manage/requests/${request.id}/approve`, { method: 'POST', cookie: lead, body: '{}' });
    const early = await api(`/api/manage/requests/${request.id}/deliver`, {
      method: 'POST',
      cookie: lead,
      body: JSON.stringify({ content: { provider: true, careers: true, learning: true, questions: true }, attendance: [{ yearGroup: 9, onRoll: 182, pupils: 180 }] }),
    });
    expect(early.status).toBe(422);
    expect((await json(early)).error.code).toBe('DELIVERY_TOO_EARLY');
    // R-ATTEND at the edge: whole numbers, pupils on roll given, never more taking part than on roll.
    const deliver = (attendance: unknown, extra: Record<string, unknown> = {}) =>
      api(`/api/manage/requests/${request.id}/deliver`, {
        method: 'POST',
        cookie: lead,
        body: JSON.stringify({ content: { provider: true, careers: true, learning: true, questions: true }, attendance, ...extra }),
      });
    const over = await json(await deliver([{ yearGroup: 9, onRoll: 180, pupils: 181 }]));
    expect(over.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'attendance.0.pupils': expect.stringContaining('R-ATTEND') } });
    const noRoll = await json(await deliver([{ yearGroup: 9, pupils: 180 }]));
    expect(noRoll.error.fields['attendance.0.onRoll']).toContain('R-ATTEND');
    const half = await json(await deliver([{ yearGroup: 9, onRoll: 180.5, pupils: 180 }]));
    expect(half.error.fields['attendance.0.onRoll']).toContain('whole number');
    // R-WHOLE: a session of a split encounter is session k of n.
    const split = await json(await deliver([{ yearGroup: 9, onRoll: 180, pupils: 180 }], { split: { session: 5, sessions: 4 } }));
    expect(split.error.fields['split.session']).toContain('R-WHOLE');
  });
});

describe('authorisation', () => {
  it('every manage route: no cookie 401, other school 403/404, revoked session 401, deputy and trust admin allowed', async () => {
    const request = await newRequest({}, 110);
    const kingsmead = await signIn(stack, 'careers@kingsmead.example');
    const deputy = await signIn(stack, 'deputy.head@harbourview.example');
    const trustAdmin = await signIn(stack, 'trust.admin@northfield-trust.example');
    const revoked = await signIn(stack, 'careers.lead@harbourview.example');
    await api('/api/auth/sign-out', { method: 'POST', cookie: revoked });
    const providerToken = linkIn(
      await waitForEmail(stack, (e) => e.subject.startsWith('Request sent') && e.destination.to.some((t) => t.includes(request.contactEmail))),
      /#token=[\w-]+/,
    ).slice('#token='.length);
    const provider = ((await api('/api/auth/session', { method: 'POST', body: JSON.stringify({ token: providerToken }) })).headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    const routes: [string, string, string | undefined][] = [
      ['GET', '/api/manage/schools/990101/requests', undefined],
      ['GET', `/api/manage/requests/${request.id}`, undefined],
      ['POST', `/api/manage/requests/${request.id}/decline`, JSON.stringify({})],
    ];
    const callers: [string, string | undefined, number[]][] = [
      ['no cookie', undefined, [401, 401, 401]],
      ['a revoked session', revoked, [401, 401, 401]],
      ['the lead of another school', kingsmead, [403, 404, 404]],
      ['a provider session', provider, [401, 401, 401]],
      ['a deputy', deputy, [200, 200, 422]],
      ['the trust admin', trustAdmin, [200, 200, 422]],
    ];
    for (const [who, cookie, expected] of callers) {
      const got = [];
      for (const [method, path, body] of routes) got.push((await api(path, { method, ...(cookie ? { cookie } : {}), ...(body ? { body } : {}) })).status);
      expect(got, who).toEqual(expected);
    }
    const leaked = await json(await api(`/api/manage/requests/${request.id}`, { cookie: kingsmead }));
    expect(JSON.stringify(leaked)).not.toContain('Sam Provider');
    const crossSite = await api(`/api/manage/requests/${request.id}/approve`, { method: 'POST', cookie: lead, body: '{}', headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
  });
});
