// The demo seed: a fictional trust with the four kinds of school, written once; a second
// run keeps what the first wrote (and any change made since).
import { describe, expect, it } from 'vitest';
import { seedDemo, seedDemoWorkspace } from '#infra/local/seed.ts';
import { demoSchools, DEMO_CAREERS_LEAD, DEMO_MEMBERS, DEMO_PROVIDERS } from '#infra/local/demo-data.ts';
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
    const text = JSON.stringify([demoSchools(new Date()), DEMO_PROVIDERS]);
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
});
