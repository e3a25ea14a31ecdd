// Erasure on request (UK GDPR Art. 17) of a member of a college's organisation (issue 15),
// against DynamoDB Local: their membership goes (their session sees nothing of the
// organisation any more), and their address and name are gone from every item — the
// requests they sent, the visit tour they sent, the calendar feed they made, the members
// they invited, the profile whose default contact they were — while the organisation keeps
// its records under the placeholder. An organisation's only admin is refused while it has
// other members, as a school's named careers lead is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putPlatformAdmin } from '#shared/store/platform-admins.ts';
import { schoolDay, schoolDays, startInProcessStack, type InProcessStack } from '../support/in-process-stack.ts';
import { providerBody } from '../support/provider-body.ts';
import { scanAll } from '../support/scan.ts';

const ADMIN = 'dpo@provider-access.example';
const FOUNDER = 'founder@erasure-college.example';
const MEMBER = { name: 'Jo Erasable', email: 'jo.erasable@erasure-college.example', phone: '01632 960333' };
const INVITEE = 'invited.by.jo@erasure-college.example';
const PLACEHOLDER = /^erased-[0-9a-f]{16}@erased\.invalid$/;

let stack: InProcessStack;
const cookies = { admin: '', founder: '', member: '' };
let tourId = '';
let requestId = '';

const erase = (email: string) => stack.api({ method: 'POST', url: '/api/admin/erasure', cookies: [cookies.admin], body: { email } });

beforeAll(async () => {
  stack = await startInProcessStack('erasure-org');
  await putPlatformAdmin(stack.store, { email: ADMIN, name: 'Data Protection Officer', addedAt: new Date().toISOString() });
  cookies.admin = await stack.sessionFor('staff', ADMIN);
  cookies.founder = await stack.sessionFor('provider', FOUNDER);
  const made = await stack.api({
    method: 'PUT',
    url: '/api/provider/organisation',
    cookies: [cookies.founder],
    body: { name: 'Erasure College', type: 'fe_college', ukprn: '10097777', defaultContact: MEMBER },
  });
  if (made.status !== 201) throw new Error(made.text);
  // Jo is invited as an admin, and invites someone in turn.
  expect((await stack.api({ method: 'POST', url: '/api/provider/organisation/members', cookies: [cookies.founder], body: { email: MEMBER.email, role: 'admin' } })).status).toBe(201);
  cookies.member = await stack.sessionFor('provider', MEMBER.email);
  expect((await stack.api({ method: 'POST', url: '/api/provider/organisation/members', cookies: [cookies.member], body: { email: INVITEE, role: 'member' } })).status).toBe(201);
  // A request and a visit tour Jo sends, and the calendar feed Jo makes.
  const [date] = await schoolDays(stack.store, '990101', 45, 2, 1);
  const sent = await stack.api({ method: 'POST', url: '/api/schools/990101/requests', cookies: [cookies.member], body: providerBody({ slot: { opportunityId: 'y10-assembly', date }, contact: MEMBER }) });
  if (sent.status !== 201) throw new Error(sent.text);
  requestId = sent.json().request.id;
  const [first, second] = await Promise.all(['990102', '990103'].map((urn) => schoolDay(stack.store, urn, 60, 3)));
  const tour = await stack.api({
    method: 'POST',
    url: '/api/tours',
    cookies: [cookies.member],
    headers: { 'idempotency-key': 'erasure-tour-0001' },
    body: {
      stops: [
        { urn: '990102', proposed: { date: first, start: '10:00', end: '10:45' } },
        { urn: '990103', proposed: { date: second, start: '10:00', end: '10:45' } },
      ],
      details: providerBody({ yearGroups: [8], contact: MEMBER }),
    },
  });
  if (tour.status !== 201) throw new Error(tour.text);
  tourId = tour.json().tour.id;
  expect((await stack.api({ method: 'POST', url: '/api/provider/calendar-feed', cookies: [cookies.member] })).status).toBe(201);
  await stack.deliverMail();
}, 120_000);
afterAll(async () => stack?.stop());

describe('erasure of a member of an organisation', () => {
  it("refuses the organisation's only admin while it has other members, and says what to do", async () => {
    // Jo is an admin too, so the founder is not the only one: make a second organisation with a lone admin and a member.
    const lone = await stack.sessionFor('provider', 'lone.admin@other-college.example');
    expect((await stack.api({ method: 'PUT', url: '/api/provider/organisation', cookies: [lone], body: { name: 'Other College', type: 'fe_college', ukprn: '10098888', defaultContact: { name: 'Lone Admin', email: 'lone.admin@other-college.example', phone: '01632 960444' } } })).status).toBe(201);
    expect((await stack.api({ method: 'POST', url: '/api/provider/organisation/members', cookies: [lone], body: { email: 'member@other-college.example', role: 'member' } })).status).toBe(201);
    const refused = await erase('lone.admin@other-college.example');
    expect(refused.status).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'LAST_ADMIN' });
    expect(refused.json().error.message).toContain('make another member an admin first');
    // Nothing was done.
    expect((await stack.api({ method: 'GET', url: '/api/provider/organisation', cookies: [lone] })).status).toBe(200);
  });

  it('takes their membership and leaves their address and name nowhere; the organisation keeps its records under the placeholder', async () => {
    expect(JSON.stringify(await scanAll(stack.store)).toLowerCase()).toContain(MEMBER.email);
    const res = await erase(MEMBER.email);
    expect(res.status, res.text).toBe(200);
    const summary = res.json().erased;
    expect(summary.placeholder).toMatch(PLACEHOLDER);
    // The request and the tour's two; membership (2), the member Jo invited, the default contact, the feed; the tour.
    expect(summary).toMatchObject({ requests: 3, organisationItems: 5, tours: 1 });

    const dump = JSON.stringify(await scanAll(stack.store)).toLowerCase();
    for (const personal of [MEMBER.email, MEMBER.name, MEMBER.phone]) expect(dump, personal).not.toContain(personal.toLowerCase());

    // A new session of the address belongs to no organisation and sees nothing of it.
    const fresh = await stack.sessionFor('provider', MEMBER.email);
    expect((await stack.api({ method: 'GET', url: '/api/provider/organisation', cookies: [fresh] })).status).toBe(404);
    expect((await stack.api({ method: 'GET', url: `/api/requests/${requestId}`, cookies: [fresh] })).status).toBe(404);
    expect((await stack.api({ method: 'GET', url: `/api/tours/${tourId}`, cookies: [fresh] })).status).toBe(404);

    // The founder still has the organisation's request, its tour and the member Jo invited, each naming the placeholder.
    const organisation = (await stack.api({ method: 'GET', url: '/api/provider/organisation', cookies: [cookies.founder] })).json();
    expect(organisation.organisation.defaultContact).toMatchObject({ name: 'Erased', email: summary.placeholder, phone: '' });
    expect(organisation.members.map((m: { email: string }) => m.email).sort()).toEqual([FOUNDER, INVITEE].sort());
    expect((await stack.api({ method: 'GET', url: `/api/requests/${requestId}`, cookies: [cookies.founder] })).status).toBe(200);
    const tour = await stack.api({ method: 'GET', url: `/api/tours/${tourId}`, cookies: [cookies.founder] });
    expect(tour.status, tour.text).toBe(200);
    expect(tour.text.toLowerCase()).not.toContain(MEMBER.email);

    // Once is enough.
    expect((await erase(MEMBER.email)).json().erased).toMatchObject({ requests: 0, organisationItems: 0, tours: 0 });
  });
});
