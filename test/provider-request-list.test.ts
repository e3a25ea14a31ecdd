// All of a provider's requests in one place (issue 15, item 3) on DynamoDB Local, through the
// API: each filter, each sort, the counts by status, the CSV (with a formula-looking
// organisation name neutralised) and, whatever the filters, never another provider's request.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newReference } from '#shared/store/ids.ts';
import { createRequest } from '#shared/store/requests.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { applyAction } from '#shared/usecases/transition.ts';
import { startInProcessStack, type InProcessStack } from './support/in-process-stack.ts';
import { createdEvent, sampleRequest } from './support/requests.ts';

const MINE = 'liaison@list-college.example';
const THEIRS = 'someone@other-college.example';

let stack: InProcessStack;
let mine: string;
let theirs: string;
const made: Record<string, StoredRequest> = {};

async function put(name: string, over: Partial<StoredRequest>, email = MINE): Promise<StoredRequest> {
  const r = sampleRequest({ contact: { name: 'Riley Lane', email, phone: '01632 960100' }, reference: newReference(), ...over });
  const written = await createRequest(stack.store, r, createdEvent(r));
  made[name] = written;
  return written;
}

beforeAll(async () => {
  stack = await startInProcessStack('request-list');
  mine = await stack.sessionFor('provider', MINE);
  theirs = await stack.sessionFor('provider', THEIRS);
  await put('jan', { urn: '990101', date: '2027-01-12', start: '09:00', end: '09:30', yearGroups: [10, 11], sessionType: 'assembly' });
  const feb = await put('feb', { urn: '990102', date: '2027-02-03', start: '10:00', end: '11:00', yearGroups: [12], sessionType: 'careers_fair', provider: { organisation: '=HYPERLINK("http://evil.example")', type: 'fe_college' } });
  const dec = await put('dec', { urn: '990101', date: '2026-12-08', start: '13:00', end: '13:45', yearGroups: [9], sessionType: 'class_discussion' });
  await put('mar', { urn: '990102', date: '2027-03-10', start: '09:00', end: '09:45', yearGroups: [10], sessionType: 'assembly', status: 'withdrawn', reason: 'Our speaker left' });
  // Another provider's, at the same school, on the same day, of the same kind.
  await put('other', { urn: '990101', date: '2027-01-12', start: '11:00', end: '11:30', yearGroups: [10], sessionType: 'assembly' }, THEIRS);
  const lead = { party: 'school' as const, id: 'careers.lead@harbourview.example', name: 'Jordan Ellery' };
  made.dec = await applyAction(stack.store, dec, 'decline', lead, { reason: 'Year 9 have exams that week' });
  made.feb = await applyAction(stack.store, feb, 'approve', { party: 'school', id: 'careers@kingsmead.example', name: 'Rowan Achterberg' }, {});
}, 90_000);
afterAll(async () => stack?.stop());

async function list(query = '', cookie = mine) {
  const res = await stack.api({ method: 'GET', url: `/api/requests${query}`, cookies: [cookie] });
  expect(res.status, res.text).toBe(200);
  return res.json() as { requests: { id: string; schoolName: string; status: string }[]; total: number; schools: { urn: string; name: string }[]; counts: Record<string, number> };
}
const ids = (answer: { requests: { id: string }[] }) => answer.requests.map((r) => r.id);
const id = (...names: string[]) => names.map((n) => made[n]?.id);

describe('GET /api/requests: the filters', () => {
  it('lists every one of the provider’s requests, latest date first, and none of anyone else’s', async () => {
    const all = await list();
    expect(ids(all)).toEqual(id('mar', 'feb', 'jan', 'dec'));
    expect(all.total).toBe(4);
    expect(all.schools).toEqual([{ urn: '990101', name: 'Harbour View Academy' }, { urn: '990102', name: expect.stringMatching(/^Kingsmead/) }]);
    expect(ids(await list('', theirs))).toEqual(id('other'));
  });

  it('by status, one or several (repeated or comma-separated)', async () => {
    expect(ids(await list('?status=approved'))).toEqual(id('feb'));
    expect(ids(await list('?status=approved,declined'))).toEqual(id('feb', 'dec'));
    expect(ids(await list('?status=pending&status=withdrawn'))).toEqual(id('mar', 'jan'));
  });

  it('by school, date range, year group and kind of session', async () => {
    expect(ids(await list('?urn=990102'))).toEqual(id('mar', 'feb'));
    expect(ids(await list('?from=2027-01-12&to=2027-02-03'))).toEqual(id('feb', 'jan'));
    expect(ids(await list('?to=2026-12-31'))).toEqual(id('dec'));
    expect(ids(await list('?year=11,12'))).toEqual(id('feb', 'jan'));
    expect(ids(await list('?sessionType=assembly'))).toEqual(id('mar', 'jan'));
    // The other provider's request matches every one of these filters, and is still not listed.
    expect(ids(await list('?urn=990101&from=2027-01-12&to=2027-01-12&year=10&sessionType=assembly'))).toEqual(id('jan'));
  });

  it('sorts by date either way, by school name and by status', async () => {
    expect(ids(await list('?sort=date-asc'))).toEqual(id('dec', 'jan', 'feb', 'mar'));
    expect(ids(await list('?sort=school'))).toEqual(id('dec', 'jan', 'feb', 'mar')); // Harbour View, then Kingsmead
    expect(ids(await list('?sort=status'))).toEqual(id('jan', 'feb', 'dec', 'mar')); // pending, approved, declined, withdrawn
  });

  it('counts by status among what the other filters keep', async () => {
    expect((await list()).counts).toMatchObject({ pending: 1, approved: 1, declined: 1, withdrawn: 1, cancelled: 0 });
    const school = await list('?urn=990101&status=declined');
    expect(ids(school)).toEqual(id('dec'));
    expect(school.counts).toMatchObject({ pending: 1, declined: 1, approved: 0, withdrawn: 0 });
  });

  it('refuses a bad value with 400, at its field, in words a person can act on', async () => {
    const cases: [string, string, RegExp][] = [
      ['?status=approved,maybe', 'query.status', /Choose statuses from/],
      ['?urn=99', 'query.urn', /6 or 7 digits/],
      ['?from=2027-02-30', 'query.from', /real date/],
      ['?from=2027-02-01&to=2027-01-01', 'query.to', /before the "from" date/],
      ['?year=7', 'query.year', /8 to 13/],
      ['?sessionType=picnic', 'query.sessionType', /kinds of session/],
      ['?sort=random', 'query.sort', /Sort by one of/],
      ['?colour=red', 'query', /./],
    ];
    for (const [query, field, message] of cases) {
      const res = await stack.api({ method: 'GET', url: `/api/requests${query}`, cookies: [mine] });
      expect(res.status, query).toBe(400);
      const fields = res.json().error.fields as Record<string, string>;
      const [key, said] = Object.entries(fields).find(([k]) => k.startsWith(field)) ?? [];
      expect(key, `${query}: ${JSON.stringify(fields)}`).toBeDefined();
      expect(said, query).toMatch(message);
    }
  });
});

describe('GET /api/requests.csv', () => {
  async function csv(query = '', cookie = mine) {
    const res = await stack.api({ method: 'GET', url: `/api/requests.csv${query}`, cookies: [cookie] });
    expect(res.status, res.text).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="requests-\d{4}-\d{2}-\d{2}\.csv"$/);
    return { text: res.text, rows: parse(res.text, { bom: true, columns: true }) as Record<string, string>[] };
  }

  it('has the columns a college wants, for the requests the filters keep', async () => {
    const { rows } = await csv('?sort=date-asc');
    expect(Object.keys(rows[0] ?? {})).toEqual(['Reference', 'School', 'URN', 'Date', 'Start', 'End', 'Year groups', 'Session type', 'Status', 'Answered on', 'Reason', 'Organisation', 'Contact', 'Contact email']);
    expect(rows.map((r) => r.Reference)).toEqual(id('dec', 'jan', 'feb', 'mar').map((i) => Object.values(made).find((m) => m.id === i)?.reference));
    const dec = rows[0]!;
    expect(dec).toMatchObject({ School: 'Harbour View Academy', URN: '990101', Date: '2026-12-08', Start: '13:00', End: '13:45', 'Year groups': 'Year 9', 'Session type': 'class or group discussion', Status: 'Declined', Reason: 'Year 9 have exams that week' });
    expect(dec['Answered on']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows[1]).toMatchObject({ Status: 'Waiting for the school', 'Answered on': '', 'Year groups': 'Years 10 and 11' });
    expect(rows[3]).toMatchObject({ Status: 'Withdrawn', 'Answered on': '', Reason: 'Our speaker left' });
    expect((await csv('?status=approved')).rows.map((r) => r.URN)).toEqual(['990102']);
  });

  it('neutralises a formula-looking cell', async () => {
    const { text, rows } = await csv('?status=approved');
    expect(rows[0]?.Organisation).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(text).not.toMatch(/[,\n]"?=HYPERLINK/);
  });

  it('never has another provider’s request', async () => {
    const { rows } = await csv('', theirs);
    expect(rows.map((r) => r.Reference)).toEqual([made.other?.reference]);
  });

  it('refuses bad filters as the list does', async () => {
    const res = await stack.api({ method: 'GET', url: '/api/requests.csv?from=2027-02-01&to=2027-01-01', cookies: [mine] });
    expect(res.status).toBe(400);
    expect(Object.keys(res.json().error.fields)).toContain('query.to');
  });
});
