// Coverage per cohort and key phase (R-PHASE1..3): has each cohort had its two encounters
// in the window that counts for its key phase?
//
// A cohort is named by the academic year it is (or was) in Year 8: the cohort in Year 10 in
// 2026/27 is the Year 8 cohort of 2024/25. Its year group on any date follows from the
// academic year of that date, so an encounter is credited to the cohort that was in the
// booked year group on the day it happened, however long ago.
//
// Counting rules (documented choices):
// - delivered: recorded as delivered with all four content items confirmed (R-CONTENT).
//   Only these count towards the statutory two; the status is decided on them alone.
// - planned: approved and dated today or later. Planned + delivered = offered, shown for
//   every phase and the figure that matters for phase 3 (the school must offer, pupils may
//   choose). Planned encounters never make a phase "met": they may still not happen.
// - not counted, but listed so the lead can act: approved encounters whose date has passed
//   without a delivery record, and delivered ones without all four content items.
// - The window of the second year ends on 28 February. In a leap year, 29 February is
//   outside it: RULES.md says "1 September to 28 February", and reading it literally is the
//   safe side (an encounter on 29 February of Year 9 does not count for phase 1). In the
//   first year of a phase every day counts, 29 February included.
// - same provider: a warning (never a failure) when two or more offered encounters all
//   come from one provider; the law asks for "a range" of providers.
import { academicYearLabel, academicYearOf } from './academic-year.ts';
import { bankHolidayOn } from './bank-holidays.ts';
import { isSchoolDay, sessionOn } from './calendar.ts';
import { addDays, dateParts, formatDateShort, makeDate, maxDate, minDate } from './dates.ts';
import type { StatutoryRuleId } from './errors.ts';
import { plural } from './labels.ts';
import type { IsoDate, School, YearGroup } from './types.ts';
import { providerAccessYears } from './year-groups.ts';
import type { OpenSlot } from './slot-places.ts';

export type KeyPhase = 1 | 2 | 3;

export interface KeyPhaseSpec {
  phase: KeyPhase;
  rule: StatutoryRuleId;
  /** The year in which every day counts; the next year counts to 28 February. */
  firstYear: YearGroup;
  secondYear: YearGroup;
  /** Phases 1 and 2: every pupil attends; phase 3: offered, pupils may choose. */
  attendance: 'mandatory' | 'optional';
}

export const KEY_PHASES: readonly KeyPhaseSpec[] = [
  { phase: 1, rule: 'R-PHASE1', firstYear: 8, secondYear: 9, attendance: 'mandatory' },
  { phase: 2, rule: 'R-PHASE2', firstYear: 10, secondYear: 11, attendance: 'mandatory' },
  { phase: 3, rule: 'R-PHASE3', firstYear: 12, secondYear: 13, attendance: 'optional' },
];

/** At least two encounters per key phase. */
export const ENCOUNTERS_PER_PHASE = 2;
export const DEFAULT_AT_RISK_WEEKS = 6;
const SCHOOL_DAYS_PER_WEEK = 5;

/** The pupils in Year 8 in a given academic year, followed through the years. */
export interface Cohort {
  year8AcademicYear: number;
}

export interface CoverageEncounter {
  id: string;
  date: IsoDate;
  yearGroups: YearGroup[];
  providerId: string;
  providerName: string;
  status: 'approved' | 'delivered';
  /** All four R-CONTENT items confirmed when delivery was recorded. */
  contentConfirmed: boolean;
}

export type CoverageStatus = 'met' | 'on_track' | 'at_risk' | 'not_met';

export interface CoverageWarning {
  code: 'SAME_PROVIDER' | 'AWAITING_DELIVERY_RECORD' | 'CONTENT_NOT_CONFIRMED';
  message: string;
  encounterIds: string[];
}

export interface PhaseCoverage {
  cohort: Cohort & { label: string };
  /** The cohort's year group and academic year on `today`. */
  yearGroup: YearGroup;
  academicYear: number;
  phase: KeyPhase;
  rule: StatutoryRuleId;
  attendance: 'mandatory' | 'optional';
  /** Inclusive dates in which encounters count. */
  window: { start: IsoDate; end: IsoDate };
  windowOpen: boolean;
  delivered: number;
  planned: number;
  offered: number;
  status: CoverageStatus;
  /** School days from today to the end of the part of the window this school teaches. */
  schoolDaysLeft: number;
  schoolWeeksLeft: number;
  /** True when days beyond the school's entered terms were estimated. */
  schoolDaysEstimated: boolean;
  sameProvider: boolean;
  warnings: CoverageWarning[];
  counted: CoverageEncounter[];
  plannedEncounters: CoverageEncounter[];
}

export interface CoverageOptions {
  /** A phase still short of two is at risk with fewer school weeks than this left. */
  atRiskWeeks?: number;
}

export type SchoolForCoverage = Pick<School, 'yearGroups' | 'calendar'>;

export function keyPhaseOf(yearGroup: YearGroup): KeyPhaseSpec | undefined {
  return KEY_PHASES.find((p) => p.firstYear === yearGroup || p.secondYear === yearGroup);
}

export function keyPhaseSpec(phase: KeyPhase): KeyPhaseSpec {
  return KEY_PHASES[phase - 1] as KeyPhaseSpec;
}

/** The cohort in `yearGroup` during the academic year starting `academicYear`. */
export function cohortOf(yearGroup: YearGroup, academicYear: number): Cohort {
  return { year8AcademicYear: academicYear - (yearGroup - 8) };
}

/** The year group a cohort is in on a date (may be below 8 or above 13). */
export function cohortYearGroupOn(cohort: Cohort, date: IsoDate): YearGroup {
  return 8 + academicYearOf(date) - cohort.year8AcademicYear;
}

export function cohortLabel(cohort: Cohort): string {
  return `Year 8 in ${academicYearLabel(cohort.year8AcademicYear)}`;
}

/** The academic year (start) in which a cohort is in a year group. */
function academicYearIn(cohort: Cohort, yearGroup: YearGroup): number {
  return cohort.year8AcademicYear + (yearGroup - 8);
}

/** All of the first year, then 1 September to 28 February (never 29th) of the second. */
export function phaseWindow(cohort: Cohort, phase: KeyPhase): { start: IsoDate; end: IsoDate } {
  const first = academicYearIn(cohort, keyPhaseSpec(phase).firstYear);
  return { start: makeDate(first, 9, 1), end: makeDate(first + 2, 2, 28) };
}

/** Does this encounter's date and year groups put it in the cohort's window for the phase? */
export function inCohortWindow(encounter: Pick<CoverageEncounter, 'date' | 'yearGroups'>, cohort: Cohort, phase: KeyPhase): boolean {
  const w = phaseWindow(cohort, phase);
  return encounter.date >= w.start && encounter.date <= w.end && encounter.yearGroups.includes(cohortYearGroupOn(cohort, encounter.date));
}

/** Coverage of every cohort the school has in Years 8–13 this academic year, in its current phase. */
export function coverageReport(
  school: SchoolForCoverage,
  today: IsoDate,
  encounters: readonly CoverageEncounter[],
  options: CoverageOptions = {},
): PhaseCoverage[] {
  const year = academicYearOf(today);
  return providerAccessYears(school).map((y) => phaseCoverage(school, cohortOf(y, year), keyPhaseOf(y)!.phase, today, encounters, options));
}

/** One cohort's coverage in one key phase, as of `today` (any phase, past or present). */
export function phaseCoverage(
  school: SchoolForCoverage,
  cohort: Cohort,
  phase: KeyPhase,
  today: IsoDate,
  encounters: readonly CoverageEncounter[],
  options: CoverageOptions = {},
): PhaseCoverage {
  const spec = keyPhaseSpec(phase);
  const window = phaseWindow(cohort, phase);
  const relevant = encounters.filter((e) => inCohortWindow(e, cohort, phase));
  const counted = relevant.filter((e) => e.status === 'delivered' && e.contentConfirmed);
  const planned = relevant.filter((e) => e.status === 'approved' && e.date >= today);
  const offered = [...counted, ...planned];
  const left = schoolDaysLeft(school, cohort, spec, window, today);
  const atRiskDays = (options.atRiskWeeks ?? DEFAULT_AT_RISK_WEEKS) * SCHOOL_DAYS_PER_WEEK;
  const windowOpen = today <= window.end;
  const status: CoverageStatus =
    counted.length >= ENCOUNTERS_PER_PHASE ? 'met' : !windowOpen ? 'not_met' : left.days < atRiskDays ? 'at_risk' : 'on_track';
  const yearNow = cohortYearGroupOn(cohort, today);
  const sameProvider = offered.length >= ENCOUNTERS_PER_PHASE && new Set(offered.map((e) => e.providerId)).size === 1;
  return {
    cohort: { ...cohort, label: cohortLabel(cohort) },
    yearGroup: yearNow,
    academicYear: academicYearOf(today),
    phase,
    rule: spec.rule,
    attendance: spec.attendance,
    window,
    windowOpen,
    delivered: counted.length,
    planned: planned.length,
    offered: offered.length,
    status,
    schoolDaysLeft: left.days,
    schoolWeeksLeft: Math.floor(left.days / SCHOOL_DAYS_PER_WEEK),
    schoolDaysEstimated: left.estimated,
    sameProvider,
    warnings: warningsFor(relevant, offered, sameProvider, today),
    counted,
    plannedEncounters: planned,
  };
}

function warningsFor(relevant: CoverageEncounter[], offered: CoverageEncounter[], sameProvider: boolean, today: IsoDate): CoverageWarning[] {
  const out: CoverageWarning[] = [];
  if (sameProvider) {
    out.push({
      code: 'SAME_PROVIDER',
      message: `All ${offered.length} encounters in this phase are with ${offered[0]!.providerName}; the law asks for a range of providers, so invite a different provider for the next one.`,
      encounterIds: offered.map((e) => e.id),
    });
  }
  const unrecorded = relevant.filter((e) => e.status === 'approved' && e.date < today);
  if (unrecorded.length > 0) {
    out.push({
      code: 'AWAITING_DELIVERY_RECORD',
      message: `${plural(unrecorded.length, 'approved encounter')} (${unrecorded.map((e) => `${formatDateShort(e.date)}, ${e.providerName}`).join('; ')}) ${unrecorded.length === 1 ? 'has' : 'have'} passed without a record; record ${unrecorded.length === 1 ? 'it' : 'each'} as delivered or not delivered so it can count.`,
      encounterIds: unrecorded.map((e) => e.id),
    });
  }
  const unconfirmed = relevant.filter((e) => e.status === 'delivered' && !e.contentConfirmed);
  if (unconfirmed.length > 0) {
    out.push({
      code: 'CONTENT_NOT_CONFIRMED',
      message: `${plural(unconfirmed.length, 'delivered encounter')} ${unconfirmed.length === 1 ? 'does' : 'do'} not count because not all four content items were confirmed; confirm them if they were covered.`,
      encounterIds: unconfirmed.map((e) => e.id),
    });
  }
  return out;
}

/**
 * School days from today to the end of the part of the window the school teaches the
 * cohort (a middle school teaching only Year 8 has no say over Year 9). Days after the
 * last term the school has entered are estimated: weekdays with sessions that are not bank
 * holidays, not in August and not from 21 December to 3 January.
 */
function schoolDaysLeft(
  school: SchoolForCoverage,
  cohort: Cohort,
  spec: KeyPhaseSpec,
  window: { start: IsoDate; end: IsoDate },
  today: IsoDate,
): { days: number; estimated: boolean } {
  const taught = [spec.firstYear, spec.secondYear].filter((y) => school.yearGroups.includes(y));
  if (taught.length === 0) return { days: 0, estimated: false };
  const partStart = maxDate(window.start, makeDate(academicYearIn(cohort, taught[0]!), 9, 1));
  const partEnd = minDate(window.end, makeDate(academicYearIn(cohort, taught[taught.length - 1]!) + 1, 8, 31));
  const lastTermEnd = school.calendar.terms.reduce<IsoDate>((m, t) => maxDate(m, t.end), '0000-01-01');
  let days = 0;
  let estimated = false;
  for (let d = maxDate(today, partStart); d <= partEnd; d = addDays(d, 1)) {
    if (d <= lastTermEnd) {
      if (isSchoolDay(school, d)) days++;
    } else {
      estimated = true;
      if (likelySchoolDay(school, d)) days++;
    }
  }
  return { days, estimated };
}

function likelySchoolDay(school: SchoolForCoverage, date: IsoDate): boolean {
  const { month, day } = dateParts(date);
  const christmas = (month === 12 && day >= 21) || (month === 1 && day <= 3);
  return !!sessionOn(school.calendar, date) && !bankHolidayOn(date) && month !== 8 && !christmas;
}

// ---- what a school's coverage says (GET …/coverage; a trust's: …/trusts/{id}/coverage) ----

export interface CoverageEncounterView {
  id: string;
  date: string;
  provider: string;
  /** delivered (counts), planned (approved, still to come). */
  state: 'delivered' | 'planned';
}

/** What would close the gap: how many more to book, and open slots that suit the cohort. */
export interface CoverageFix {
  /** Encounters still to book (beyond those planned) to reach two. */
  needed: number;
  message: string;
  /** Open slots for the cohort's year group before the window ends (within the next 120 days). */
  openSlots: OpenSlot[];
}

export interface CohortCoverage {
  /** 'Year 8 in 2025/26': the cohort, named by its Year 8 academic year. */
  cohort: string;
  year8AcademicYear: number;
  /** The cohort's year group this academic year. */
  yearGroup: number;
  phase: KeyPhase;
  rule: string;
  attendance: 'mandatory' | 'optional';
  window: { start: string; end: string };
  windowOpen: boolean;
  status: CoverageStatus;
  /** The status in a sentence, with the window's end date. */
  statusText: string;
  /** Delivered with all four content items: what counts. */
  delivered: number;
  /** Approved, still to come. */
  planned: number;
  /** delivered + planned: the phase 3 figure (the school must offer; pupils choose). */
  offered: number;
  schoolDaysLeft: number;
  schoolWeeksLeft: number;
  schoolDaysEstimated: boolean;
  /** Providers of the offered encounters, with how many each. */
  providers: { name: string; encounters: number }[];
  sameProvider: boolean;
  warnings: CoverageWarning[];
  encounters: CoverageEncounterView[];
  /** Phase 3 only: offered against delivered, as RULES.md asks. */
  phase3?: { offered: number; delivered: number };
  /** Left out when the phase is met or its window has closed. */
  fix?: CoverageFix;
}

export type CoverageTotals = Record<CoverageStatus, number>;

export interface SchoolCoverage {
  urn: string;
  schoolName: string;
  today: string;
  /** '2026/27'. */
  academicYear: string;
  cohorts: CohortCoverage[];
  totals: CoverageTotals;
}

export interface TrustCoverage {
  trust: { id: string; name: string };
  today: string;
  academicYear: string;
  schools: Omit<SchoolCoverage, 'today' | 'academicYear'>[];
  totals: CoverageTotals;
}
