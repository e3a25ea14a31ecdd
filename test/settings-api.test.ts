// The school settings API on the local stack with the demo trust: a careers lead signs in
// with the emailed link and reads and saves the settings (versioned), the opportunities
// (all rules at once, nothing saved on a refusal, slots follow) and the staff list; a
// deputy may edit settings but not staff; strangers get 401 and other schools 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { createStore, type Store } from '#shared/store/client.ts';
import { listSchoolChanges } from '#shared/store/school-changes.ts';
import { getSlot } from '#shared/store/slots.ts';
import { json, type Json } from './support/site.ts';
import { linkIn, startDemoStack, waitForEmail } from './support/stack.ts';

const URN = '990101';
const LEAD = 'careers.lead@harbourview.example';
const DEPUTY = 'deputy.head@harbourview.example';

let stack: LocalStack;
let store: Store;
let lead: Record<string, string>;
let deputy: Record<string, string>;

beforeAll(async () => {
  stack = await startDemoStack();
  store = createStore({ tableName: stack.tableName, endpoint: stack.dynamodb.endpoint });
  lead = await signIn(LEAD);
  deputy = await signIn(DEPUTY);
}, 90_000);
afterAll(async () => stack?.stop());

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.siteUrl}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', origin: stack.siteUrl, ...(init.headers as Record<string, string>) },
  });

const put = (path: string, auth: Record<string, string>, body: unknown, headers: Record<string, string> = {}) =>
  api(path, { method: 'PUT', body: JSON.stringify(body), headers: { ...auth, ...headers } });

/** Signs in with the emailed link, as the page does; returns the cookie header. */
async function signIn(email: string): Promise<Record<string, string>> {
  const asked = await api('/api/auth/sign-in', { method: 'POST', body: JSON.stringify({ email }) });
  expect(asked.status).toBe(202);
  const mail = await waitForEmail(stack, (e) => e.subject === 'Your sign-in link for Provider access' && e.destination.to.some((t) => t.includes(email)));
  const token = linkIn(mail, /#token=[\w-]+/).split('#token=')[1];
  const session = await api('/api/auth/session', { method: 'POST', body: JSON.stringify({ token }) });
  expect(session.status).toBe(200);
  expect((await json(session)).kind).toBe('staff');
  return { cookie: (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}

async function readSettings(auth = lead): Promise<Json> {
  const res = await api(`/api/manage/schools/${URN}/settings`, { headers: auth });
  expect(res.status).toBe(200);
  return json(res);
}

async function readOpportunities(): Promise<Json> {
  const res = await api(`/api/manage/schools/${URN}/opportunities`, { headers: lead });
  expect(res.status).toBe(200);
  return json(res);
}

/** A date `days` from today, as YYYY-MM-DD. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('settings API', () => {
  it('reads the settings with their version (0 for a profile never edited here)', async () => {
    const { settings, version, warnings } = await readSettings();
    expect(version).toBe(0);
    expect(warnings).toEqual([]);
    expect(settings).toMatchObject({
      minimumNoticeDays: 30,
      bookingWindowDays: 365,
      responseDeadlineSchoolDays: 10,
      pendingHoldsPlace: true,
      careersLead: { name: 'Jordan Ellery', email: LEAD, phone: '01632 960001' },
    });
    expect(settings.schoolDay.fri).toEqual({ start: '08:40', end: '14:00' });
    expect(settings.terms.length).toBeGreaterThan(6);
    expect(settings.closures[0]).toMatchObject({ reason: 'INSET' });
    expect(settings.groundsForRefusing).toHaveLength(7);
    expect(settings.premises).toMatch(/main hall/);
  });

  it('refuses without a session (401), at another school (403) and from another site (403)', async () => {
    const { settings, version } = await readSettings();
    for (const path of ['settings', 'opportunities', 'staff']) {
      const none = await api(`/api/manage/schools/${URN}/${path}`);
      expect(none.status).toBe(401);
      expect((await json(none)).error.code).toBe('SIGN_IN_REQUIRED');
      const other = await api(`/api/manage/schools/990102/${path}`, { headers: lead });
      expect(other.status).toBe(403);
      expect((await json(other)).error.code).toBe('NOT_YOUR_SCHOOL');
    }
    expect((await put(`/api/manage/schools/${URN}/settings`, {}, { version, settings })).status).toBe(401);
    const foreign = await put(`/api/manage/schools/${URN}/settings`, lead, { version, settings }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await json(foreign)).error.code).toBe('CROSS_SITE_REQUEST');
    const elsewhere = await put('/api/manage/schools/990102/settings', lead, { version, settings });
    expect(elsewhere.status).toBe(403);
    expect((await readSettings()).version).toBe(version);
  });

  it('R-NOTICE: saves a new minimum notice, which the public school page shows; other profile fields stay; the change is audited', async () => {
    const before = (await json(await api(`/api/schools/${URN}`))).school;
    const { settings, version } = await readSettings();
    const res = await put(`/api/manage/schools/${URN}/settings`, lead, { version, settings: { ...settings, minimumNoticeDays: 14 } });
    const saved = await json(res);
    expect(res.status, JSON.stringify(saved)).toBe(200);
    expect(saved).toMatchObject({ version: version + 1, updatedBy: LEAD, settings: { minimumNoticeDays: 14 } });

    const after = (await json(await api(`/api/schools/${URN}`))).school;
    expect(after.minimumNoticeDays).toBe(14);
    expect({ ...after, minimumNoticeDays: 30 }).toEqual(before);

    const [change] = await listSchoolChanges(store, URN);
    expect(change).toMatchObject({ section: 'settings', by: LEAD, role: 'careers_lead', changes: ['minimumNoticeDays: 30 → 14'], version: version + 1 });

    // Saving the same settings again changes nothing, not even the version.
    const again = await put(`/api/manage/schools/${URN}/settings`, lead, { version: version + 1, settings: saved.settings });
    expect((await json(again)).version).toBe(version + 1);
  });

  it('R-REASONABLE: the shortest encounter is a setting (20 minutes until changed), shown on the public school page and checked for opportunities', async () => {
    const { settings, version } = await readSettings();
    expect(settings.minimumLengthMinutes).toBe(20);
    expect((await json(await api(`/api/schools/${URN}`))).school.minimumLengthMinutes).toBe(20);
    const tooLow = await put(`/api/manage/schools/${URN}/settings`, lead, { version, settings: { ...settings, minimumLengthMinutes: 5 } });
    expect(tooLow.status).toBe(400);
    expect((await json(tooLow)).error.fields).toEqual({ 'settings.minimumLengthMinutes': 'Enter the shortest encounter in minutes from 10 to 120.' });

    const res = await put(`/api/manage/schools/${URN}/settings`, lead, { version, settings: { ...settings, minimumLengthMinutes: 40 } });
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
    expect((await json(await api(`/api/schools/${URN}`))).school.minimumLengthMinutes).toBe(40);

    // A 35-minute one-off is now too short to publish: refused at its end time, nothing written.
    const { opportunities, version: oppVersion } = await readOpportunities();
    const short = { title: 'Careers fair', sessionType: 'careers_fair', yearGroups: [10, 11], schedule: { kind: 'weekly', weekday: 'mon', start: '12:00', end: '12:35' }, capacity: 10, venue: 'Sports hall', facilities: [] };
    const refused = await put(`/api/manage/schools/${URN}/opportunities`, lead, { version: oppVersion, opportunities: [...opportunities.filter((o: Json) => o.id === 'y8-pshe'), short] });
    expect(refused.status).toBe(422);
    const { error } = await json(refused);
    expect(error.fields).toEqual({ 'opportunities.1.schedule.end': 'A 35-minute session is too short: the school asks for at least 40 minutes, so make it end at 12:40pm or later.' });
    expect(error.rules['opportunities.1.schedule.end']).toEqual(['R-REASONABLE']);
    expect(await readOpportunities()).toEqual({ opportunities, version: oppVersion });

    const back = await readSettings();
    expect((await put(`/api/manage/schools/${URN}/settings`, lead, { version: back.version, settings: { ...back.settings, minimumLengthMinutes: 20 } })).status).toBe(200);
  });

  it('a save from a stale version is refused with 409 SETTINGS_CHANGED, telling the person to reload', async () => {
    const { settings, version } = await readSettings();
    const res = await put(`/api/manage/schools/${URN}/settings`, lead, { version: version - 1, settings: { ...settings, minimumNoticeDays: 20 } });
    expect(res.status).toBe(409);
    const { error } = await json(res);
    expect(error.code).toBe('SETTINGS_CHANGED');
    expect(error.message).toMatch(/Reload the page/);
    expect((await readSettings()).settings.minimumNoticeDays).toBe(14);
  });

  it('of 8 saves from the same version at once, exactly one wins; the others get 409', async () => {
    const { settings, version } = await readSettings();
    const answers = await Promise.all(
      [21, 22, 23, 24, 25, 26, 27, 28].map((days) => put(`/api/manage/schools/${URN}/settings`, lead, { version, settings: { ...settings, minimumNoticeDays: days } })),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = await json(answers.find((r) => r.status === 200) as Response);
    const now = await readSettings();
    expect(now).toMatchObject({ version: version + 1, settings: { minimumNoticeDays: winner.settings.minimumNoticeDays } });
    const back = await put(`/api/manage/schools/${URN}/settings`, lead, { version: version + 1, settings: { ...settings, minimumNoticeDays: 14 } });
    expect(back.status).toBe(200);
  });

  it('R-HOURS: a school day ending before it starts and a term ending before it starts → 422, each at its field, nothing saved', async () => {
    const { settings, version } = await readSettings();
    const terms = [{ ...settings.terms[0], end: '2000-01-01' }, ...settings.terms.slice(1)];
    const res = await put(`/api/manage/schools/${URN}/settings`, lead, {
      version,
      settings: { ...settings, schoolDay: { ...settings.schoolDay, wed: { start: '15:00', end: '09:00' } }, terms, bookingWindowDays: 30, minimumNoticeDays: 45 },
    });
    expect(res.status).toBe(422);
    const { error } = await json(res);
    expect(error.code).toBe('SETTINGS_INVALID');
    expect(error.fields).toEqual({
      'settings.schoolDay.wed.end': expect.stringMatching(/Wednesday session ends at 9am, before it starts at 3pm/),
      'settings.terms.0.end': expect.stringMatching(/ends before it starts/),
      'settings.bookingWindowDays': expect.stringMatching(/longer than the minimum notice/),
    });
    expect((await readSettings()).version).toBe(version);
  });

  it('refuses malformed settings with 400 and the fields (never a 5xx)', async () => {
    const { settings, version } = await readSettings();
    const res = await put(`/api/manage/schools/${URN}/settings`, lead, {
      version,
      settings: {
        ...settings,
        schoolDay: { ...settings.schoolDay, mon: { start: '8:40', end: '15:10' }, sat: { start: '09:00', end: '12:00' } },
        minimumNoticeDays: 181,
        bookingWindowDays: 10,
        responseDeadlineSchoolDays: 0,
        groundsForRefusing: [],
        closures: [{ start: '2026-02-30', end: '2026-03-01', reason: 'HOLIDAY' }],
        careersLead: { name: 'Jordan\r\nBcc: x@example.com', email: 'not-an-email' },
      },
    });
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(Object.keys(error.fields).sort()).toEqual(
      [
        'settings.schoolDay.mon.start',
        'settings.schoolDay.sat',
        'settings.minimumNoticeDays',
        'settings.bookingWindowDays',
        'settings.responseDeadlineSchoolDays',
        'settings.groundsForRefusing',
        'settings.closures.0.start',
        'settings.closures.0.reason',
        'settings.careersLead.name',
        'settings.careersLead.email',
      ].sort(),
    );
    for (const body of [{ settings }, { version: 'x', settings }, { version, settings: { ...settings, premises: '' } }]) {
      const r = await put(`/api/manage/schools/${URN}/settings`, lead, body);
      expect(r.status).toBe(400);
    }
  });

  it('lets a deputy edit the settings but not the staff list (403 ROLE_REQUIRED)', async () => {
    const { settings, version } = await readSettings(deputy);
    const fridays = { ...settings.schoolDay, fri: { start: '08:40', end: '13:30' } };
    const res = await put(`/api/manage/schools/${URN}/settings`, deputy, { version, settings: { ...settings, schoolDay: fridays } });
    expect(res.status).toBe(200);
    expect((await json(res)).updatedBy).toBe(DEPUTY);

    const staff = await json(await api(`/api/manage/schools/${URN}/staff`, { headers: deputy }));
    expect(staff.canEdit).toBe(false);
    const refused = await put(`/api/manage/schools/${URN}/staff`, deputy, { staff: staff.staff.filter((m: Json) => m.email !== DEPUTY) });
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.code).toBe('ROLE_REQUIRED');
    expect((await json(await api(`/api/manage/schools/${URN}/staff`, { headers: lead }))).staff).toHaveLength(3);
  });
});

describe('opportunities API', () => {
  const from = () => inDays(40);
  const to = () => inDays(140);
  const slots = async () => (await json(await api(`/api/schools/${URN}/slots?from=${from()}&to=${to()}`))).slots as Json[];

  it('reads the opportunities with their schedules and a version', async () => {
    const { opportunities, version } = await readOpportunities();
    expect(version).toBe(0);
    expect(opportunities.map((o: Json) => o.id).sort()).toEqual(['y10-assembly', 'y8-pshe']);
    expect(opportunities.find((o: Json) => o.id === 'y10-assembly').schedule).toEqual({ kind: 'weekly', weekday: 'tue', start: '08:50', end: '09:20' });
  });

  it('R-YEARS and R-HOURS: a Year 7 opportunity and one at 07:00 are refused at their fields, and nothing is written', async () => {
    const { opportunities, version } = await readOpportunities();
    const fresh = (o: Json) => ({ title: 'Careers fair', sessionType: 'careers_fair', yearGroups: [10, 11], schedule: { kind: 'weekly', weekday: 'mon', start: '12:00', end: '13:00' }, capacity: 10, venue: 'Sports hall', facilities: [], ...o });
    const res = await put(`/api/manage/schools/${URN}/opportunities`, lead, {
      version,
      opportunities: [
        ...opportunities.filter((o: Json) => o.id !== 'y8-pshe'),
        fresh({ yearGroups: [7] }),
        fresh({ schedule: { kind: 'weekly', weekday: 'mon', start: '07:00', end: '08:00' } }),
        fresh({ yearGroups: [12] }),
      ],
    });
    expect(res.status).toBe(422);
    const { error } = await json(res);
    expect(error.code).toBe('OPPORTUNITIES_INVALID');
    expect(error.fields).toEqual({
      'opportunities.1.yearGroups': expect.stringMatching(/Year 7 is not covered by provider access/),
      'opportunities.2.schedule.start': expect.stringMatching(/On Mondays the school day runs from 8:40am to 3:10pm; start at 8:40am or later/),
      'opportunities.3.yearGroups': expect.stringMatching(/does not teach Year 12/),
    });
    expect(await readOpportunities()).toEqual({ opportunities, version });

    const shape = await put(`/api/manage/schools/${URN}/opportunities`, lead, { opportunities: [fresh({ capacity: 0, schedule: { kind: 'daily' } })] });
    expect(shape.status).toBe(400);
    expect(Object.keys((await json(shape)).error.fields)).toEqual(expect.arrayContaining(['opportunities.0.capacity', 'opportunities.0.schedule.kind']));
  });

  it("changes, adds and removes opportunities in one save; the school's slots follow, and booked slots take the new capacity", async () => {
    // A provider holds the next Year 10 assembly (capacity 1).
    const held = (await slots()).find((s) => s.opportunityId === 'y10-assembly');
    const created = await api(`/api/schools/${URN}/requests`, {
      method: 'POST',
      body: JSON.stringify({
        provider: { organisation: 'Eastmouth College', type: 'fe_college', ukprn: '10001234' },
        contact: { name: 'Riley Lane', email: 'riley.lane@eastmouth-college.example', phone: '01632 960100' },
        sessionType: 'assembly',
        yearGroups: [10],
        staffCount: 2,
        safeguardingAgreed: true,
        content: { provider: true, careers: true, learning: true, questions: true },
        slot: { opportunityId: 'y10-assembly', date: held?.date },
      }),
    });
    expect(created.status, JSON.stringify(await created.clone().json())).toBe(201);
    expect((await slots()).find((s) => s.opportunityId === 'y10-assembly' && s.date === held?.date)?.placesLeft).toBe(0);

    const { opportunities, version } = await readOpportunities();
    const assembly = opportunities.find((o: Json) => o.id === 'y10-assembly');
    const fairDate = (await slots()).find((s) => s.opportunityId === 'y8-pshe')?.date as string; // a Thursday in term
    const res = await put(`/api/manage/schools/${URN}/opportunities`, lead, {
      version,
      opportunities: [
        { ...assembly, capacity: 2, title: 'Year 10 assembly (two speakers)' },
        { title: 'Year 11 careers fair', sessionType: 'careers_fair', yearGroups: [11], schedule: { kind: 'once', date: fairDate, start: '12:30', end: '13:30' }, capacity: 12, venue: 'Sports hall', facilities: ['tables', ''].filter(Boolean) },
      ],
    });
    const saved = await json(res);
    expect(res.status, JSON.stringify(saved)).toBe(200);
    expect(saved.version).toBe(version + 1);
    const fair = saved.opportunities.find((o: Json) => o.title === 'Year 11 careers fair');
    expect(fair.id).toMatch(/^[0-9a-z]{26}$/);
    expect(saved.opportunities.map((o: Json) => o.id).sort()).toEqual([fair.id, 'y10-assembly'].sort());

    const after = await slots();
    expect(after.some((s) => s.opportunityId === 'y8-pshe')).toBe(false);
    expect(after.filter((s) => s.opportunityId === fair.id)).toEqual([expect.objectContaining({ date: fairDate, start: '12:30', end: '13:30', capacity: 12, placesLeft: 12 })]);
    expect(after.find((s) => s.opportunityId === 'y10-assembly' && s.date === held?.date)).toMatchObject({ capacity: 2, placesLeft: 1, title: 'Year 10 assembly (two speakers)' });
    expect((await getSlot(store, URN, held?.date, held?.start, 'y10-assembly'))).toMatchObject({ capacity: 2, held: 1 });

    const [change] = await listSchoolChanges(store, URN);
    expect(change).toMatchObject({ section: 'opportunities', by: LEAD, version: version + 1 });
    expect(change?.changes).toEqual([
      'changed "Year 10 assembly (two speakers)" (y10-assembly): title, capacity',
      `added "Year 11 careers fair" (${fair.id})`,
      'removed "Year 8 careers lesson" (y8-pshe)',
    ]);

    // A save from the version before is refused and writes nothing.
    const stale = await put(`/api/manage/schools/${URN}/opportunities`, lead, { version, opportunities: [] });
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.code).toBe('OPPORTUNITIES_CHANGED');
    expect((await readOpportunities()).opportunities).toHaveLength(2);
  });

  it('moves a weekly opportunity to another weekday and time; the settings warn when the school day leaves it out, first in the dry run', async () => {
    const { opportunities, version } = await readOpportunities();
    const moved = opportunities.map((o: Json) => (o.id === 'y10-assembly' ? { ...o, schedule: { kind: 'weekly', weekday: 'wed', start: '09:00', end: '09:30' } } : o));
    expect((await put(`/api/manage/schools/${URN}/opportunities`, lead, { version, opportunities: moved })).status).toBe(200);
    const assemblies = (await slots()).filter((s) => s.opportunityId === 'y10-assembly');
    expect(assemblies.length).toBeGreaterThan(5);
    expect(assemblies.every((s) => new Date(`${s.date}T12:00:00Z`).getUTCDay() === 3 && s.start === '09:00')).toBe(true);

    const { settings, version: v } = await readSettings();
    const { wed: _wed, ...noWednesday } = settings.schoolDay;
    // The dry run says it first (issue 16, item 6), and saves nothing.
    const dry = await put(`/api/manage/schools/${URN}/settings`, lead, { version: v, settings: { ...settings, schoolDay: noWednesday }, dryRun: true });
    expect(dry.status).toBe(200);
    expect((await json(dry)).warnings).toEqual([expect.objectContaining({ code: 'NO_SCHOOL_THAT_DAY', opportunityId: 'y10-assembly', message: expect.stringMatching(/gives no slots now/) })]);
    expect((await readSettings()).version).toBe(v);
    const res = await put(`/api/manage/schools/${URN}/settings`, lead, { version: v, settings: { ...settings, schoolDay: noWednesday } });
    expect(res.status).toBe(200);
    expect((await json(res)).warnings).toEqual([expect.objectContaining({ code: 'NO_SCHOOL_THAT_DAY', opportunityId: 'y10-assembly' })]);
    expect((await slots()).filter((s) => s.opportunityId === 'y10-assembly')).toEqual([]);
    // …and a weekly opportunity cannot be saved on a day without school.
    const refused = await put(`/api/manage/schools/${URN}/opportunities`, lead, { opportunities: moved });
    expect(refused.status).toBe(422);
    const at = moved.findIndex((o: Json) => o.id === 'y10-assembly');
    expect((await json(refused)).error.fields).toEqual({ [`opportunities.${at}.schedule.weekday`]: expect.stringMatching(/no session times on Wednesdays/) });
  });
});

describe('staff API', () => {
  const NEW = 'new.deputy@harbourview.example';

  it('lists the staff; the careers lead adds a deputy who can then sign in, and removes them again', async () => {
    const before = await json(await api(`/api/manage/schools/${URN}/staff`, { headers: lead }));
    expect(before.canEdit).toBe(true);
    expect(before.staff.map((m: Json) => [m.role, m.email])).toEqual([
      ['careers_lead', LEAD],
      ['deputy', DEPUTY],
      ['trust_admin', 'trust.admin@northfield-trust.example'],
    ]);

    const added = await put(`/api/manage/schools/${URN}/staff`, lead, { staff: [...before.staff, { email: 'New.Deputy@harbourview.example', name: 'Alex New', role: 'deputy' }] });
    expect(added.status).toBe(200);
    expect((await json(added)).staff).toContainEqual({ email: NEW, name: 'Alex New', role: 'deputy' });

    const newcomer = await signIn(NEW);
    expect((await readSettings(newcomer)).settings.careersLead.email).toBe(LEAD);

    const removed = await put(`/api/manage/schools/${URN}/staff`, lead, { staff: before.staff });
    expect(removed.status).toBe(200);
    expect((await json(removed)).staff).toHaveLength(3);
    const gone = await api(`/api/manage/schools/${URN}/settings`, { headers: newcomer });
    expect(gone.status).toBe(403);
    expect((await listSchoolChanges(store, URN, 2)).map((c) => c.changes)).toEqual([['removed deputy Alex New (new.deputy@harbourview.example)'], ['added deputy Alex New (new.deputy@harbourview.example)']]);
  });

  it('keeps the careers lead and trust admins: they cannot be removed, added or changed here', async () => {
    const { staff } = await json(await api(`/api/manage/schools/${URN}/staff`, { headers: lead }));
    const withoutLead = await put(`/api/manage/schools/${URN}/staff`, lead, { staff: staff.filter((m: Json) => m.role !== 'careers_lead') });
    expect(withoutLead.status).toBe(422);
    expect((await json(withoutLead)).error).toMatchObject({ code: 'ROLE_NOT_REMOVABLE', fields: { staff: expect.stringMatching(/Jordan Ellery .* is the careers lead/) } });

    const secondLead = await put(`/api/manage/schools/${URN}/staff`, lead, { staff: [...staff, { email: 'someone@harbourview.example', name: 'Some One', role: 'careers_lead' }] });
    expect(secondLead.status).toBe(422);
    expect((await json(secondLead)).error.fields).toHaveProperty(['staff.3.role']);

    const twice = await put(`/api/manage/schools/${URN}/staff`, lead, { staff: [...staff, { ...staff[1], name: 'Again' }] });
    expect(twice.status).toBe(422);
    expect((await json(twice)).error.fields).toHaveProperty(['staff.3.email']);
    expect((await json(await api(`/api/manage/schools/${URN}/staff`, { headers: lead }))).staff).toEqual(staff);
  });
});
