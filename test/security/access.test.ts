// Issue 13, item 3: the route table drives the edge. Walked over the whole table, in process:
// every route that is not open to anyone refuses a call without the credential its row's
// `access` names (401 without a session, 403 at another school or without the admin role,
// 404 for another school's request or an action link that never worked), and no handler
// checks it by hand. Each call is valid otherwise, so the refusal is the caller's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putPlatformAdmin } from '#shared/store/platform-admins.ts';
import { httpRoutes, type HttpRoute } from '#shared/routes.ts';
import { markAddressesConfirmed } from '../support/confirmation.ts';
import { schoolDay, startInProcessStack, type InProcessStack } from '../support/in-process-stack.ts';
import { providerBody } from '../support/provider-body.ts';
import { VALID_QUERIES } from '../support/route-queries.ts';

let stack: InProcessStack;
const who = { lead: '', otherLead: '', provider: '', admin: '' };
let requestId = '';
let settings: unknown;

beforeAll(async () => {
  stack = await startInProcessStack('access');
  who.lead = await stack.sessionFor('staff', 'careers.lead@harbourview.example'); // 990101
  who.otherLead = await stack.sessionFor('staff', 'careers@kingsmead.example'); // 990102 only
  who.provider = await stack.sessionFor('provider', 'access.provider@college.example');
  await putPlatformAdmin(stack.store, { email: 'access.admin@provider-access.example', name: 'Access Admin', addedAt: new Date().toISOString() });
  who.admin = await stack.sessionFor('staff', 'access.admin@provider-access.example');
  const contact = { name: 'Access Contact', email: 'access.provider@college.example', phone: '01632 960100' };
  await markAddressesConfirmed(stack.store, [contact.email]);
  const date = await schoolDay(stack.store, '990101', 56);
  const created = await stack.api({ method: 'POST', url: '/api/schools/990101/requests', body: providerBody({ proposed: { date, start: '10:00', end: '10:45' }, yearGroups: [9], contact }) });
  if (created.status !== 201) throw new Error(created.text);
  requestId = created.json().request.id;
  const read = (await stack.api({ method: 'GET', url: '/api/manage/schools/990101/settings', cookies: [who.lead] })).json();
  settings = { version: read.version, settings: read.settings, dryRun: true };
}, 90_000);
afterAll(async () => stack?.stop());

const TOKEN = 'T'.repeat(43);

const concrete = (r: HttpRoute) =>
  r.path
    .replace('{urn}', '990101')
    .replace('{id}', r.name === 'tour-get' ? 'f'.repeat(32) : r.name === 'admin-schools-import-run' ? '01ARZ3NDEKTSV4RRFFQ69G5FAV' : requestId)
    .replace('{action}', r.name === 'manage-decision' ? 'approve' : 'withdraw')
    .replace('{token}', TOKEN)
    .replace('{trustId}', 'northfield-learning-trust')
    .replace('{feed}', `${'F'.repeat(43)}.ics`)
    .replace('{email}', 'nobody%40college.example') + (r.name === 'trust-term-dates-preview' ? '?schools=990101' : '');

/** A body each writing route accepts, so that only the caller can be at fault. */
const BODIES: Record<string, () => unknown> = {
  'provider-request-action': () => ({}),
  'manage-decision': () => ({}),
  'manage-settings-put': () => settings,
  'manage-opportunities-put': () => ({ opportunities: [], dryRun: true }),
  'manage-staff-put': () => ({ staff: [] }),
  'manage-coverage-invite': () => ({ yearGroup: 9, providers: [] }),
  'manage-statement-publish': () => ({ approvedBy: 'the governing board', approvedOn: new Date().toISOString().slice(0, 10) }),
  'admin-careers-lead': () => ({ name: 'Nobody', email: 'nobody@school.example' }),
  'admin-erasure': () => ({ email: 'nobody@college.example' }),
  'admin-schools-upload': () => ({ fileName: 'edubasealldata.csv', bytes: 10 }),
  'admin-bank-holidays-put': () => ({ 'england-and-wales': { division: 'england-and-wales', events: [{ title: 'New Year’s Day', date: '2030-01-01', notes: '', bunting: true }] } }),
  'trust-term-dates-save': () => ({ termDates: { terms: [{ name: 'Autumn term', start: '2030-09-02', end: '2030-12-20' }], closures: [], span: { start: '2030-09-02', end: '2030-12-20' }, warnings: [] }, schools: [{ urn: '990101', version: 0 }] }),
  'provider-organisation-put': () => ({ name: 'Access College', type: 'fe_college', ukprn: '10088888', defaultContact: { name: 'A', email: 'a@college.example', phone: '01632 960100' } }),
  'provider-member-invite': () => ({ email: 'nobody@college.example' }),
  'tour-create': () => ({ stops: [{ urn: '990101', proposed: { date: '2030-01-15', start: '10:00', end: '10:45' } }, { urn: '990102', proposed: { date: '2030-01-15', start: '10:00', end: '10:45' } }], details: providerBody() }),
  'action-view': () => ({ token: TOKEN }),
  'action-decide': () => ({ token: TOKEN }),
  'action-submit': () => ({}),
};
/** Routes whose body is a file, not JSON: each sent a small one of its kind. */
const FILE_BODIES: Record<string, { body: string; headers: Record<string, string> }> = {
  'admin-schools-import': { body: 'URN,EstablishmentName\n', headers: { 'content-type': 'text/csv' } },
  'manage-term-dates-preview': { body: 'type,name,start,end\nterm,Autumn term,2030-09-02,2030-12-20\n', headers: { 'content-type': 'text/csv' } },
  'trust-term-dates-preview': { body: 'type,name,start,end\nterm,Autumn term,2030-09-02,2030-12-20\n', headers: { 'content-type': 'text/csv' } },
};
const NO_BODY = new Set(['manage-calendar-feed', 'admin-schools-import', 'manage-term-dates-preview', 'trust-term-dates-preview', 'auth-sign-out-everywhere', 'provider-member-remove', 'provider-calendar-feed-rotate']);

function call(route: HttpRoute, cookie?: string) {
  const writes = route.method !== 'GET';
  if (writes && !NO_BODY.has(route.name) && !BODIES[route.name]) throw new Error(`${route.name}: give it a valid body in BODIES`);
  return stack.api({
    method: route.method,
    url: `${concrete(route)}${VALID_QUERIES[route.name] ?? ''}`,
    ...(cookie ? { cookies: [cookie] } : {}),
    ...(FILE_BODIES[route.name] ?? {}),
    ...(writes && BODIES[route.name] ? { body: BODIES[route.name]?.() } : {}),
  });
}

/** The refusals each kind of route owes, as [what the caller holds, status, code]. */
function refusals(route: HttpRoute): [string, string | undefined, number, string][] {
  const none: [string, string | undefined, number, string] = ['no session', undefined, 401, 'SIGN_IN_REQUIRED'];
  switch (route.access) {
    case 'provider':
      return [none, ['a staff session', who.lead, 401, 'SIGN_IN_REQUIRED']];
    case 'staff': {
      const base: [string, string | undefined, number, string][] = [none, ['a provider session', who.provider, 401, 'SIGN_IN_REQUIRED']];
      if (route.staffOf === 'path') return [...base, ["another school's lead", who.otherLead, 403, 'NOT_YOUR_SCHOOL']];
      if (route.staffOf === 'request') return [...base, ["another school's lead", who.otherLead, 404, 'REQUEST_NOT_FOUND']];
      return base;
    }
    case 'admin':
      return [none, ['a provider session', who.provider, 401, 'SIGN_IN_REQUIRED'], ['a careers lead', who.lead, 403, 'PLATFORM_ADMIN_REQUIRED']];
    case 'action':
      // The token is the credential; one that never worked is "not found". The old GET link
      // reads nothing: it only moves the token out of the address (303).
      return route.method === 'GET' ? [] : [['a token that never worked', undefined, 404, 'TOKEN_INVALID']];
    case 'public':
      return route.session === 'any' ? [none] : [];
  }
}

const guarded = httpRoutes.filter((r) => refusals(r).length > 0);

describe('access from the route table (issue 13, item 3)', () => {
  it('every route that is not open to anyone owes a refusal: only public routes without a session, and the old action link page, owe none', () => {
    const open = httpRoutes.filter((r) => refusals(r).length === 0);
    expect(open.every((r) => (r.access === 'public' && r.session !== 'any') || r.name === 'action-page')).toBe(true);
    expect(guarded.length).toBeGreaterThan(25);
  });

  it.each(guarded.map((r) => [`${r.name} (${r.access}${r.access === 'staff' ? ` of ${r.staffOf}` : ''})`, r] as const))('%s refuses a caller without its credential', async (_name, route) => {
    for (const [holding, cookie, status, code] of refusals(route)) {
      const answer = await call(route, cookie);
      expect(answer.status, `${holding}: ${answer.text.slice(0, 200)}`).toBe(status);
      expect(answer.json().error.code, holding).toBe(code);
    }
  });

  it('the old action link page reads nothing and sends the token on to the fragment, whatever the token', async () => {
    const route = httpRoutes.find((r) => r.name === 'action-page');
    if (!route) throw new Error('no action-page route');
    const answer = await call(route);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(`/actions/#token=${TOKEN}`);
  });

  it('hands on what it found: the request of the lead’s own school, and the lead’s schools', async () => {
    const detail = await stack.api({ method: 'GET', url: `/api/manage/requests/${requestId}`, cookies: [who.lead] });
    expect(detail.status).toBe(200);
    expect(detail.json().request.id).toBe(requestId);
    const me = await stack.api({ method: 'GET', url: '/api/manage/me', cookies: [who.lead] });
    expect(me.json()).toMatchObject({ email: 'careers.lead@harbourview.example', schools: [{ urn: '990101', role: 'careers_lead' }] });
    // A trust admin of none of the trust's schools: the use case narrows "any school" down.
    expect((await stack.api({ method: 'GET', url: '/api/manage/trusts/northfield-learning-trust/coverage', cookies: [who.otherLead] })).json().error.code).toBe('NOT_YOUR_TRUST');
  });
});
