// The provider's journey through the API, end to end on the local stack: find a school,
// list slots, be refused with every rule at once, send a request, get both emails, sign in
// with the emailed link, see and withdraw the request. Escaping, idempotency and races too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { readInbox } from '#infra/local/ses.ts';
import { createStore } from '#shared/store/client.ts';
import { getSlot } from '#shared/store/slots.ts';
import { listRequestsOfSchoolByStatus } from '#shared/store/requests.ts';
import { markAddressesConfirmed } from './support/confirmation.ts';
import { json } from './support/site.ts';
import { viaCloudFront } from './support/cloudfront.ts';
import { linkIn, startDemoStack, waitForEmail } from './support/stack.ts';
import { providerBody } from './support/provider-body.ts';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startDemoStack();
  // Returning providers (issue 12, item 2: a first request from an address waits for its
  // confirmation, tested in unverified-requests.test.ts); the demo's own provider is one too.
  const store = createStore({ tableName: stack.tableName, endpoint: stack.dynamodb.endpoint });
  await markAddressesConfirmed(store, ['x@college.example', ...Array.from({ length: 10 }, (_, i) => `racer${i}@college.example`)]);
}, 90_000);
afterAll(async () => stack?.stop());

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.siteUrl}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', origin: stack.siteUrl, ...(init.headers as Record<string, string>) },
  });

/** The next Tuesday slot of Harbour View's Year 10 assembly that is far enough ahead. */
async function nextSlot(urn = '990101', opportunityId = 'y10-assembly') {
  const from = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 140 * 86_400_000).toISOString().slice(0, 10);
  const res = await api(`/api/schools/${urn}/slots?from=${from}&to=${to}`);
  const { slots } = await json(res);
  const slot = slots.find((s: { opportunityId: string; placesLeft: number }) => s.opportunityId === opportunityId && s.placesLeft > 0);
  if (!slot) throw new Error('no slot');
  return slot as { date: string; start: string; end: string; placesLeft: number; capacity: number };
}

const body = providerBody;

describe('provider API', () => {
  it('forgives typos by sound (issue 14, item 9): a misspelt name or town still finds the school, and nothing else', async () => {
    const names = async (q: string) => (await json(await api(`/api/schools?q=${encodeURIComponent(q)}`))).schools.map((s: { name: string }) => s.name);
    expect(await names('Harbor Veiw')).toEqual(['Harbour View Academy']);
    expect(await names('harbor')).toEqual(['Harbour View Academy']);
    expect(await names('Kingsmeed')).toEqual(['Kingsmead School and Sixth Form']);
    expect(await names('Oakrige Midle')).toEqual(['Oakridge Middle School']);
    // As typed first: a word that matches as typed is never widened by sound.
    expect(await names('harbour')).toEqual(['Harbour View Academy']);
    expect(await names('Qwxzv')).toEqual([]);
  });

  it('finds schools by name, URN, town and postcode prefix; says when a school takes no requests', async () => {
    const names = async (q: string) => (await json(await api(`/api/schools?q=${encodeURIComponent(q)}`))).schools.map((s: { name: string }) => s.name);
    expect(await names('harbour')).toEqual(['Harbour View Academy']);
    expect(await names('990102')).toEqual(['Kingsmead School and Sixth Form']);
    expect(await names('Eastmouth')).toEqual(['Harbour View Academy', 'Oakridge Middle School']);
    expect(await names('ZZ2')).toEqual(['Kingsmead School and Sixth Form', 'Willow Lane Primary School']);
    expect(await names('kings sixth')).toEqual(['Kingsmead School and Sixth Form']);
    const short = await api('/api/schools?q=a');
    expect(short.status).toBe(400);
    expect((await json(short)).error.fields).toHaveProperty(['query.q']);

    const primary = (await json(await api('/api/schools/990104'))).school;
    expect(primary.acceptsRequests).toBe(false);
    expect(primary.providerAccessYears).toEqual([]);
    const middle = (await json(await api('/api/schools/990103'))).school;
    expect(middle.providerAccessYears).toEqual([8]);
    expect((await api('/api/schools/123456')).status).toBe(404);
  });

  it('lists weekly slots on school days only, with places left', async () => {
    const res = await api('/api/schools/990101/slots?from=2026-12-01&to=2027-01-31');
    const { slots } = await json(res);
    const tuesdays = slots.filter((s: { opportunityId: string }) => s.opportunityId === 'y10-assembly').map((s: { date: string }) => s.date);
    // Term ends 18 Dec; 22 and 29 Dec are holidays; spring term starts 5 Jan (an INSET day, a Tuesday).
    expect(tuesdays).toEqual(['2026-12-01', '2026-12-08', '2026-12-15', '2027-01-12', '2027-01-19', '2027-01-26']);
    expect(slots[0]).toMatchObject({ placesLeft: 1, capacity: 1, start: '08:50', end: '09:20' });
    expect((await api('/api/schools/990101/slots?from=2027-01-31&to=2027-01-01')).status).toBe(400);
  });

  it('returns every rule broken at once, each at its field, and names the rule', async () => {
    const res = await api('/api/schools/990101/requests', {
      method: 'POST',
      body: JSON.stringify(body({ yearGroups: [7, 10], proposed: { date: '2026-11-28', start: '10:00', end: '10:30' }, content: { provider: true, careers: false, learning: true, questions: true } })),
    });
    expect(res.status).toBe(422);
    const { error } = await json(res);
    expect(error.code).toBe('REQUEST_RULES_BROKEN');
    expect(Object.keys(error.fields)).toEqual(expect.arrayContaining(['yearGroups', 'date', 'content.careers']));
    expect(error.fields.yearGroups).toMatch(/Year 7 is not covered by provider access/);
    expect(error.fields.date).toMatch(/Saturday 28 November 2026/);
    // Issue 11: a refusal that breaks several rules names the rule of every field.
    expect(error.rules).toMatchObject({ yearGroups: ['R-YEARS'], date: ['R-HOURS', 'R-NOTICE'], 'content.careers': ['R-CONTENT'] });
    expect(Object.keys(error.rules).sort()).toEqual(Object.keys(error.fields).sort());
  });

  it.each([
    ['a script tag in the name', { contact: { name: '<script>alert(1)</script>', email: 'x@college.example', phone: '01632 960100' } }, 201],
    ['CRLF in a name', { contact: { name: 'Riley\r\nBcc: victim@example.com', email: 'x@college.example', phone: '01632 960100' } }, 400],
    ['10 KB of notes', { notes: 'x'.repeat(10_000) }, 400],
    ['an unknown field', { role: 'admin' }, 400],
  ])('%s → %s', async (_what, overrides, status) => {
    const slot = await nextSlot('990102', 'y11-assembly');
    const res = await api('/api/schools/990102/requests', {
      method: 'POST',
      body: JSON.stringify(body({ yearGroups: [11], slot: { opportunityId: 'y11-assembly', date: slot.date }, ...overrides })),
    });
    expect(res.status).toBe(status);
    if (status === 400) expect(Object.keys((await json(res)).error.fields ?? {}).length).toBeGreaterThan(0);
    if (status === 201) {
      const id = (await json(res)).request.id;
      // The careers lead's email shows the text escaped.
      const email = await waitForEmail(stack, (e) => e.destination.to.some((t) => t.includes('careers@kingsmead.example')) && (e.body.html ?? '').includes('alert'));
      expect(email.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(email.body.html).not.toContain('<script>');
      // …and frees the slot again for the other cases.
      await api(`/api/requests/${id}/withdraw`, { method: 'POST', body: '{}' });
    }
  });

  it('refuses an unknown school and a past date, naming the field', async () => {
    const unknown = await api('/api/schools/123456/requests', { method: 'POST', body: JSON.stringify(body({ proposed: { date: '2027-03-02', start: '10:00', end: '10:30' } })) });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe('SCHOOL_NOT_FOUND');
    const past = await api('/api/schools/990101/requests', { method: 'POST', body: JSON.stringify(body({ proposed: { date: '2025-03-04', start: '10:00', end: '10:30' } })) });
    expect(past.status).toBe(422);
    expect((await json(past)).error.fields).toHaveProperty('date');
  });

  it('sends a request: both emails, the same Idempotency-Key twice gives one request, the manage link signs in, withdraw releases the place', async () => {
    const slot = await nextSlot();
    const payload = JSON.stringify(body({ slot: { opportunityId: 'y10-assembly', date: slot.date }, notes: 'Ideally for the top set only.' }));
    const headers = { 'idempotency-key': 'journey-key-0001' };
    const first = await api('/api/schools/990101/requests', { method: 'POST', body: payload, headers });
    expect(first.status).toBe(201);
    const created = (await json(first)).request;
    expect(created).toMatchObject({ status: 'pending', date: slot.date, schoolName: 'Harbour View Academy' });
    expect(created.flags.map((f: { rule: string }) => f.rule)).toEqual(['R-WHOLE']);

    const again = await api('/api/schools/990101/requests', { method: 'POST', body: payload, headers });
    expect(again.status).toBe(201);
    expect((await json(again)).request.id).toBe(created.id);
    const reused = await api('/api/schools/990101/requests', { method: 'POST', body: JSON.stringify({ ...JSON.parse(payload), notes: 'changed' }), headers });
    expect(reused.status).toBe(422);
    expect((await json(reused)).error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const store = createStore({ tableName: stack.tableName, endpoint: stack.dynamodb.endpoint });
    expect((await getSlot(store, '990101', slot.date, slot.start, 'y10-assembly'))?.held).toBe(1);

    const toLead = await waitForEmail(stack, (e) => e.subject.startsWith('Provider access request: Eastmouth College') && e.destination.to.some((t) => t.includes('careers.lead@harbourview.example')));
    expect(toLead.body.text).toContain('top set');
    expect(toLead.body.html).toContain('Check before you decide');
    expect(toLead.replyTo?.join()).toContain('riley.lane@eastmouth-college.example');
    const toProvider = await waitForEmail(stack, (e) => e.subject.startsWith('Request sent to Harbour View Academy'));
    expect(toProvider.replyTo?.join()).toContain('careers.lead@harbourview.example');
    await new Promise((r) => setTimeout(r, 600));
    const copies = (await readInbox(stack.ses.endpoint)).filter((e) => e.subject === toProvider.subject);
    expect(copies).toHaveLength(1); // one email per event, even with the retried POST

    // The link in the email: GET of the page changes nothing; POSTing its token signs in, once.
    const link = linkIn(toProvider, /http:\/\/localhost:\d+\/sign-in\/confirm\/#token=[\w-]+/);
    const token = link.split('#token=')[1];
    const session = await api('/api/auth/session', { method: 'POST', body: JSON.stringify({ token }) });
    expect(session.status).toBe(200);
    expect((await json(session)).next).toBe(`/requests/view/?id=${created.id}`);
    const cookie = session.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-pa_session=[\w-]+; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    const reuse = await api('/api/auth/session', { method: 'POST', body: JSON.stringify({ token }) });
    expect(reuse.status).toBe(410);
    expect((await json(reuse)).error.code).toBe('TOKEN_USED');

    const auth = { cookie: cookie.split(';')[0] ?? '' };
    expect((await api(`/api/requests/${created.id}`)).status).toBe(401);
    const viewRes = await api(`/api/requests/${created.id}`, { headers: auth });
    const view = await json(viewRes);
    expect(viewRes.status, JSON.stringify(view)).toBe(200);
    expect(view.request.history.map((h: { type: string }) => h.type)).toEqual(['REQUEST_SUBMITTED']);
    const list = await json(await api('/api/requests', { headers: auth }));
    expect(list.requests.map((r: { id: string }) => r.id)).toContain(created.id);

    const foreign = await api(`/api/requests/${created.id}/withdraw`, { method: 'POST', body: '{}', headers: { ...auth, origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    const withdrawn = await api(`/api/requests/${created.id}/withdraw`, { method: 'POST', body: JSON.stringify({ reason: 'Our speaker is unwell' }), headers: auth });
    expect(withdrawn.status).toBe(200);
    expect((await json(withdrawn)).request).toMatchObject({ status: 'withdrawn', decision: { reason: 'Our speaker is unwell' } });
    expect((await getSlot(store, '990101', slot.date, slot.start, 'y10-assembly'))?.held).toBe(0);
    const twice = await api(`/api/requests/${created.id}/withdraw`, { method: 'POST', body: '{}', headers: auth });
    expect(twice.status).toBe(409);
  });

  it('100 concurrent requests for a one-place slot: one pending, the rest 409 SLOT_FULL, held equals pending', async () => {
    const slot = await nextSlot();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api('/api/schools/990101/requests', {
          method: 'POST',
          body: JSON.stringify(body({ slot: { opportunityId: 'y10-assembly', date: slot.date }, contact: { name: `Racer ${i}`, email: `racer${i % 10}@college.example`, phone: '01632 960100' } })),
          headers: viaCloudFront(`10.0.0.${i}`),
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    for (const r of results.filter((x) => x.status === 409)) expect((await json(r)).error.code).toBe('SLOT_FULL');
    const store = createStore({ tableName: stack.tableName, endpoint: stack.dynamodb.endpoint });
    const pending = (await listRequestsOfSchoolByStatus(store, '990101', 'pending')).filter((r) => r.date === slot.date && r.start === slot.start);
    expect(pending).toHaveLength(1);
    expect((await getSlot(store, '990101', slot.date, slot.start, 'y10-assembly'))?.held).toBe(1);
  });

  it('asks for a sign-in link with the same answer for a known and an unknown email; the unknown one gets a provider link to set up an organisation', async () => {
    const known = await api('/api/auth/sign-in', { method: 'POST', body: JSON.stringify({ email: 'careers.lead@harbourview.example' }) });
    const unknown = await api('/api/auth/sign-in', { method: 'POST', body: JSON.stringify({ email: 'nobody@nowhere.example' }) });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await json(known)).toEqual(await json(unknown));
    await waitForEmail(stack, (e) => e.subject === 'Your sign-in link for Provider access');
    const toStranger = await waitForEmail(stack, (e) => e.destination.to.some((t) => t.includes('nobody@nowhere.example')));
    expect(toStranger.subject).toBe('Sign in to your organisation on Provider access');
    expect((await readInbox(stack.ses.endpoint)).filter((e) => e.destination.to.some((t) => t.includes('nobody@nowhere.example')))).toHaveLength(1);
  });
});
