// Coverage per cohort and key phase (R-PHASE1..3), with the statuses exactly as RULES.md
// defines them: met, on track, at risk, not met, not started.
//
// A cohort is named by the academic year it is (or was) in Year 8: the cohort in Year 10 in
// 2026/27 is the Year 8 cohort of 2024/25. Its year group on any date follows from the
// academic year of that date, so an encounter is credited to the cohort that was in the
// booked year group on the day it happened, however long ago.
//
// What counts (documented choices):
// - An encounter is one request, or, for one split into sessions (R-WHOLE: a carousel of
//   form groups), the sessions "1 of n" to "n of n" of one provider for the cohort: it
//   counts once, when every session is delivered. Sessions are grouped by provider and n,
//   so the same provider's two carousels in one window are two encounters.
// - delivered: recorded as delivered with all four content items confirmed (R-CONTENT).
// - booked: approved and dated today or later ("still to come"). Booked encounters never
//   make a phase "met"; they make it "on track". Time left alone never does.
// - R-RANGE (phases 1 and 2): encounters all with exactly the same provider set count once
//   between them; a cohort has its two only when at least two provider sets are among them.
//   (The older line in RULES.md, "two encounters with the same provider are shown as a
//   warning, not counted as a failure", is read as the warning R-RANGE gives: the status
//   table asks for R-RANGE satisfied.) Phase 3 has no R-RANGE: offered and delivered count.
// - R-ATTEND (phases 1 and 2): pupils on roll who did not take part in a delivered
//   encounter are a catch-up the school still owes. Records from before pupils on roll was
//   asked have no shortfall to show.
// - The number of encounters per phase is a platform setting (default 2), passed in.
// - The window of the second year ends on 28 February, that day included. In a leap year,
//   29 February is outside it: RULES.md says "1 September to 28 February", and reading it
//   literally is the safe side. In the first year of a phase every day counts.
import { academicYearLabel, academicYearOf } from './academic-year.ts';
import { bankHolidayOn } from './bank-holidays.ts';
import { isSchoolDay, sessionOn } from './calendar.ts';
import { addDays, dateParts, formatDateShort, makeDate, maxDate, minDate } from './dates.ts';
import type { RuleId, StatutoryRuleId } from './errors.ts';
import { listWithAnd, plural } from './labels.ts';
import type { IsoDate, School, YearGroup } from './types.ts';
import { providerAccessYears } from './year-groups.ts';
import type { OpenSlot } from './slot-places.ts';
import type { SplitSession } from './state-machine.ts';

export type KeyPhase = 1 | 2 | 3;

export interface KeyPhaseSpec {
  phase: KeyPhase;
  rule: StatutoryRuleId;
  /** The year in which every day counts; the next year counts to 28 February. */
  firstYear: YearGroup;
  secondYear: YearGroup;
  /** R-ATTEND. Phases 1 and 2: every pupil takes part; phase 3: offered, pupils may choose. */
  attendance: 'mandatory' | 'optional';
}

export const KEY_PHASES: readonly KeyPhaseSpec[] = [
  { phase: 1, rule: 'R-PHASE1', firstYear: 8, secondYear: 9, attendance: 'mandatory' },
  { phase: 2, rule: 'R-PHASE2', firstYear: 10, secondYear: 11, attendance: 'mandatory' },
  { phase: 3, rule: 'R-PHASE3', firstYear: 12, secondYear: 13, attendance: 'optional' },
];

/** "At least two encounters per key phase": the platform setting's default (regulations may change it). */
export const DEFAULT_ENCOUNTERS_PER_PHASE = 2;
const SCHOOL_DAYS_PER_WEEK = 5;

/** What the platform sets for every school (shared/store/platform-settings.ts reads it). */
export interface CoverageSettings {
  encountersPerPhase: number;
}

export const DEFAULT_COVERAGE_SETTINGS: CoverageSettings = { encountersPerPhase: DEFAULT_ENCOUNTERS_PER_PHASE };

/** The pupils in Year 8 in a given academic year, followed through the years. */
export interface Cohort {
  year8AcademicYear: number;
}

/** R-ATTEND, per year group, as the careers lead recorded it: numbers only, never names. */
export interface EncounterAttendance {
  yearGroup: YearGroup;
  /** Absent in records from before pupils on roll was asked (issue 16). */
  onRoll?: number;
  tookPart: number;
}

export type { SplitSession };

export interface CoverageEncounter {
  id: string;
  date: IsoDate;
  yearGroups: YearGroup[];
  /** One provider is one UKPRN, or one organisation name when it has none. */
  providerId: string;
  providerName: string;
  status: 'approved' | 'delivered';
  /** All four R-CONTENT items confirmed when delivery was recorded. */
  contentConfirmed: boolean;
  attendance?: EncounterAttendance[];
  /** Absent: a whole encounter. */
  split?: SplitSession;
}

export const COVERAGE_STATUSES = ['met', 'on_track', 'at_risk', 'not_met', 'not_started'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

export interface CoverageWarning {
  code: 'SAME_PROVIDER' | 'AWAITING_DELIVERY_RECORD' | 'CONTENT_NOT_CONFIRMED' | 'SPLIT_INCOMPLETE' | 'CATCH_UP_OWED';
  rule: RuleId;
  message: string;
  encounterIds: string[];
}

/** One encounter as coverage counts it: one request, or every session of a split one. */
export interface PhaseEncounter {
  /** The requests behind it, in date order (one for a whole encounter). */
  ids: string[];
  /** The day it happened or will happen (its last session's). */
  date: IsoDate;
  providerId: string;
  providerName: string;
  sessions: number;
  /** delivered (all four content items); booked (approved, still to come). */
  state: 'delivered' | 'booked';
  /** R-RANGE: whether it counts toward the phase's number (a repeat of the same provider set does not). */
  counts: boolean;
  /** R-ATTEND for the cohort's year group, summed over the sessions; onRoll only when every session gave it. */
  onRoll?: number;
  tookPart?: number;
}

/** R-ATTEND: pupils on roll who missed a delivered phase 1 or 2 encounter; the school still owes them one. */
export interface CatchUp {
  encounterIds: string[];
  date: IsoDate;
  providerName: string;
  onRoll: number;
  tookPart: number;
  missed: number;
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
  /** The platform's number of encounters per phase. */
  required: number;
  /** Delivered encounters (a split one once, when all its sessions are). */
  delivered: number;
  /** Delivered encounters that count toward `required` (R-RANGE). */
  counted: number;
  /** Booked: approved, still to come, inside the window. */
  planned: number;
  /** delivered + planned: the phase 3 figure (the school must offer, pupils may choose). */
  offered: number;
  /** How many more must be booked, beyond the delivered and booked, to reach `required` (0 when met or on track). */
  needed: number;
  /** R-RANGE: every encounter so far is with this provider set, so the next must be with another provider. */
  sameProviderAs?: string;
  status: CoverageStatus;
  /** School days from today to the end of the part of the window this school teaches. */
  schoolDaysLeft: number;
  schoolWeeksLeft: number;
  /** True when days beyond the school's entered terms were estimated. */
  schoolDaysEstimated: boolean;
  /** R-RANGE: two or more encounters, all with exactly the same provider set (phases 1 and 2). */
  sameProvider: boolean;
  warnings: CoverageWarning[];
  catchUps: CatchUp[];
  /** Delivered and booked encounters in date order. */
  encounters: PhaseEncounter[];
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
  settings: CoverageSettings = DEFAULT_COVERAGE_SETTINGS,
): PhaseCoverage[] {
  const year = academicYearOf(today);
  return providerAccessYears(school).map((y) => phaseCoverage(school, cohortOf(y, year), keyPhaseOf(y)!.phase, today, encounters, settings));
}

/** One cohort's coverage in one key phase, as of `today` (any phase: past, present or to come). */
export function phaseCoverage(
  school: SchoolForCoverage,
  cohort: Cohort,
  phase: KeyPhase,
  today: IsoDate,
  encounters: readonly CoverageEncounter[],
  settings: CoverageSettings = DEFAULT_COVERAGE_SETTINGS,
): PhaseCoverage {
  const spec = keyPhaseSpec(phase);
  const required = settings.encountersPerPhase;
  const window = phaseWindow(cohort, phase);
  const relevant = encounters.filter((e) => inCohortWindow(e, cohort, phase)).sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const isDelivered = (e: CoverageEncounter) => e.status === 'delivered' && e.contentConfirmed;
  const isBooked = (e: CoverageEncounter) => e.status === 'approved' && e.date >= today;
  const { units, incomplete } = encountersOf(relevant.filter((e) => isDelivered(e) || isBooked(e)), cohort, isDelivered);
  const delivered = units.filter((u) => u.state === 'delivered');
  const booked = units.filter((u) => u.state === 'booked');
  const ranged = spec.attendance === 'mandatory';
  markCounting(delivered, ranged);
  const counted = delivered.filter((u) => u.counts).length;
  const offeredCount = rangeCount(units, ranged);
  const windowOpen = today <= window.end;
  const status: CoverageStatus =
    today < window.start ? 'not_started' : counted >= required ? 'met' : !windowOpen ? 'not_met' : offeredCount >= required ? 'on_track' : 'at_risk';
  const providerSets = new Set(units.map((u) => u.providerId));
  const sameProvider = ranged && units.length >= 2 && providerSets.size === 1;
  const sameProviderAs = ranged && units.length >= 1 && providerSets.size === 1 && offeredCount < required ? units[0]!.providerName : undefined;
  const catchUps = ranged ? catchUpsOf(delivered) : [];
  const left = schoolDaysLeft(school, cohort, spec, window, today);
  return {
    cohort: { ...cohort, label: cohortLabel(cohort) },
    yearGroup: cohortYearGroupOn(cohort, today),
    academicYear: academicYearOf(today),
    phase,
    rule: spec.rule,
    attendance: spec.attendance,
    window,
    windowOpen,
    required,
    delivered: delivered.length,
    counted,
    planned: booked.length,
    offered: units.length,
    needed: status === 'at_risk' || status === 'not_started' ? Math.max(0, required - offeredCount) : 0,
    ...(sameProviderAs ? { sameProviderAs } : {}),
    status,
    schoolDaysLeft: left.days,
    schoolWeeksLeft: Math.floor(left.days / SCHOOL_DAYS_PER_WEEK),
    schoolDaysEstimated: left.estimated,
    sameProvider,
    warnings: warningsFor(relevant, units, incomplete, sameProvider, catchUps, today, required),
    catchUps,
    encounters: units,
  };
}

/**
 * The phase's encounters: each whole request is one; split sessions of one provider and
 * one number of sessions make one per full set of sessions 1..n (delivered when every
 * session of the set is; booked when every one is delivered or booked). Sessions left
 * over make no encounter yet.
 */
function encountersOf(
  usable: readonly CoverageEncounter[],
  cohort: Cohort,
  isDelivered: (e: CoverageEncounter) => boolean,
): { units: PhaseEncounter[]; incomplete: { providerName: string; sessions: number; have: number[]; ids: string[] }[] } {
  const units: PhaseEncounter[] = [];
  const groups = new Map<string, CoverageEncounter[]>();
  for (const e of usable) {
    if (!e.split || e.split.sessions <= 1) {
      units.push(unitOf([e], cohort, isDelivered(e) ? 'delivered' : 'booked'));
      continue;
    }
    const key = `${e.providerId}|${e.split.sessions}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const incomplete: { providerName: string; sessions: number; have: number[]; ids: string[] }[] = [];
  for (const sessions of groups.values()) {
    const n = sessions[0]!.split!.sessions;
    // Per session number, delivered ones first (then booked), each in date order.
    const byNumber = Array.from({ length: n }, (_, k) =>
      sessions.filter((e) => e.split!.session === k + 1).sort((a, b) => Number(isDelivered(b)) - Number(isDelivered(a)) || a.date.localeCompare(b.date)),
    );
    const sets = Math.min(...byNumber.map((list) => list.length));
    for (let i = 0; i < sets; i++) {
      const set = byNumber.map((list) => list[i]!).sort((a, b) => a.date.localeCompare(b.date));
      units.push(unitOf(set, cohort, set.every(isDelivered) ? 'delivered' : 'booked'));
    }
    const left = byNumber.flatMap((list) => list.slice(sets));
    if (left.length > 0) {
      incomplete.push({ providerName: sessions[0]!.providerName, sessions: n, have: [...new Set(left.map((e) => e.split!.session))].sort((a, b) => a - b), ids: left.map((e) => e.id) });
    }
  }
  return { units: units.sort((a, b) => a.date.localeCompare(b.date) || a.ids[0]!.localeCompare(b.ids[0]!)), incomplete };
}

function unitOf(sessions: readonly CoverageEncounter[], cohort: Cohort, state: PhaseEncounter['state']): PhaseEncounter {
  const first = sessions[0]!;
  const attendance = sessions.map((e) => e.attendance?.find((a) => a.yearGroup === cohortYearGroupOn(cohort, e.date)));
  const known = state === 'delivered' && attendance.every((a) => a !== undefined);
  const onRollKnown = known && attendance.every((a) => typeof a?.onRoll === 'number');
  return {
    ids: sessions.map((e) => e.id),
    date: sessions[sessions.length - 1]!.date,
    providerId: first.providerId,
    providerName: first.providerName,
    sessions: sessions.length,
    state,
    counts: false,
    ...(onRollKnown ? { onRoll: attendance.reduce((n, a) => n + (a?.onRoll ?? 0), 0) } : {}),
    ...(known ? { tookPart: attendance.reduce((n, a) => n + (a?.tookPart ?? 0), 0) } : {}),
  };
}

/** R-RANGE: encounters all with exactly the same provider set count once between them. */
function rangeCount(units: readonly PhaseEncounter[], ranged: boolean): number {
  if (!ranged || units.length === 0) return units.length;
  return new Set(units.map((u) => u.providerId)).size >= 2 ? units.length : 1;
}

function markCounting(delivered: PhaseEncounter[], ranged: boolean): void {
  const all = rangeCount(delivered, ranged) === delivered.length;
  delivered.forEach((u, i) => (u.counts = all || i === 0));
}

function catchUpsOf(delivered: readonly PhaseEncounter[]): CatchUp[] {
  return delivered
    .filter((u) => u.onRoll !== undefined && u.tookPart !== undefined && u.tookPart < u.onRoll)
    .map((u) => ({ encounterIds: u.ids, date: u.date, providerName: u.providerName, onRoll: u.onRoll!, tookPart: u.tookPart!, missed: u.onRoll! - u.tookPart! }));
}

function warningsFor(
  relevant: readonly CoverageEncounter[],
  units: readonly PhaseEncounter[],
  incomplete: readonly { providerName: string; sessions: number; have: number[]; ids: string[] }[],
  sameProvider: boolean,
  catchUps: readonly CatchUp[],
  today: IsoDate,
  required: number,
): CoverageWarning[] {
  const out: CoverageWarning[] = [];
  if (sameProvider) {
    out.push({
      code: 'SAME_PROVIDER',
      rule: 'R-RANGE',
      message: `All ${units.length} encounters in this phase are with ${units[0]!.providerName}, so they count as 1 of ${required}: pupils must hear from a range of providers, so the next encounter must be with a different provider.`,
      encounterIds: units.flatMap((u) => u.ids),
    });
  }
  for (const s of incomplete) {
    out.push({
      code: 'SPLIT_INCOMPLETE',
      rule: 'R-WHOLE',
      message: `${s.providerName}'s encounter in ${s.sessions} sessions has ${s.have.length === 1 ? 'session' : 'sessions'} ${listWithAnd(s.have.map(String))} delivered or booked; it counts once all ${s.sessions} sessions are delivered, so that the whole year group took part.`,
      encounterIds: s.ids,
    });
  }
  for (const c of catchUps) {
    out.push({
      code: 'CATCH_UP_OWED',
      rule: 'R-ATTEND',
      message: `${plural(c.missed, 'pupil')} of ${c.onRoll} on roll missed the encounter with ${c.providerName} on ${formatDateShort(c.date)}; every pupil must take part, so the school still owes ${c.missed === 1 ? 'them' : 'them'} a catch-up.`,
      encounterIds: c.encounterIds,
    });
  }
  const unrecorded = relevant.filter((e) => e.status === 'approved' && e.date < today);
  if (unrecorded.length > 0) {
    out.push({
      code: 'AWAITING_DELIVERY_RECORD',
      rule: 'R-CONTENT',
      message: `${plural(unrecorded.length, 'approved encounter')} (${unrecorded.map((e) => `${formatDateShort(e.date)}, ${e.providerName}`).join('; ')}) ${unrecorded.length === 1 ? 'has' : 'have'} passed without a record; record ${unrecorded.length === 1 ? 'it' : 'each'} as delivered or not delivered so it can count.`,
      encounterIds: unrecorded.map((e) => e.id),
    });
  }
  const unconfirmed = relevant.filter((e) => e.status === 'delivered' && !e.contentConfirmed);
  if (unconfirmed.length > 0) {
    out.push({
      code: 'CONTENT_NOT_CONFIRMED',
      rule: 'R-CONTENT',
      message: `${plural(unconfirmed.length, 'delivered encounter')} ${unconfirmed.length === 1 ? 'does' : 'do'} not count because not all four content items were confirmed; confirm them if they were covered.`,
      encounterIds: unconfirmed.map((e) => e.id),
    });
  }
  return out;
}

/**
 * Open slots a provider could still book for this cohort: a place left, for the cohort's
 * year group on the day, after the school's notice and within its booking window, and
 * inside the phase's window (its last day, 28 February, included).
 */
export function bookableSlotsFor(p: Pick<PhaseCoverage, 'cohort' | 'window'>, slots: readonly OpenSlot[], bookable: { from: IsoDate; to: IsoDate }): OpenSlot[] {
  const from = maxDate(bookable.from, p.window.start);
  const to = minDate(bookable.to, p.window.end);
  return slots.filter((s) => s.placesLeft > 0 && s.date >= from && s.date <= to && s.yearGroups.includes(cohortYearGroupOn(p.cohort, s.date)));
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
  return !!sessionOn(school.calendar, date) && !bankHolidayOn(date, school.calendar.bankHolidays) && month !== 8 && !christmas;
}

// ---- what a school's coverage says (GET …/coverage; a trust's: …/trusts/{id}/coverage) ----

export interface CoverageEncounterView {
  /** The first request behind it (a split encounter's earliest session). */
  id: string;
  /** Every request behind it: one, or each session of a split encounter. */
  ids: string[];
  date: string;
  provider: string;
  sessions: number;
  /** delivered (counts, or repeats a provider: R-RANGE), planned (approved, still to come). */
  state: 'delivered' | 'planned';
  /** R-RANGE: false for a repeat of the same provider set, which does not complete the pair. */
  counts: boolean;
  /** R-ATTEND: numbers only, for the cohort's year group. */
  onRoll?: number;
  tookPart?: number;
}

/** At risk: how many more, by which date, and the open slots a provider could still book. */
export interface CoverageFix {
  /** Encounters still to book (beyond those delivered and booked) to reach the phase's number. */
  needed: number;
  /** The last day they can take place: the window's end (inclusive). */
  byDate: string;
  /** The last day a provider can still ask for that day, given the school's notice (R-NOTICE). */
  askBy: string;
  /** R-RANGE: every encounter so far is with this provider; the next must be with another. */
  differentFrom?: string;
  message: string;
  /** Open slots after the notice period and inside the window, for the cohort's year group. */
  openSlots: OpenSlot[];
  /** Where the careers lead adds an opportunity (the opportunities page, with the school). */
  opportunitiesPath: string;
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
  /** The platform's number of encounters per phase (default 2). */
  required: number;
  /** Delivered with all four content items (a split encounter once, all sessions delivered). */
  delivered: number;
  /** Delivered that count toward `required` (R-RANGE). */
  counted: number;
  /** Approved, still to come. */
  planned: number;
  /** delivered + planned: the phase 3 figure (the school must offer; pupils choose). */
  offered: number;
  /** How many more to book to reach `required`, R-RANGE applied (0 unless at risk or not started). */
  needed: number;
  schoolDaysLeft: number;
  schoolWeeksLeft: number;
  schoolDaysEstimated: boolean;
  /** Providers of the delivered and planned encounters, with how many each. */
  providers: { name: string; encounters: number }[];
  sameProvider: boolean;
  warnings: CoverageWarning[];
  /** R-ATTEND: pupils who missed a delivered phase 1 or 2 encounter. */
  catchUps: CatchUp[];
  encounters: CoverageEncounterView[];
  /** Phase 3 only: offered against delivered, as RULES.md asks. */
  phase3?: { offered: number; delivered: number };
  /** At risk only. */
  fix?: CoverageFix;
}

export type CoverageTotals = Record<CoverageStatus, number>;

export interface SchoolCoverage {
  urn: string;
  schoolName: string;
  today: string;
  /** '2026/27'. */
  academicYear: string;
  /** The platform's number of encounters per phase. */
  required: number;
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
