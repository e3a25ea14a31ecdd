// Issue 16, items 2 and 3 on a test table with the SES emulator: the careers lead invites
// providers who visited this school before to book a cohort's open slots (only this school's
// providers, latest visit first; one email per provider with the slots and links to the
// request form; nothing sent twice within the week), the coverage page says who was invited,
// the dashboard lists the cohorts short of encounters, the trust view puts the most at risk first.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredRequest } from '#shared/domain/records.ts';
import { demoSchool, YEAR_8_TUESDAY_ASSEMBLY } from '#shared/domain/test-fixtures.ts';
import type { StaffCaller } from '#shared/http/access.ts';
import type { StaffRoleRecord } from '#shared/domain/records.ts';
import { putOpportunity } from '#shared/store/opportunities.ts';
import { requestItem } from '#shared/store/requests.ts';
import { getSchoolProfile, putSchoolProfile } from '#shared/store/schools.ts';
import { putStaffRole } from '#shared/store/staff.ts';
import { invitationPlan, inviteProviders } from '#shared/usecases/coverage-invitations.ts';
import { schoolCoverageOf, trustCoverage } from '#shared/usecases/coverage.ts';
import { dashboard } from '#shared/usecases/dashboard.ts';
import { sampleRequest } from './support/requests.ts';
import { startInProcessStack, type InProcessStack } from './support/in-process-stack.ts';

const URN = '990404';
const OTHER = '990405';
const TRUST = { id: 'invite-fixture-trust', name: 'Invite Fixture Trust' };
const NOW = new Date('2026-01-15T12:00:00Z'); // 2025/26; Year 8's window runs to 28 February 2027
const LEAD = 'lead@invite-fixture.example';
const ALL_FOUR = { provider: true, careers: true, learning: true, questions: true };

let stack: InProcessStack;

function visit(id: string, urn: string, date: string, status: StoredRequest['status'], provider: StoredRequest['provider'], contact: { name: string; email: string }, yearGroups = [8]): StoredRequest {
  return sampleRequest({
    id: `01J0000000000000000000IV${id.padStart(2, '0')}`,
    urn,
    status,
    date,
    start: '10:00',
    end: '11:00',
    yearGroups,
    provider,
    contact: { ...contact, phone: '01632 960100' },
    providerEmail: contact.email,
    ...(status === 'delivered' ? { delivery: { content: ALL_FOUR, attendance: yearGroups.map((y) => ({ yearGroup: y, pupils: 150, onRoll: 150 })), recordedAt: `${date}T15:00:00+00:00` } } : {}),
  });
}

// A name with HTML in it: the email must escape it.
const EASTMOUTH = { organisation: 'Eastmouth & Co <College>', type: 'fe_college' as const, ukprn: '10000011' };
const WESTBRIDGE = { organisation: 'Westbridge UTC', type: 'utc' as const, ukprn: '10000012' };
const COASTAL = { organisation: 'Coastal Apprenticeships', type: 'independent_training_provider' as const, ukprn: '10000013' };
const ELSEWHERE = { organisation: 'Elsewhere College', type: 'fe_college' as const, ukprn: '10000014' };

beforeAll(async () => {
  stack = await startInProcessStack('invites', { seed: false });
  const { store } = stack;
  await putSchoolProfile(store, demoSchool({ urn: URN, name: 'Invite Fixture Academy', trust: TRUST, careersLead: { name: 'Casey Lead', email: LEAD, phone: '01632 960000' } }));
  await putSchoolProfile(store, demoSchool({ urn: OTHER, name: 'Invite Other School', trust: TRUST }));
  await putStaffRole(store, { urn: URN, email: LEAD, name: 'Casey Lead', role: 'careers_lead' });
  await putOpportunity(store, URN, YEAR_8_TUESDAY_ASSEMBLY);
  const visits = [
    // Eastmouth came twice: its latest contact is the one written to.
    visit('1', URN, '2025-03-04', 'delivered', EASTMOUTH, { name: 'Old Contact', email: 'old@eastmouth.example' }, [9]),
    visit('2', URN, '2025-10-07', 'delivered', EASTMOUTH, { name: 'Riley Lane', email: 'riley@eastmouth.example' }),
    // Westbridge is booked (approved) for Year 10 in March: it has visited in the sense that counts.
    visit('3', URN, '2026-03-03', 'approved', WESTBRIDGE, { name: 'Sam Bridge', email: 'sam@westbridge.example' }, [10]),
    // Declined: never visited.
    visit('4', URN, '2025-11-11', 'declined', COASTAL, { name: 'Coral Coast', email: 'coral@coastal.example' }),
    // Another school's provider: never listed here.
    visit('5', OTHER, '2025-10-08', 'delivered', ELSEWHERE, { name: 'Ellis Where', email: 'ellis@elsewhere.example' }),
  ];
  for (const v of visits) await store.doc.send(new PutCommand({ TableName: store.tableName, Item: requestItem(v) }));
}, 90_000);
afterAll(async () => stack?.stop());

const emailsTo = async (address: string) => (await stack.inbox()).filter((m) => m.destination.to.some((t) => t.includes(address)));

describe('inviting providers who visited before (issue 16, item 2)', () => {
  it('lists only this school’s providers of delivered or approved requests, latest visit first, with the bookable slots and the email', async () => {
    const plan = await invitationPlan(stack.store, URN, 8, NOW);
    expect(plan.providers.map((p) => [p.organisation, p.contactName, p.lastVisit])).toEqual([
      ['Westbridge UTC', 'Sam Bridge', '2026-03-03'],
      ['Eastmouth & Co <College>', 'Riley Lane', '2025-10-07'],
    ]);
    expect(JSON.stringify(plan)).not.toMatch(/Coastal|Elsewhere|@/);
    // After 30 days' notice (from 14 February 2026; 17 February is half term), Tuesdays inside the window.
    expect(plan.slots[0]).toMatchObject({ opportunityId: 'y8-tue', date: '2026-02-24', start: '09:00', end: '09:40' });
    expect(plan.slots.length).toBe(10);
    expect(plan.slots.every((s) => s.date >= '2026-02-14' && s.date <= '2027-02-28')).toBe(true);
    expect(plan).toMatchObject({ yearGroup: 8, needed: 1, byDate: '2027-02-28', askBy: '2027-01-29' });
    expect(plan.preview.text).toContain('Request this slot: http://localhost:3000/request/?urn=990404&opportunity=y8-tue&date=2026-02-24');
  });

  it('refuses at the field: none chosen, a provider that never visited (declined, or another school’s), no slot to offer', async () => {
    await expect(inviteProviders(stack.store, URN, LEAD, { yearGroup: 8, providers: [] }, NOW)).rejects.toMatchObject({ code: 'PROVIDERS_REQUIRED', field: 'providers' });
    await expect(inviteProviders(stack.store, URN, LEAD, { yearGroup: 8, providers: [ELSEWHERE.ukprn] }, NOW)).rejects.toMatchObject({ code: 'PROVIDER_NOT_VISITED', field: 'providers' });
    await expect(inviteProviders(stack.store, URN, LEAD, { yearGroup: 8, providers: [COASTAL.ukprn] }, NOW)).rejects.toMatchObject({ code: 'PROVIDER_NOT_VISITED' });
    // Year 12 has no opportunity at all: at risk, but no slot to offer.
    await expect(inviteProviders(stack.store, URN, LEAD, { yearGroup: 12, providers: [WESTBRIDGE.ukprn] }, NOW)).rejects.toMatchObject({ code: 'NO_BOOKABLE_SLOTS', rule: 'R-NOTICE' });
  });

  it('sends one email per chosen provider, to its own contact only, with the slots and links; escaped HTML', async () => {
    const sent = await inviteProviders(stack.store, URN, LEAD, { yearGroup: 8, providers: [EASTMOUTH.ukprn, WESTBRIDGE.ukprn] }, NOW);
    expect(sent.invitation).toMatchObject({ yearGroup: 8, providers: ['Eastmouth & Co <College>', 'Westbridge UTC'] });
    expect(sent.message).toBe('You invited 2 providers to book for Year 8: each gets its own email with your 10 open slots.');
    await stack.deliverMail();
    const [riley, ...moreRiley] = await emailsTo('riley@eastmouth.example');
    const [sam, ...moreSam] = await emailsTo('sam@westbridge.example');
    expect(moreRiley).toEqual([]);
    expect(moreSam).toEqual([]);
    expect(await emailsTo('old@eastmouth.example')).toEqual([]);
    for (const mail of [riley!, sam!]) {
      // Nobody sees another provider's address.
      expect(mail.destination.to).toHaveLength(1);
      expect([...mail.destination.cc, ...mail.destination.bcc]).toEqual([]);
      expect(mail.replyTo?.join()).toContain(LEAD);
      expect(mail.subject).toContain('Year 8');
      expect(mail.body.text).toContain('Request this slot: http://localhost:3000/request/?urn=990404&opportunity=y8-tue&date=2026-02-24');
      expect(mail.body.html).toContain('href="http://localhost:3000/request/?urn=990404&amp;opportunity=y8-tue&amp;date=2026-02-24"');
    }
    expect(riley!.body.text).toContain('Dear Riley Lane,');
    expect(riley!.body.html).toContain('Eastmouth &amp; Co &lt;College&gt;');
    expect(riley!.body.html).not.toContain('<College>');
    expect(sam!.body.text).not.toContain('riley@');
  });

  it('sends nothing twice within the week, says so kindly, and invites again after it', async () => {
    const before = (await stack.inbox()).length;
    const again = inviteProviders(stack.store, URN, LEAD, { yearGroup: 8, providers: [WESTBRIDGE.ukprn] }, new Date('2026-01-21T16:00:00Z'));
    await expect(again).rejects.toMatchObject({ code: 'INVITED_RECENTLY', field: 'providers' });
    await expect(again).rejects.toThrow('You invited Westbridge UTC to book for Year 8 on 15 January 2026. To give them time to answer, you can invite them again from Thursday 22 January 2026.');
    const plan = await invitationPlan(stack.store, URN, 8, new Date('2026-01-21T16:00:00Z'));
    expect(plan.providers.map((p) => p.inviteAgainOn)).toEqual(['2026-01-22', '2026-01-22']);
    expect(plan.lastInvitation).toMatchObject({ yearGroup: 8, providers: ['Eastmouth & Co <College>', 'Westbridge UTC'] });
    await stack.deliverMail();
    expect((await stack.inbox()).length).toBe(before);

    await inviteProviders(stack.store, URN, LEAD, { yearGroup: 8, providers: [WESTBRIDGE.ukprn] }, new Date('2026-01-22T09:00:00Z'));
    await stack.deliverMail();
    expect(await emailsTo('sam@westbridge.example')).toHaveLength(2);
    expect(await emailsTo('riley@eastmouth.example')).toHaveLength(1);
  });

  it('the coverage page’s answer says who was invited last, per cohort', async () => {
    const answer = await schoolCoverageOf(stack.store, URN, new Date('2026-01-22T10:00:00Z'));
    expect(answer.invitations).toEqual([{ yearGroup: 8, year8AcademicYear: 2025, sentAt: '2026-01-22T09:00:00.000Z', providers: ['Westbridge UTC'] }]);
  });

  it('the route: staff of the school, 422 at the field when no provider is chosen', async () => {
    const cookie = await stack.sessionFor('staff', LEAD);
    const none = await stack.api({ method: 'POST', url: `/api/manage/schools/${URN}/coverage/invitations`, cookies: [cookie], body: { yearGroup: 8, providers: [] } });
    expect(none.status).toBe(422);
    expect(none.json().error).toMatchObject({ code: 'PROVIDERS_REQUIRED', fields: { providers: expect.stringContaining('Choose at least one provider') } });
    const bad = await stack.api({ method: 'GET', url: `/api/manage/schools/${URN}/coverage/invitations?year=7`, cookies: [cookie] });
    expect(bad.status).toBe(400);
  });
});

describe('findable (issue 16, item 3)', () => {
  it('the dashboard lists the cohorts short of encounters: at risk first, soonest window end first, with how many more by when', async () => {
    const school = await getSchoolProfile(stack.store, URN);
    const board = await dashboard(stack.store, school!, NOW);
    const concerns = board.coverageConcerns;
    expect(concerns.length).toBeGreaterThan(0);
    expect(concerns.every((c) => c.status === 'at_risk' || c.status === 'not_met')).toBe(true);
    const atRisk = concerns.filter((c) => c.status === 'at_risk');
    expect(concerns.slice(0, atRisk.length)).toEqual(atRisk);
    expect(atRisk.map((c) => c.byDate)).toEqual([...atRisk.map((c) => c.byDate)].sort());
    expect(concerns.find((c) => c.yearGroup === 8)).toMatchObject({ status: 'at_risk', needed: 1, counted: 1, byDate: '2027-02-28', askBy: '2027-01-29' });
  });

  it('the trust view puts the school with most at risk first and says its order', async () => {
    const role = (urn: string): StaffRoleRecord => ({ urn, email: 'admin@invite-trust.example', name: 'Admin', role: 'trust_admin' });
    const caller = { session: {} as StaffCaller['session'], roles: [role(URN), role(OTHER)] };
    const answer = await trustCoverage(stack.store, caller, TRUST.id, NOW);
    expect(answer.order).toMatch(/most cohorts at risk or not met come first/);
    const risks = answer.schools.map((s) => [s.risk.cohorts, s.risk.encounters]);
    expect(risks).toEqual([...risks].sort((a, b) => b[0]! - a[0]! || b[1]! - a[1]!));
    // The other school has had fewer encounters counted: more still needed.
    expect(answer.schools[0]?.urn).toBe(OTHER);
  });
});
