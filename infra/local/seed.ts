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
import { lastSlotDate } from '#shared/domain/calendar.ts';
import { listOpportunities, markSlotsUntil, putOpportunity } from '#shared/store/opportunities.ts';
import { createSchoolProfileIfAbsent, ensureSchoolListed, ensureSchoolPlaced, getSchoolProfile } from '#shared/store/schools.ts';
import { recordConfirmedAddress } from '#shared/store/confirmed-addresses.ts';
import { putStaffRole } from '#shared/store/staff.ts';
import { isSchoolDay } from '#shared/domain/calendar.ts';
import { addDays } from '#shared/domain/dates.ts';
import type { RequestStatus } from '#shared/domain/types.ts';
import { getMembership } from '#shared/store/organisations.ts';
import { createProviderRequest } from '#shared/usecases/create-request.ts';
import { inviteMember, putOrganisation } from '#shared/usecases/organisation.ts';
import { applyAction } from '#shared/usecases/transition.ts';
import { DEMO_MEMBERS, DEMO_ORGANISATION, DEMO_PROVIDERS, DEMO_WORKSPACE_REQUESTS, demoSchools } from './demo-data.ts';

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
    const { request } = await createProviderRequest(
      store,
      demo.urn,
      {
        provider: { organisation: DEMO_ORGANISATION.name, type: DEMO_ORGANISATION.type, ukprn: DEMO_ORGANISATION.ukprn },
        contact: { name: sender.name, email: sender.email, phone: sender.phone },
        sessionType: demo.sessionType,
        yearGroups: demo.yearGroups,
        staffCount: 2,
        safeguardingAgreed: true,
        facilities: ['projector'],
        content: { provider: true, careers: true, learning: true, questions: true },
        notes: demo.notes,
        proposed: { date, start: demo.start, end: demo.end },
      },
      { ip: '127.0.0.1', sessionEmail: sender.email },
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
