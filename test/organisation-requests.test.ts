// Every request of an organisation is visible to its members (issue 15, item 1), against
// DynamoDB Local through the API: a colleague lists, exports, opens and acts on the other's
// requests; requests made before joining (founding, or an invited member's sign-in) come in;
// another organisation's member sees none of them (404 on the id); a removed member keeps
// nothing on the very next call, while the requests stay with the organisation. And the
// organisation's private calendar feed (issue 15, item 3), parsed back with ical.js.
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCalendarFeed } from '#shared/store/calendar-feeds.ts';
import { getRequest } from '#shared/store/requests.ts';
import { applyAction } from '#shared/usecases/transition.ts';
import { schoolDays, startInProcessStack, type InProcessStack } from './support/in-process-stack.ts';
import { providerBody } from './support/provider-body.ts';

let stack: InProcessStack;
let tuesdays: string[];
beforeAll(async () => {
  stack = await startInProcessStack('org-requests');
  tuesdays = await schoolDays(stack.store, '990101', 40, 2, 12);
}, 60_000);
afterAll(async () => stack?.stop());

const FOUNDER = 'founder@orgreq-a.example';
const COLLEAGUE = 'colleague@orgreq-a.example';
const OUTSIDER = 'admin@orgreq-b.example';

const profile = (ukprn: string, name: string) => ({
  name,
  type: 'fe_college',
  ukprn,
  website: 'https://www.college.example',
  defaultContact: { name: 'Schools Liaison', email: `liaison@${ukprn}.example`, phone: '01632 960 000' },
});

let day = 0;
/** A request to Harbourview's Year 10 assembly slot, from `email` (signed in as `cookie`, or not at all). */
async function send(email: string, cookie?: string): Promise<{ id: string; reference: string; status: string }> {
  const body = providerBody({ slot: { opportunityId: 'y10-assembly', date: tuesdays[day++] }, contact: { name: `Sender ${email.split('@')[0]}`, email, phone: '01632 960100' } });
  const answer = await stack.api({ method: 'POST', url: '/api/schools/990101/requests', body, ...(cookie ? { cookies: [cookie] } : {}) });
  expect(answer.status, answer.text).toBe(201);
  return answer.json().request;
}

const get = (cookie: string, url: string) => stack.api({ method: 'GET', url, cookies: [cookie] });
const listed = async (cookie: string) => ((await get(cookie, '/api/requests')).json().requests as { id: string }[]).map((r) => r.id).sort();
const csvReferences = async (cookie: string) => {
  const file = await get(cookie, '/api/requests.csv');
  expect(file.status, file.text).toBe(200);
  return (parse(file.text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]).map((row) => row.Reference).sort();
};

/** Signs in as a person would (the emailed link's token posted to /api/auth/session): an invited member's joining. */
async function signInByLink(email: string): Promise<string> {
  expect((await stack.api({ method: 'POST', url: '/api/auth/sign-in', body: { email } })).status).toBe(202);
  await stack.deliverMail();
  const mails = (await stack.inbox()).filter((e) => e.destination.to.some((t) => t.includes(email)) && (e.body.text ?? '').includes('/sign-in/confirm/#token='));
  const token = /\/sign-in\/confirm\/#token=([\w-]+)/.exec(mails.at(-1)?.body.text ?? '')?.[1];
  const opened = await stack.api({ method: 'POST', url: '/api/auth/session', body: { token } });
  expect(opened.status, opened.text).toBe(200);
  return opened.cookies[0]!.split(';')[0]!;
}

describe("the organisation's requests", () => {
  let founder: string;
  let colleague: string;
  let outsider: string;
  const sent: Record<string, { id: string; reference: string; status: string }> = {};

  it('requests made before joining come in: the founder’s when the organisation is created, an invited member’s at their first sign-in', async () => {
    founder = await stack.sessionFor('provider', FOUNDER);
    colleague = await stack.sessionFor('provider', COLLEAGUE);
    sent.founderBefore = await send(FOUNDER, founder);
    sent.colleagueBefore = await send(COLLEAGUE, colleague);
    const before = await getRequest(stack.store, '990101', sent.colleagueBefore.id);
    expect(before?.organisationId).toBeUndefined();

    const created = await stack.api({ method: 'PUT', url: '/api/provider/organisation', body: profile('10061111', 'Orgreq College A'), cookies: [founder] });
    expect(created.status, created.text).toBe(201);
    const organisationId = (await getRequest(stack.store, '990101', sent.founderBefore.id))?.organisationId;
    expect(organisationId).toBeTruthy();

    expect((await stack.api({ method: 'POST', url: '/api/provider/organisation/members', body: { email: COLLEAGUE, role: 'member' }, cookies: [founder] })).status).toBe(201);
    colleague = await signInByLink(COLLEAGUE);
    const adopted = await getRequest(stack.store, '990101', sent.colleagueBefore.id);
    expect(adopted?.organisationId).toBe(organisationId);
    // Nothing happened to the request for the school or the calendar: the same version, no new event.
    expect(adopted?.version).toBe(before?.version);
  });

  it('a request a member sends, or one sent for a member’s address, belongs to the organisation from the start', async () => {
    sent.founderSignedIn = await send(FOUNDER, founder);
    // Signed out, for the colleague's address: it waits for the mailbox to confirm, but is the organisation's already.
    sent.forColleague = await send(COLLEAGUE);
    const organisationId = (await getRequest(stack.store, '990101', sent.founderBefore!.id))?.organisationId;
    for (const r of [sent.founderSignedIn, sent.forColleague]) expect((await getRequest(stack.store, '990101', r.id))?.organisationId).toBe(organisationId);
  });

  it('a colleague sees every request of the organisation in the list and the CSV, opens one and acts on it', async () => {
    const all = Object.values(sent);
    expect(await listed(colleague)).toEqual(all.map((r) => r.id).sort());
    expect(await listed(founder)).toEqual(all.map((r) => r.id).sort());
    expect(await csvReferences(colleague)).toEqual(all.map((r) => r.reference).sort());

    const opened = await get(colleague, `/api/requests/${sent.founderSignedIn!.id}`);
    expect(opened.status, opened.text).toBe(200);
    expect(opened.json().request.id).toBe(sent.founderSignedIn!.id);
    const found = await get(colleague, `/api/requests?reference=${sent.founderSignedIn!.reference}`);
    expect(found.json().request.id).toBe(sent.founderSignedIn!.id);

    const withdrawn = await stack.api({ method: 'POST', url: `/api/requests/${sent.founderSignedIn!.id}/withdraw`, body: { reason: 'Our speaker is ill' }, cookies: [colleague] });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(withdrawn.json().request.status).toBe('withdrawn');
  });

  it('a member of another organisation sees none of them: not listed, not in the CSV, 404 on each id', async () => {
    outsider = await stack.sessionFor('provider', OUTSIDER);
    expect((await stack.api({ method: 'PUT', url: '/api/provider/organisation', body: profile('10062222', 'Orgreq College B'), cookies: [outsider] })).status).toBe(201);
    sent.outsiders = await send(OUTSIDER, outsider);
    expect(await listed(outsider)).toEqual([sent.outsiders.id]);
    expect(await csvReferences(outsider)).toEqual([sent.outsiders.reference]);
    for (const r of [sent.founderBefore!, sent.colleagueBefore!, sent.forColleague!]) {
      for (const url of [`/api/requests/${r.id}`, `/api/requests/${r.id}/invite.ics`, `/api/requests?reference=${r.reference}`]) {
        const answer = await get(outsider, url);
        expect(answer.status, url).toBe(404);
        expect(answer.json().error.code).toBe('REQUEST_NOT_FOUND');
      }
      expect((await stack.api({ method: 'POST', url: `/api/requests/${r.id}/withdraw`, body: {}, cookies: [outsider] })).status).toBe(404);
    }
    expect(await listed(founder)).not.toContain(sent.outsiders.id);
  });

  it('a removed member keeps nothing on the next call, not even what they sent; the requests stay with the organisation', async () => {
    expect(await listed(colleague)).toContain(sent.colleagueBefore!.id);
    expect((await stack.api({ method: 'DELETE', url: `/api/provider/organisation/members/${encodeURIComponent(COLLEAGUE)}`, cookies: [founder] })).status).toBe(200);
    // The same session, the very next calls.
    expect(await listed(colleague)).toEqual([]);
    expect(await csvReferences(colleague)).toEqual([]);
    for (const r of [sent.colleagueBefore!, sent.founderBefore!]) expect((await get(colleague, `/api/requests/${r.id}`)).status).toBe(404);
    expect((await stack.api({ method: 'POST', url: `/api/requests/${sent.colleagueBefore!.id}/withdraw`, body: {}, cookies: [colleague] })).status).toBe(404);
    expect(await listed(founder)).toContain(sent.colleagueBefore!.id);
    expect((await get(founder, `/api/requests/${sent.colleagueBefore!.id}`)).status).toBe(200);
  });

  it('a change decided on a copy read before the request joined an organisation fails, instead of taking it out again', async () => {
    const loner = 'loner@orgreq-c.example';
    const cookie = await stack.sessionFor('provider', loner);
    const r = await send(loner, cookie);
    const stale = await getRequest(stack.store, '990101', r.id);
    expect((await stack.api({ method: 'PUT', url: '/api/provider/organisation', body: profile('10063333', 'Orgreq College C'), cookies: [cookie] })).status).toBe(201);
    const lead = { party: 'school' as const, id: 'careers.lead@harbourview.example', name: 'Jordan Ellery' };
    await expect(applyAction(stack.store, stale!, 'approve', lead, {})).rejects.toMatchObject({ code: 'REQUEST_CHANGED' });
    const fresh = await getRequest(stack.store, '990101', r.id);
    expect(fresh?.organisationId).toBeTruthy();
    const approved = await applyAction(stack.store, fresh!, 'approve', lead, {});
    expect((await getRequest(stack.store, '990101', approved.id))?.organisationId).toBe(fresh?.organisationId);
  });
});

describe("the organisation's calendar feed", () => {
  const lead = () => stack.sessionFor('staff', 'careers.lead@harbourview.example');
  const feedPath = (url: string) => new URL(url).pathname;
  const rotate = (cookie: string) => stack.api({ method: 'POST', url: '/api/provider/calendar-feed', cookies: [cookie] });
  const events = (ics: string) =>
    new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((e) => ({ uid: String(e.getFirstPropertyValue('uid')), sequence: Number(e.getFirstPropertyValue('sequence')), event: e }));

  it('holds the approved visits with the invitation’s UID and SEQUENCE, the school’s name and address; B’s secret shows nothing of A; rotating kills the old address', async () => {
    const aCookie = await stack.sessionFor('provider', 'admin@feed-a.example');
    const bCookie = await stack.sessionFor('provider', 'admin@feed-b.example');
    expect((await stack.api({ method: 'PUT', url: '/api/provider/organisation', body: profile('10064444', 'Feed College A'), cookies: [aCookie] })).status).toBe(201);
    expect((await stack.api({ method: 'PUT', url: '/api/provider/organisation', body: profile('10065555', 'Feed College B'), cookies: [bCookie] })).status).toBe(201);
    const approvedA = await send('admin@feed-a.example', aCookie);
    const pendingA = await send('admin@feed-a.example', aCookie);
    const approvedB = await send('admin@feed-b.example', bCookie);
    const staff = await lead();
    for (const r of [approvedA, approvedB]) {
      const answer = await stack.api({ method: 'POST', url: `/api/manage/requests/${r.id}/approve`, body: {}, cookies: [staff] });
      expect(answer.status, answer.text).toBe(200);
    }

    // A member makes the address and sees it once; only its hash is stored.
    const made = await rotate(aCookie);
    expect(made.status, made.text).toBe(201);
    const url: string = made.json().url;
    expect(url).toMatch(/\/api\/provider\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const secret = /calendar\/(.+)\.ics$/.exec(url)?.[1] ?? '';
    const organisationId = (await getRequest(stack.store, '990101', approvedA.id))?.organisationId ?? '';
    const stored = await getCalendarFeed(stack.store, { organisationId });
    expect(stored?.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(secret);

    // Read as a calendar app does: no cookie, no Origin.
    const feed = await stack.api({ method: 'GET', url: feedPath(url), headers: { origin: '' } });
    expect(feed.status, feed.text).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.headers['cache-control']).toBe('private, max-age=300');
    expect(feed.cookies).toEqual([]);
    const inFeed = events(feed.text);
    expect(inFeed.map((e) => e.uid)).toEqual([`${approvedA.id}@provider-access`]);
    expect(inFeed.map((e) => e.uid)).not.toContain(`${pendingA.id}@provider-access`);
    const invite = await stack.api({ method: 'GET', url: `/api/requests/${approvedA.id}/invite.ics`, cookies: [aCookie] });
    expect(invite.status, invite.text).toBe(200);
    const [invited] = events(invite.text);
    expect(inFeed[0]!.uid).toBe(invited!.uid);
    expect(inFeed[0]!.sequence).toBe(invited!.sequence);
    expect(String(inFeed[0]!.event.getFirstPropertyValue('summary'))).toBe('Assembly at Harbour View Academy');
    expect(String(inFeed[0]!.event.getFirstPropertyValue('location'))).toBe(String(invited!.event.getFirstPropertyValue('location')));
    expect(String(inFeed[0]!.event.getFirstProperty('dtstart')?.getParameter('tzid'))).toBe('Europe/London');

    // B's own feed: B's visit, nothing of A's.
    const bUrl: string = (await rotate(bCookie)).json().url;
    const bFeed = await stack.api({ method: 'GET', url: feedPath(bUrl) });
    expect(events(bFeed.text).map((e) => e.uid)).toEqual([`${approvedB.id}@provider-access`]);
    expect(bFeed.text).not.toContain('Feed College A');

    // Rotating: the old address is gone at once, the new one works.
    const rotated: string = (await rotate(aCookie)).json().url;
    expect(rotated).not.toBe(url);
    const old = await stack.api({ method: 'GET', url: feedPath(url) });
    expect(old.status).toBe(404);
    expect(old.json().error.code).toBe('CALENDAR_NOT_FOUND');
    expect((await stack.api({ method: 'GET', url: feedPath(rotated) })).status).toBe(200);
    expect((await stack.api({ method: 'GET', url: `/api/provider/calendar/${'F'.repeat(43)}.ics` })).status).toBe(404);
    expect((await stack.api({ method: 'GET', url: '/api/provider/calendar/short.ics' })).status).toBe(400);

    // No organisation, no feed to make.
    const loose = await stack.sessionFor('provider', 'nobody@feed-c.example');
    expect((await rotate(loose)).json().error.code).toBe('ORGANISATION_NOT_FOUND');
  });
});
