// The demo seed: a fictional trust with the four kinds of school, written once; a second
// run keeps what the first wrote (and any change made since).
import { describe, expect, it } from 'vitest';
import { seedDemo, seedDemoShowcase, seedDemoWorkspace } from '#infra/local/seed.ts';
import { demoSchools, DEMO_CAREERS_LEAD, DEMO_MEMBERS, DEMO_PROVIDERS, DEMO_SHOWCASE_PROVIDERS } from '#infra/local/demo-data.ts';
import { addDays } from '#shared/domain/dates.ts';
import { listRequestsOfSchoolByStatus } from '#shared/store/requests.ts';
import { schoolCoverageOf } from '#shared/usecases/coverage.ts';
import { publicStatement } from '#shared/usecases/statement.ts';
import { getMembership, listMembers } from '#shared/store/organisations.ts';
import { ownersOf, requestsOf } from '#shared/usecases/provider-request-list.ts';
import { isConfirmedAddress } from '#shared/store/confirmed-addresses.ts';
import { getSchoolProfile, putSchoolProfile } from '#shared/store/schools.ts';
import { lastSlotDate } from '#shared/domain/calendar.ts';
import { listOpportunities, markSlotsUntil } from '#shared/store/opportunities.ts';
import { listRolesOfUser, listStaffOfSchool } from '#shared/store/staff.ts';
import { findSchoolsNear } from '#shared/usecases/schools-near.ts';
import { createTestTable } from './support/table.ts';

describe('demo seed', () => {
  it('creates an 11–16, an 11–18, a 9–13 middle and a primary school, each with a careers lead', async () => {
    const { store } = await createTestTable('seed');
    const today = new Date('2026-11-23T12:00:00Z');
    expect((await seedDemo(store, today)).created).toEqual(['990101', '990102', '990103', '990104']);

    const ages = [];
    for (const { school } of demoSchools(today)) {
      const stored = await getSchoolProfile(store, school.urn);
      ages.push(`${stored?.statutoryLowAge}-${stored?.statutoryHighAge}`);
      expect(stored?.careersLead.email).toMatch(/\.example$/);
      expect(stored?.calendar.terms.some((t) => t.start <= '2027-01-12' && t.end >= '2027-01-12')).toBe(true);
    }
    expect(ages).toEqual(['11-16', '11-18', '9-13', '4-11']);
    expect((await listOpportunities(store, '990101')).map((o) => o.id).sort()).toEqual(['y10-assembly', 'y8-pshe']);
    expect((await listStaffOfSchool(store, '990101')).map((s) => s.role).sort()).toEqual(['careers_lead', 'deputy', 'trust_admin']);
    expect(await listRolesOfUser(store, DEMO_CAREERS_LEAD)).toEqual([
      { urn: '990101', email: DEMO_CAREERS_LEAD, name: 'Jordan Ellery', role: 'careers_lead' },
    ]);
    expect((await listRolesOfUser(store, 'trust.admin@northfield-trust.example')).map((r) => r.urn)).toEqual(['990101', '990102', '990103', '990104']);

    // Issue 12, item 2: the demo's returning provider has confirmed its address; nobody else has.
    for (const provider of DEMO_PROVIDERS) expect(await isConfirmedAddress(store, provider.email, today)).toBe(true);
    expect(await isConfirmedAddress(store, 'someone.new@college.example', today)).toBe(false);

    await putSchoolProfile(store, { ...(await getSchoolProfile(store, '990101'))!, name: 'Renamed by the lead' });
    expect(await seedDemo(store, today)).toEqual({ created: [], kept: ['990101', '990102', '990103', '990104'] });
    expect((await getSchoolProfile(store, '990101'))?.name).toBe('Renamed by the lead');
  });

  it('places a school kept from before the near search (issue 15, item 4), and keeps a place already there', async () => {
    const { store } = await createTestTable('seed-place');
    const today = new Date('2026-11-23T12:00:00Z');
    const [harbour] = demoSchools(today);
    // As written before schools had a location: no Easting/Northing, so no place items.
    const { location, ...unplaced } = harbour!.school;
    await putSchoolProfile(store, unplaced, today);
    await expect(findSchoolsNear(store, { near: 'ZZ1 1AB', radiusKm: 15 })).rejects.toMatchObject({ code: 'PLACE_NOT_FOUND' });
    await seedDemo(store, today);
    expect((await getSchoolProfile(store, harbour!.school.urn))?.location).toEqual(location);
    expect((await findSchoolsNear(store, { near: 'ZZ1 1AB', radiusKm: 15 })).schools[0]?.urn).toBe(harbour!.school.urn);
    // A location set since (an import, say) is never overwritten by the demo's.
    const moved = { easting: location!.easting + 1000, northing: location!.northing };
    await putSchoolProfile(store, { ...(await getSchoolProfile(store, harbour!.school.urn))!, location: moved }, today);
    await seedDemo(store, today);
    expect((await getSchoolProfile(store, harbour!.school.urn))?.location).toEqual(moved);
  });

  it('marks on a kept school, and its near point, the last date its opportunities give slots on (issue 15, item 4: the open-slots filter reads it)', async () => {
    const { store } = await createTestTable('seed-slots');
    const today = new Date('2026-11-23T12:00:00Z');
    await seedDemo(store, today);
    const urn = '990101';
    const until = lastSlotDate(await listOpportunities(store, urn));
    expect(until).toBeDefined();
    expect((await getSchoolProfile(store, urn))?.slotsUntil).toBe(until);
    const search = { near: 'ZZ1 1AB', radiusKm: 15, from: '2026-12-01', to: '2027-02-28' };
    const marked = await findSchoolsNear(store, search);
    expect(marked.schools.map((s) => s.urn)).toContain(urn);
    // As written before the mark: the opportunities, but no slotsUntil, so the school is not checked.
    await markSlotsUntil(store, (await getSchoolProfile(store, urn))!, undefined);
    const unmarked = await findSchoolsNear(store, search);
    expect(unmarked.openSlots?.checked).toBe(marked.openSlots!.checked - 1);
    expect(unmarked.schools.map((s) => s.urn)).not.toContain(urn);
    await seedDemo(store, today);
    expect((await getSchoolProfile(store, urn))?.slotsUntil).toBe(until);
    expect(await findSchoolsNear(store, search)).toEqual(marked);
  });

  it('uses only made-up addresses on the reserved .example domain', () => {
    const text = JSON.stringify([demoSchools(new Date()), DEMO_PROVIDERS, DEMO_SHOWCASE_PROVIDERS]);
    const emails = text.match(/[\w.+-]+@[\w.-]+/g) ?? [];
    expect(emails.length).toBeGreaterThan(4);
    for (const email of emails) expect(email).toMatch(/\.example$/);
  });

  it('npm start’s college workspace (issue 15): an organisation with two members and requests at three schools in five states, written once', async () => {
    const { store } = await createTestTable('seed-workspace');
    const today = new Date('2026-11-23T12:00:00Z');
    await seedDemo(store, today);
    const seeded = await seedDemoWorkspace(store, today);
    expect(seeded.created).toBe(true);
    expect([...new Set(seeded.requests)].sort()).toEqual(['alternative_proposed', 'approved', 'declined', 'pending', 'withdrawn']);
    const [admin, member] = DEMO_MEMBERS;
    const membership = await getMembership(store, admin.email);
    expect(membership?.role).toBe('admin');
    expect((await listMembers(store, membership!.organisationId)).map((m) => [m.email, m.role]).sort()).toEqual([
      [admin.email, 'admin'],
      [member.email, 'member'],
    ]);
    // The invited member sees every request of the organisation, the admin's too.
    const seen = await requestsOf(store, ownersOf({ session: { email: member.email }, membership: { organisationId: membership!.organisationId } }), today);
    expect(seen).toHaveLength(seeded.requests.length);
    expect(new Set(seen.map((r) => r.request.urn))).toEqual(new Set(['990101', '990102', '990103']));
    expect(new Set(seen.map((r) => r.request.providerEmail))).toEqual(new Set([admin.email, member.email]));
    // A second start keeps it.
    expect(await seedDemoWorkspace(store, today)).toEqual({ created: false, requests: [] });
    expect(await requestsOf(store, ownersOf({ session: { email: admin.email }, membership: membership! }), today)).toHaveLength(seeded.requests.length);
  });

  it('npm start’s showcase (issue 16): statements published, Year 9 met, Year 10 on track, Years 11 and 8 at risk with bookable slots, written once', async () => {
    const { store } = await createTestTable('seed-showcase');
    const today = new Date('2026-11-23T12:00:00Z');
    await seedDemo(store, today);
    await seedDemoWorkspace(store, today);
    const seeded = await seedDemoShowcase(store, today);
    expect(seeded.skipped).toEqual([]);
    expect(seeded.statements).toEqual(['990101', '990102', '990103']);
    expect(seeded.opportunities).toEqual(['y11-careers-lesson']);

    // The public page's answer: version 1, approved three weeks ago, from the live settings.
    const statement = await publicStatement(store, '990101', undefined, today);
    expect(statement).toMatchObject({ version: 1, isLatest: true, schoolName: 'Harbour View Academy' });

    // Every showcase encounter went through the state machine: delivered, or approved to come.
    const delivered = await listRequestsOfSchoolByStatus(store, '990101', 'delivered');
    expect(delivered).toHaveLength(3 + 1 + 1 + 2);
    expect(delivered.every((r) => r.delivery?.attendance.every((a) => typeof a.onRoll === 'number'))).toBe(true);
    expect(delivered.filter((r) => r.delivery?.split).map((r) => r.delivery?.split?.session).sort()).toEqual([1, 2, 3]);

    const coverage = await schoolCoverageOf(store, '990101', today);
    const y = Object.fromEntries(coverage.cohorts.map((c) => [c.yearGroup, c]));
    // Year 9: a carousel (three sessions, one encounter) and another provider's encounter that nine pupils missed.
    expect(y[9]).toMatchObject({ status: 'met', delivered: 2, counted: 2 });
    expect(y[9]?.encounters.map((e) => e.sessions).sort()).toEqual([1, 3]);
    expect(y[9]?.catchUps).toEqual([expect.objectContaining({ providerName: DEMO_SHOWCASE_PROVIDERS.westbridge.organisation, onRoll: 180, tookPart: 171, missed: 9 })]);
    expect(y[9]?.warnings.map((w) => w.code)).toEqual(['CATCH_UP_OWED']);
    // Year 10: one delivered, and booked to come from other providers (the workspace's Eastmouth College one too).
    expect(y[10]).toMatchObject({ status: 'on_track', delivered: 1, counted: 1 });
    expect(y[10]?.planned).toBeGreaterThanOrEqual(1);
    // Year 11: two delivered, both Eastmouth College: R-RANGE counts one; the fix names another provider and open slots after the notice.
    expect(y[11]).toMatchObject({ status: 'at_risk', delivered: 2, counted: 1, sameProvider: true });
    expect(y[11]?.fix?.differentFrom).toBe('Eastmouth College');
    // Year 8: nothing booked, at risk, its careers lesson's slots suggested.
    expect(y[8]).toMatchObject({ status: 'at_risk', delivered: 0, planned: 0 });
    const earliest = addDays('2026-11-23', 30);
    for (const year of [8, 11]) {
      const slots = y[year]?.fix?.openSlots ?? [];
      expect(slots.length, `Year ${year} open slots`).toBeGreaterThan(0);
      for (const slot of slots) expect(slot.date >= earliest && slot.date <= '2027-02-28' && slot.yearGroups.includes(year)).toBe(true);
    }
    // The trust's other schools have a delivered encounter each.
    expect(await listRequestsOfSchoolByStatus(store, '990102', 'delivered')).toHaveLength(2);
    expect(await listRequestsOfSchoolByStatus(store, '990103', 'delivered')).toHaveLength(1);

    // A second start adds nothing.
    expect(await seedDemoShowcase(store, today)).toEqual({ encounters: [], opportunities: [], statements: [], skipped: [] });
    expect(await listRequestsOfSchoolByStatus(store, '990101', 'delivered')).toHaveLength(delivered.length);
  });

  it('the showcase tells the truth whenever it runs: after 28 February the same Year 11 pair is not met', async () => {
    const { store } = await createTestTable('seed-showcase-spring');
    const today = new Date('2027-04-20T12:00:00Z');
    await seedDemo(store, today);
    await seedDemoWorkspace(store, today);
    expect((await seedDemoShowcase(store, today)).skipped).toEqual([]);
    const coverage = await schoolCoverageOf(store, '990101', today);
    const status = Object.fromEntries(coverage.cohorts.map((c) => [c.yearGroup, c.status]));
    expect(status).toEqual({ 8: 'at_risk', 9: 'met', 10: 'on_track', 11: 'not_met' });
  });

  it('a table kept from before the showcase (its calendar without last year’s terms) gets it on the next start, on this year’s school days', async () => {
    const { store } = await createTestTable('seed-showcase-kept');
    const today = new Date('2026-11-23T12:00:00Z');
    // As an earlier `npm start` wrote the schools: terms from this academic year on.
    for (const { school } of demoSchools(today)) {
      await putSchoolProfile(store, { ...school, calendar: { ...school.calendar, terms: school.calendar.terms.filter((t) => t.start >= '2026-09-01') } }, today);
    }
    await seedDemo(store, today);
    await seedDemoWorkspace(store, today);
    expect((await seedDemoShowcase(store, today)).skipped).toEqual([]);
    const coverage = await schoolCoverageOf(store, '990101', today);
    expect(Object.fromEntries(coverage.cohorts.map((c) => [c.yearGroup, c.status]))).toEqual({ 8: 'at_risk', 9: 'met', 10: 'on_track', 11: 'at_risk' });
    const delivered = await listRequestsOfSchoolByStatus(store, '990101', 'delivered');
    expect(delivered.every((r) => r.date >= '2026-09-01' && r.date < '2026-11-23')).toBe(true);
  });
});
