// Issue 15's authorisation matrix, walked over the route table against DynamoDB Local: for
// every route a provider session reaches, a member of organisation B learns nothing of A
// (404 on each of A's things, nothing of A in any list, file or calendar), a member A removes
// is refused on the very next call of the same session, and staff and provider sessions never
// cross (each is refused on every route of the other). A new provider route joins the matrix
// by being in the table: `PROVIDER_CALLS` must say how to call it, or this test fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRequest } from '#shared/store/requests.ts';
import { httpRoutes, type HttpRoute } from '#shared/routes.ts';
import { schoolDay, schoolDays, startInProcessStack, type InProcessStack } from '../support/in-process-stack.ts';
import { providerBody } from '../support/provider-body.ts';
import { VALID_QUERIES } from '../support/route-queries.ts';

let stack: InProcessStack;
const A_FOUNDER = 'founder@matrix-a.example';
const A_COLLEAGUE = 'colleague@matrix-a.example';
const B_ADMIN = 'admin@matrix-b.example';
const LEAD = 'careers.lead@harbourview.example';
const who = { aFounder: '', aColleague: '', bAdmin: '', lead: '' };
/** A's things: an approved request, a pending one, a visit tour, its calendar feed's address. */
const a = { approved: { id: '', reference: '' }, pending: { id: '', reference: '' }, tour: '', tourReference: '', feed: '', organisationName: 'Matrix College A' };
let tuesdays: string[] = [];

const profile = (ukprn: string, name: string, email: string) => ({ name, type: 'fe_college', ukprn, defaultContact: { name: 'Schools Liaison', email, phone: '01632 960 000' } });

async function send(email: string, cookie: string, day: number) {
  const body = providerBody({ slot: { opportunityId: 'y10-assembly', date: tuesdays[day] }, contact: { name: 'Matrix Sender', email, phone: '01632 960100' } });
  const answer = await stack.api({ method: 'POST', url: '/api/schools/990101/requests', body, cookies: [cookie] });
  if (answer.status !== 201) throw new Error(answer.text);
  return answer.json().request as { id: string; reference: string };
}

beforeAll(async () => {
  stack = await startInProcessStack('org-matrix');
  tuesdays = await schoolDays(stack.store, '990101', 40, 2, 4);
  const [tourDay, tourDay2] = await Promise.all(['990102', '990103'].map((urn) => schoolDay(stack.store, urn, 60, 3)));
  who.aFounder = await stack.sessionFor('provider', A_FOUNDER);
  who.bAdmin = await stack.sessionFor('provider', B_ADMIN);
  who.lead = await stack.sessionFor('staff', LEAD);
  for (const [cookie, ukprn, name, email] of [
    [who.aFounder, '10071111', a.organisationName, A_FOUNDER],
    [who.bAdmin, '10072222', 'Matrix College B', B_ADMIN],
  ] as const) {
    const made = await stack.api({ method: 'PUT', url: '/api/provider/organisation', body: profile(ukprn, name, email), cookies: [cookie] });
    if (made.status !== 201) throw new Error(made.text);
  }
  const invited = await stack.api({ method: 'POST', url: '/api/provider/organisation/members', body: { email: A_COLLEAGUE, role: 'member' }, cookies: [who.aFounder] });
  if (invited.status !== 201) throw new Error(invited.text);
  who.aColleague = await stack.sessionFor('provider', A_COLLEAGUE);
  a.approved = await send(A_FOUNDER, who.aFounder, 0);
  a.pending = await send(A_COLLEAGUE, who.aColleague, 1);
  await send(B_ADMIN, who.bAdmin, 2);
  const tour = await stack.api({
    method: 'POST',
    url: '/api/tours',
    cookies: [who.aColleague],
    headers: { 'idempotency-key': 'matrix-tour-a-0001' },
    body: {
      stops: [
        { urn: '990102', proposed: { date: tourDay, start: '10:00', end: '10:45' } },
        { urn: '990103', proposed: { date: tourDay2, start: '10:00', end: '10:45' } },
      ],
      details: providerBody({ yearGroups: [8], contact: { name: 'Matrix Touring', email: A_COLLEAGUE, phone: '01632 960100' } }),
    },
  });
  if (tour.status !== 201) throw new Error(tour.text);
  a.tour = tour.json().tour.id;
  a.tourReference = String(tour.json().tour.stops[0].reference);
  const approved = await stack.api({ method: 'POST', url: `/api/manage/requests/${a.approved.id}/approve`, body: {}, cookies: [who.lead] });
  if (approved.status !== 200) throw new Error(approved.text);
  const feed = await stack.api({ method: 'POST', url: '/api/provider/calendar-feed', cookies: [who.aFounder] });
  if (feed.status !== 201) throw new Error(feed.text);
  a.feed = new URL(feed.json().url as string).pathname;
  await stack.api({ method: 'POST', url: '/api/provider/calendar-feed', cookies: [who.bAdmin] });
}, 120_000);
afterAll(async () => stack?.stop());

interface ProviderCall {
  method: HttpRoute['method'];
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** How each provider route is called on A's things (one call per A thing it can name). */
const PROVIDER_CALLS: Record<string, () => ProviderCall[]> = {
  'provider-requests': () => [{ method: 'GET', url: '/api/requests' }, { method: 'GET', url: `/api/requests?reference=${a.approved.reference}` }],
  'provider-requests-csv': () => [{ method: 'GET', url: '/api/requests.csv' }],
  'provider-request': () => [a.approved, a.pending].map((r) => ({ method: 'GET' as const, url: `/api/requests/${r.id}` })),
  'provider-request-invite': () => [{ method: 'GET', url: `/api/requests/${a.approved.id}/invite.ics` }],
  'provider-request-action': () => [
    { method: 'POST', url: `/api/requests/${a.pending.id}/withdraw`, body: { reason: 'Not ours to withdraw' } },
    { method: 'POST', url: `/api/requests/${a.approved.id}/move`, body: { date: tuesdays[3], start: '10:00', end: '10:45', reason: 'A clash' } },
  ],
  'provider-evidence': () => [{ method: 'GET', url: '/api/provider/evidence' }],
  'provider-evidence-csv': () => [{ method: 'GET', url: '/api/provider/evidence.csv' }],
  'provider-organisation-get': () => [{ method: 'GET', url: '/api/provider/organisation' }],
  // B's own organisation is the only one a PUT can reach: it changes B, never A.
  'provider-organisation-put': () => [{ method: 'PUT', url: '/api/provider/organisation', body: profile('10072222', 'Matrix College B', B_ADMIN) }],
  'provider-member-invite': () => [{ method: 'POST', url: '/api/provider/organisation/members', body: { email: 'stranger@matrix-b.example', role: 'member' } }],
  'provider-member-remove': () => [{ method: 'DELETE', url: `/api/provider/organisation/members/${encodeURIComponent(A_COLLEAGUE)}` }],
  'provider-calendar-feed-rotate': () => [{ method: 'POST', url: '/api/provider/calendar-feed' }],
  'tour-create': () => [
    // B's own tour, under A's idempotency key: a new tour of B's, never A's resumed.
    { method: 'POST', url: '/api/tours', headers: { 'idempotency-key': 'matrix-tour-a-0001' }, body: { stops: ['990101', '990102'].map((urn) => ({ urn, proposed: { date: tuesdays[3], start: '13:00', end: '13:45' } })), details: providerBody({ yearGroups: [11], contact: { name: 'B Admin', email: B_ADMIN, phone: '01632 960100' } }) } },
  ],
  'tours-list': () => [{ method: 'GET', url: '/api/tours' }],
  'tour-get': () => [{ method: 'GET', url: `/api/tours/${a.tour}` }],
};

const providerRoutes = httpRoutes.filter((r) => r.access === 'provider');
/** Whatever names A's things: a request id or reference, A's name, its colleague's address. */
const namesA = () => [a.approved.id, a.pending.id, a.approved.reference, a.pending.reference, a.tour, a.tourReference, a.organisationName, A_FOUNDER, A_COLLEAGUE];

/** The names a call did not itself send: an answer may repeat what it was asked ("None of your requests has the reference …"). */
const unasked = (names: string[], c: ProviderCall) => names.filter((n) => !decodeURIComponent(c.url).includes(n) && !JSON.stringify(c.body ?? '').includes(n));

async function stateOfA() {
  const [approved, pending] = await Promise.all([getRequest(stack.store, '990101', a.approved.id), getRequest(stack.store, '990101', a.pending.id)]);
  const organisation = (await stack.api({ method: 'GET', url: '/api/provider/organisation', cookies: [who.aFounder] })).json();
  const feed = await stack.api({ method: 'GET', url: a.feed, headers: { origin: '' } });
  return { approved: [approved?.status, approved?.version], pending: [pending?.status, pending?.version], members: organisation.members, feed: feed.status };
}

describe("issue 15's authorisation matrix", () => {
  it('names a call for every provider route in the table', () => {
    expect(providerRoutes.map((r) => r.name).sort()).toEqual(Object.keys(PROVIDER_CALLS).sort());
  });

  it("a member of B learns nothing of A on any provider route, and changes nothing of A's", async () => {
    const before = await stateOfA();
    for (const route of providerRoutes) {
      for (const c of PROVIDER_CALLS[route.name]!()) {
        const answer = await stack.api({ ...c, cookies: [who.bAdmin] });
        const label = `${route.name}: ${c.method} ${c.url}`;
        expect(answer.status, `${label} → ${answer.text}`).toBeLessThan(500);
        // Either refused as if A's thing did not exist, or answered with B's own things only.
        if (answer.status >= 400) expect([403, 404, 409, 422], `${label} → ${answer.text}`).toContain(answer.status);
        for (const name of unasked(namesA(), c)) expect(answer.text, `${label} names ${name}`).not.toContain(name);
      }
    }
    // Each of A's requests by id is a 404 (not a 403 that would say it exists).
    for (const r of [a.approved, a.pending]) expect((await stack.api({ method: 'GET', url: `/api/requests/${r.id}`, cookies: [who.bAdmin] })).status).toBe(404);
    expect((await stack.api({ method: 'GET', url: `/api/tours/${a.tour}`, cookies: [who.bAdmin] })).json().error.code).toBe('TOUR_NOT_FOUND');
    expect(await stateOfA()).toEqual(before);
  });

  it("A's calendar feed holds A's visits only; B's feed holds none of A's", async () => {
    const aFeed = await stack.api({ method: 'GET', url: a.feed, headers: { origin: '' } });
    expect(aFeed.status).toBe(200);
    expect(aFeed.text).toContain(`UID:${a.approved.id}@provider-access`);
    const bFeed = await stack.api({ method: 'POST', url: '/api/provider/calendar-feed', cookies: [who.bAdmin] });
    const bText = (await stack.api({ method: 'GET', url: new URL(bFeed.json().url as string).pathname, headers: { origin: '' } })).text;
    for (const name of namesA()) expect(bText).not.toContain(name);
    // A wrong secret is a 404, never A's calendar.
    expect((await stack.api({ method: 'GET', url: a.feed.replace(/calendar\/./, 'calendar/Z'), headers: { origin: '' } })).status).toBe(404);
  });

  it('staff and provider sessions never cross: each is refused on every route of the other', async () => {
    for (const route of providerRoutes) {
      const c = PROVIDER_CALLS[route.name]!()[0]!;
      const answer = await stack.api({ ...c, cookies: [who.lead] });
      expect(answer.status, `${route.name} with a staff session`).toBe(401);
    }
    for (const route of httpRoutes.filter((r) => r.access === 'staff')) {
      const url = route.path.replace('{urn}', '990101').replace('{id}', a.approved.id).replace('{action}', 'approve').replace('{trustId}', 'northfield-learning-trust').replace(/\{[a-zA-Z]+\}/g, 'x') + (VALID_QUERIES[route.name] ?? '');
      const answer = await stack.api({ method: route.method, url, cookies: [who.aFounder], ...(route.method === 'GET' ? {} : { body: {} }) });
      // The edge checks input before the caller (shared/http/handler.ts), so a write's empty body may be a 400 first: refused either way, nothing done.
      expect(route.method === 'GET' ? [401, 403] : [400, 401, 403], `${route.name} with a provider session → ${answer.status}`).toContain(answer.status);
    }
  });

  it("a removed member is refused on the next call of the same session, on every route that names A's things", async () => {
    expect((await stack.api({ method: 'GET', url: `/api/requests/${a.pending.id}`, cookies: [who.aColleague] })).status).toBe(200);
    // Their colleague sees the tour they sent: it is the organisation's.
    expect((await stack.api({ method: 'GET', url: `/api/tours/${a.tour}`, cookies: [who.aFounder] })).status).toBe(200);
    const removed = await stack.api({ method: 'DELETE', url: `/api/provider/organisation/members/${encodeURIComponent(A_COLLEAGUE)}`, cookies: [who.aFounder] });
    expect(removed.status, removed.text).toBe(200);
    for (const route of providerRoutes.filter((r) => r.method === 'GET')) {
      for (const c of PROVIDER_CALLS[route.name]!()) {
        const answer = await stack.api({ ...c, cookies: [who.aColleague] });
        const label = `${route.name}: ${c.url}`;
        if (answer.status >= 400) expect([403, 404], label).toContain(answer.status);
        for (const name of unasked([a.approved.id, a.pending.id, a.approved.reference, a.pending.reference, a.tour, a.tourReference, a.organisationName], c)) expect(answer.text, `${label} names ${name}`).not.toContain(name);
      }
    }
    // Nor can they act: not on a request they sent themselves, not on the organisation.
    expect((await stack.api({ method: 'POST', url: `/api/requests/${a.pending.id}/withdraw`, body: {}, cookies: [who.aColleague] })).status).toBe(404);
    expect((await stack.api({ method: 'POST', url: '/api/provider/calendar-feed', cookies: [who.aColleague] })).status).toBeGreaterThanOrEqual(400);
    expect((await getRequest(stack.store, '990101', a.pending.id))?.status).toBe('pending');
  });
});
