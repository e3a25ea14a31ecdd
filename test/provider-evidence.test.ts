// The provider's evidence of how each school answered (issue 15, item 6) on DynamoDB Local,
// through the API: a school that answered in time, one that answered late, one that declined
// with its grounds, one that left a request unanswered past its own deadline; the CSV; the
// period; and who may see it (the provider only: never anonymous, never a staff session).
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidencePeriod } from '#shared/domain/evidence.ts';
import { addDays } from '#shared/domain/dates.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { newReference } from '#shared/store/ids.ts';
import { createRequest } from '#shared/store/requests.ts';
import { getSchoolProfile, putSchoolProfile } from '#shared/store/schools.ts';
import { applyAction } from '#shared/usecases/transition.ts';
import type { ProviderEvidenceView } from '#shared/api/evidence.ts';
import { startInProcessStack, type InProcessStack } from './support/in-process-stack.ts';
import { createdEvent, sampleRequest } from './support/requests.ts';

const MINE = 'liaison@evidence-college.example';
const THEIRS = 'someone@other-college.example';
const DAY = 24 * 60 * 60 * 1000;

let stack: InProcessStack;
let mine: string;
let theirs: string;
const now = Date.now();
/** Every request was sent 40 days ago, the school to answer within 14 days of it. */
const sentAt = new Date(now - 40 * DAY);
const deadline = londonDate(new Date(now - 26 * DAY).toISOString());
const at = (daysAfterSending: number) => new Date(sentAt.getTime() + daysAfterSending * DAY);
const made: Record<string, StoredRequest> = {};

async function put(name: string, urn: string, email = MINE): Promise<StoredRequest> {
  const r = sampleRequest({
    urn,
    contact: { name: 'Riley Lane', email, phone: '01632 960100' },
    reference: newReference(),
    createdAt: sentAt.toISOString(),
    updatedAt: sentAt.toISOString(),
    responseDeadline: deadline,
    date: londonDate(new Date(now + 30 * DAY).toISOString()),
  });
  made[name] = await createRequest(stack.store, r, createdEvent(r));
  return made[name];
}

const lead = (id: string) => ({ party: 'school' as const, id, name: 'Careers Lead' });

beforeAll(async () => {
  stack = await startInProcessStack('evidence');
  mine = await stack.sessionFor('provider', MINE);
  theirs = await stack.sessionFor('provider', THEIRS);
  // Oakridge states a response time of 5 school days: the report shows each school's own.
  const oakridge = await getSchoolProfile(stack.store, '990103');
  if (!oakridge) throw new Error('demo school 990103 missing');
  await putSchoolProfile(stack.store, { ...oakridge, rules: { ...oakridge.rules, responseDeadlineSchoolDays: 5 } });

  made.inTime = await applyAction(stack.store, await put('inTime', '990101'), 'approve', lead('careers.lead@harbourview.example'), {}, at(3));
  made.late = await applyAction(stack.store, await put('late', '990102'), 'approve', lead('careers@kingsmead.example'), {}, at(20));
  made.declined = await applyAction(stack.store, await put('declined', '990103'), 'decline', lead('careers@oakridge-middle.example'), { reason: 'Not enough notice was given' }, at(2));
  // A lead's own words for declining, formula-looking: neutralised in the file.
  made.formula = await applyAction(stack.store, await put('formula', '990103'), 'decline', lead('careers@oakridge-middle.example'), { reason: '=HYPERLINK("http://evil.example")' }, at(4));
  await put('unanswered', '990104');
  // Another provider's request at a school this one asked too: never in this one's evidence.
  await applyAction(stack.store, await put('theirs', '990101', THEIRS), 'decline', lead('careers.lead@harbourview.example'), { reason: 'A clash with other planned activities in the school calendar' }, at(1));
}, 90_000);
afterAll(async () => stack?.stop());

const period = () => `?from=${londonDate(new Date(now - 60 * DAY).toISOString())}&to=${londonDate(new Date(now).toISOString())}`;

async function evidence(query = period(), cookie = mine): Promise<ProviderEvidenceView> {
  const res = await stack.api({ method: 'GET', url: `/api/provider/evidence${query}`, cookies: [cookie] });
  expect(res.status, res.text).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  return res.json() as ProviderEvidenceView;
}

describe('GET /api/provider/evidence', () => {
  it('shows each school asked, by name, with its own response time and how it answered', async () => {
    const report = await evidence();
    expect(report.schools.map((s) => s.urn)).toEqual(['990101', '990102', '990103', '990104']);
    const [harbour, kingsmead, oakridge, willow] = report.schools;
    expect(harbour).toMatchObject({ name: 'Harbour View Academy', responseSchoolDays: 10, counts: { sent: 1, answeredInTime: 1, answeredLate: 0, approved: 1, declined: 0, unansweredPastDeadline: 0 } });
    expect(kingsmead).toMatchObject({ responseSchoolDays: 10, counts: { sent: 1, answeredInTime: 0, answeredLate: 1, approved: 1, unansweredPastDeadline: 0 } });
    expect(oakridge).toMatchObject({ responseSchoolDays: 5, counts: { sent: 2, answeredInTime: 2, declined: 2, approved: 0 } });
    expect(oakridge?.grounds).toEqual([
      { grounds: '=HYPERLINK("http://evil.example")', count: 1 },
      { grounds: 'Not enough notice was given', count: 1 },
    ]);
    expect(willow).toMatchObject({ counts: { sent: 1, answeredInTime: 0, answeredLate: 0, unansweredPastDeadline: 1, waiting: 0 } });
    expect(report.totals).toEqual({ sent: 5, answeredInTime: 3, answeredLate: 1, approved: 2, declined: 2, unansweredPastDeadline: 1, waiting: 0 });
    expect(report.asOf).toBe(londonDate(new Date().toISOString()));
  });

  it('is of this provider’s own requests only', async () => {
    const report = await evidence(period(), theirs);
    expect(report.schools).toHaveLength(1);
    expect(report.schools[0]).toMatchObject({ urn: '990101', counts: { sent: 1, declined: 1, answeredInTime: 1 }, grounds: [{ grounds: 'A clash with other planned activities in the school calendar', count: 1 }] });
  });

  it('covers the period asked: by default the current academic year, or dates the requests were sent between', async () => {
    const today = londonDate(new Date().toISOString());
    const current = evidencePeriod({}, today);
    const byDefault = await evidence('');
    expect(byDefault.period).toEqual(current);
    expect(await evidence(`?academicYear=${current.academicYear}`)).toEqual(byDefault);
    const after = await evidence(`?from=${addDays(londonDate(sentAt.toISOString()), 1)}`);
    expect(after.schools).toEqual([]);
    expect(after.totals.sent).toBe(0);
    const sentDay = londonDate(sentAt.toISOString());
    expect((await evidence(`?from=${sentDay}&to=${sentDay}`)).totals.sent).toBe(5);
  });

  it('refuses a bad period with 400 at its field', async () => {
    const cases: [string, string, RegExp][] = [
      ['?academicYear=26', 'query.academicYear', /year it starts/],
      ['?academicYear=2026&from=2026-09-01', 'query.academicYear', /not both/],
      ['?from=2026-02-30', 'query.from', /real date/],
      ['?from=2026-10-01&to=2026-09-01', 'query.to', /before the "from" date/],
      ['?status=declined', 'query', /./],
    ];
    for (const [query, field, message] of cases) {
      const res = await stack.api({ method: 'GET', url: `/api/provider/evidence${query}`, cookies: [mine] });
      expect(res.status, query).toBe(400);
      const [key, said] = Object.entries(res.json().error.fields as Record<string, string>).find(([k]) => k.startsWith(field)) ?? [];
      expect(key, query).toBeDefined();
      expect(said, query).toMatch(message);
    }
  });
});

describe('GET /api/provider/evidence.csv', () => {
  it('has a row per school, one per request under it, and the totals; formula cells neutralised', async () => {
    const res = await stack.api({ method: 'GET', url: `/api/provider/evidence.csv${period()}`, cookies: [mine] });
    expect(res.status, res.text).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="school-responses-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => `${r.Row} ${r.URN}`)).toEqual([
      'School 990101',
      'Request 990101',
      'School 990102',
      'Request 990102',
      'School 990103',
      'Request 990103',
      'Request 990103',
      'School 990104',
      'Request 990104',
      'All schools ',
    ]);
    expect(rows[0]).toMatchObject({ School: 'Harbour View Academy', 'Response time (school days)': '10', 'Requests sent': '1', 'Answered in time': '1', Approved: '1', Reference: '' });
    expect(rows[1]).toMatchObject({
      Reference: made.inTime?.reference,
      'Sent on': londonDate(sentAt.toISOString()),
      'Answer due by': deadline,
      'Answered on': londonDate(at(3).toISOString()),
      Answer: 'Approved',
      'In time?': 'Answered in time',
      'Requests sent': '',
    });
    expect(rows[3]).toMatchObject({ 'In time?': 'Answered late', 'Answered on': londonDate(at(20).toISOString()) });
    expect(rows[4]).toMatchObject({ 'Response time (school days)': '5', Declined: '2' });
    const grounds = rows.filter((r) => r.URN === '990103' && r.Row === 'Request').map((r) => r['Grounds for declining']);
    expect(grounds).toEqual(['Not enough notice was given', `'=HYPERLINK("http://evil.example")`]);
    expect(res.text).not.toMatch(/[,\n]"?=HYPERLINK/);
    expect(rows[8]).toMatchObject({ 'In time?': 'Not answered by the deadline', 'Answered on': '', 'Status now': 'Waiting for the school' });
    expect(rows[9]).toMatchObject({ School: '4 schools', 'Requests sent': '5', 'Answered in time': '3', 'Answered late': '1', 'Unanswered past the deadline': '1' });
  });
});

describe('who may see it', () => {
  it('nobody signed out: 401, for the report and the file', async () => {
    for (const url of ['/api/provider/evidence', '/api/provider/evidence.csv']) {
      const res = await stack.api({ method: 'GET', url });
      expect(res.status, url).toBe(401);
      expect(res.json().error.code).toBe('SIGN_IN_REQUIRED');
    }
  });

  it('a staff session is refused: a school never reads a provider’s evidence about it', async () => {
    const staff = await stack.sessionFor('staff', 'careers.lead@harbourview.example');
    for (const url of ['/api/provider/evidence', '/api/provider/evidence.csv']) {
      const res = await stack.api({ method: 'GET', url, cookies: [staff] });
      expect(res.status, url).toBe(401);
      expect(res.text).not.toMatch(/Harbour View|990101/);
    }
  });
});
