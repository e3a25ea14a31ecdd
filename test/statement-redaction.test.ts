// issue 12, item 10: published statement versions of a replaced or erased careers lead
// have the contact redacted (name, email and phone in S-PROCEDURE), the rest of each
// version's text kept word for word; old versions at `?version=N` show the redaction, as
// HTML and JSON, with a marker saying when and why and a pointer to the current statement.
// The marker is written in the same transaction as the change that caused it and its audit
// item: the lead replaced in the settings or by a platform admin, or an erasure.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStatement, REDACTED_CAREERS_LEAD } from '#shared/domain/statement.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { putPlatformAdmin } from '#shared/store/platform-admins.ts';
import { getSchoolProfile, schoolKey, updateSchoolSettings, versionOf } from '#shared/store/schools.ts';
import { listSchoolChanges } from '#shared/store/school-changes.ts';
import { publishStatementVersion, statementsNamingLead, type StoredStatement } from '#shared/store/statements.ts';
import { profileFieldsOf, settingsOf } from '#shared/domain/settings.ts';
import { careersLeadReplacement } from '#shared/usecases/statement.ts';
import { SITE_URL, startInProcessStack, type InProcessStack } from './support/in-process-stack.ts';
import { scanTable } from './support/table.ts';

const HARBOUR = { urn: '990101', lead: { name: 'Jordan Ellery', email: 'careers.lead@harbourview.example', phone: '01632 960001' } };
const KINGSMEAD = { urn: '990102', lead: { name: 'Rowan Achterberg', email: 'careers@kingsmead.example', phone: '01632 960002' } };
const OAKRIDGE = { urn: '990103', lead: { name: 'Casey Lindqvist', email: 'careers@oakridge-middle.example', phone: '01632 960003' } };
const ADMIN = 'dpo@provider-access.example';
const today = londonDate(new Date().toISOString());

let stack: InProcessStack;
let admin: string;
beforeAll(async () => {
  stack = await startInProcessStack('redaction');
  await putPlatformAdmin(stack.store, { email: ADMIN, name: 'Data Protection Officer', addedAt: new Date().toISOString() });
  admin = await stack.sessionFor('staff', ADMIN);
}, 60_000);
afterAll(async () => stack?.stop());

async function publish(urn: string, cookie: string) {
  const res = await stack.api({ method: 'POST', url: `/api/manage/schools/${urn}/statement`, cookies: [cookie], body: { approvedBy: 'the governing board', approvedOn: today } });
  expect(res.status, res.text).toBe(201);
}

async function saveSettings(urn: string, cookie: string, change: (s: Record<string, unknown>) => Record<string, unknown>) {
  const read = (await stack.api({ method: 'GET', url: `/api/manage/schools/${urn}/settings`, cookies: [cookie] })).json();
  const res = await stack.api({ method: 'PUT', url: `/api/manage/schools/${urn}/settings`, cookies: [cookie], body: { version: read.version, settings: change(read.settings) } });
  expect(res.status, res.text).toBe(200);
}

const statementJson = async (urn: string, version?: number) => {
  const res = await stack.api({ method: 'GET', url: `/api/schools/${urn}/statement${version ? `?version=${version}` : ''}` });
  expect(res.status, res.text).toBe(200);
  return res.json().statement;
};
const statementHtml = async (urn: string, version?: number) => {
  const res = await stack.api({ method: 'GET', url: `/schools/${urn}/statement${version ? `?version=${version}` : ''}` });
  expect(res.status).toBe(200);
  return res.text;
};

/** The version items of a school as stored. */
const versionItems = async (urn: string) => (await scanTable(stack.store)).filter((i) => i.pk === `SCHOOL#${urn}` && String(i.sk).startsWith('STATEMENT#'));

/** Everything of a version's content but its contact: what must survive a redaction unchanged. */
const withoutContact = (content: { procedure: Record<string, unknown> }) => ({ ...content, procedure: { ...content.procedure, careersLead: undefined } });

function expectNoContact(text: string, lead: { name: string; email: string; phone: string }) {
  expect(text.toLowerCase()).not.toContain(lead.email);
  expect(text).not.toContain(lead.name);
  expect(text).not.toContain(lead.phone);
}

describe('issue 12, item 10: redacted statement versions', () => {
  it('after the careers lead is replaced in the settings: every version that named them shows the redaction, the rest of its text kept', async () => {
    const lead = await stack.sessionFor('staff', HARBOUR.lead.email);
    await publish(HARBOUR.urn, lead);
    await saveSettings(HARBOUR.urn, lead, (s) => ({ ...s, minimumNoticeDays: 21 }));
    await publish(HARBOUR.urn, lead);
    const before = [await statementJson(HARBOUR.urn, 1), await statementJson(HARBOUR.urn, 2)];
    expect(before[0].content.procedure.careersLead).toEqual(HARBOUR.lead);
    expect((await versionItems(HARBOUR.urn)).map((i) => i.gsi2pk)).toEqual([statementsNamingLead(HARBOUR.lead.email), statementsNamingLead(HARBOUR.lead.email)]);

    const next = { name: 'Priya Natarajan', email: 'priya.natarajan@harbourview.example', phone: '01632 960099' };
    await saveSettings(HARBOUR.urn, lead, (s) => ({ ...s, careersLead: next }));

    const current = `${SITE_URL}/schools/${HARBOUR.urn}/statement`;
    for (const [i, version] of [1, 2].entries()) {
      const json = await statementJson(HARBOUR.urn, version);
      expect(json.content.procedure.careersLead).toEqual({ redacted: true, name: REDACTED_CAREERS_LEAD, currentStatementUrl: current });
      expect(json.redaction).toEqual({ at: expect.any(String), reason: 'careers-lead-replaced' });
      expect(withoutContact(json.content)).toEqual(withoutContact(before[i].content));
      expect(json.publishedAt).toBe(before[i].publishedAt);
      expectNoContact(JSON.stringify(json), HARBOUR.lead);
    }
    expect((await statementJson(HARBOUR.urn, 1)).content.procedure.minimumNoticeDays).toBe(30);

    // The earlier version points to the current statement; the latest (not yet republished) to the school's page, which names the new lead.
    const v1 = await statementHtml(HARBOUR.urn, 1);
    expect(v1).toContain(`Contact ${REDACTED_CAREERS_LEAD.replace("'", '&#39;')}.`);
    expect(v1).toContain(`<a class="govuk-link" href="${current}">Read the current version of this statement</a>`);
    expect(v1).toMatch(/were removed from this version on \d+ \w+ \d{4}, when the school named a new careers lead/);
    expect(v1).toContain('How a provider asks for access');
    expect(v1).toContain('Please give at least 30 days');
    expectNoContact(v1, HARBOUR.lead);
    const v2 = await statementHtml(HARBOUR.urn);
    expect(v2).toContain(`names its careers lead today`);
    expect(v2).toContain(`${SITE_URL}/school/?urn=${HARBOUR.urn}`);
    expectNoContact(v2, HARBOUR.lead);

    // Stored: the marker (when, why, by which role) and no index entry under the old address;
    // the settings audit item of the same moment says who.
    const items = await versionItems(HARBOUR.urn);
    const [change] = await listSchoolChanges(stack.store, HARBOUR.urn, 1);
    for (const item of items) {
      expect(item.redaction).toEqual({ at: change?.at, reason: 'careers-lead-replaced', byRole: 'careers_lead' });
      expect(item.gsi2pk).toBeUndefined();
      expect(JSON.stringify(item.content)).not.toContain(HARBOUR.lead.email);
    }
    expect(change).toMatchObject({ section: 'settings', by: HARBOUR.lead.email, changes: expect.arrayContaining(['careersLead changed']) });

    // A new version names the new lead; the old ones stay redacted and now point at it.
    const newLead = await stack.sessionFor('staff', next.email);
    await putRole(HARBOUR.urn, next);
    await publish(HARBOUR.urn, newLead);
    expect((await statementJson(HARBOUR.urn)).content.procedure.careersLead).toEqual(next);
    expect(await statementHtml(HARBOUR.urn, 2)).toContain('Read the current version of this statement');
    // Changing only the new lead's phone is not a replacement: nothing is redacted.
    await saveSettings(HARBOUR.urn, newLead, (s) => ({ ...s, careersLead: { ...next, phone: '01632 960100' } }));
    expect((await statementJson(HARBOUR.urn, 3)).content.procedure.careersLead).toEqual(next);
  });

  it('after a platform admin names another careers lead: the same, the marker by platform_admin in the appointment\'s transaction', async () => {
    const lead = await stack.sessionFor('staff', KINGSMEAD.lead.email);
    await publish(KINGSMEAD.urn, lead);
    const before = await statementJson(KINGSMEAD.urn, 1);
    const res = await stack.api({ method: 'POST', url: `/api/admin/schools/${KINGSMEAD.urn}/careers-lead`, cookies: [admin], body: { name: 'Alex Mbeki', email: 'alex.mbeki@kingsmead.example' } });
    expect(res.status, res.text).toBe(201);
    const after = await statementJson(KINGSMEAD.urn, 1);
    expect(after.content.procedure.careersLead).toMatchObject({ redacted: true, name: REDACTED_CAREERS_LEAD });
    expect(withoutContact(after.content)).toEqual(withoutContact(before.content));
    expectNoContact(await statementHtml(KINGSMEAD.urn, 1), KINGSMEAD.lead);
    const [item] = await versionItems(KINGSMEAD.urn);
    const [change] = await listSchoolChanges(stack.store, KINGSMEAD.urn, 1);
    expect(item?.redaction).toEqual({ at: change?.at, reason: 'careers-lead-replaced', byRole: 'platform_admin' });
    expect(change).toMatchObject({ by: ADMIN, changes: ['careers lead invited: Alex Mbeki <alex.mbeki@kingsmead.example> (replacing the previous careers lead, whose role was removed)'] });
  });

  it('after an erasure: a version still naming the erased lead is redacted with the erasure record; versions they published name the placeholder; no trace of the address is left', async () => {
    // Oakridge's lead publishes; the school's lead is then changed outside the service (as for a
    // version from before redaction existed), so the version still names them when they are erased.
    const lead = await stack.sessionFor('staff', OAKRIDGE.lead.email);
    await publish(OAKRIDGE.urn, lead);
    const before = await statementJson(OAKRIDGE.urn, 1);
    await stack.store.doc.send(
      new UpdateCommand({ TableName: stack.store.tableName, Key: schoolKey(OAKRIDGE.urn), UpdateExpression: 'SET careersLead = :l', ExpressionAttributeValues: { ':l': { name: 'Sam Hollis', email: 'sam.hollis@oakridge-middle.example' } } }),
    );
    // Harbour View's old lead (replaced above, versions already redacted) is erased too.
    const erased = await stack.api({ method: 'POST', url: '/api/admin/erasure', cookies: [admin], body: { email: OAKRIDGE.lead.email } });
    expect(erased.status, erased.text).toBe(200);
    expect(erased.json().erased.statementVersions).toBe(1);
    const harbour = await stack.api({ method: 'POST', url: '/api/admin/erasure', cookies: [admin], body: { email: HARBOUR.lead.email } });
    expect(harbour.status, harbour.text).toBe(200);
    expect(harbour.json().erased.statementVersions).toBe(2); // the two versions they published (already redacted)

    const json = await statementJson(OAKRIDGE.urn, 1);
    expect(json.content.procedure.careersLead).toEqual({ redacted: true, name: REDACTED_CAREERS_LEAD, currentStatementUrl: `${SITE_URL}/schools/${OAKRIDGE.urn}/statement` });
    expect(json.redaction).toEqual({ at: expect.any(String), reason: 'erased' });
    expect(withoutContact(json.content)).toEqual(withoutContact(before.content));
    const html = await statementHtml(OAKRIDGE.urn, 1);
    expect(html).toMatch(/were removed from this version on \d+ \w+ \d{4}, at the person’s request/);
    expectNoContact(html, OAKRIDGE.lead);

    const items = await scanTable(stack.store);
    const [record] = items.filter((i) => i.itemType === 'erasure' && i.placeholder === erased.json().erased.placeholder);
    const [version] = await versionItems(OAKRIDGE.urn);
    expect(version?.redaction).toEqual({ at: record?.at, reason: 'erased', byRole: 'platform_admin', erasureId: record?.id });
    expect(version?.publishedBy).toBe(erased.json().erased.placeholder);
    for (const v of await versionItems(HARBOUR.urn)) {
      if (Number(v.version) <= 2) expect(v.publishedBy).toBe(harbour.json().erased.placeholder);
      expect((v.redaction as { reason?: string } | undefined)?.reason ?? 'none').not.toBe('erased'); // redacted once, by the replacement
    }
    const dump = JSON.stringify(items).toLowerCase();
    expect(dump).not.toContain(OAKRIDGE.lead.email);
    expect(dump).not.toContain(HARBOUR.lead.email);
    // Running it again changes nothing more.
    const again = await stack.api({ method: 'POST', url: '/api/admin/erasure', cookies: [admin], body: { email: OAKRIDGE.lead.email } });
    expect(again.json().erased.statementVersions).toBe(0);
  });

  it('a version published while the lead is being replaced is not missed, nor one published from settings read before the change', async () => {
    const urn = '990104';
    const school = await getSchoolProfile(stack.store, urn);
    if (!school) throw new Error('no school');
    const version: StoredStatement = {
      urn,
      version: 1,
      publishedAt: new Date().toISOString(),
      publishedBy: school.careersLead.email,
      approvedOn: today,
      content: buildStatement(school, [], { approvedBy: 'the governing board', approvedOn: today }, { siteUrl: SITE_URL }),
    };
    const next = { ...school.careersLead, name: 'Robin Vance', email: 'robin.vance@willowlane.example' };
    // The redactions are read (no version yet); someone publishes; the settings change then fails, to be tried again.
    const items = await careersLeadReplacement(stack.store, school, next, { role: 'careers_lead', at: new Date().toISOString() });
    expect(await publishStatementVersion(stack.store, version, 0, versionOf(school, 'version'))).toBe(true);
    const fields = profileFieldsOf({ ...settingsOf(school), careersLead: next });
    expect(await updateSchoolSettings(stack.store, urn, fields, versionOf(school, 'version'), { by: 'x', now: new Date() }, items)).toBe(false);
    // Read again, it redacts version 1 and succeeds.
    const again = await careersLeadReplacement(stack.store, school, next, { role: 'careers_lead', at: new Date().toISOString() });
    expect(await updateSchoolSettings(stack.store, urn, fields, versionOf(school, 'version'), { by: 'x', now: new Date() }, again)).toBe(true);
    expect((await versionItems(urn))[0]?.redaction).toMatchObject({ reason: 'careers-lead-replaced' });
    // A version built from the settings before that change cannot be published after it.
    expect(await publishStatementVersion(stack.store, { ...version, version: 2 }, 1, versionOf(school, 'version'))).toBe(false);
  });
});

async function putRole(urn: string, person: { name: string; email: string }) {
  const { putStaffRole } = await import('#shared/store/staff.ts');
  await putStaffRole(stack.store, { urn, email: person.email, name: person.name, role: 'careers_lead' });
}
