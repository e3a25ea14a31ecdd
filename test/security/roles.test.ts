// Issue 12, item 4: the careers lead's contact is where every request email goes, so only
// a careers lead or a trust admin may change it; replacing the careers lead also removes
// the old lead's role (the page asks first, from the dry run). In process, on the demo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { listRolesOfUser, listStaffOfSchool } from '#shared/store/staff.ts';
import { inviteCareersLead } from '#shared/usecases/onboarding.ts';
import { startInProcessStack, type InProcessStack } from '../support/in-process-stack.ts';

let stack: InProcessStack;
beforeAll(async () => {
  stack = await startInProcessStack('roles');
}, 60_000);
afterAll(async () => stack?.stop());

const URL_OF = (urn: string) => `/api/manage/schools/${urn}/settings`;
const read = async (urn: string, cookie: string) => (await stack.api({ method: 'GET', url: URL_OF(urn), cookies: [cookie] })).json();
const put = (urn: string, cookie: string, body: unknown) => stack.api({ method: 'PUT', url: URL_OF(urn), cookies: [cookie], body });

describe('who may change the careers lead (issue 12, item 4)', () => {
  it('a deputy cannot change the careers lead’s contact (403 at the field, nothing saved); the lead and a trust admin can; another school’s lead cannot reach it', async () => {
    const callers = {
      deputy: await stack.sessionFor('staff', 'deputy.head@harbourview.example'),
      trustAdmin: await stack.sessionFor('staff', 'trust.admin@northfield-trust.example'),
      otherLead: await stack.sessionFor('staff', 'careers@kingsmead.example'),
      lead: await stack.sessionFor('staff', 'careers.lead@harbourview.example'),
    };
    const got: Record<string, number> = {};
    for (const [who, cookie] of Object.entries(callers)) {
      const { settings, version } = await read('990101', callers.lead);
      const res = await put('990101', cookie, { version, settings: { ...settings, careersLead: { ...settings.careersLead, phone: '01632 960999' } } });
      got[who] = res.status;
      if (who === 'deputy') {
        expect(res.json().error).toMatchObject({ code: 'ROLE_REQUIRED', fields: { 'settings.careersLead.email': expect.stringMatching(/careers lead or a trust admin/) } });
        expect((await getSchoolProfile(stack.store, '990101'))?.careersLead.phone).not.toBe('01632 960999');
      }
      if (res.status === 200) {
        // Put it back for the next caller.
        const now = await read('990101', callers.lead);
        await put('990101', callers.lead, { version: now.version, settings: { ...now.settings, careersLead: settings.careersLead } });
      }
    }
    expect(got).toEqual({ deputy: 403, trustAdmin: 200, otherLead: 403, lead: 200 });
    // A deputy still edits everything else.
    const { settings, version } = await read('990101', callers.lead);
    expect((await put('990101', callers.deputy, { version, settings: { ...settings, minimumNoticeDays: 21 } })).status).toBe(200);
  });

  it('replacing the careers lead: the dry run says who loses access; saving hands the role over, so the old lead is refused at once and the new one gets in', async () => {
    const oldLead = await stack.sessionFor('staff', 'careers@oakridge-middle.example');
    const { settings, version } = await read('990103', oldLead);
    const next = { name: 'Alex Newlead', email: 'alex.newlead@oakridge-middle.example' };
    const dry = await put('990103', oldLead, { version, dryRun: true, settings: { ...settings, careersLead: next } });
    expect(dry.status).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, careersLeadChange: { from: { email: 'careers@oakridge-middle.example' }, to: next } });
    expect((await listRolesOfUser(stack.store, next.email))).toEqual([]); // the dry run wrote nothing

    const saved = await put('990103', oldLead, { version, settings: { ...settings, careersLead: next } });
    expect(saved.status).toBe(200);
    expect((await listRolesOfUser(stack.store, 'careers@oakridge-middle.example')).map((r) => r.urn)).toEqual([]);
    expect(await listRolesOfUser(stack.store, next.email)).toMatchObject([{ urn: '990103', role: 'careers_lead', name: 'Alex Newlead' }]);
    expect((await stack.api({ method: 'GET', url: URL_OF('990103'), cookies: [oldLead] })).status).toBe(403);
    const newLead = await stack.sessionFor('staff', next.email);
    expect((await stack.api({ method: 'GET', url: URL_OF('990103'), cookies: [newLead] })).status).toBe(200);
    // The trust admin keeps their role through all this.
    expect((await listStaffOfSchool(stack.store, '990103')).map((r) => r.role).sort()).toEqual(['careers_lead', 'trust_admin']);
  });

  it('a platform admin inviting a new careers lead removes the old lead’s role too', async () => {
    await inviteCareersLead(stack.store, '990102', { email: 'ops@provider-access.example' }, { name: 'Robin Next', email: 'robin.next@kingsmead.example' });
    expect(await listRolesOfUser(stack.store, 'careers@kingsmead.example')).toEqual([]);
    expect(await listRolesOfUser(stack.store, 'robin.next@kingsmead.example')).toMatchObject([{ urn: '990102', role: 'careers_lead' }]);
  });
});
