import { describe, expect, it } from 'vitest';
import type { CohortCoverage } from './coverage.ts';
import type { StoredRequest } from './records.ts';
import { openSlotsOf } from './school-month.ts';
import { demoSchool, TUESDAY_ASSEMBLY } from './test-fixtures.ts';
import type { RequestStatus } from './types.ts';
import { openSlotRange, planEncounters, planSlots, statusDateFor, yearMonths, yearPlan, type YearPlanInput } from './year-plan.ts';

const school = demoSchool();
const assembly = TUESDAY_ASSEMBLY;

function request(id: string, status: RequestStatus, date: string, more: Partial<StoredRequest> = {}): StoredRequest {
  return {
    id,
    urn: '990101',
    status,
    date,
    start: '10:00',
    end: '11:00',
    yearGroups: [11, 10],
    provider: { organisation: `${id} College`, type: 'fe_college', ukprn: '10000001' },
    contact: { name: 'A Contact', email: 'a@college.example', phone: '01632 960000' },
    providerEmail: 'a@college.example',
    sessionType: 'assembly',
    staffCount: 1,
    safeguardingAgreed: true,
    facilities: [],
    content: { provider: true, careers: true, learning: true, questions: true },
    notes: '',
    responseDeadline: date,
    flags: [],
    version: 2,
    createdAt: '2026-01-01T09:00:00Z',
    updatedAt: '2026-01-01T09:00:00Z',
    ...more,
  } as StoredRequest;
}

const cohort = (yearGroup: number, status: CohortCoverage['status']) =>
  ({ yearGroup, phase: yearGroup <= 9 ? 1 : yearGroup <= 11 ? 2 : 3, cohort: `Year 8 in ${2026 - (yearGroup - 8)}`, status, statusText: `${status}.`, counted: 0, required: 2, planned: 1, window: { start: '2025-09-01', end: '2027-02-28' } }) as CohortCoverage;

function input(more: Partial<YearPlanInput> = {}): YearPlanInput {
  return {
    urn: '990101',
    schoolName: 'Harbourview',
    year: 2026,
    currentYear: 2026,
    today: '2026-10-01',
    statusAsOf: '2026-10-01',
    bookableFrom: '2026-10-15',
    bookableTo: '2027-01-29',
    yearGroups: [8, 9, 10, 11, 12, 13],
    required: 2,
    requests: [],
    slots: [],
    cohorts: [],
    ...more,
  };
}

describe('the year plan (issue 16, item 4)', () => {
  it('has the twelve months of the academic year, September to August, each with every date', () => {
    expect(yearMonths(2026)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08']);
    const plan = yearPlan(school, input());
    expect(plan.months.map((m) => m.days.length)).toEqual([30, 31, 30, 31, 31, 28, 31, 30, 31, 30, 31, 31]);
    expect(plan).toMatchObject({ label: '2026/27', start: '2026-09-01', end: '2027-08-31', previousYear: 2025 });
    // This year links on to the next, which a lead plans in the summer term, and no further.
    expect(plan).toMatchObject({ when: 'current', nextYear: 2027 });
    expect(yearPlan(school, input({ year: 2025 }))).toMatchObject({ when: 'past', nextYear: 2026 });
    const next = yearPlan(school, input({ year: 2027 }));
    expect(next).toMatchObject({ when: 'next', label: '2027/28', previousYear: 2026 });
    expect(next.nextYear).toBeUndefined();
    // The query's first year has no year before it to link to.
    expect(yearPlan(school, input({ year: 2000 })).previousYear).toBeUndefined();
  });

  it('puts approved, delivered and cancelled encounters on their dates, by start time, and leaves the other statuses and other years out', () => {
    const requests = [
      request('late', 'approved', '2026-11-10', { start: '13:00', end: '14:00' }),
      request('early', 'delivered', '2026-11-10', { start: '09:00', end: '09:30' }),
      request('off', 'cancelled', '2027-03-02', { endedBy: 'provider', reason: 'Our speaker is ill' }),
      request('asked', 'pending', '2026-11-11'),
      request('no', 'declined', '2026-11-12'),
      request('gone', 'not_delivered', '2026-11-13'),
      request('before', 'approved', '2026-08-31'),
    ];
    const plan = yearPlan(school, input({ requests }));
    expect(planEncounters(plan).map((e) => e.id)).toEqual(['early', 'late', 'off']);
    const november = plan.months.find((m) => m.month === '2026-11')!;
    expect(november.days.find((d) => d.date === '2026-11-10')!.encounters.map((e) => e.status)).toEqual(['delivered', 'approved']);
    const march = plan.months.find((m) => m.month === '2027-03')!.days.find((d) => d.date === '2027-03-02')!;
    expect(march.encounters[0]).toMatchObject({ status: 'cancelled', cancelledBy: 'provider', provider: 'off College', yearGroups: [10, 11], sessionType: 'assembly', start: '10:00', end: '11:00' });
    // The reason a provider gave is theirs to the school, not the plan's to print.
    expect(JSON.stringify(march.encounters[0])).not.toContain('ill');
  });

  it('shows open slots with places left only, and only on dates a provider could book now (R-NOTICE)', () => {
    const slots = openSlotsOf(school, [assembly], [{ opportunityId: 'y10', date: '2026-11-03', time: '08:50', capacity: 2, held: 2 }], '2026-10-01', '2026-11-30');
    const plan = yearPlan(school, input({ slots }));
    const dates = planSlots(plan).map((s) => s.date);
    // 6 and 13 October are inside the notice; 3 November is full.
    expect(dates).toEqual(['2026-10-20', '2026-11-10', '2026-11-17', '2026-11-24']);
  });

  it('a closed day keeps its reason and shows no slot', () => {
    const plan = yearPlan(school, input());
    const day = plan.months[1]!.days.find((d) => d.date === '2026-10-31')!;
    expect(day.closed?.kind).toBe('WEEKEND');
  });

  it('each cohort carries the status coverage gave it, not one of its own', () => {
    const plan = yearPlan(school, input({ cohorts: [cohort(9, 'at_risk'), cohort(11, 'on_track')] }));
    expect(plan.cohorts).toEqual([
      { yearGroup: 9, phase: 1, cohort: 'Year 8 in 2025', status: 'at_risk', statusText: 'at_risk.', counted: 0, required: 2, planned: 1, windowEnd: '2027-02-28' },
      { yearGroup: 11, phase: 2, cohort: 'Year 8 in 2023', status: 'on_track', statusText: 'on_track.', counted: 0, required: 2, planned: 1, windowEnd: '2027-02-28' },
    ]);
  });

  it.each([
    ['a date in the year', 2026, '2027-03-04', '2027-03-04'],
    ['a past year: its last day', 2025, '2027-03-04', '2026-08-31'],
    ['the last day itself', 2026, '2027-08-31', '2027-08-31'],
    ['the next year: its first day', 2027, '2027-07-05', '2027-09-01'],
  ])('statuses are worked out on %s', (_name, year, today, asOf) => {
    expect(statusDateFor(year, today)).toBe(asOf);
  });

  it.each([
    ['the bookable dates inside the year', { from: '2026-10-15', to: '2027-01-29' }, { from: '2026-10-15', to: '2027-01-29' }],
    ['a window past the year’s end stops on 31 August', { from: '2027-07-01', to: '2027-10-29' }, { from: '2027-07-01', to: '2027-08-31' }],
    ['a window from before the year starts on 1 September', { from: '2026-08-20', to: '2026-12-01' }, { from: '2026-09-01', to: '2026-12-01' }],
    ['nothing bookable in the year (a past one)', { from: '2027-09-10', to: '2027-12-01' }, undefined],
  ])('open slots: %s', (_name, bookable, range) => {
    expect(openSlotRange(2026, bookable)).toEqual(range);
  });
});
