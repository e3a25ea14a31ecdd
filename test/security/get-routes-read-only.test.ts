// Every GET route of the route table, called with valid inputs (a signed-in careers lead,
// provider or trust admin where the route needs one, a real request id, a live action
// link), leaves the table exactly as it was: the whole table is compared before and after
// each call. Routes added later are covered too: their path parameters are filled by name,
// and a route this test cannot yet give valid inputs still has to change nothing.
//
// The one write a GET may make is not a GET's own: a session last used more than five
// minutes ago has its idle deadline moved on (shared/store/sessions.ts), only that session
// item, at most once per five minutes. The last test pins that down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TRUST } from '#infra/local/demo-data.ts';
import { SESSION_COOKIE } from '#shared/http/session.ts';
import { putPlatformAdmin } from '#shared/store/platform-admins.ts';
import { httpRoutes, type HttpRoute } from '#shared/routes.ts';
import { createSession } from '#shared/store/sessions.ts';
import { schoolDay, startInProcessStack, type InProcessStack } from '../support/in-process-stack.ts';
import { providerBody } from '../support/provider-body.ts';
import { scanAll, tableSnapshot } from '../support/scan.ts';
import { journey, type Journey } from './journey.ts';

let stack: InProcessStack;
let j: Journey;
let trustAdminCookie: string;
let adminCookie: string;
let feed: string | undefined;
/** The provider organisation's feed (issue 15, item 3): `{feed}` of its route. */
let organisationFeed: string | undefined;
/** An approved encounter of the journey's provider: "Add to calendar" (the invite.ics routes) has one to give. */
let approvedId = '';
let tourId = '';

beforeAll(async () => {
  stack = await startInProcessStack('get-routes');
  j = await journey(stack, {}, 'reader');
  trustAdminCookie = await stack.sessionFor('staff', 'trust.admin@northfield-trust.example');
  // A platform admin, for the admin routes that read (an import's progress, the bank-holiday list: issue 17).
  await putPlatformAdmin(stack.store, { email: 'reader.admin@provider-access.example', name: 'Reader Admin', addedAt: new Date().toISOString() });
  adminCookie = await stack.sessionFor('staff', 'reader.admin@provider-access.example');
  const rotate = httpRoutes.find((r) => r.name === 'manage-calendar-feed');
  if (rotate) {
    const res = await stack.api({ method: 'POST', url: rotate.path.replace('{urn}', '990101'), cookies: [j.staffCookie] });
    feed = /\/([\w-]+\.ics)/.exec(String(res.json().url ?? ''))?.[1];
  }
  const publish = httpRoutes.find((r) => r.name === 'manage-statement-publish');
  if (publish) {
    const body = { approvedBy: 'the governing board', approvedOn: new Date().toISOString().slice(0, 10) };
    const res = await stack.api({ method: 'POST', url: publish.path.replace('{urn}', '990101'), cookies: [j.staffCookie], body });
    if (res.status !== 201) throw new Error(`publishing the statement: ${res.text}`);
  }
  const date = await schoolDay(stack.store, '990101', 57);
  const sent = await stack.api({ method: 'POST', url: '/api/schools/990101/requests', body: providerBody({ proposed: { date, start: '13:00', end: '13:45' }, yearGroups: [9], contact: { name: 'Sam Provider', email: j.providerEmail, phone: '01632 960111' } }) });
  if (sent.status !== 201) throw new Error(`a second request: ${sent.text}`);
  approvedId = sent.json().request.id;
  const approved = await stack.api({ method: 'POST', url: `/api/manage/requests/${approvedId}/approve`, cookies: [j.staffCookie], body: {} });
  if (approved.status !== 200) throw new Error(`approving it: ${approved.text}`);
  // The provider's organisation (issue 15, item 1), so GET /api/provider/organisation has one to read.
  const organisation = { name: 'Journey College', type: 'fe_college', ukprn: '10066666', defaultContact: { name: 'Sam Provider', email: j.providerEmail, phone: '01632 960111' } };
  const created = await stack.api({ method: 'PUT', url: '/api/provider/organisation', cookies: [j.providerCookie], body: organisation });
  if (created.status !== 201) throw new Error(`the organisation: ${created.text}`);
  const feedMade = await stack.api({ method: 'POST', url: '/api/provider/calendar-feed', cookies: [j.providerCookie] });
  organisationFeed = /\/([\w-]+\.ics)/.exec(String(feedMade.json().url ?? ''))?.[1];
  // A visit tour of theirs (issue 15, item 5), so GET /api/tours/{id} has one to read.
  const [first, second] = await Promise.all(['990101', '990103'].map((urn) => schoolDay(stack.store, urn, 58, 2)));
  const tour = await stack.api({
    method: 'POST',
    url: '/api/tours',
    cookies: [j.providerCookie],
    headers: { 'idempotency-key': 'read-only-tour-0001' },
    body: {
      stops: [
        { urn: '990101', proposed: { date: first, start: '10:00', end: '10:45' } },
        { urn: '990103', proposed: { date: second, start: '10:00', end: '10:45' } },
      ],
      details: providerBody({ yearGroups: [8], contact: { name: 'Sam Provider', email: j.providerEmail, phone: '01632 960111' } }),
    },
  });
  if (tour.status !== 201) throw new Error(`the tour: ${tour.text}`);
  tourId = tour.json().tour.id;
  await stack.deliverMail(); // nothing left for the mailer to write while the snapshots are taken
}, 90_000);
afterAll(async () => stack?.stop());

/** Valid inputs by parameter name; a query for the routes that need one. */
function request(route: HttpRoute): { url: string; cookies: string[]; known: boolean } {
  // An import run's id is left unknown: making one needs the imports bucket (test/import-upload.test.ts reads one), so only "never a 5xx, nothing changed" is asked of it.
  const id = route.name === 'admin-schools-import-run' ? undefined : route.name === 'tour-get' ? tourId : route.path.endsWith('/invite.ics') ? approvedId : j.requestId;
  const values: Record<string, string | undefined> = { urn: '990101', id, token: j.actionTokens.decline, trustId: DEMO_TRUST.id, feed: route.name === 'provider-calendar-feed' ? organisationFeed : feed };
  let known = true;
  const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = values[name];
    if (!v) known = false;
    return encodeURIComponent(v ?? 'x');
  });
  const queries: Record<string, string> = {
    'schools-search': '?q=harbour',
    'school-slots': `?from=${new Date().toISOString().slice(0, 10)}&to=${new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10)}`,
    'school-month': `?month=${new Date().toISOString().slice(0, 7)}&yearGroup=10`,
    'manage-month': `?month=${new Date().toISOString().slice(0, 7)}&yearGroups=10,11`,
    'manage-coverage-invitations': '?year=9',
    'manage-year-plan': '?year=2025',
  };
  const cookies =
    route.access === 'staff' ? [route.name === 'trust-coverage' ? trustAdminCookie : j.staffCookie] : route.access === 'provider' ? [j.providerCookie] : route.access === 'admin' ? [adminCookie] : [];
  return { url: `${path}${queries[route.name] ?? ''}`, cookies, known };
}

const getRoutes = httpRoutes.filter((r) => r.method === 'GET');

describe('GET routes change nothing', () => {
  it.each(getRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s leaves the table unchanged', async (_name, route) => {
    const { url, cookies, known } = request(route);
    const before = await tableSnapshot(stack.store);
    const res = await stack.api({ method: 'GET', url, cookies });
    if (known) expect(res.status, `${url}: ${res.text.slice(0, 300)}`).toBeLessThan(400);
    else expect(res.status, `${url}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
    expect(await tableSnapshot(stack.store)).toBe(before);
  });

  it('opening an emailed action link asks POST /api/actions/view, which only reads: the table is unchanged (issue 12, item 3)', async () => {
    const before = await tableSnapshot(stack.store);
    for (const token of Object.values(j.actionTokens)) {
      const res = await stack.api({ method: 'POST', url: '/api/actions/view', body: { token } });
      expect(res.status, res.text.slice(0, 300)).toBe(200);
    }
    expect(await tableSnapshot(stack.store)).toBe(before);
  });

  it('covers every GET route of the table', () => {
    expect(getRoutes.length).toBeGreaterThanOrEqual(10);
  });

  it("the only write a GET may cause: moving an idle session's deadline on, once per five minutes", async () => {
    const tenMinutesAgo = new Date(Date.now() - 10 * 60 * 1000);
    const { secret } = await createSession(stack.store, 'staff', 'careers.lead@harbourview.example', tenMinutesAgo);
    const cookie = `${SESSION_COOKIE}=${secret}`;
    const before = await scanAll(stack.store);
    expect((await stack.api({ method: 'GET', url: '/api/manage/schools/990101/requests', cookies: [cookie] })).status).toBe(200);
    const after = await scanAll(stack.store);
    const changed = after.filter((item, i) => JSON.stringify(item) !== JSON.stringify(before[i]));
    expect(after).toHaveLength(before.length);
    expect(changed.map((i) => i.itemType)).toEqual(['session']);
    const [was, is] = [before.find((i) => i.pk === changed[0]?.pk), changed[0]];
    expect(Object.keys(is ?? {}).filter((k) => JSON.stringify(is?.[k]) !== JSON.stringify(was?.[k])).sort()).toEqual(['expiresAt', 'lastSeenAt']);
    // Straight after, the same GET writes nothing.
    const snapshot = await tableSnapshot(stack.store);
    await stack.api({ method: 'GET', url: '/api/manage/schools/990101/requests', cookies: [cookie] });
    expect(await tableSnapshot(stack.store)).toBe(snapshot);
  });
});
