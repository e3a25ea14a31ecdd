import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bookableSlotsFor,
  cohortOf,
  cohortYearGroupOn,
  coverageReport,
  inCohortWindow,
  keyPhaseOf,
  phaseCoverage,
  phaseWindow,
  type CoverageEncounter,
  type CoverageStatus,
} from './coverage.ts';
import { bookableRange } from './rules.ts';
import type { OpenSlot } from './slot-places.ts';
import { dayNumber, fromDayNumber } from './dates.ts';
import { demoSchool } from './test-fixtures.ts';

/** Key phases 1, 2 and 3. */
const KEY_PHASE_COUNT = 3;

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

function row(encounters: CoverageEncounter[], yearGroup: number, today = TODAY) {
  const found = coverageReport(school, today, encounters).find((r) => r.yearGroup === yearGroup);
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

// The cohorts of the tables below, in the academic year 2025/26.
const Y9 = cohortOf(9, 2025); //  phase 1, window 1 September 2024 to 28 February 2026
const Y8 = cohortOf(8, 2025); //  phase 1, window 1 September 2025 to 28 February 2027
const Y12 = cohortOf(12, 2025); // phase 3, window 1 September 2025 to 28 February 2027
const A = { providerId: 'A', providerName: 'Eastmouth College' };
const B = { providerId: 'B', providerName: 'Westbridge UTC' };
const booked = (date: string, years: number[], who = A) => enc(date, years, { ...who, status: 'approved' });
const done = (date: string, years: number[], who = A, more: Partial<CoverageEncounter> = {}) => enc(date, years, { ...who, ...more });
const carousel = (dates: string[], who = A, more: Partial<CoverageEncounter> = {}) =>
  dates.map((d, i) => enc(d, [9], { ...who, ...more, split: { session: i + 1, sessions: dates.length } }));

interface Case {
  name: string;
  cohort: typeof Y9;
  phase: 1 | 2 | 3;
  today: string;
  encounters: CoverageEncounter[];
  perPhase?: number;
  expected: { status: CoverageStatus; counted?: number; delivered?: number; planned?: number; needed?: number; sameProviderAs?: string; warnings?: string[] };
}

// Every status, as RULES.md "Coverage status" defines it.
const STATUS_CASES: Case[] = [
  {
    name: 'at risk: 0 of 2 delivered, none booked, weeks left (time left alone never makes "on track")',
    cohort: Y8,
    phase: 1,
    today: TODAY,
    encounters: [],
    expected: { status: 'at_risk', counted: 0, planned: 0, needed: 2 },
  },
  {
    name: 'at risk: 1 delivered, none booked, over a year left',
    cohort: Y8,
    phase: 1,
    today: '2025-10-01',
    encounters: [done('2025-09-20', [8])],
    expected: { status: 'at_risk', counted: 1, needed: 1 },
  },
  {
    name: 'on track: 1 delivered and 1 booked with another provider inside the window',
    cohort: Y8,
    phase: 1,
    today: TODAY,
    encounters: [done('2025-11-10', [8]), booked('2026-05-05', [8], B)],
    expected: { status: 'on_track', counted: 1, planned: 1, needed: 0 },
  },
  {
    name: 'on track: 2 booked with different providers, none delivered yet',
    cohort: Y8,
    phase: 1,
    today: TODAY,
    encounters: [booked('2026-05-05', [8], A), booked('2026-06-10', [8], B)],
    expected: { status: 'on_track', counted: 0, planned: 2 },
  },
  {
    name: 'met: two delivered with all four content items, different providers',
    cohort: Y8,
    phase: 1,
    today: TODAY,
    encounters: [done('2025-11-10', [8], A), done('2026-02-02', [8, 9], B)],
    expected: { status: 'met', counted: 2, delivered: 2, warnings: [] },
  },
  {
    name: 'not met: the window has closed one short',
    cohort: Y9,
    phase: 1,
    today: '2026-03-02',
    encounters: [done('2025-06-10', [8])],
    expected: { status: 'not_met', counted: 1 },
  },
  {
    name: 'not started: the cohort is in Year 8 and its phase 2 window opens in Year 10',
    cohort: Y8,
    phase: 2,
    today: TODAY,
    encounters: [],
    expected: { status: 'not_started', counted: 0, needed: 2 },
  },
  {
    name: 'at risk: a booked encounter whose day has passed without a record is no longer "still to come"',
    cohort: Y8,
    phase: 1,
    today: TODAY,
    encounters: [done('2025-11-10', [8], A), booked('2026-03-02', [8], B)],
    expected: { status: 'at_risk', planned: 0, needed: 1, warnings: ['AWAITING_DELIVERY_RECORD'] },
  },
  {
    name: 'at risk: a delivered encounter without all four content items does not count (R-CONTENT)',
    cohort: Y8,
    phase: 1,
    today: TODAY,
    encounters: [done('2025-11-10', [8], A), done('2026-01-10', [8], B, { contentConfirmed: false })],
    expected: { status: 'at_risk', counted: 1, warnings: ['CONTENT_NOT_CONFIRMED'] },
  },
  // R-RANGE: in phases 1 and 2 a second encounter with exactly the same provider does not complete the pair.
  {
    name: 'R-RANGE: two delivered with the same provider are 1 of 2: at risk, the next with another provider',
    cohort: Y8,
    phase: 1,
    today: TODAY,
    encounters: [done('2025-10-01', [8], A), done('2026-01-12', [8], A)],
    expected: { status: 'at_risk', counted: 1, delivered: 2, needed: 1, sameProviderAs: 'Eastmouth College', warnings: ['SAME_PROVIDER'] },
  },
  {
    name: 'R-RANGE: delivered and booked with the same provider are not on track',
    cohort: Y8,
    phase: 1,
    today: TODAY,
    encounters: [done('2025-10-01', [8], A), booked('2026-05-01', [8], A)],
    expected: { status: 'at_risk', counted: 1, planned: 1, needed: 1, sameProviderAs: 'Eastmouth College', warnings: ['SAME_PROVIDER'] },
  },
  {
    name: 'R-RANGE: the same provider twice and another once is met',
    cohort: Y8,
    phase: 1,
    today: TODAY,
    encounters: [done('2025-10-01', [8], A), done('2025-11-01', [8], A), done('2026-01-12', [8], B)],
    expected: { status: 'met', counted: 3, warnings: [] },
  },
  {
    name: 'R-RANGE: two with the same provider after the window closed is not met, and says why',
    cohort: Y9,
    phase: 1,
    today: '2026-03-01',
    encounters: [done('2025-06-10', [8], A), done('2026-01-12', [9], A)],
    expected: { status: 'not_met', counted: 1, delivered: 2, warnings: ['SAME_PROVIDER'] },
  },
  {
    name: 'R-PHASE3: no R-RANGE; two with the same provider are met, offered and delivered tracked',
    cohort: Y12,
    phase: 3,
    today: TODAY,
    encounters: [done('2025-10-01', [12], A), done('2026-01-12', [12], A)],
    expected: { status: 'met', counted: 2, delivered: 2, warnings: [] },
  },
  // R-WHOLE: a carousel of form groups counts once, when every session is delivered.
  {
    name: 'R-WHOLE: 3 of a 4-session carousel delivered does not count yet',
    cohort: Y9,
    phase: 1,
    today: '2026-01-20',
    encounters: [done('2025-06-10', [8], B), ...carousel(['2026-01-12', '2026-01-13', '2026-01-14'], A).map((e) => ({ ...e, split: { session: e.split!.session, sessions: 4 } }))],
    expected: { status: 'at_risk', counted: 1, delivered: 1, warnings: ['SPLIT_INCOMPLETE'] },
  },
  {
    name: 'R-WHOLE: all 4 sessions delivered count once, with the other provider: met',
    cohort: Y9,
    phase: 1,
    today: '2026-01-20',
    encounters: [done('2025-06-10', [8], B), ...carousel(['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15'], A)],
    expected: { status: 'met', counted: 2, delivered: 2, warnings: [] },
  },
  {
    name: 'R-WHOLE R-RANGE: a 4-session carousel alone is one encounter, not four: at risk',
    cohort: Y9,
    phase: 1,
    today: '2026-01-20',
    encounters: carousel(['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15'], A),
    expected: { status: 'at_risk', counted: 1, delivered: 1, needed: 1, warnings: [] },
  },
  {
    name: 'R-WHOLE: the last session booked, the others delivered: on track once the other provider is counted',
    cohort: Y9,
    phase: 1,
    today: '2026-01-20',
    encounters: [
      done('2025-06-10', [8], B),
      ...carousel(['2026-01-12', '2026-01-13'], A).map((e) => ({ ...e, split: { session: e.split!.session, sessions: 3 } })),
      enc('2026-02-10', [9], { ...A, status: 'approved', split: { session: 3, sessions: 3 } }),
    ],
    expected: { status: 'on_track', counted: 1, planned: 1 },
  },
  // Platform setting: the number of encounters per phase.
  {
    name: 'three encounters per phase (a platform setting): two delivered are at risk',
    cohort: Y8,
    phase: 1,
    today: TODAY,
    perPhase: 3,
    encounters: [done('2025-11-10', [8], A), done('2026-02-02', [8], B)],
    expected: { status: 'at_risk', counted: 2, needed: 1 },
  },
];

describe('statuses as RULES.md defines them (R-PHASE1 R-PHASE2 R-PHASE3 R-RANGE R-WHOLE)', () => {
  it.each(STATUS_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = phaseCoverage(school, c.cohort, c.phase, c.today, c.encounters, { encountersPerPhase: c.perPhase ?? 2 });
    const { warnings, ...numbers } = c.expected;
    expect(r).toMatchObject(numbers);
    if (warnings) expect(r.warnings.map((w) => w.code)).toEqual(warnings);
  });

  it('every status is among the cases', () => {
    expect(new Set(STATUS_CASES.map((c) => c.expected.status))).toEqual(new Set(['met', 'on_track', 'at_risk', 'not_met', 'not_started']));
  });

  it('R-RANGE: the coverage view says why two with the same provider leave the cohort short', () => {
    const r = phaseCoverage(school, Y8, 1, TODAY, [done('2025-10-01', [8], A), done('2026-01-12', [8], A)]);
    expect(r.warnings[0]).toMatchObject({ code: 'SAME_PROVIDER', rule: 'R-RANGE' });
    expect(r.warnings[0]?.message).toBe(
      'All 2 encounters in this phase are with Eastmouth College, so they count as 1 of 2: pupils must hear from a range of providers, so the next encounter must be with a different provider.',
    );
    expect(r.encounters.map((e) => e.counts)).toEqual([true, false]);
  });

  it('R-WHOLE: an incomplete carousel says which sessions are in and what is missing', () => {
    const sessions = carousel(['2026-01-12', '2026-01-13'], A).map((e) => ({ ...e, split: { session: e.split!.session, sessions: 4 } }));
    const r = phaseCoverage(school, Y9, 1, '2026-01-20', sessions);
    expect(r.warnings[0]).toMatchObject({ code: 'SPLIT_INCOMPLETE', rule: 'R-WHOLE', encounterIds: sessions.map((e) => e.id) });
    expect(r.warnings[0]?.message).toBe(
      "Eastmouth College's encounter in 4 sessions has sessions 1 and 2 delivered or booked; it counts once all 4 sessions are delivered, so that the whole year group took part.",
    );
    // A complete carousel is one encounter, dated on its last session, naming every request behind it.
    const whole = phaseCoverage(school, Y9, 1, '2026-01-20', carousel(['2026-01-12', '2026-01-13', '2026-01-14'], A));
    expect(whole.encounters).toEqual([expect.objectContaining({ date: '2026-01-14', sessions: 3, ids: expect.arrayContaining([expect.any(String)]), state: 'delivered' })]);
    expect(whole.encounters[0]?.ids).toHaveLength(3);
    // Two carousels of the same provider are two encounters (still one provider: R-RANGE).
    const twice = phaseCoverage(school, Y9, 1, '2026-01-20', [...carousel(['2025-10-01', '2025-10-02'], A), ...carousel(['2026-01-12', '2026-01-13'], A)]);
    expect(twice).toMatchObject({ delivered: 2, counted: 1, sameProvider: true });
  });
});

describe('R-ATTEND: attendance shortfalls in phases 1 and 2 are a catch-up the school still owes', () => {
  const withAttendance = (onRoll: number | undefined, tookPart: number, years = [8], who = A, date = '2025-11-10') =>
    done(date, years, who, { attendance: years.map((y) => ({ yearGroup: y, tookPart, ...(onRoll === undefined ? {} : { onRoll }) })) });

  it.each([
    ['a shortfall of 8 in phase 1', Y8, 1, [withAttendance(180, 172)], [8]],
    ['everyone took part', Y8, 1, [withAttendance(180, 180)], []],
    ['a record from before pupils on roll was asked', Y8, 1, [withAttendance(undefined, 150)], []],
    ['phase 3: pupils may choose, so no catch-up', Y12, 3, [withAttendance(150, 90, [12])], []],
    ['two shortfalls, one per encounter', Y8, 1, [withAttendance(180, 172), withAttendance(181, 180, [8], B, '2026-01-10')], [8, 1]],
  ] as const)('R-ATTEND: %s', (_name, cohort, phase, encounters, missed) => {
    const r = phaseCoverage(school, cohort, phase, TODAY, [...encounters]);
    expect(r.catchUps.map((c) => c.missed)).toEqual(missed);
    expect(r.warnings.filter((w) => w.code === 'CATCH_UP_OWED')).toHaveLength(missed.length);
  });

  it('R-ATTEND: a shortfall does not change the status; it says how many pupils and which encounter', () => {
    const r = phaseCoverage(school, Y8, 1, TODAY, [withAttendance(180, 172), withAttendance(180, 180, [8], B, '2026-01-10')]);
    expect(r.status).toBe('met');
    expect(r.catchUps).toEqual([{ encounterIds: [r.encounters[0]!.ids[0]], date: '2025-11-10', providerName: 'Eastmouth College', onRoll: 180, tookPart: 172, missed: 8 }]);
    expect(r.warnings.find((w) => w.code === 'CATCH_UP_OWED')?.message).toBe(
      '8 pupils of 180 on roll missed the encounter with Eastmouth College on 10 November 2025; every pupil must take part, so the school still owes them a catch-up.',
    );
  });

  it('R-ATTEND R-WHOLE: a carousel\'s shortfall is the sum over its sessions (each session\'s form groups)', () => {
    const sessions = carousel(['2026-01-12', '2026-01-13', '2026-01-14'], A).map((e, i) => ({ ...e, attendance: [{ yearGroup: 9, onRoll: 60, tookPart: 60 - i }] }));
    const r = phaseCoverage(school, Y9, 1, '2026-01-20', sessions);
    expect(r.catchUps).toEqual([expect.objectContaining({ onRoll: 180, tookPart: 177, missed: 3, encounterIds: sessions.map((e) => e.id) })]);
  });
});

// One cohort's coverage on two occasions: what changed between them moves it from one status to another.
interface Step {
  today: string;
  encounters: CoverageEncounter[];
  perPhase?: number;
}
const first = done('2025-11-10', [8], A);
const secondBooked = booked('2026-05-05', [8], B);
const secondDone = { ...secondBooked, status: 'delivered' as const };
const TRANSITIONS: [string, CoverageStatus, CoverageStatus, Step, Step, typeof Y9][] = [
  ['the window opens with nothing booked', 'not_started', 'at_risk', { today: '2025-08-20', encounters: [] }, { today: '2025-09-01', encounters: [] }, Y8],
  [
    'the window opens with two booked in advance',
    'not_started',
    'on_track',
    { today: '2025-08-20', encounters: [booked('2025-09-15', [8], A), booked('2025-10-15', [8], B)] },
    { today: '2025-09-01', encounters: [booked('2025-09-15', [8], A), booked('2025-10-15', [8], B)] },
    Y8,
  ],
  ['a second provider is booked', 'at_risk', 'on_track', { today: TODAY, encounters: [first] }, { today: TODAY, encounters: [first, secondBooked] }, Y8],
  ['the booked encounter is cancelled', 'on_track', 'at_risk', { today: TODAY, encounters: [first, secondBooked] }, { today: TODAY, encounters: [first] }, Y8],
  ['the booked day passes without a record', 'on_track', 'at_risk', { today: TODAY, encounters: [first, secondBooked] }, { today: '2026-05-06', encounters: [first, secondBooked] }, Y8],
  ['the booked encounter is delivered', 'on_track', 'met', { today: TODAY, encounters: [first, secondBooked] }, { today: '2026-05-06', encounters: [first, secondDone] }, Y8],
  ['a passed encounter is recorded as delivered', 'at_risk', 'met', { today: '2026-05-06', encounters: [first, secondBooked] }, { today: '2026-05-06', encounters: [first, secondDone] }, Y8],
  // The window's last day is 28 February, that day included.
  ['the window closes after 28 February', 'at_risk', 'not_met', { today: '2026-02-28', encounters: [done('2025-06-10', [8])] }, { today: '2026-03-01', encounters: [done('2025-06-10', [8])] }, Y9],
  [
    'an encounter booked on 28 February is not recorded when the window closes',
    'on_track',
    'not_met',
    { today: '2026-02-27', encounters: [done('2025-06-10', [8], A), booked('2026-02-28', [9], B)] },
    { today: '2026-03-01', encounters: [done('2025-06-10', [8], A), booked('2026-02-28', [9], B)] },
    Y9,
  ],
  [
    'the 28 February encounter is recorded late, and counts',
    'not_met',
    'met',
    { today: '2026-03-01', encounters: [done('2025-06-10', [8], A), booked('2026-02-28', [9], B)] },
    { today: '2026-03-02', encounters: [done('2025-06-10', [8], A), done('2026-02-28', [9], B)] },
    Y9,
  ],
  ['the platform asks for three per phase', 'met', 'at_risk', { today: TODAY, encounters: [first, done('2026-02-02', [8], B)] }, { today: TODAY, encounters: [first, done('2026-02-02', [8], B)], perPhase: 3 }, Y8],
  [
    'the platform asks for three after the window closed',
    'met',
    'not_met',
    { today: '2026-03-01', encounters: [done('2025-06-10', [8], A), done('2026-01-10', [9], B)] },
    { today: '2026-03-01', encounters: [done('2025-06-10', [8], A), done('2026-01-10', [9], B)], perPhase: 3 },
    Y9,
  ],
  ['met stays met when the window closes', 'met', 'met', { today: '2026-02-28', encounters: [done('2025-06-10', [8], A), done('2026-01-10', [9], B)] }, { today: '2026-03-01', encounters: [done('2025-06-10', [8], A), done('2026-01-10', [9], B)] }, Y9],
  ['R-RANGE: the booked second is the same provider as the first', 'on_track', 'at_risk', { today: TODAY, encounters: [first, secondBooked] }, { today: TODAY, encounters: [first, { ...secondBooked, ...A }] }, Y8],
  [
    'R-WHOLE: the last session of the carousel is delivered',
    'at_risk',
    'met',
    { today: '2026-01-20', encounters: [done('2025-06-10', [8], B), ...carousel(['2026-01-12', '2026-01-13'], A).map((e) => ({ ...e, split: { session: e.split!.session, sessions: 3 } }))] },
    { today: '2026-01-20', encounters: [done('2025-06-10', [8], B), ...carousel(['2026-01-12', '2026-01-13', '2026-01-14'], A)] },
    Y9,
  ],
];

describe('every transition between statuses', () => {
  it.each(TRANSITIONS)('%s: %s → %s', (_name, from, to, before, after, cohort) => {
    const at = (s: Step) => phaseCoverage(school, cohort, 1, s.today, s.encounters, { encountersPerPhase: s.perPhase ?? 2 }).status;
    expect(at(before)).toBe(from);
    expect(at(after)).toBe(to);
  });

  it('covers every move the rules allow (met is never left while the rules stay the same, except by a setting)', () => {
    const moves = new Set(TRANSITIONS.map(([, from, to]) => `${from} → ${to}`));
    expect(moves).toEqual(
      new Set([
        'not_started → at_risk',
        'not_started → on_track',
        'at_risk → on_track',
        'on_track → at_risk',
        'on_track → met',
        'at_risk → met',
        'at_risk → not_met',
        'on_track → not_met',
        'not_met → met',
        'met → at_risk',
        'met → not_met',
        'met → met',
      ]),
    );
  });
});

describe('the RULES.md example cohorts', () => {
  it('R-PHASE1: "The cohort in Year 8 in 2026/27 is in Year 9 in 2027/28", counted across its window, not per academic year', () => {
    const cohort = cohortOf(8, 2026);
    expect(cohortOf(9, 2027)).toEqual(cohort);
    expect(phaseWindow(cohort, 1)).toEqual({ start: '2026-09-01', end: '2028-02-28' });
    // One in Year 8 (2026/27) and one in Year 9 (2027/28) make the pair.
    const encounters = [done('2027-03-10', [8], A), done('2028-02-28', [9], B)];
    expect(phaseCoverage(school, cohort, 1, '2028-03-01', encounters)).toMatchObject({ status: 'met', counted: 2, yearGroup: 9 });
    // The same cohort's second one on 29 February 2028 (a leap year) is too late.
    expect(phaseCoverage(school, cohort, 1, '2028-03-01', [encounters[0]!, done('2028-02-29', [9], B)])).toMatchObject({ status: 'not_met', counted: 1 });
  });

  it('R-PHASE2: the same cohort reaches key phase 2 in Year 10 (2028/29): not started before then', () => {
    const cohort = cohortOf(8, 2026);
    expect(phaseCoverage(school, cohort, 2, '2027-06-01', []).status).toBe('not_started');
    expect(phaseCoverage(school, cohort, 2, '2028-09-01', []).status).toBe('at_risk');
    expect(phaseWindow(cohort, 2)).toEqual({ start: '2028-09-01', end: '2030-02-28' });
  });

  it('R-PHASE3: two encounters per key phase, six in all: phase 3 counts offered and delivered', () => {
    const r = phaseCoverage(school, Y12, 3, TODAY, [done('2025-10-01', [12], A), booked('2026-05-05', [12], B)]);
    expect(r).toMatchObject({ attendance: 'optional', delivered: 1, planned: 1, offered: 2, status: 'on_track' });
    expect(KEY_PHASE_COUNT * 2).toBe(6);
  });
});

describe('suggestions a provider could still book (R-NOTICE, inside the window)', () => {
  const slot = (date: string, yearGroups = [9], placesLeft = 1): OpenSlot => ({
    opportunityId: 'o',
    title: 'Careers session',
    sessionType: 'class_discussion',
    yearGroups,
    date,
    start: '10:00',
    end: '11:00',
    capacity: 1,
    placesLeft,
    venue: 'Hall',
  });

  it('R-NOTICE: only after the notice period and inside the window (its last day, 28 February, included)', () => {
    const today = '2026-01-15';
    const bookable = bookableRange(school, today); // 30 days' notice: from 14 February 2026
    expect(bookable).toEqual({ from: '2026-02-14', to: '2027-01-15' });
    const r = phaseCoverage(school, Y9, 1, today, []);
    const slots = [slot('2026-01-28'), slot('2026-02-13'), slot('2026-02-25'), slot('2026-02-28'), slot('2026-03-02'), slot('2026-02-26', [10]), slot('2026-02-27', [9], 0)];
    expect(bookableSlotsFor(r, slots, bookable).map((s) => s.date)).toEqual(['2026-02-25', '2026-02-28']);
  });

  it('R-NOTICE: never the same day, even with no notice; never beyond the booking window', () => {
    const noNotice = demoSchool({ rules: { ...school.rules, minimumNoticeDays: 0, bookingWindowDays: 60 } });
    expect(bookableRange(noNotice, '2026-01-15')).toEqual({ from: '2026-01-16', to: '2026-03-16' });
    const r = phaseCoverage(school, Y8, 1, '2026-01-15', []);
    expect(bookableSlotsFor(r, [slot('2026-01-15', [8]), slot('2026-01-16', [8]), slot('2026-03-17', [8])], bookableRange(noNotice, '2026-01-15')).map((s) => s.date)).toEqual(['2026-01-16']);
  });

  it('a slot for the cohort\'s year group on the day: after 31 August the cohort is a year older', () => {
    const r = phaseCoverage(school, Y8, 1, '2026-07-01', []);
    const slots = [slot('2026-07-15', [8]), slot('2026-09-10', [8]), slot('2026-09-11', [9])];
    expect(bookableSlotsFor(r, slots, { from: '2026-07-02', to: '2027-07-01' }).map((s) => s.date)).toEqual(['2026-07-15', '2026-09-11']);
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
    expect(r.status).toBe('at_risk');
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
          const byId = new Map(encounters.map((e) => [e.id, e]));
          for (const e of r.encounters.flatMap((u) => u.ids.map((id) => byId.get(id)!))) {
            expect(e.date >= r.window.start && e.date <= r.window.end).toBe(true);
            expect(e.date.endsWith('-02-29') && cohortYearGroupOn(r.cohort, e.date) === keyPhaseOf(r.yearGroup)!.secondYear).toBe(false);
            expect(e.yearGroups).toContain(cohortYearGroupOn(r.cohort, e.date));
          }
          expect(r.offered).toBe(r.delivered + r.planned);
          expect(r.counted).toBeLessThanOrEqual(r.delivered);
          if (r.status === 'met') expect(r.counted).toBeGreaterThanOrEqual(2);
          // Time left alone never makes "on track": only booked encounters do.
          if (r.status === 'on_track') expect(r.planned).toBeGreaterThan(0);
          if (r.status === 'not_met') expect(today > r.window.end).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
