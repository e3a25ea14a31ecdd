// The Compass+ CSV and the evidence pack (issue 16, item 5) on a test table through the local
// server: the CSV's header and a delivered encounter's row (pupils on roll and who took part,
// R-ATTEND; the PAL flag and why not), a carousel's sessions (R-WHOLE), a formula cell
// neutralised, another school's encounter absent; the pack's statuses (coverage's own), the
// statement version in force and a decline with its grounds from the trail.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COVERAGE_STATUSES } from '#shared/domain/coverage.ts';
import type { EvidencePack } from '#shared/domain/evidence-pack.ts';
import type { RequestEvent, StoredRequest } from '#shared/domain/records.ts';
import { demoSchool } from '#shared/domain/test-fixtures.ts';
import { SESSION_COOKIE } from '#shared/http/session.ts';
import type { Store } from '#shared/store/client.ts';
import { eventItem } from '#shared/store/request-events.ts';
import { requestItem } from '#shared/store/requests.ts';
import { putSchoolProfile } from '#shared/store/schools.ts';
import { createSession } from '#shared/store/sessions.ts';
import { putStaffRole } from '#shared/store/staff.ts';
import { COMPASS_CSV_COLUMNS } from '#shared/usecases/exports.ts';
import { publishStatement } from '#shared/usecases/statement.ts';
import { createdEvent, sampleRequest } from './support/requests.ts';
import { json, startTestSite, type TestSite } from './support/site.ts';
import { createTestTable } from './support/table.ts';

const URN = '990501';
const OTHER = '990502';
const ALL_FOUR = { provider: true, careers: true, learning: true, questions: true };
let store: Store;
let site: TestSite;
let lead: string;
let other: string;

let seq = 0;
function encounter(over: Partial<StoredRequest> & { date: string; status: StoredRequest['status'] }, delivery: Partial<NonNullable<StoredRequest['delivery']>> = {}): StoredRequest {
  const r = sampleRequest({ id: `01J2000000000000000000${String(++seq).padStart(4, '0')}`, urn: URN, start: '10:00', end: '11:00', yearGroups: [10], createdAt: '2025-12-01T09:00:00.000Z', ...over });
  if (over.status !== 'delivered') return r;
  return { ...r, delivery: { content: ALL_FOUR, attendance: r.yearGroups.map((y) => ({ yearGroup: y, pupils: 148, onRoll: 150 })), recordedAt: `${r.date}T15:00:00+00:00`, ...delivery } };
}

const HOSTILE = '=HYPERLINK("http://evil.example","Click")';
const delivered = encounter({ date: '2026-03-04', status: 'delivered' });
// Inside Year 9's window for key phase 1 (to 28 February).
const carousel = [1, 2].map((k) =>
  encounter(
    { date: `2026-02-0${k + 3}`, status: 'delivered', yearGroups: [9], provider: { organisation: 'Westgate Training', type: 'independent_training_provider', ukprn: '10005555' } },
    { split: { session: k, sessions: 2 }, attendance: [{ yearGroup: 9, pupils: 70 + k, onRoll: 75 }] },
  ),
);
const loneSession = encounter({ date: '2026-03-16', status: 'delivered', provider: { organisation: 'Northfield UTC', type: 'utc', ukprn: '10007777' } }, { split: { session: 1, sessions: 3 } });
const hostile = encounter({ date: '2026-03-05', status: 'delivered', provider: { organisation: HOSTILE, type: 'employer_provider' } }, { content: { ...ALL_FOUR, questions: false } });
const booked = encounter({ date: '2026-06-10', status: 'approved' });
const declined = encounter({ date: '2026-02-10', status: 'declined', reason: 'Disruption to preparation for mock exams', provider: { organisation: 'Southbank College', type: 'fe_college', ukprn: '10008888' } });
const othersEncounter = encounter({ urn: OTHER, date: '2026-03-04', status: 'delivered', provider: { organisation: 'Other School College', type: 'fe_college', ukprn: '10009999' } });

function declineEvent(r: StoredRequest): RequestEvent {
  return { type: 'REQUEST_DECLINED', requestId: r.id, urn: r.urn, at: '2026-01-12T10:00:00.000Z', actor: { party: 'school', id: 'lead@compass.example', role: 'careers_lead' }, from: 'pending', to: 'declined', data: { reason: r.reason }, notify: ['provider'] };
}

beforeAll(async () => {
  const table = await createTestTable('compass');
  store = table.store;
  site = await startTestSite(table);
  await putSchoolProfile(store, demoSchool({ urn: URN, name: 'Compass Academy' }));
  await putSchoolProfile(store, demoSchool({ urn: OTHER, name: 'Other Academy' }));
  for (const r of [delivered, ...carousel, loneSession, hostile, booked, declined, othersEncounter]) {
    await store.doc.send(new PutCommand({ TableName: store.tableName, Item: requestItem(r) }));
    await store.doc.send(new PutCommand({ TableName: store.tableName, Item: eventItem(createdEvent(r), 0) }));
  }
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: eventItem(declineEvent(declined), 1) }));
  await putStaffRole(store, { urn: URN, email: 'lead@compass.example', name: 'Lead', role: 'careers_lead' });
  await putStaffRole(store, { urn: OTHER, email: 'lead@other.example', name: 'Other', role: 'careers_lead' });
  const editor = { email: 'lead@compass.example', role: 'careers_lead' as const };
  // Version 1 in force on 1 September 2025, version 2 from 10 January 2026; version 3 is the next year's.
  await publishStatement(store, URN, editor, { approvedBy: 'the governing board', approvedOn: '2025-06-01' }, new Date('2025-06-02T10:00:00Z'));
  await publishStatement(store, URN, editor, { approvedBy: 'the trust board', approvedOn: '2026-01-08' }, new Date('2026-01-10T10:00:00Z'));
  await publishStatement(store, URN, editor, { approvedBy: 'the trust board', approvedOn: '2026-09-20' }, new Date('2026-09-21T10:00:00Z'));
  lead = `${SESSION_COOKIE}=${(await createSession(store, 'staff', 'lead@compass.example')).secret}`;
  other = `${SESSION_COOKIE}=${(await createSession(store, 'staff', 'lead@other.example')).secret}`;
}, 60_000);
afterAll(async () => site?.stop());

const get = (path: string, cookie?: string) => fetch(`${site.url}${path}`, { headers: cookie ? { cookie } : {} });

describe('Compass+ CSV', () => {
  it('one row per encounter of the year, the documented columns, the PAL flag and why not, formulas neutralised, no other school', async () => {
    const res = await get(`/api/manage/schools/${URN}/encounters/compass.csv?year=2025`, lead);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="compass-encounters-${URN}-2025-26.csv"`);
    const [header, ...rows] = parse(await res.text(), { bom: true }) as string[][];
    expect(header).toEqual([...COMPASS_CSV_COLUMNS]);
    // Delivered, the carousel's two sessions, the lone session, the hostile one, the booked one; not the declined one, not the other school's.
    expect(rows).toHaveLength(6);
    const row = (date: string) => Object.fromEntries(COMPASS_CSV_COLUMNS.map((c, i) => [c, rows.find((r) => r[0] === date)?.[i]]));
    expect(row('2026-03-04')).toEqual({
      Date: '2026-03-04',
      Start: '10:00',
      End: '11:00',
      'Academic year': '2025/26',
      'Provider name': 'Eastmouth College',
      'Provider type': 'further education college',
      UKPRN: '10001234',
      'Year groups': 'Year 10',
      'Session type': 'assembly',
      Session: 'whole year group',
      Status: 'delivered',
      'Gatsby benchmark': 'GB7',
      'Content: the provider and its qualifications or apprenticeships': 'yes',
      'Content: the careers these lead to': 'yes',
      'Content: what learning or training is like': 'yes',
      "Content: answers to pupils' questions": 'yes',
      'Pupils on roll': '150',
      'Pupils who took part': '148',
      'Attendance by year group': 'Year 10: 148 of 150',
      'PAL eligible': 'yes',
      'Why not PAL eligible': '',
    });
    // A carousel of two sessions reaches the whole year group: both sessions count (R-WHOLE).
    expect(row('2026-02-04')).toMatchObject({ Session: 'session 1 of 2', 'Pupils on roll': '75', 'Pupils who took part': '71', 'PAL eligible': 'yes' });
    expect(row('2026-02-05')).toMatchObject({ Session: 'session 2 of 2', 'PAL eligible': 'yes' });
    expect(row('2026-03-16')).toMatchObject({ Session: 'session 1 of 3', 'PAL eligible': 'no' });
    expect(row('2026-03-16')['Why not PAL eligible']).toContain('(R-WHOLE)');
    expect(row('2026-03-05')).toMatchObject({ "Content: answers to pupils' questions": 'no', UKPRN: '', 'PAL eligible': 'no', 'Why not PAL eligible': 'not all four content items were confirmed at delivery (R-CONTENT)' });
    expect(row('2026-03-05')['Provider name']).toBe(`'${HOSTILE}`);
    expect(row('2026-06-10')).toMatchObject({ Status: 'booked', 'Content: the careers these lead to': '', 'Pupils on roll': '', 'PAL eligible': 'no', 'Why not PAL eligible': 'not recorded as delivered yet (P-STATE)' });
    expect(rows.some((r) => r.includes('Other School College'))).toBe(false);
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('the current academic year by default; a malformed year refused at the field; staff of the school only', async () => {
    const current = await get(`/api/manage/schools/${URN}/encounters/compass.csv`, lead);
    expect(current.status).toBe(200);
    expect(current.headers.get('content-disposition')).toMatch(/compass-encounters-990501-\d{4}-\d{2}\.csv/);
    const bad = await get(`/api/manage/schools/${URN}/encounters/compass.csv?year=25`, lead);
    expect(bad.status).toBe(400);
    expect(Object.keys((await json(bad)).error.fields ?? {})).toEqual(['query.year']);
    expect((await get(`/api/manage/schools/${URN}/encounters/compass.csv`)).status).toBe(401);
    expect((await get(`/api/manage/schools/${URN}/encounters/compass.csv`, other)).status).toBe(403);
  });
});

describe('evidence pack', () => {
  it('one year: coverage’s statuses with their encounters, the statement version in force, the decisions with their grounds', async () => {
    const res = await get(`/api/manage/schools/${URN}/evidence-pack?year=2025`, lead);
    expect(res.status).toBe(200);
    const pack = (await res.json()) as EvidencePack;
    expect(pack.academicYear).toEqual({ startYear: 2025, label: '2025/26', start: '2025-09-01', end: '2026-08-31' });
    expect(pack.asAt).toBe('2026-08-31');
    expect(pack.cohorts.map((c) => c.yearGroup)).toEqual([8, 9, 10, 11, 12, 13]);
    for (const c of pack.cohorts) expect(COVERAGE_STATUSES).toContain(c.status);
    const year10 = pack.cohorts.find((c) => c.yearGroup === 10)!;
    expect(year10.encounters.map((e) => e.id)).toContain(delivered.id);
    expect(year10.counted).toBe(1); // the hostile one lacks an item; the lone session is a third of a carousel
    expect(year10.status).toBe('at_risk'); // Year 10's window runs to 28 February of Year 11
    const year9 = pack.cohorts.find((c) => c.yearGroup === 9)!;
    expect(year9.encounters.find((e) => e.sessions === 2)).toMatchObject({ state: 'delivered', tookPart: 143, onRoll: 150 });
    expect(pack.statement.inForce).toMatchObject({ version: 2, approvedBy: 'the trust board', approvedOn: '2026-01-08' });
    expect(pack.statement.duringYear.map((v) => [v.version, v.from])).toEqual([
      [1, '2025-06-02'],
      [2, '2026-01-10'],
    ]);
    expect(pack.decisions).toEqual([
      expect.objectContaining({ requestId: declined.id, kind: 'declined', by: 'school', on: '2026-01-12', provider: 'Southbank College', grounds: 'Disruption to preparation for mock exams' }),
    ]);
    expect(pack.compassCsvPath).toBe(`/api/manage/schools/${URN}/encounters/compass.csv?year=2025`);
  });

  it('a year not started yet is refused at the field; staff of the school only', async () => {
    const future = await get(`/api/manage/schools/${URN}/evidence-pack?year=2030`, lead);
    expect(future.status).toBe(400);
    expect((await json(future)).error).toMatchObject({ code: 'ACADEMIC_YEAR_NOT_STARTED', fields: { 'query.year': expect.stringContaining('2030/31') } });
    expect((await get(`/api/manage/schools/${URN}/evidence-pack`)).status).toBe(401);
    expect((await get(`/api/manage/schools/${URN}/evidence-pack`, other)).status).toBe(403);
  });
});
