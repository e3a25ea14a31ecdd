import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cohortOf,
  cohortYearGroupOn,
  coverageReport,
  inCohortWindow,
  keyPhaseOf,
  phaseCoverage,
  phaseWindow,
  type CoverageEncounter,
} from './coverage.ts';
import { dayNumber, fromDayNumber } from './dates.ts';
import { demoSchool } from './test-fixtures.ts';

const school = demoSchool();
const TODAY = '2026-03-16'; // 2025/26

let n = 0;
function enc(date: string, yearGroups: number[], overrides: Partial<CoverageEncounter> = {}): CoverageEncounter {
  n += 1;
  return {
    id: `e${n}`,
    date,
    yearGroups,
    providerId: `p${n}`,
    providerName: `Provider ${n}`,
    status: 'delivered',
    contentConfirmed: true,
    ...overrides,
  };
}

function row(encounters: CoverageEncounter[], yearGroup: number, today = TODAY, atRiskWeeks?: number) {
  const found = coverageReport(school, today, encounters, atRiskWeeks === undefined ? {} : { atRiskWeeks }).find((r) => r.yearGroup === yearGroup);
  if (!found) throw new Error(`no row for Year ${yearGroup}`);
  return found;
}

describe('cohorts and windows', () => {
  it('names a cohort by the academic year it is in Year 8, and follows it through the years', () => {
    const c = cohortOf(10, 2026);
    expect(c).toEqual({ year8AcademicYear: 2024 });
    expect(cohortYearGroupOn(c, '2024-09-01')).toBe(8);
    expect(cohortYearGroupOn(c, '2026-08-31')).toBe(9);
    expect(cohortYearGroupOn(c, '2026-09-01')).toBe(10);
  });

  it.each([
    [1, 8, 2026, '2026-09-01', '2028-02-28'],
    [1, 9, 2026, '2025-09-01', '2027-02-28'],
    [2, 10, 2026, '2026-09-01', '2028-02-28'],
    [2, 11, 2026, '2025-09-01', '2027-02-28'],
    [3, 12, 2026, '2026-09-01', '2028-02-28'],
    [3, 13, 2026, '2025-09-01', '2027-02-28'],
  ] as const)('R-PHASE%i: the cohort in Year %i in the year starting %i has its window from %s to %s', (phase, year, academicYear, start, end) => {
    expect(keyPhaseOf(year)?.phase).toBe(phase);
    expect(keyPhaseOf(year)?.rule).toBe(`R-PHASE${phase}`);
    expect(phaseWindow(cohortOf(year, academicYear), phase)).toEqual({ start, end });
  });

  it('R-PHASE1: 29 February is outside the window in the second year (Year 9) but inside in the first (Year 8)', () => {
    // Documented choice: RULES.md says "1 September to 28 February"; 29 February in Year 9 does not count.
    const year9In2027 = cohortOf(9, 2027);
    expect(inCohortWindow({ date: '2028-02-28', yearGroups: [9] }, year9In2027, 1)).toBe(true);
    expect(inCohortWindow({ date: '2028-02-29', yearGroups: [9] }, year9In2027, 1)).toBe(false);
    const year8In2027 = cohortOf(8, 2027);
    expect(inCohortWindow({ date: '2028-02-29', yearGroups: [8] }, year8In2027, 1)).toBe(true);
    const cov = phaseCoverage(school, year9In2027, 1, '2028-03-01', [enc('2028-02-29', [9]), enc('2028-02-28', [9])]);
    expect(cov.delivered).toBe(1);
    expect(cov.status).toBe('not_met');
  });

  it.each([
    ['R-PHASE2', 11, 2027, 2],
    ['R-PHASE3', 13, 2027, 3],
  ] as const)('%s: 29 February 2028 does not count for Year %i either', (_rule, year, academicYear, phase) => {
    expect(inCohortWindow({ date: '2028-02-29', yearGroups: [year] }, cohortOf(year, academicYear), phase)).toBe(false);
    expect(inCohortWindow({ date: '2028-02-28', yearGroups: [year] }, cohortOf(year, academicYear), phase)).toBe(true);
  });
});

describe('R-PHASE1 Years 8–9', () => {
  it('R-PHASE1: two delivered encounters from different providers in Year 8 is met', () => {
    const r = row([enc('2025-11-10', [8]), enc('2026-02-02', [8, 9])], 8);
    expect(r).toMatchObject({ phase: 1, rule: 'R-PHASE1', status: 'met', delivered: 2, sameProvider: false, attendance: 'mandatory' });
    expect(r.cohort).toEqual({ year8AcademicYear: 2025, label: 'Year 8 in 2025/26' });
    expect(r.warnings).toEqual([]);
  });

  it('R-PHASE1: credits an encounter to the cohort in that year group on the day (last year\'s Year 8 is this year\'s Year 9)', () => {
    const encounters = [enc('2025-06-10', [8]), enc('2026-02-27', [9])];
    expect(row(encounters, 9)).toMatchObject({ status: 'met', delivered: 2 });
    expect(row(encounters, 8)).toMatchObject({ delivered: 0 });
  });

  it('R-PHASE1: an encounter after 28 February of Year 9 is too late; the closed window is not met', () => {
    const r = row([enc('2025-06-10', [8]), enc('2026-03-02', [9])], 9);
    expect(r).toMatchObject({ status: 'not_met', delivered: 1, windowOpen: false, schoolDaysLeft: 0 });
  });

  it('R-PHASE1: at risk with fewer than six school weeks left; on track with more', () => {
    const one = [enc('2025-06-10', [8])];
    const r = row(one, 9, '2026-01-20');
    // 20 Jan–13 Feb (19 days) and 23–27 Feb (5 days): 24 school days, under 30.
    expect(r).toMatchObject({ status: 'at_risk', schoolDaysLeft: 24, schoolWeeksLeft: 4, schoolDaysEstimated: false });
    expect(row(one, 9, '2026-01-20', 4).status).toBe('on_track');
    expect(row([], 8, TODAY).status).toBe('on_track');
  });

  it('R-PHASE1: only whole year groups booked for the cohort count', () => {
    expect(row([enc('2025-11-10', [10]), enc('2025-11-11', [7])], 8).delivered).toBe(0);
  });
});

describe('R-PHASE2 Years 10–11', () => {
  it('R-PHASE2: Year 11 with one encounter after the window closed is not met', () => {
    const r = row([enc('2025-10-01', [11])], 11);
    expect(r).toMatchObject({ phase: 2, rule: 'R-PHASE2', status: 'not_met', delivered: 1, window: { start: '2024-09-01', end: '2026-02-28' } });
  });

  it('R-PHASE2: two from the same provider are met, with a warning, not a failure', () => {
    const r = row([enc('2025-10-01', [10], { providerId: 'p', providerName: 'Exampleton College' }), enc('2026-01-12', [10], { providerId: 'p', providerName: 'Exampleton College' })], 10);
    expect(r.status).toBe('met');
    expect(r.sameProvider).toBe(true);
    expect(r.warnings[0]).toMatchObject({ code: 'SAME_PROVIDER' });
    expect(r.warnings[0]?.message).toBe(
      'All 2 encounters in this phase are with Exampleton College; the law asks for a range of providers, so invite a different provider for the next one.',
    );
  });
});

describe('R-PHASE3 Years 12–13', () => {
  it('R-PHASE3: tracks offered (approved + delivered) and delivered separately', () => {
    const r = row([enc('2025-10-01', [12]), enc('2026-05-05', [12], { status: 'approved' })], 12);
    expect(r).toMatchObject({ phase: 3, rule: 'R-PHASE3', attendance: 'optional', delivered: 1, planned: 1, offered: 2, status: 'on_track' });
    expect(r.plannedEncounters.map((e) => e.date)).toEqual(['2026-05-05']);
  });

  it('R-PHASE3: a delivered encounter without all four content items is not counted, and says so', () => {
    const r = row([enc('2025-10-01', [12]), enc('2025-11-01', [12], { contentConfirmed: false })], 12);
    expect(r.delivered).toBe(1);
    expect(r.offered).toBe(1);
    expect(r.warnings.map((w) => w.code)).toEqual(['CONTENT_NOT_CONFIRMED']);
    expect(r.warnings[0]?.message).toMatch(/^1 delivered encounter does not count/);
  });

  it('R-PHASE3: approved encounters whose date has passed wait for a record and do not count', () => {
    const r = row([enc('2026-03-02', [12], { status: 'approved' }), enc('2026-03-03', [12], { status: 'approved', providerName: 'UTC North' })], 12);
    expect(r).toMatchObject({ delivered: 0, planned: 0, offered: 0 });
    expect(r.warnings[0]?.code).toBe('AWAITING_DELIVERY_RECORD');
    expect(r.warnings[0]?.message).toContain('have passed without a record; record each');
    const one = row([enc('2026-03-02', [12], { status: 'approved', providerName: 'UTC North' })], 12);
    expect(one.warnings[0]?.message).toBe('1 approved encounter (2 March 2026, UTC North) has passed without a record; record it as delivered or not delivered so it can count.');
    const two = row([enc('2026-03-02', [12], { contentConfirmed: false }), enc('2026-03-03', [12], { contentConfirmed: false })], 12);
    expect(two.warnings[0]?.message).toMatch(/^2 delivered encounters do not count/);
  });
});

describe('coverage report', () => {
  it('has one row per year group the school has in Years 8–13', () => {
    expect(coverageReport(school, TODAY, []).map((r) => [r.yearGroup, r.phase])).toEqual([
      [8, 1],
      [9, 1],
      [10, 2],
      [11, 2],
      [12, 3],
      [13, 3],
    ]);
    expect(coverageReport(demoSchool({ yearGroups: [0, 1, 2, 3, 4, 5, 6] }), TODAY, [])).toEqual([]);
  });

  it('a middle school (Years 5–8) counts school days only to the end of Year 8', () => {
    const middle = demoSchool({ yearGroups: [5, 6, 7, 8] });
    const [r] = coverageReport(middle, '2026-07-01', []);
    expect(r).toMatchObject({ yearGroup: 8, status: 'at_risk' });
    // 1 to 22 July 2026 only (the Year 9 part happens at the next school).
    expect(r?.schoolDaysLeft).toBe(15);
    const notTaught = phaseCoverage(middle, cohortOf(10, 2025), 2, '2026-07-01', []);
    expect(notTaught.schoolDaysLeft).toBe(0);
    const upper = phaseCoverage(demoSchool({ yearGroups: [9, 10, 11] }), cohortOf(9, 2025), 1, '2025-09-01', []);
    expect(upper.schoolDaysLeft).toBeGreaterThan(60);
  });

  it('estimates school days beyond the terms the school has entered', () => {
    const r = row([], 8, '2028-06-01');
    expect(r.schoolDaysEstimated).toBe(true);
    expect(r.status).toBe('on_track');
    const noTerms = demoSchool({ calendar: { ...school.calendar, terms: [] } });
    const [first] = coverageReport(noTerms, '2026-09-01', []);
    expect(first?.schoolDaysEstimated).toBe(true);
    expect(first?.schoolDaysLeft).toBeGreaterThan(100);
  });

  it('R-PHASE1 R-PHASE2 R-PHASE3: never counts an encounter outside its cohort\'s window (property)', () => {
    const day = (from: string, to: string) => fc.integer({ min: dayNumber(from), max: dayNumber(to) }).map(fromDayNumber);
    const encounter = fc.record({
      id: fc.uuid(),
      date: day('2022-06-01', '2028-08-31'),
      yearGroups: fc.uniqueArray(fc.integer({ min: 6, max: 14 }), { minLength: 1, maxLength: 3 }),
      providerId: fc.constantFrom('a', 'b', 'c'),
      providerName: fc.constant('Provider'),
      status: fc.constantFrom('approved' as const, 'delivered' as const),
      contentConfirmed: fc.boolean(),
    });
    fc.assert(
      fc.property(day('2025-09-01', '2028-07-31'), fc.array(encounter, { maxLength: 25 }), (today, encounters) => {
        for (const r of coverageReport(school, today, encounters)) {
          for (const e of [...r.counted, ...r.plannedEncounters]) {
            expect(e.date >= r.window.start && e.date <= r.window.end).toBe(true);
            expect(e.date.endsWith('-02-29') && cohortYearGroupOn(r.cohort, e.date) === keyPhaseOf(r.yearGroup)!.secondYear).toBe(false);
            expect(e.yearGroups).toContain(cohortYearGroupOn(r.cohort, e.date));
          }
          expect(r.offered).toBe(r.delivered + r.planned);
          if (r.status === 'met') expect(r.delivered).toBeGreaterThanOrEqual(2);
          if (r.status === 'not_met') expect(today > r.window.end).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
