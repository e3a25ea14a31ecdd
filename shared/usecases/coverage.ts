// Coverage per cohort and key phase (issue 6 item 2, issue 16) for a school's staff and for
// a trust admin. The counting is shared/domain/coverage.ts alone (coverageReport); this file
// reads the school's encounters (approved and delivered requests, one gsi1 query per status)
// and the platform's number of encounters per phase, shapes the answer, and for a cohort at
// risk looks up the open slots a provider could still book (after the school's notice,
// inside the window).
import { academicYearLabel, academicYearOf } from '#shared/domain/academic-year.ts';
import { bookableRange } from '#shared/domain/rules.ts';
import {
  bookableSlotsFor,
  COVERAGE_STATUSES,
  coverageReport,
  type CohortCoverage,
  type CoverageEncounter,
  type CoverageFix,
  type CoverageStatus,
  type CoverageTotals,
  type PhaseCoverage,
  type SchoolCoverage,
} from '#shared/domain/coverage.ts';
import { addDays, formatDateShort, makeDate, maxDate, minDate } from '#shared/domain/dates.ts';
import { CONTENT_ITEMS, plural } from '#shared/domain/labels.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import type { OpenSlot } from '#shared/domain/slot-places.ts';
import type { School } from '#shared/domain/types.ts';
import { yearGroupLabel } from '#shared/domain/year-groups.ts';
import type { StaffRoleRecord } from '#shared/domain/records.ts';
import type { Store } from '#shared/store/client.ts';
import { normaliseWord } from '#shared/store/directory.ts';
import { getPlatformSettings } from '#shared/store/platform-settings.ts';
import { listEncountersOfSchool } from '#shared/store/requests.ts';
import type { PlatformSettings, StoredRequest } from '#shared/domain/records.ts';
import type { CoverageConcern, SchoolCoverageRead, SchoolRisk, TrustCoverageRead } from '#shared/domain/read-models.ts';
import { latestInvitations } from '#shared/store/coverage-invitations.ts';
import { availableSlots, MAX_SLOT_RANGE_DAYS, requireSchool, trustSchoolsOf } from './schools.ts';

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
  const delivery = r.status === 'delivered' ? r.delivery : undefined;
  return {
    id: r.id,
    date: r.date,
    yearGroups: r.yearGroups,
    providerId: providerIdOf(r),
    providerName: r.provider.organisation,
    status: r.status === 'delivered' ? 'delivered' : 'approved',
    contentConfirmed: contentConfirmed(r),
    ...(delivery
      ? { attendance: delivery.attendance.map((a) => ({ yearGroup: a.yearGroup, tookPart: a.pupils, ...(a.onRoll === undefined ? {} : { onRoll: a.onRoll }) })) }
      : {}),
    // R-WHOLE: a session as delivered, or, while booked, as the lead said when approving.
    ...(delivery?.split ? { split: delivery.split } : !delivery && r.split ? { split: r.split } : {}),
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

function statusText(p: PhaseCoverage): string {
  const end = formatDateShort(p.window.end);
  if (p.status === 'not_started') return `Not started: this cohort's window for key phase ${p.phase} opens on ${formatDateShort(p.window.start)}.`;
  const delivered = `${p.counted} of ${p.required} delivered`;
  const booked = p.planned ? `${p.planned} booked` : 'none booked';
  const range = p.counted < p.delivered ? ` (${plural(p.delivered - p.counted, 'repeat')} of the same provider not counted)` : '';
  if (p.status === 'met') return `Met: ${delivered}${range}.`;
  if (p.status === 'not_met') return `Not met: ${delivered}${range} when the window closed on ${end}.`;
  if (p.status === 'on_track') return `On track: ${delivered}${range}, ${booked}, to take place by ${end}.`;
  const weeks = `${plural(p.schoolWeeksLeft, 'school week')} left`;
  return `At risk: ${delivered}${range}, ${booked}; ${plural(p.needed, 'more encounter')} needed by ${end}${p.sameProviderAs ? ` with a provider other than ${p.sameProviderAs}` : ''} (${weeks}).`;
}

/** At risk: how many more, by which date, and the open slots a provider could book given the notice period. */
function fixFor(p: PhaseCoverage, school: School, slots: readonly OpenSlot[], today: string): CoverageFix | undefined {
  if (p.status !== 'at_risk') return undefined;
  const bookable = bookableRange(school, today);
  const open = bookableSlotsFor(p, slots, bookable);
  const year = yearGroupLabel(p.yearGroup);
  const byDate = p.window.end;
  const askBy = addDays(byDate, -school.rules.minimumNoticeDays);
  const notice = plural(school.rules.minimumNoticeDays, "day's", "days'");
  const other = p.sameProviderAs ? `, with a provider other than ${p.sameProviderAs} (R-RANGE)` : '';
  const more = `Book ${plural(p.needed, 'more encounter')} for ${year} by ${formatDateShort(byDate)}${other}.`;
  const ask = askBy >= today ? ` With the school's ${notice} notice, a provider must ask by ${formatDateShort(askBy)}.` : '';
  let message: string;
  if (open.length > 0) {
    message = `${more}${ask} A provider could book ${open.length === 1 ? 'this open slot' : 'these open slots'}:`;
  } else if (bookable.from > minDate(byDate, bookable.to)) {
    message = `${more} The window ends before a provider could book with the school's ${notice} notice: invite a provider to propose a time and approve it yourself, or lower the notice in your settings.`;
  } else {
    message = `${more}${ask} There are no open slots for ${year} that a provider could book between ${formatDateShort(maxDate(bookable.from, p.window.start))} and ${formatDateShort(minDate(minDate(byDate, bookable.to), addDays(bookable.from, MAX_SLOT_RANGE_DAYS)))}: add an opportunity for ${year} on the opportunities page, or invite providers to propose a time.`;
  }
  return {
    needed: p.needed,
    byDate,
    askBy,
    ...(p.sameProviderAs ? { differentFrom: p.sameProviderAs } : {}),
    message,
    openSlots: open.slice(0, FIX_SLOTS_SHOWN),
    opportunitiesPath: `/manage/opportunities/?urn=${encodeURIComponent(school.urn)}`,
  };
}

function cohortView(p: PhaseCoverage, fix: CoverageFix | undefined): CohortCoverage {
  const providers = new Map<string, { name: string; encounters: number }>();
  for (const e of p.encounters) {
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
    required: p.required,
    delivered: p.delivered,
    counted: p.counted,
    planned: p.planned,
    offered: p.offered,
    needed: p.needed,
    schoolDaysLeft: p.schoolDaysLeft,
    schoolWeeksLeft: p.schoolWeeksLeft,
    schoolDaysEstimated: p.schoolDaysEstimated,
    providers: [...providers.values()],
    sameProvider: p.sameProvider,
    warnings: p.warnings,
    catchUps: p.catchUps,
    encounters: p.encounters.map((e) => ({
      id: e.ids[0]!,
      ids: e.ids,
      date: e.date,
      provider: e.providerName,
      sessions: e.sessions,
      state: e.state === 'delivered' ? ('delivered' as const) : ('planned' as const),
      counts: e.state === 'delivered' ? e.counts : true,
      ...(e.onRoll === undefined ? {} : { onRoll: e.onRoll }),
      ...(e.tookPart === undefined ? {} : { tookPart: e.tookPart }),
    })),
    ...(p.phase === 3 ? { phase3: { offered: p.offered, delivered: p.delivered } } : {}),
    ...(fix ? { fix } : {}),
  };
}

function totalsOf(cohorts: readonly { status: CoverageStatus }[]): CoverageTotals {
  const totals = Object.fromEntries(COVERAGE_STATUSES.map((s) => [s, 0])) as CoverageTotals;
  for (const c of cohorts) totals[c.status]++;
  return totals;
}

/** Slots the gaps could use: from the first date a provider may ask for (R-NOTICE) to the last open window's end, at most 120 days. */
async function slotsForGaps(store: Store, school: School, report: PhaseCoverage[], today: string): Promise<OpenSlot[]> {
  return slotsBefore(store, school, report.filter((p) => p.status === 'at_risk').map((p) => p.window.end), today);
}

/** The school's open slots from the first bookable day (R-NOTICE) to the latest of `ends`, within the booking window, at most 120 days. */
async function slotsBefore(store: Store, school: School, ends: readonly string[], today: string): Promise<OpenSlot[]> {
  if (ends.length === 0) return [];
  const bookable = bookableRange(school, today);
  const from = bookable.from;
  const last = minDate(ends.reduce((m, end) => maxDate(m, end), today), bookable.to);
  if (last < from) return [];
  return availableSlots(store, school.urn, from, minDate(last, addDays(from, MAX_SLOT_RANGE_DAYS)));
}

/**
 * Issue 16, item 2: the open slots a provider could book for one cohort, as its fix
 * suggests them (after the notice, inside the window, for the cohort's year group then).
 */
export async function bookableSlotsOfCohort(store: Store, school: School, cohort: Pick<CohortCoverage, 'cohort' | 'year8AcademicYear' | 'window'>, today: string): Promise<OpenSlot[]> {
  const slots = await slotsBefore(store, school, [cohort.window.end], today);
  return bookableSlotsFor({ cohort: { year8AcademicYear: cohort.year8AcademicYear, label: cohort.cohort }, window: cohort.window }, slots, bookableRange(school, today));
}

export async function schoolCoverage(
  store: Store,
  school: School,
  now = new Date(),
  options: { fixes?: boolean; settings?: PlatformSettings } = {},
): Promise<SchoolCoverage> {
  const today = londonDate(now.toISOString());
  const [encounters, settings] = await Promise.all([listEncountersOfSchool(store, school.urn, coverageRange(today)), options.settings ?? getPlatformSettings(store)]);
  const report = coverageReport(school, today, encounters.map(toCoverageEncounter), settings);
  const slots = options.fixes === false ? [] : await slotsForGaps(store, school, report, today);
  const cohorts = report.map((p) => cohortView(p, options.fixes === false ? undefined : fixFor(p, school, slots, today)));
  return {
    urn: school.urn,
    schoolName: school.name,
    today,
    academicYear: academicYearLabel(academicYearOf(today)),
    required: settings.encountersPerPhase,
    cohorts,
    totals: totalsOf(cohorts),
  };
}

/** The coverage page: the school's coverage and the latest invitation to providers of each cohort (issue 16, item 2). */
export async function schoolCoverageOf(store: Store, urn: string, now = new Date()): Promise<SchoolCoverageRead> {
  const school = await requireSchool(store, urn);
  const [coverage, invitations] = await Promise.all([schoolCoverage(store, school, now), latestInvitations(store, urn)]);
  // Only the cohorts shown: an invitation for a cohort that has moved on is history.
  const shown = new Map(coverage.cohorts.map((c) => [c.year8AcademicYear, c.yearGroup]));
  return {
    ...coverage,
    invitations: invitations
      .filter((i) => shown.has(i.year8AcademicYear))
      .map((i) => ({ yearGroup: shown.get(i.year8AcademicYear)!, year8AcademicYear: i.year8AcademicYear, sentAt: i.sentAt, providers: i.providers.map((p) => p.organisation) })),
  };
}

/**
 * Issue 16, item 3: the cohorts that fall short, for the dashboard's panel: at risk first
 * (something can still be done), the soonest window end first, then those not met.
 */
export function coverageConcerns(answer: Pick<SchoolCoverage, 'cohorts'>, school: Pick<School, 'rules'>): CoverageConcern[] {
  const concerns: CoverageConcern[] = [];
  for (const c of answer.cohorts) {
    if (c.status !== 'at_risk' && c.status !== 'not_met') continue;
    concerns.push({
      yearGroup: c.yearGroup,
      phase: c.phase,
      status: c.status,
      counted: c.counted,
      planned: c.planned,
      required: c.required,
      needed: c.status === 'at_risk' ? c.needed : Math.max(0, c.required - c.counted),
      byDate: c.window.end,
      askBy: addDays(c.window.end, -school.rules.minimumNoticeDays),
      statusText: c.statusText,
    });
  }
  const rank = (c: CoverageConcern) => (c.status === 'at_risk' ? 0 : 1);
  return concerns.sort((a, b) => rank(a) - rank(b) || a.byDate.localeCompare(b.byDate) || a.yearGroup - b.yearGroup);
}

/** What is at risk at a school: its cohorts at risk or not met, and the encounters they still need. */
export function schoolRisk(answer: Pick<SchoolCoverage, 'cohorts'>): SchoolRisk {
  const short = answer.cohorts.filter((c) => c.status === 'at_risk' || c.status === 'not_met');
  return { cohorts: short.length, encounters: short.reduce((n, c) => n + (c.status === 'at_risk' ? c.needed : Math.max(0, c.required - c.counted)), 0) };
}

/** The trust view's order, in the words the page says it. */
export const TRUST_ORDER = 'Schools with the most cohorts at risk or not met come first, then those needing the most encounters, then by name.';

/** Every school of the trust where the caller is a trust admin; NOT_YOUR_TRUST when there is none. */
export async function trustCoverage(store: Store, caller: { roles: readonly StaffRoleRecord[] }, trustId: string, now = new Date()): Promise<TrustCoverageRead> {
  const { trust, schools } = await trustSchoolsOf(store, caller, trustId, 'You are not a trust admin of this trust. Open the coverage of a trust you administer, or ask the trust to add you.');
  const today = londonDate(now.toISOString());
  // The schools' reads at once (two queries each), not one school after another.
  const settings = await getPlatformSettings(store);
  const answers = await Promise.all(schools.map((school) => schoolCoverage(store, school, now, { fixes: false, settings })));
  const ranked = answers
    .map(({ today: _t, academicYear: _a, ...rest }) => ({ ...rest, risk: schoolRisk(rest) }))
    .sort((a, b) => b.risk.cohorts - a.risk.cohorts || b.risk.encounters - a.risk.encounters || a.schoolName.localeCompare(b.schoolName, 'en-GB'));
  return {
    trust: { id: trust.id, name: trust.name },
    today,
    academicYear: academicYearLabel(academicYearOf(today)),
    order: TRUST_ORDER,
    schools: ranked,
    totals: totalsOf(answers.flatMap((a) => a.cohorts)),
  };
}
