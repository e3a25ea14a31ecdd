// Visit tours (issue 15, item 5), in process against DynamoDB Local and the SES emulator:
// a three-school tour becomes three requests, each with its own emails; one stop against its
// school's rules refuses the whole tour at that stop's field, nothing written; a retried send
// with the same key makes no second request (even one cut off mid-stop); another
// organisation's member gets 404; the schools' answers show on GET as they come.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolDays, startInProcessStack, type InProcessStack } from './support/in-process-stack.ts';
import { providerBody } from './support/provider-body.ts';
import { scanAll } from './support/scan.ts';
import { createTourBody } from '#shared/api/tours.ts';
import { putNewTour, tourFingerprint, tourIdFor } from '#shared/store/tours.ts';

let stack: InProcessStack;
/** Tuesdays far enough ahead for every demo school's notice (Kingsmead asks 42 days). */
let days: string[];
/** A Tuesday inside Kingsmead's 42 days' notice but outside the others' 30 (R-NOTICE). */
let tooSoonForKingsmead: string;

const A = 'liaison@eastmouth-college.example';
const B = 'liaison@rival-college.example';

beforeAll(async () => {
  stack = await startInProcessStack('tours');
  days = await schoolDays(stack.store, '990102', 50, 2, 3);
  // The earliest Kingsmead school day 31 days or more ahead, whatever the weekday: inside its 42 days.
  const soonest = await Promise.all([1, 2, 3, 4, 5].map(async (weekday) => (await schoolDays(stack.store, '990102', 31, weekday, 1))[0]!));
  tooSoonForKingsmead = soonest.sort()[0]!;
  if (tooSoonForKingsmead >= days[0]!) throw new Error('no Kingsmead school day inside its notice: the test needs one');
}, 60_000);
afterAll(async () => stack?.stop());

const details = (email = A) => providerBody({ contact: { name: 'Riley Lane', email, phone: '01632 960100' }, yearGroups: [8] });

const stops = (dates: string[]) => [
  { urn: '990101', proposed: { date: dates[0]!, start: '10:00', end: '10:45' } },
  { urn: '990102', proposed: { date: dates[1]!, start: '10:00', end: '10:45' } },
  { urn: '990103', proposed: { date: dates[2]!, start: '10:00', end: '10:45' } },
];

const send = (cookie: string, body: unknown, key: string | undefined) =>
  stack.api({ method: 'POST', url: '/api/tours', body, cookies: [cookie], ...(key ? { headers: { 'idempotency-key': key } } : {}) });

const tourItems = async () => (await scanAll(stack.store)).filter((i) => i.itemType === 'tour');
const requestItems = async (email: string) => (await scanAll(stack.store)).filter((i) => i.itemType === 'request' && i.providerEmail === email);

async function organisation(admin: string, ukprn: string, name: string): Promise<string> {
  const cookie = await stack.sessionFor('provider', admin);
  const put = await stack.api({
    method: 'PUT',
    url: '/api/provider/organisation',
    cookies: [cookie],
    body: { name, type: 'fe_college', ukprn, defaultContact: { name: 'Riley Lane', email: admin, phone: '01632 960100' } },
  });
  expect(put.status, put.text).toBe(201);
  return cookie;
}

describe('visit tours', () => {
  let a: string;
  let tourId: string;

  it('one stop against its own school’s rules refuses the whole tour at that stop’s field, with the rule, and writes nothing', async () => {
    a = await organisation(A, '10077771', 'Eastmouth College');
    const body = { stops: stops([days[0]!, tooSoonForKingsmead, days[2]!]), details: details() };
    const refused = await send(a, body, 'tour-bad-stop-0001');
    expect(refused.status, refused.text).toBe(422);
    const error = refused.json().error;
    expect(Object.keys(error.fields)).toEqual(['stops.1.date']);
    expect(error.fields['stops.1.date']).toMatch(/^Kingsmead School and Sixth Form: /);
    expect(error.rules['stops.1.date']).toEqual(['R-NOTICE']);
    expect(error.code).toBe('TOO_LITTLE_NOTICE');
    // A school that does not teach a year group refuses at its own stop (R-TAUGHT); a shared answer is said once, at the details.
    const twice = await send(a, { stops: stops(days), details: { ...details(), yearGroups: [12], safeguardingAgreed: false } }, 'tour-bad-stop-0002');
    expect(twice.status).toBe(422);
    const fields = twice.json().error.fields as Record<string, string>;
    expect(Object.keys(fields).sort()).toEqual(['details.safeguardingAgreed', 'stops.0.yearGroups', 'stops.2.yearGroups']);
    expect(twice.json().error.rules['stops.0.yearGroups']).toContain('R-TAUGHT');
    expect(await tourItems()).toEqual([]);
    expect(await requestItems(A)).toEqual([]);
  });

  it('a three-school tour makes three requests, each with its own school’s and provider’s emails; a retry makes no doubles', async () => {
    const body = { stops: stops(days), details: details() };
    const key = 'tour-three-schools-0001';
    const sent = await send(a, body, key);
    expect(sent.status, sent.text).toBe(201);
    const tour = sent.json().tour;
    tourId = tour.id;
    expect(sent.headers.location).toBe(`/api/tours/${tourId}`);
    expect(tour.stops.map((s: { urn: string; request?: { status: string; reference?: string } }) => [s.urn, s.request?.status, Boolean(s.request?.reference)])).toEqual([
      ['990101', 'pending', true],
      ['990102', 'pending', true],
      ['990103', 'pending', true],
    ]);
    const ids = tour.stops.map((s: { request: { id: string } }) => s.request.id);
    expect(new Set(ids).size).toBe(3);

    await stack.deliverMail();
    const inbox = await stack.inbox();
    const to = (address: string) => inbox.filter((m) => m.destination.to.some((t) => t.includes(address)));
    for (const lead of ['careers.lead@harbourview.example', 'careers@kingsmead.example', 'careers@oakridge-middle.example']) expect(to(lead)).toHaveLength(1);
    // One acknowledgement per school, each naming its own school.
    const acks = to(A);
    expect(acks).toHaveLength(3);
    for (const name of ['Harbour View Academy', 'Kingsmead School and Sixth Form', 'Oakridge Middle School']) expect(acks.filter((m) => `${m.subject} ${m.body.text}`.includes(name))).toHaveLength(1);

    // The same key and body again: the same tour, no new request.
    const again = await send(a, body, key);
    expect(again.status, again.text).toBe(200);
    expect(again.json().tour.stops.map((s: { request: { id: string } }) => s.request.id)).toEqual(ids);
    expect(await requestItems(A)).toHaveLength(3);
    // The same key with another body is a different tour: refused.
    const other = await send(a, { ...body, details: { ...details(), notes: 'Changed' } }, key);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // No key: refused, since nothing could finish the tour safely.
    expect((await send(a, body, undefined)).json().error.code).toBe('IDEMPOTENCY_KEY_INVALID');
    expect(await tourItems()).toHaveLength(1);
  });

  it('a send cut off after a stop’s request was written, before the tour noted it: the retry finds that request instead of making another', async () => {
    const email = 'cutoff@eastmouth-college.example';
    const cookie = await stack.sessionFor('provider', email);
    const key = 'tour-cut-off-0001';
    const body = { stops: stops(days).map((s) => ({ ...s, proposed: { ...s.proposed, start: '11:00', end: '11:45' } })), details: details(email) };
    // What the cut-off send left: the tour written, stop 1 marked as being written, and its request made (as create makes one).
    const attemptedAt = new Date().toISOString();
    const direct = await stack.api({ method: 'POST', url: '/api/schools/990102/requests', cookies: [cookie], body: { ...body.details, proposed: body.stops[1]!.proposed } });
    expect(direct.status, direct.text).toBe(201);
    const input = createTourBody.parse(body);
    const stop = (i: number, name: string) => ({ urn: body.stops[i]!.urn, schoolName: name, date: days[i]!, start: '11:00', end: '11:45' });
    expect(
      await putNewTour(stack.store, {
        id: tourIdFor(email, key),
        owner: { email },
        createdBy: email,
        createdAt: attemptedAt,
        fingerprint: tourFingerprint(input),
        stops: [stop(0, 'Harbour View Academy'), { ...stop(1, 'Kingsmead School and Sixth Form'), attemptedAt }, stop(2, 'Oakridge Middle School')],
      }),
    ).toBe(true);

    const retried = await send(cookie, body, key);
    expect(retried.status, retried.text).toBe(200);
    const ids = retried.json().tour.stops.map((s: { request: { id: string } }) => s.request.id);
    expect(ids[1]).toBe(direct.json().request.id);
    expect(await requestItems(email)).toHaveLength(3);
  });

  it('another organisation’s member gets 404 for the tour and sees none in their list; anonymous 401; a colleague sees it', async () => {
    const b = await organisation(B, '10077772', 'Rival College');
    expect((await stack.api({ method: 'GET', url: `/api/tours/${tourId}`, cookies: [b] })).status).toBe(404);
    expect((await stack.api({ method: 'GET', url: `/api/tours/${tourId}`, cookies: [b] })).json().error.code).toBe('TOUR_NOT_FOUND');
    expect((await stack.api({ method: 'GET', url: '/api/tours', cookies: [b] })).json().tours).toEqual([]);
    expect((await stack.api({ method: 'GET', url: `/api/tours/${tourId}` })).status).toBe(401);
    expect((await stack.api({ method: 'GET', url: '/api/tours' })).status).toBe(401);

    const invited = await stack.api({ method: 'POST', url: '/api/provider/organisation/members', cookies: [a], body: { email: 'colleague@eastmouth-college.example', role: 'member' } });
    expect(invited.status, invited.text).toBe(201);
    const colleague = await stack.sessionFor('provider', 'colleague@eastmouth-college.example');
    expect((await stack.api({ method: 'GET', url: `/api/tours/${tourId}`, cookies: [colleague] })).status).toBe(200);
    const list = (await stack.api({ method: 'GET', url: '/api/tours', cookies: [colleague] })).json().tours;
    expect(list.map((t: { id: string }) => t.id)).toEqual([tourId]);
    expect(list[0].stops.map((s: { schoolName: string }) => s.schoolName)).toEqual(['Harbour View Academy', 'Kingsmead School and Sixth Form', 'Oakridge Middle School']);
  });

  it('each school’s answer shows on the tour as it comes: approved, declined with its reason, another time proposed', async () => {
    const read = async () => (await stack.api({ method: 'GET', url: `/api/tours/${tourId}`, cookies: [a] })).json().tour;
    const [harbour, kingsmead, oakridge] = (await read()).stops.map((s: { request: { id: string } }) => s.request.id);
    const lead = async (email: string) => stack.sessionFor('staff', email);
    const decide = async (email: string, id: string, action: string, body: unknown) => {
      const answer = await stack.api({ method: 'POST', url: `/api/manage/requests/${id}/${action}`, cookies: [await lead(email)], body });
      expect(answer.status, answer.text).toBe(200);
    };
    await decide('careers.lead@harbourview.example', harbour, 'approve', {});
    expect((await read()).stops.map((s: { request: { status: string } }) => s.request.status)).toEqual(['approved', 'pending', 'pending']);
    await decide('careers@kingsmead.example', kingsmead, 'decline', { reason: 'Not enough notice was given' });
    await decide('careers@oakridge-middle.example', oakridge, 'propose', { date: days[2], start: '13:30', end: '14:15', message: 'Afternoons suit us' });
    const stopsNow = (await read()).stops;
    expect(stopsNow[0].request.status).toBe('approved');
    expect(stopsNow[1].request).toMatchObject({ status: 'declined', decision: { reason: 'Not enough notice was given' } });
    expect(stopsNow[2].request).toMatchObject({ status: 'alternative_proposed', alternative: { date: days[2], start: '13:30', end: '14:15' } });
  });
});
