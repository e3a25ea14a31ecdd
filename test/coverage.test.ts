// Coverage per cohort and key phase on a test table: a fixture 11–18 school with
// encounters spread over 2024/25 and 2025/26, counted as on 15 January 2026 and checked
// against a count by hand from the RULES.md windows; the trust view; the HTTP routes.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSchool, YEAR_8_TUESDAY_ASSEMBLY } from '#shared/domain/test-fixtures.ts';
import type { ProviderType } from '#shared/domain/types.ts';
import type { StaffCaller } from '#shared/http/access.ts';
import { SESSION_COOKIE } from '#shared/http/session.ts';
import type { Store } from '#shared/store/client.ts';
import { putOpportunity } from '#shared/store/opportunities.ts';
import { requestItem } from '#shared/store/requests.ts';
import type { StoredRequest, StoredSchool } from '#shared/domain/records.ts';
import { putSchoolProfile } from '#shared/store/schools.ts';
import { createSession } from '#shared/store/sessions.ts';
import { putStaffRole } from '#shared/store/staff.ts';
import type { StaffRoleRecord } from '#shared/domain/records.ts';
import { schoolCoverage, trustCoverage } from '#shared/usecases/coverage.ts';
import { decide, schoolActor } from '#shared/usecases/decisions.ts';
import { checkedSubmission } from '#shared/usecases/create-request.ts';
import type { RequestSubmission } from '#shared/domain/rules.ts';
import { getPlatformSettings, putPlatformSettings } from '#shared/store/platform-settings.ts';
import { providerBody } from './support/provider-body.ts';
import { sampleRequest } from './support/requests.ts';
import { json, startTestSite, type TestSite } from './support/site.ts';
import { createTestTable } from './support/table.ts';

const URN = '990301';
const TRUST = { id: 'fixture-learning-trust', name: 'Fixture Learning Trust' };
const school = demoSchool({ urn: URN, name: 'Fixture Academy', trust: TRUST });
const NOW = new Date('2026-01-15T12:00:00Z'); // academic year 2025/26
const ALL_FOUR = { provider: true, careers: true, learning: true, questions: true };

const EMPTY_SCHOOL = demoSchool({ urn: '990304', name: 'Fixture Empty School' });

let store: Store;
let site: TestSite;

const providers: Record<string, { organisation: string; type: ProviderType; ukprn: string }> = {
  A: { organisation: 'Eastmouth College', type: 'fe_college', ukprn: '10000001' },
  B: { organisation: 'Westbridge UTC', type: 'utc', ukprn: '10000002' },
  C: { organisation: 'Coastal Apprenticeships', type: 'independent_training_provider', ukprn: '10000003' },
  D: { organisation: 'Dunford Engineering', type: 'employer_provider', ukprn: '10000004' },
  E: { organisation: 'Northern Skills Academy', type: 'independent_training_provider', ukprn: '10000005' },
  F: { organisation: 'Harbour University', type: 'he_degree_apprenticeships', ukprn: '10000006' },
  G: { organisation: 'Greyhaven Studio School', type: 'studio_school', ukprn: '10000007' },
  H: { organisation: 'Hollowmere College', type: 'fe_college', ukprn: '10000008' },
};

function encounter(id: string, date: string, yearGroups: number[], provider: string, status: StoredRequest['status'], content = ALL_FOUR): StoredRequest {
  return sampleRequest({
    id: `01J0000000000000000000${id.padStart(4, '0')}`,
    urn: URN,
    status,
    date,
    start: '10:00',
    end: '11:00',
    yearGroups,
    provider: providers[provider]!,
    ...(status === 'delivered' ? { delivery: { content, attendance: yearGroups.map((y) => ({ yearGroup: y, pupils: 150, onRoll: 150 })), recordedAt: `${date}T15:00:00+00:00` } } : {}),
  });
}

// The encounters, and where each one counts. A cohort is named by the year it was in Year 8.
const ENCOUNTERS = [
  encounter('E1', '2024-10-10', [8], 'A', 'delivered'), //     2024/25 Year 8 → cohort 2024 (Year 9 now), phase 1
  encounter('E2', '2025-03-05', [8, 9], 'B', 'delivered'), //  Year 8 → cohort 2024; Year 9 on 5 March is after 28 February: not cohort 2023's
  encounter('E3', '2025-02-27', [9], 'C', 'delivered'), //     Year 9 → cohort 2023's phase 1 (it is in phase 2 now: not shown)
  encounter('E4', '2025-11-12', [10], 'A', 'delivered'), //    2025/26 Year 10 → cohort 2023 (Year 10 now), phase 2
  encounter('E5', '2026-03-10', [10, 11], 'A', 'approved'), // Year 10 → cohort 2023, planned; Year 11 on 10 March: after cohort 2022's window
  encounter('E6', '2025-06-20', [10], 'D', 'delivered', { ...ALL_FOUR, careers: false }), // cohort 2022's phase 2, but not all four items
  encounter('E7', '2026-01-08', [11], 'E', 'delivered'), //    2025/26 Year 11 → cohort 2022 (Year 11 now)
  encounter('E8', '2025-12-01', [12], 'F', 'approved'), //     cohort 2021 (Year 12 now): passed without a delivery record
  encounter('E9', '2026-02-04', [12, 13], 'G', 'approved'), // planned for cohort 2021 (Year 12) and cohort 2020 (Year 13, before 28 February)
  encounter('E10', '2024-11-20', [12], 'H', 'delivered'), //   2024/25 Year 12 → cohort 2020 (Year 13 now), phase 3
  encounter('E11', '2025-09-15', [8], 'B', 'delivered'), //    2025/26 Year 8 → cohort 2025 (Year 8 now)
  encounter('E12', '2025-10-01', [8], 'C', 'declined'), //     declined: never an encounter
  encounter('E13', '2025-10-02', [7], 'C', 'delivered'), //    Year 7: not provider access (R-YEARS)
];

beforeAll(async () => {
  const table = await createTestTable('coverage');
  store = table.store;
  site = await startTestSite(table);
  await putSchoolProfile(store, school);
  await putSchoolProfile(store, demoSchool({ urn: '990302', name: 'Fixture Second School', trust: TRUST }));
  await putSchoolProfile(store, demoSchool({ urn: '990303', name: 'Another Trust School', trust: { id: 'another-trust', name: 'Another Trust' } }));
  await putOpportunity(store, URN, {
    id: 'y11-wed',
    title: 'Year 11 careers session',
    sessionType: 'class_discussion',
    yearGroups: [11],
    schedule: { kind: 'weekly', weekday: 'wed', start: '10:00', end: '11:00' },
    capacity: 1,
    venue: 'Room 4',
    facilities: [],
  });
  // A school with no encounters at all, and a weekly Year 8 session on Tuesdays.
  await putSchoolProfile(store, EMPTY_SCHOOL);
  await putOpportunity(store, EMPTY_SCHOOL.urn, YEAR_8_TUESDAY_ASSEMBLY);
  for (const e of ENCOUNTERS) await store.doc.send(new PutCommand({ TableName: store.tableName, Item: requestItem(e) }));
}, 60_000);
afterAll(async () => site?.stop());

const byYear = (answer: Awaited<ReturnType<typeof schoolCoverage>>) => Object.fromEntries(answer.cohorts.map((c) => [c.yearGroup, c]));

describe('coverage per cohort, counted as a person would from the RULES.md windows', () => {
  it('matches the hand count for every cohort in Years 8–13 on 15 January 2026', async () => {
    const answer = await schoolCoverage(store, school, NOW);
    expect(answer.academicYear).toBe('2025/26');
    expect(answer.cohorts.map((c) => c.yearGroup)).toEqual([8, 9, 10, 11, 12, 13]);
    const y = byYear(answer);

    // Year 8 (cohort "Year 8 in 2025/26"), phase 1, window 1 Sep 2025 – 28 Feb 2027:
    //   E11 delivered → 1. E12 was declined and does not count. Over a year left, but time
    //   left alone never makes "on track" and nothing is booked: at risk, one more needed,
    //   with a provider other than Westbridge UTC (R-RANGE).
    expect(y[8]).toMatchObject({ cohort: 'Year 8 in 2025/26', phase: 1, delivered: 1, counted: 1, planned: 0, offered: 1, status: 'at_risk', window: { start: '2025-09-01', end: '2027-02-28' } });
    expect(y[8]?.fix).toMatchObject({ needed: 1, differentFrom: 'Westbridge UTC', byDate: '2027-02-28', openSlots: [] });

    // Year 9 (cohort "Year 8 in 2024/25"), phase 1, window 1 Sep 2024 – 28 Feb 2026:
    //   E1 (Year 8, Oct 2024) and E2 (Year 8, Mar 2025) delivered → 2 → met. Different providers.
    //   E3 (Year 9 on 27 Feb 2025) was the cohort above this one, so it is not counted here.
    expect(y[9]).toMatchObject({ cohort: 'Year 8 in 2024/25', phase: 1, delivered: 2, planned: 0, status: 'met', sameProvider: false });
    expect(y[9]?.fix).toBeUndefined();

    // Year 10 (cohort "Year 8 in 2023/24"), phase 2, window 1 Sep 2025 – 28 Feb 2027:
    //   E4 delivered → 1; E5 (10 Mar 2026) approved → 1 planned. Both from Eastmouth College:
    //   R-RANGE, the second does not complete the pair, so not on track: at risk, one more
    //   with another provider.
    expect(y[10]).toMatchObject({ phase: 2, delivered: 1, counted: 1, planned: 1, offered: 2, status: 'at_risk', sameProvider: true });
    expect(y[10]?.warnings.map((w) => w.code)).toEqual(['SAME_PROVIDER']);
    expect(y[10]?.providers).toEqual([{ name: 'Eastmouth College', encounters: 2 }]);
    expect(y[10]?.fix).toMatchObject({ needed: 1, differentFrom: 'Eastmouth College', openSlots: [] });
    expect(y[10]?.statusText).toBe(
      'At risk: 1 of 2 delivered, 1 booked; 1 more encounter needed by 28 February 2027 with a provider other than Eastmouth College (43 school weeks left).',
    );

    // Year 11 (cohort "Year 8 in 2022/23"), phase 2, window 1 Sep 2024 – 28 Feb 2026:
    //   E7 delivered → 1. E6 was delivered without all four items: listed, not counted.
    //   E5 is after 28 February of Year 11: not counted. School days left from 15 Jan to
    //   28 Feb 2026 in the fixture's terms: 22 (to 13 Feb) + 5 (23–27 Feb) = 27, fewer
    //   than 6 weeks (30): at risk.
    expect(y[11]).toMatchObject({ phase: 2, delivered: 1, planned: 0, status: 'at_risk', schoolDaysLeft: 27, schoolWeeksLeft: 5, window: { end: '2026-02-28' } });
    expect(y[11]?.statusText).toBe('At risk: 1 of 2 delivered, none booked; 1 more encounter needed by 28 February 2026 with a provider other than Northern Skills Academy (5 school weeks left).');
    expect(y[11]?.warnings.map((w) => w.code)).toEqual(['CONTENT_NOT_CONFIRMED']);
    // What would fix it: one more, and only the Wednesday Year 11 slots a provider could
    // still book: after the 30 days' notice (from 14 February) and by 28 February. The
    // slots of 21 and 28 January and 4 and 11 February are inside the notice period.
    expect(y[11]?.fix).toMatchObject({ needed: 1, byDate: '2026-02-28', askBy: '2026-01-29', opportunitiesPath: `/manage/opportunities/?urn=${URN}` });
    expect(y[11]?.fix?.openSlots.map((s) => s.date)).toEqual(['2026-02-25']);

    // Year 12 (cohort "Year 8 in 2021/22"), phase 3, window 1 Sep 2025 – 28 Feb 2027:
    //   E8 (1 Dec 2025) passed without a delivery record: a warning, not counted.
    //   E9 (4 Feb 2026) planned → offered 1, delivered 0: one short, at risk; no Year 12 slots.
    expect(y[12]).toMatchObject({ phase: 3, attendance: 'optional', delivered: 0, planned: 1, offered: 1, status: 'at_risk', phase3: { offered: 1, delivered: 0 } });
    expect(y[12]?.warnings.map((w) => w.code)).toEqual(['AWAITING_DELIVERY_RECORD']);
    expect(y[12]?.fix).toMatchObject({ needed: 1, openSlots: [] });
    expect(y[12]?.fix?.message).toContain('no open slots for Year 12 that a provider could book between 14 February 2026 and');
    // The opportunities page, never "in your settings".
    expect(y[12]?.fix?.message).toContain('on the opportunities page');
    expect(y[12]?.fix?.message).not.toContain('settings');

    // Year 13 (cohort "Year 8 in 2020/21"), phase 3, window 1 Sep 2024 – 28 Feb 2026:
    //   E10 (Year 12, Nov 2024) delivered → 1; E9 (Year 13 on 4 Feb 2026) planned → 1.
    //   Offered 2, delivered 1: on track (phase 3 has no R-RANGE), however few days are left.
    expect(y[13]).toMatchObject({ phase: 3, delivered: 1, planned: 1, offered: 2, status: 'on_track', phase3: { offered: 2, delivered: 1 } });
    expect(y[13]?.fix).toBeUndefined();

    expect(answer.required).toBe(2);
    expect(answer.totals).toEqual({ met: 1, on_track: 1, at_risk: 4, not_met: 0, not_started: 0 });
  });

  it('after the window: a cohort short of two is not met, with no fix', async () => {
    // On 2 March 2026 the Year 11 and Year 13 windows have closed.
    const y = byYear(await schoolCoverage(store, school, new Date('2026-03-02T12:00:00Z')));
    expect(y[11]).toMatchObject({ status: 'not_met', windowOpen: false, delivered: 1 });
    expect(y[11]?.statusText).toBe('Not met: 1 of 2 delivered when the window closed on 28 February 2026.');
    // Year 13's booked encounter of 4 February passed without a record: not met, too.
    expect(y[13]?.warnings.map((w) => w.code)).toContain('AWAITING_DELIVERY_RECORD');
    expect(y[11]?.fix).toBeUndefined();
    expect(y[13]).toMatchObject({ status: 'not_met', delivered: 1 });
  });

  it('the trust view: every school of the trust where the caller is trust admin, and no other', async () => {
    const role = (urn: string, r: StaffRoleRecord['role']): StaffRoleRecord => ({ urn, email: 'admin@trust.example', name: 'Admin', role: r });
    const caller = { session: {} as StaffCaller['session'], roles: [role(URN, 'trust_admin'), role('990302', 'trust_admin'), role('990303', 'trust_admin')] };
    const answer = await trustCoverage(store, caller, TRUST.id, NOW);
    expect(answer.trust).toEqual(TRUST);
    // Issue 16, item 3: the most at risk first. The second school has nothing delivered: all its cohorts are short.
    expect(answer.schools.map((s) => s.urn)).toEqual(['990302', '990301']);
    expect(answer.schools[0]!.risk.cohorts).toBeGreaterThan(answer.schools[1]!.risk.cohorts);
    expect(answer.schools[0]?.cohorts.every((c) => c.fix === undefined)).toBe(true);
    expect(Object.values(answer.totals).reduce((a, b) => a + b, 0)).toBe(12);
    const leadOnly = { ...caller, roles: [role(URN, 'careers_lead')] };
    await expect(trustCoverage(store, leadOnly, TRUST.id, NOW)).rejects.toMatchObject({ code: 'NOT_YOUR_TRUST' });
  });
});

describe('a cohort with nothing delivered and nothing booked (issue 16)', () => {
  it('0 of 2 delivered, none booked, weeks left: at risk, with a suggestion a provider can book', async () => {
    const y = byYear(await schoolCoverage(store, EMPTY_SCHOOL, NOW));
    expect(y[8]).toMatchObject({ status: 'at_risk', delivered: 0, planned: 0, required: 2 });
    expect(y[8]?.schoolWeeksLeft).toBeGreaterThan(20);
    expect(y[8]?.statusText).toMatch(/^At risk: 0 of 2 delivered, none booked; 2 more encounters needed by 28 February 2027 \(\d+ school weeks left\)\.$/);
    const fix = y[8]?.fix;
    expect(fix).toMatchObject({ needed: 2, byDate: '2027-02-28', opportunitiesPath: '/manage/opportunities/?urn=990304' });
    // Tuesdays from 14 February 2026 (30 days' notice): 17 February is half term, so 24 February first.
    expect(fix?.openSlots.map((s) => s.date)).toEqual(['2026-02-24', '2026-03-03', '2026-03-10', '2026-03-17', '2026-03-24']);
    expect(fix?.message).toBe(
      "Book 2 more encounters for Year 8 by 28 February 2027. With the school's 30 days' notice, a provider must ask by 29 January 2027. A provider could book these open slots:",
    );
    // The first suggestion passes every rule a provider's request meets (R-NOTICE among them), at the same moment.
    const first = fix!.openSlots[0]!;
    const submission = { ...providerBody({ yearGroups: [8], sessionType: 'assembly' }), slot: { opportunityId: first.opportunityId, date: first.date } } as unknown as RequestSubmission;
    await expect(checkedSubmission(store, { ...EMPTY_SCHOOL, version: 1 } as never, submission, NOW)).resolves.toMatchObject({ draft: { date: '2026-02-24', start: '09:00' } });
    // A slot inside the notice period, which coverage never suggests, is refused.
    const early = { ...submission, slot: { opportunityId: first.opportunityId, date: '2026-01-27' } } as RequestSubmission;
    await expect(checkedSubmission(store, { ...EMPTY_SCHOOL, version: 1 } as never, early, NOW)).rejects.toMatchObject({ code: 'TOO_LITTLE_NOTICE' });
  });

  it('R-WHOLE: a carousel booked as sessions 1, 2 and 3 of 3 (said when approving) is one booked encounter, not three', async () => {
    const carouselSchool = demoSchool({ urn: '990305', name: 'Fixture Carousel School' });
    await putSchoolProfile(store, carouselSchool);
    const stored = { ...carouselSchool, version: 1 } as StoredSchool;
    const lead = schoolActor({ email: 'lead@carousel.example', name: 'Carousel Lead', role: 'careers_lead' });
    const pending = ['2026-02-03', '2026-02-04', '2026-02-05'].map((date, i) =>
      sampleRequest({ id: `01J0000000000000000000CR0${i + 1}`, urn: carouselSchool.urn, status: 'pending', date, start: '10:00', end: '11:00', yearGroups: [9], provider: providers.A!, responseDeadline: '2026-01-29' }),
    );
    for (const r of pending) await store.doc.send(new PutCommand({ TableName: store.tableName, Item: requestItem(r) }));
    // Approving the first two as sessions of three: booked sessions left over make no encounter yet.
    const approved = [];
    for (const [i, r] of pending.slice(0, 2).entries()) approved.push(await decide(store, stored, r, 'approve', { split: { session: i + 1, sessions: 3 } }, lead, NOW));
    expect(approved.map((r) => r.split)).toEqual([{ session: 1, sessions: 3 }, { session: 2, sessions: 3 }]);
    let y9 = byYear(await schoolCoverage(store, carouselSchool, NOW))[9];
    expect(y9).toMatchObject({ planned: 0, delivered: 0 });
    // The third session: the set is complete, one booked encounter, still one short of two.
    await decide(store, stored, pending[2]!, 'approve', { split: { session: 3, sessions: 3 } }, lead, NOW);
    y9 = byYear(await schoolCoverage(store, carouselSchool, NOW))[9];
    expect(y9).toMatchObject({ planned: 1, delivered: 0, required: 2, status: 'at_risk' });
    // A session past the number of sessions is refused, nothing written (R-WHOLE).
    await expect(decide(store, stored, { ...pending[0]!, id: '01J0000000000000000000CR09' }, 'approve', { split: { session: 4, sessions: 3 } }, lead, NOW)).rejects.toMatchObject({ code: 'SPLIT_SESSION_INVALID', rule: 'R-WHOLE' });
  });

  it('the number of encounters per phase is a platform setting: three asks for one more', async () => {
    await putPlatformSettings(store, { encountersPerPhase: 3 });
    try {
      const y = byYear(await schoolCoverage(store, school, NOW));
      expect(y[9]).toMatchObject({ required: 3, counted: 2, status: 'at_risk', fix: { needed: 1 } });
      expect(y[9]?.statusText).toMatch(/^At risk: 2 of 3 delivered, none booked; 1 more encounter needed by 28 February 2026/);
    } finally {
      await putPlatformSettings(store, { encountersPerPhase: 2 });
    }
    expect((await getPlatformSettings(store)).encountersPerPhase).toBe(2);
  });
});

describe('coverage over HTTP', () => {
  const cookieFor = async (email: string, roles: [string, StaffRoleRecord['role']][]) => {
    for (const [urn, role] of roles) await putStaffRole(store, { urn, email, name: email, role });
    return `${SESSION_COOKIE}=${(await createSession(store, 'staff', email)).secret}`;
  };

  it('staff of the school only; the trust view for its trust admin only', async () => {
    const lead = await cookieFor('lead@fixture.example', [[URN, 'careers_lead']]);
    const admin = await cookieFor('admin@fixture-trust.example', [[URN, 'trust_admin'], ['990302', 'trust_admin']]);
    const get = (path: string, cookie?: string) => fetch(`${site.url}${path}`, { headers: cookie ? { cookie } : {} });

    const res = await get(`/api/manage/schools/${URN}/coverage`, lead);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.cohorts.map((c: { yearGroup: number }) => c.yearGroup)).toEqual([8, 9, 10, 11, 12, 13]);
    expect(Object.values(body.totals as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(6);
    expect((await get(`/api/manage/schools/${URN}/coverage`)).status).toBe(401);
    expect((await json(await get('/api/manage/schools/990302/coverage', lead))).error.code).toBe('NOT_YOUR_SCHOOL');

    const trust = await get(`/api/manage/trusts/${TRUST.id}/coverage`, admin);
    expect(trust.status).toBe(200);
    expect((await json(trust)).schools.map((s: { urn: string }) => s.urn)).toEqual(['990302', '990301']);
    expect((await json(await get(`/api/manage/trusts/${TRUST.id}/coverage`, lead))).error.code).toBe('NOT_YOUR_TRUST');
    expect((await get('/api/manage/trusts/Not_A_Trust/coverage', admin)).status).toBe(400);
  });
});
