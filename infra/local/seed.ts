// Writes the demo trust once: a second `npm start` finds it and keeps whatever was
// changed since (the school profile is created only if absent). Kept schools are brought
// up to date with indexes added since they were written (schools list, directory search,
// the near search's place, and the last date their opportunities give slots on, which the
// near search's open-slots filter reads from the near point).
// The demo's returning providers count as confirmed (issue 12, item 2) on every start, so
// data kept from before that change works the same.
import { providerAccessYears } from '#shared/domain/year-groups.ts';
import type { Store } from '#shared/store/client.ts';
import { indexSchool, searchTerms } from '#shared/store/directory.ts';
import { schoolSummary } from '#shared/domain/school-summary.ts';
import { getOpportunity, listOpportunities, markSlotsUntil, putOpportunity } from '#shared/store/opportunities.ts';
import { createSchoolProfileIfAbsent, ensureSchoolListed, ensureSchoolPlaced, getSchoolProfile } from '#shared/store/schools.ts';
import { recordConfirmedAddress } from '#shared/store/confirmed-addresses.ts';
import { putStaffRole } from '#shared/store/staff.ts';
import { isSchoolDay, lastSlotDate } from '#shared/domain/calendar.ts';
import { cohortOf, cohortYearGroupOn, keyPhaseOf, phaseWindow } from '#shared/domain/coverage.ts';
import { academicYearOf } from '#shared/domain/academic-year.ts';
import { addDays, maxDate, minDate } from '#shared/domain/dates.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { StoredRequest, StoredSchool } from '#shared/domain/records.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import type { IsoDate, RequestStatus, SessionType, YearGroup } from '#shared/domain/types.ts';
import { getMembership } from '#shared/store/organisations.ts';
import { listRequestsOfProvider } from '#shared/store/requests.ts';
import { statementPointerOf } from '#shared/store/statements.ts';
import { createProviderRequest } from '#shared/usecases/create-request.ts';
import { decide, schoolActor } from '#shared/usecases/decisions.ts';
import { inviteMember, putOrganisation } from '#shared/usecases/organisation.ts';
import { saveOpportunities } from '#shared/usecases/settings.ts';
import { publishStatement } from '#shared/usecases/statement.ts';
import { applyAction } from '#shared/usecases/transition.ts';
import {
  DEMO_MEMBERS,
  DEMO_ORGANISATION,
  DEMO_PROVIDERS,
  DEMO_SHOWCASE_ENCOUNTERS,
  DEMO_SHOWCASE_OPPORTUNITY,
  DEMO_SHOWCASE_PROVIDERS,
  DEMO_STATEMENT_APPROVAL,
  DEMO_STATEMENT_SCHOOLS,
  DEMO_WORKSPACE_REQUESTS,
  demoSchools,
  type DemoShowcaseEncounter,
  type DemoShowcaseProvider,
} from './demo-data.ts';

export async function seedDemo(store: Store, today = new Date()): Promise<{ created: string[]; kept: string[] }> {
  const created: string[] = [];
  const kept: string[] = [];
  for (const demo of demoSchools(today)) {
    if (!(await createSchoolProfileIfAbsent(store, demo.school, today))) {
      await ensureSchoolListed(store, demo.school.urn);
      await ensureSchoolPlaced(store, demo.school);
      const school = await getSchoolProfile(store, demo.school.urn);
      if (school) {
        await indexSchool(store, schoolSummary(school, providerAccessYears(school)), searchTerms(school));
        await markSlotsUntil(store, school, lastSlotDate(await listOpportunities(store, school.urn)));
      }
      kept.push(demo.school.urn);
      continue;
    }
    for (const opportunity of demo.opportunities) await putOpportunity(store, demo.school.urn, opportunity);
    for (const role of demo.staff) await putStaffRole(store, role);
    created.push(demo.school.urn);
  }
  for (const provider of DEMO_PROVIDERS) await recordConfirmedAddress(store, provider.email, today);
  return { created, kept };
}

/** A demo request sent as its provider would, signed in (so it reaches the school at once), with every rule of create checked at `at`. */
async function sendAsProvider(
  store: Store,
  urn: string,
  provider: DemoShowcaseProvider,
  visit: { date: IsoDate; start: string; end: string; yearGroups: YearGroup[]; sessionType: SessionType; notes: string },
  at: Date,
): Promise<StoredRequest> {
  const { request } = await createProviderRequest(
    store,
    urn,
    {
      provider: { organisation: provider.organisation, type: provider.type, ukprn: provider.ukprn },
      contact: provider.contact,
      sessionType: visit.sessionType,
      yearGroups: visit.yearGroups,
      staffCount: 2,
      safeguardingAgreed: true,
      facilities: ['projector'],
      content: { provider: true, careers: true, learning: true, questions: true },
      notes: visit.notes,
      proposed: { date: visit.date, start: visit.start, end: visit.end },
    },
    { ip: '127.0.0.1', sessionEmail: provider.contact.email },
    at,
  );
  return request;
}

/**
 * The demo's college workspace (issue 15), for `npm start` only (test stacks start without
 * it, so no test finds requests it did not make): Eastmouth College, its admin and an
 * invited member, and their requests at three demo schools, each sent and decided through
 * the same use cases as the API (every rule checked, the same emails queued). Written once:
 * a later run finds the admin's membership and keeps whatever was done since.
 */
export async function seedDemoWorkspace(store: Store, today = new Date()): Promise<{ created: boolean; requests: RequestStatus[] }> {
  const [admin, member] = DEMO_MEMBERS;
  if (await getMembership(store, admin.email)) return { created: false, requests: [] };
  await putOrganisation(store, { email: admin.email }, DEMO_ORGANISATION, today);
  const membership = await getMembership(store, admin.email);
  if (!membership) throw new Error('the demo organisation was not created');
  await inviteMember(store, { email: admin.email, membership }, { email: member.email, role: member.role }, today);

  const schools = new Map(demoSchools(today).map((d) => [d.school.urn, d.school]));
  const statuses: RequestStatus[] = [];
  for (const demo of DEMO_WORKSPACE_REQUESTS) {
    const school = schools.get(demo.urn);
    if (!school) throw new Error(`no demo school ${demo.urn}`);
    let date = addDays(today.toISOString().slice(0, 10), demo.weeksAhead * 7);
    while (!isSchoolDay(school, date)) date = addDays(date, 1);
    const sender = DEMO_MEMBERS[demo.by];
    const request = await sendAsProvider(
      store,
      demo.urn,
      { organisation: DEMO_ORGANISATION.name, type: DEMO_ORGANISATION.type, ukprn: DEMO_ORGANISATION.ukprn, contact: { name: sender.name, email: sender.email, phone: sender.phone } },
      { ...demo, date },
      today,
    );
    const lead = { party: 'school' as const, id: school.careersLead.email, name: school.careersLead.name };
    const provider = { party: 'provider' as const, id: sender.email, name: sender.name };
    const outcome = demo.outcome;
    const after =
      outcome?.action === 'approve'
        ? await applyAction(store, request, 'approve', lead, {}, today)
        : outcome?.action === 'decline'
          ? await applyAction(store, request, 'decline', lead, { reason: outcome.reason }, today)
          : outcome?.action === 'propose'
            ? await applyAction(store, request, 'propose', lead, { date, start: outcome.start, end: outcome.end, message: 'The morning is taken by a trip; the afternoon is free.' }, today)
            : outcome?.action === 'withdraw'
              ? await applyAction(store, request, 'withdraw', provider, { reason: outcome.reason }, today)
              : request;
    statuses.push(after.status);
  }
  return { created: true, requests: statuses };
}

export interface ShowcaseResult {
  /** Each showcase encounter written by this run: its school, year group, status and sessions. */
  encounters: { urn: string; yearGroup: YearGroup; status: RequestStatus; sessions: number }[];
  opportunities: string[];
  statements: string[];
  /** What could not be placed or was refused (a kept table the demo's dates no longer fit), and why. */
  skipped: string[];
}

/**
 * The showcase (issue 16; demo-data.ts says what it shows), for `npm start` only, after the
 * workspace: Harbour View's Year 11 opportunity, then the encounters, each sent by its
 * provider, approved by the careers lead at a time before it happened and recorded as
 * delivered on its day (the decisions use case, with pupils on roll and pupils who took
 * part), and last the statements, published from the settings as they then are. Each part
 * is written once: a second start finds the opportunity, each encounter (its provider's
 * request at that school with the same notes) and each published statement, and adds
 * nothing. Past encounters go on the school days the stored calendar has, so a table kept
 * from another year takes the ones that still fit and says which did not.
 */
export async function seedDemoShowcase(store: Store, now = new Date()): Promise<ShowcaseResult> {
  const result: ShowcaseResult = { encounters: [], opportunities: [], statements: [], skipped: [] };
  const today = londonDate(now.toISOString());

  const { urn: oppUrn, opportunity } = DEMO_SHOWCASE_OPPORTUNITY;
  const oppSchool = await getSchoolProfile(store, oppUrn);
  if (oppSchool && !(await getOpportunity(store, oppUrn, opportunity.id))) {
    const lead = { email: oppSchool.careersLead.email, role: 'careers_lead' as const };
    await saveOpportunities(store, oppUrn, lead, { opportunities: [...(await listOpportunities(store, oppUrn)), opportunity] }, now);
    result.opportunities.push(opportunity.id);
  }

  const taken = new Map<string, Set<IsoDate>>();
  for (const demo of DEMO_SHOWCASE_ENCOUNTERS) {
    const school = await getSchoolProfile(store, demo.urn);
    const provider = DEMO_SHOWCASE_PROVIDERS[demo.provider];
    if (!school) continue;
    const sent = await listRequestsOfProvider(store, provider.contact.email, 'every', now);
    if (sent.some((r) => r.urn === demo.urn && r.notes === demo.notes)) continue;
    const used = taken.get(demo.urn) ?? new Set<IsoDate>();
    taken.set(demo.urn, used);
    const dates = showcaseDates(school, demo, today, used);
    if (!dates) {
      result.skipped.push(`${school.name}, Year ${demo.cohortYearGroup} (${provider.organisation}): no school day for it in the stored calendar`);
      continue;
    }
    try {
      const done = await sendShowcaseEncounter(store, school, demo, dates, now);
      for (const d of dates) used.add(d);
      result.encounters.push(...done);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      result.skipped.push(`${school.name}, Year ${demo.cohortYearGroup} (${provider.organisation}): ${err.code}: ${err.message}`);
    }
  }

  for (const urn of DEMO_STATEMENT_SCHOOLS) {
    const school = await getSchoolProfile(store, urn);
    if (!school || statementPointerOf(school)) continue;
    try {
      await publishStatement(
        store,
        urn,
        { email: school.careersLead.email, role: 'careers_lead' },
        { approvedBy: DEMO_STATEMENT_APPROVAL.approvedBy, approvedOn: addDays(today, -DEMO_STATEMENT_APPROVAL.daysAgo) },
        now,
      );
      result.statements.push(urn);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      result.skipped.push(`${school.name}'s statement: ${err.code}: ${err.message}`);
    }
  }
  return result;
}

/**
 * The encounter's days: for one to come, the first school day the given weeks ahead; for a
 * delivered one, one school day per session, consecutive, the last near `daysAgo` (earlier
 * first, then later), before today, inside the cohort's window and in one year group the
 * school teaches. Undefined when the stored calendar has no such days.
 */
function showcaseDates(school: StoredSchool, demo: DemoShowcaseEncounter, today: IsoDate, used: ReadonlySet<IsoDate>): IsoDate[] | undefined {
  const cohort = cohortOf(demo.cohortYearGroup, academicYearOf(today));
  const window = phaseWindow(cohort, keyPhaseOf(demo.cohortYearGroup)!.phase);
  const fits = (d: IsoDate) => isSchoolDay(school, d) && !used.has(d) && school.yearGroups.includes(cohortYearGroupOn(cohort, d));
  if ('weeksAhead' in demo.when) {
    for (let d = addDays(today, demo.when.weeksAhead * 7); d <= window.end; d = addDays(d, 1)) if (fits(d)) return [d];
    return undefined;
  }
  const sessions = demo.delivered?.length ?? 1;
  const first = window.start;
  const last = minDate(window.end, addDays(today, -1));
  // The n school days ending on `end` (each one before the next), all in one year group.
  const ending = (end: IsoDate): IsoDate[] | undefined => {
    const days: IsoDate[] = [];
    for (let d = end; d >= first && days.length < sessions; d = addDays(d, -1)) if (fits(d)) days.unshift(d);
    if (days.length < sessions || new Set(days.map((d) => cohortYearGroupOn(cohort, d))).size > 1) return undefined;
    return days;
  };
  const target = maxDate(first, minDate(last, addDays(today, -demo.when.daysAgo)));
  for (let d = target; d >= first; d = addDays(d, -1)) {
    const days = fits(d) ? ending(d) : undefined;
    if (days) return days;
  }
  for (let d = addDays(target, 1); d <= last; d = addDays(d, 1)) {
    const days = fits(d) ? ending(d) : undefined;
    if (days) return days;
  }
  return undefined;
}

/** Sent by the provider (signed in) well before the day, approved the day after, delivered on the day: every rule checked as it was then. */
async function sendShowcaseEncounter(store: Store, school: StoredSchool, demo: DemoShowcaseEncounter, dates: IsoDate[], now: Date): Promise<ShowcaseResult['encounters']> {
  const provider = DEMO_SHOWCASE_PROVIDERS[demo.provider];
  const cohort = cohortOf(demo.cohortYearGroup, academicYearOf(londonDate(now.toISOString())));
  const lead = schoolActor({ email: school.careersLead.email, name: school.careersLead.name, role: 'careers_lead' });
  const out: ShowcaseResult['encounters'] = [];
  for (const [i, date] of dates.entries()) {
    const yearGroup = cohortYearGroupOn(cohort, date);
    const delivered = demo.delivered?.[i];
    // A past encounter is asked for with the school's notice and a few days more; one to come, today.
    const sentAt = delivered ? new Date(`${addDays(date, -(school.rules.minimumNoticeDays + 5))}T09:00:00Z`) : now;
    const request = await sendAsProvider(store, school.urn, provider, { ...demo, date, yearGroups: [yearGroup] }, sentAt);
    const approvedAt = delivered ? new Date(sentAt.getTime() + 86_400_000) : now;
    const approved = await decide(store, school, request, 'approve', {}, lead, approvedAt);
    if (!delivered) {
      out.push({ urn: school.urn, yearGroup, status: approved.status, sessions: 1 });
      continue;
    }
    const after = await decide(
      store,
      school,
      approved,
      'deliver',
      {
        happened: true,
        content: { provider: true, careers: true, learning: true, questions: true },
        attendance: [{ yearGroup, onRoll: delivered.onRoll, pupils: delivered.tookPart }],
        ...(dates.length > 1 ? { split: { session: i + 1, sessions: dates.length } } : {}),
      },
      lead,
      new Date(`${date}T16:30:00Z`),
    );
    out.push({ urn: school.urn, yearGroup, status: after.status, sessions: dates.length });
  }
  return out;
}
