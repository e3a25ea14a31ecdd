// Coverage per cohort and key phase (issue 6 item 2) for a school's staff and for a trust
// admin. The counting is shared/domain/coverage.ts alone (coverageReport); this file reads
// the school's encounters (approved and delivered requests, one gsi1 query per status),
// shapes the answer, and for a gap looks up open slots that would close it.
import { academicYearLabel, academicYearOf } from '#shared/domain/academic-year.ts';
import {
  coverageReport,
  cohortYearGroupOn,
  type CohortCoverage,
  type CoverageEncounter,
  type CoverageFix,
  type CoverageStatus,
  type CoverageTotals,
  type PhaseCoverage,
  type SchoolCoverage,
  type TrustCoverage,
} from '#shared/domain/coverage.ts';
import { addDays, formatDateShort, makeDate, maxDate, minDate } from '#shared/domain/dates.ts';
import { CONTENT_ITEMS, plural } from '#shared/domain/labels.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import type { OpenSlot } from '#shared/domain/slot-places.ts';
import type { School } from '#shared/domain/types.ts';
import { yearGroupLabel } from '#shared/domain/year-groups.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { StaffRoleRecord } from '#shared/domain/records.ts';
import type { Store } from '#shared/store/client.ts';
import { normaliseWord } from '#shared/store/directory.ts';
import { listEncountersOfSchool } from '#shared/store/requests.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import { availableSlots, MAX_SLOT_RANGE_DAYS, requireSchool } from './schools.ts';

/** Open slots shown per cohort with a gap. */
export const FIX_SLOTS_SHOWN = 5;

/** Delivered with all four R-CONTENT items confirmed by the careers lead. */
export function contentConfirmed(r: StoredRequest): boolean {
  return r.status === 'delivered' && Boolean(r.delivery) && CONTENT_ITEMS.every((c) => r.delivery?.content[c] === true);
}

/** One provider is one UKPRN, or one organisation name when it has none. */
export function providerIdOf(r: StoredRequest): string {
  return r.provider.ukprn?.trim() || `name:${normaliseWord(r.provider.organisation)}`;
}

export function toCoverageEncounter(r: StoredRequest): CoverageEncounter {
  return {
    id: r.id,
    date: r.date,
    yearGroups: r.yearGroups,
    providerId: providerIdOf(r),
    providerName: r.provider.organisation,
    status: r.status === 'delivered' ? 'delivered' : 'approved',
    contentConfirmed: contentConfirmed(r),
  };
}

/**
 * Every encounter that can count for a cohort in Years 8–13 this academic year: from the
 * start of last academic year (Year 9, 11 and 13 cohorts began their phase then) to the
 * end of the Year 8 cohort's window (28 February, two academic years on).
 */
export function coverageRange(today: string): { from: string; to: string } {
  const year = academicYearOf(today);
  return { from: makeDate(year - 1, 9, 1), to: makeDate(year + 2, 2, 28) };
}

const STATUS_WORDS: Record<CoverageStatus, string> = {
  met: 'Met',
  on_track: 'On track',
  at_risk: 'At risk',
  not_met: 'Not met',
};

function statusText(p: PhaseCoverage): string {
  const end = formatDateShort(p.window.end);
  const counted = `${p.delivered} of 2 delivered${p.planned ? `, ${p.planned} planned` : ''}`;
  if (p.status === 'met') return `Met: ${counted}.`;
  if (p.status === 'not_met') return `Not met: ${counted} when the window closed on ${end}.`;
  const left = `${plural(p.schoolWeeksLeft, 'school week')} left before the window ends on ${end}`;
  return `${STATUS_WORDS[p.status]}: ${counted}; ${left}.`;
}

function fixFor(p: PhaseCoverage, slots: readonly OpenSlot[], today: string): CoverageFix | undefined {
  if (p.status === 'met' || !p.windowOpen) return undefined;
  const needed = Math.max(0, 2 - p.offered);
  const cohort = { year8AcademicYear: p.cohort.year8AcademicYear };
  const open = slots.filter(
    (s) => s.placesLeft > 0 && s.date > today && s.date <= p.window.end && s.yearGroups.includes(cohortYearGroupOn(cohort, s.date)),
  );
  const year = yearGroupLabel(p.yearGroup);
  let message: string;
  if (needed === 0) {
    message = `${plural(p.planned, 'planned encounter')} will make this phase met once delivered and recorded with all four content items.`;
  } else if (open.length > 0) {
    message = `Book ${plural(needed, 'more encounter')} for ${year} before ${formatDateShort(p.window.end)}${p.sameProvider ? ', with a different provider' : ''}: these open slots suit them.`;
  } else {
    message = `Book ${plural(needed, 'more encounter')} for ${year} before ${formatDateShort(p.window.end)}. There are no open slots for ${year} in the next ${MAX_SLOT_RANGE_DAYS} days: add an opportunity for ${year} in your settings, or invite providers to propose a time.`;
  }
  return { needed, message, openSlots: needed === 0 ? [] : open.slice(0, FIX_SLOTS_SHOWN) };
}

function cohortView(p: PhaseCoverage, fix: CoverageFix | undefined): CohortCoverage {
  const offered = [...p.counted, ...p.plannedEncounters];
  const providers = new Map<string, { name: string; encounters: number }>();
  for (const e of offered) {
    const entry = providers.get(e.providerId) ?? { name: e.providerName, encounters: 0 };
    entry.encounters++;
    providers.set(e.providerId, entry);
  }
  return {
    cohort: p.cohort.label,
    year8AcademicYear: p.cohort.year8AcademicYear,
    yearGroup: p.yearGroup,
    phase: p.phase,
    rule: p.rule,
    attendance: p.attendance,
    window: p.window,
    windowOpen: p.windowOpen,
    status: p.status,
    statusText: statusText(p),
    delivered: p.delivered,
    planned: p.planned,
    offered: p.offered,
    schoolDaysLeft: p.schoolDaysLeft,
    schoolWeeksLeft: p.schoolWeeksLeft,
    schoolDaysEstimated: p.schoolDaysEstimated,
    providers: [...providers.values()],
    sameProvider: p.sameProvider,
    warnings: p.warnings,
    encounters: offered
      .map((e) => ({ id: e.id, date: e.date, provider: e.providerName, state: e.status === 'delivered' ? ('delivered' as const) : ('planned' as const) }))
      .sort((a, b) => a.date.localeCompare(b.date)),
    ...(p.phase === 3 ? { phase3: { offered: p.offered, delivered: p.delivered } } : {}),
    ...(fix ? { fix } : {}),
  };
}

function totalsOf(cohorts: readonly { status: CoverageStatus }[]): CoverageTotals {
  const totals: CoverageTotals = { met: 0, on_track: 0, at_risk: 0, not_met: 0 };
  for (const c of cohorts) totals[c.status]++;
  return totals;
}

/** Slots the gaps could use: from tomorrow to the last open window's end, at most 120 days. */
async function slotsForGaps(store: Store, school: School, report: PhaseCoverage[], today: string): Promise<OpenSlot[]> {
  const gaps = report.filter((p) => p.status !== 'met' && p.windowOpen && p.offered < 2);
  if (gaps.length === 0) return [];
  const from = addDays(today, 1);
  const to = minDate(gaps.reduce((m, p) => maxDate(m, p.window.end), from), addDays(from, MAX_SLOT_RANGE_DAYS));
  return availableSlots(store, school.urn, from, to);
}

export async function schoolCoverage(store: Store, school: School, now = new Date(), options: { fixes?: boolean } = {}): Promise<SchoolCoverage> {
  const today = londonDate(now.toISOString());
  const encounters = await listEncountersOfSchool(store, school.urn, coverageRange(today));
  const report = coverageReport(school, today, encounters.map(toCoverageEncounter));
  const slots = options.fixes === false ? [] : await slotsForGaps(store, school, report, today);
  const cohorts = report.map((p) => cohortView(p, options.fixes === false ? undefined : fixFor(p, slots, today)));
  return {
    urn: school.urn,
    schoolName: school.name,
    today,
    academicYear: academicYearLabel(academicYearOf(today)),
    cohorts,
    totals: totalsOf(cohorts),
  };
}

export async function schoolCoverageOf(store: Store, urn: string, now = new Date()): Promise<SchoolCoverage> {
  return schoolCoverage(store, await requireSchool(store, urn), now);
}

/** Every school of the trust where the caller is a trust admin; NOT_YOUR_TRUST when there is none. */
export async function trustCoverage(store: Store, caller: { roles: readonly StaffRoleRecord[] }, trustId: string, now = new Date()): Promise<TrustCoverage> {
  const urns = caller.roles.filter((r) => r.role === 'trust_admin').map((r) => r.urn);
  const profiles = await Promise.all(urns.map((urn) => getSchoolProfile(store, urn)));
  const schools = profiles.filter((s): s is StoredSchool => Boolean(s && s.trust?.id === trustId)).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const trust = schools[0]?.trust;
  if (!trust) {
    throw new DomainError('NOT_YOUR_TRUST', 'You are not a trust admin of this trust. Open the coverage of a trust you administer, or ask the trust to add you.');
  }
  const today = londonDate(now.toISOString());
  // The schools' reads at once (two queries each), not one school after another.
  const answers = await Promise.all(schools.map((school) => schoolCoverage(store, school, now, { fixes: false })));
  return {
    trust: { id: trust.id, name: trust.name },
    today,
    academicYear: academicYearLabel(academicYearOf(today)),
    schools: answers.map(({ today: _t, academicYear: _a, ...rest }) => rest),
    totals: totalsOf(answers.flatMap((a) => a.cohorts)),
  };
}
