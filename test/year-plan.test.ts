// The careers lead's year plan (issue 16, item 4) on a test table: an approved, a delivered
// and a cancelled encounter and open slots, each in its month; another school's encounters
// and slots are not there; each cohort's status is the one coverage gives; the route.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRoleRecord, StoredRequest } from '#shared/domain/records.ts';
import { demoSchool } from '#shared/domain/test-fixtures.ts';
import { planEncounters, planSlots, type YearPlan } from '#shared/domain/year-plan.ts';
import { SESSION_COOKIE } from '#shared/http/session.ts';
import type { Store } from '#shared/store/client.ts';
import { putOpportunity } from '#shared/store/opportunities.ts';
import { requestItem } from '#shared/store/requests.ts';
import { putSchoolProfile } from '#shared/store/schools.ts';
import { createSession } from '#shared/store/sessions.ts';
import { putStaffRole } from '#shared/store/staff.ts';
import { schoolCoverage } from '#shared/usecases/coverage.ts';
import { schoolYearPlan } from '#shared/usecases/year-plan.ts';
import { sampleRequest } from './support/requests.ts';
import { json, startTestSite, type TestSite } from './support/site.ts';
import { createTestTable } from './support/table.ts';

const URN = '990401';
const OTHER = '990402';
const school = demoSchool({ urn: URN, name: 'Plan Academy' });
const other = demoSchool({ urn: OTHER, name: 'Other Plan School' });
// 1 October 2026, academic year 2026/27: with 30 days' notice a provider may book from 31 October.
const NOW = new Date('2026-10-01T12:00:00Z');
const ALL_FOUR = { provider: true, careers: true, learning: true, questions: true };

let store: Store;
let site: TestSite;

const id = (n: string) => `01J00000000000000000YP${n.padStart(4, '0')}`;

function encounter(n: string, urn: string, status: StoredRequest['status'], date: string, yearGroups: number[], organisation: string, more: Partial<StoredRequest> = {}): StoredRequest {
  return sampleRequest({
    id: id(n),
    urn,
    status,
    date,
    start: '10:00',
    end: '11:00',
    yearGroups,
    provider: { organisation, type: 'fe_college', ukprn: `1000${n.padStart(4, '0')}` },
    ...(status === 'delivered' ? { delivery: { content: ALL_FOUR, attendance: yearGroups.map((y) => ({ yearGroup: y, pupils: 140, onRoll: 150 })), recordedAt: `${date}T15:00:00+00:00` } } : {}),
    ...more,
  });
}

const ENCOUNTERS = [
  encounter('1', URN, 'delivered', '2026-09-22', [11], 'Westbridge UTC'),
  encounter('2', URN, 'approved', '2026-11-10', [10], 'Eastmouth College'),
  encounter('3', URN, 'cancelled', '2027-01-19', [10, 11], 'Coastal Apprenticeships', { endedBy: 'school', reason: 'Mock exams moved' }),
  encounter('4', URN, 'pending', '2026-11-12', [9], 'Pending College'),
  encounter('5', URN, 'declined', '2026-11-13', [9], 'Declined College'),
  encounter('6', URN, 'approved', '2026-03-03', [10], 'Last Year College'), // 2025/26
  encounter('7', OTHER, 'approved', '2026-11-10', [10], 'Other School College'),
  encounter('8', OTHER, 'delivered', '2026-09-23', [9], 'Other School UTC'),
];

beforeAll(async () => {
  const table = await createTestTable('year-plan');
  store = table.store;
  site = await startTestSite(table);
  await putSchoolProfile(store, school);
  await putSchoolProfile(store, other);
  const weekly = (title: string, weekday: 'tue' | 'thu') => ({
    id: `${weekday}-y9`,
    title,
    sessionType: 'assembly' as const,
    yearGroups: [9],
    schedule: { kind: 'weekly' as const, weekday, start: '09:00', end: '09:40' },
    capacity: 1,
    venue: 'Main hall',
    facilities: [],
  });
  await putOpportunity(store, URN, weekly('Year 9 careers assembly', 'tue'));
  await putOpportunity(store, OTHER, weekly('Other school’s Year 9 assembly', 'thu'));
  for (const e of ENCOUNTERS) await store.doc.send(new PutCommand({ TableName: store.tableName, Item: requestItem(e) }));
}, 60_000);
afterAll(async () => site?.stop());

const monthOf = (plan: YearPlan, month: string) => plan.months.find((m) => m.month === month)!;
const dayOf = (plan: YearPlan, date: string) => monthOf(plan, date.slice(0, 7)).days.find((d) => d.date === date)!;

describe('the year plan of 2026/27, on 1 October 2026', () => {
  it('has September to August, with the approved, delivered and cancelled encounters in their months and nothing else', async () => {
    const plan = await schoolYearPlan(store, URN, {}, NOW);
    expect(plan).toMatchObject({ year: 2026, label: '2026/27', today: '2026-10-01', statusAsOf: '2026-10-01', previousYear: 2025 });
    expect(plan.months.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08']);
    expect(planEncounters(plan).map((e) => [e.date, e.status, e.provider])).toEqual([
      ['2026-09-22', 'delivered', 'Westbridge UTC'],
      ['2026-11-10', 'approved', 'Eastmouth College'],
      ['2027-01-19', 'cancelled', 'Coastal Apprenticeships'],
    ]);
    expect(dayOf(plan, '2027-01-19').encounters[0]).toMatchObject({ id: id('3'), yearGroups: [10, 11], sessionType: 'assembly', start: '10:00', end: '11:00', cancelledBy: 'school' });
    // Who cancelled, not why: the plan is printed and pinned up.
    expect(JSON.stringify(plan)).not.toContain('Mock exams moved');
  });

  it('shows the open slots a provider could book: after the 30 days’ notice, on school days, in their months', async () => {
    const plan = await schoolYearPlan(store, URN, {}, NOW);
    const slots = planSlots(plan);
    expect(slots.length).toBeGreaterThan(20);
    expect(slots.every((s) => s.title === 'Year 9 careers assembly' && s.placesLeft > 0)).toBe(true);
    // Tuesdays from 3 November (the first after 31 October, half term over); none in October's notice, none in the Christmas holiday.
    expect(slots[0]!.date).toBe('2026-11-03');
    expect(monthOf(plan, '2026-10').days.flatMap((d) => d.slots)).toEqual([]);
    expect(dayOf(plan, '2026-12-22').slots).toEqual([]);
    expect(dayOf(plan, '2026-12-22').closed?.kind).toBe('HOLIDAY');
    expect(dayOf(plan, '2027-01-05').slots.map((s) => s.start)).toEqual(['09:00']);
  });

  it('another school’s encounters and slots are not in it', async () => {
    const text = JSON.stringify(await schoolYearPlan(store, URN, {}, NOW));
    for (const word of ['Other School College', 'Other School UTC', 'Other school’s Year 9 assembly', id('7'), id('8'), 'Pending College', 'Declined College', 'Last Year College']) {
      expect(text).not.toContain(word);
    }
  });

  it('each cohort’s status is the one coverage gives on the same day', async () => {
    const [plan, coverage] = await Promise.all([schoolYearPlan(store, URN, {}, NOW), schoolCoverage(store, school, NOW, { fixes: false })]);
    expect(plan.cohorts.map((c) => [c.yearGroup, c.status, c.counted, c.planned])).toEqual(coverage.cohorts.map((c) => [c.yearGroup, c.status, c.counted, c.planned]));
    expect(plan.cohorts.map((c) => c.yearGroup)).toEqual([8, 9, 10, 11, 12, 13]);
    const y10 = plan.cohorts.find((c) => c.yearGroup === 10)!;
    expect(y10).toMatchObject({ status: 'at_risk', planned: 1, required: 2 });
  });

  it('the next year: statuses on its first day, from what is delivered and booked now; the year after is refused', async () => {
    const plan = await schoolYearPlan(store, URN, { year: 2027 }, NOW);
    expect(plan).toMatchObject({ label: '2027/28', when: 'next', statusAsOf: '2027-09-01', previousYear: 2026 });
    expect(plan.nextYear).toBeUndefined();
    const coverage = await schoolCoverage(store, school, new Date('2027-09-01T12:00:00Z'), { fixes: false });
    expect(plan.cohorts.map((c) => [c.yearGroup, c.status, c.counted, c.planned])).toEqual(coverage.cohorts.map((c) => [c.yearGroup, c.status, c.counted, c.planned]));
    expect(plan.months.map((m) => m.month)[0]).toBe('2027-09');
    await expect(schoolYearPlan(store, URN, { year: 2028 }, NOW)).rejects.toMatchObject({ code: 'YEAR_OUT_OF_RANGE' });
  });

  it('a past year: last year’s encounters, statuses on its last day, no open slots', async () => {
    const plan = await schoolYearPlan(store, URN, { year: 2025 }, NOW);
    expect(plan).toMatchObject({ label: '2025/26', statusAsOf: '2026-08-31', nextYear: 2026 });
    expect(planEncounters(plan).map((e) => e.provider)).toEqual(['Last Year College']);
    expect(planSlots(plan)).toEqual([]);
    const coverage = await schoolCoverage(store, school, new Date('2026-08-31T12:00:00Z'), { fixes: false });
    expect(plan.cohorts.map((c) => c.status)).toEqual(coverage.cohorts.map((c) => c.status));
  });
});

describe('the year plan over HTTP', () => {
  const cookieFor = async (email: string, roles: [string, StaffRoleRecord['role']][]) => {
    for (const [urn, role] of roles) await putStaffRole(store, { urn, email, name: email, role });
    return `${SESSION_COOKIE}=${(await createSession(store, 'staff', email)).secret}`;
  };
  const get = (path: string, cookie?: string) => fetch(`${site.url}${path}`, { headers: cookie ? { cookie } : {} });

  it('for the school’s staff only; this academic year by default; the year checked at its field', async () => {
    const lead = await cookieFor('lead@plan.example', [[URN, 'careers_lead']]);
    const res = await get(`/api/manage/schools/${URN}/year-plan`, lead);
    expect(res.status).toBe(200);
    const body = await json(res);
    const today = new Date().toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) >= 9 ? 0 : 1);
    expect(body.year).toBe(year);
    expect(body.months).toHaveLength(12);
    expect((await json(await get(`/api/manage/schools/${URN}/year-plan?year=2025`, lead))).label).toBe('2025/26');
    expect((await get(`/api/manage/schools/${URN}/year-plan`)).status).toBe(401);
    expect((await json(await get(`/api/manage/schools/${OTHER}/year-plan`, lead))).error.code).toBe('NOT_YOUR_SCHOOL');
    const bad = await get(`/api/manage/schools/${URN}/year-plan?year=26`, lead);
    expect(bad.status).toBe(400);
    expect(Object.keys((await json(bad)).error.fields)).toEqual(['query.year']);
    expect((await json(await get(`/api/manage/schools/${URN}/year-plan?year=${year + 1}`, lead))).when).toBe('next');
    const later = await get(`/api/manage/schools/${URN}/year-plan?year=${year + 2}`, lead);
    expect(later.status).toBe(400);
    const error = (await json(later)).error;
    expect(error.code).toBe('YEAR_OUT_OF_RANGE');
    expect(Object.keys(error.fields)).toEqual(['query.year']);
  });
});
