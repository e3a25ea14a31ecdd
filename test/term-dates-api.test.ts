// Term dates and bank holidays from files (issue 17, items 2 and 3), on DynamoDB Local with
// the demo trust. A council-shaped .ics (all-day VEVENTs: each term spanning, its half term
// and holidays spanning, one event per INSET day, DTEND exclusive) previews with the
// settings dry run naming the booking an INSET day falls on, and saves through the settings
// PUT with the preview's version; the CSV template does the same; a trust admin applies one
// file to two schools, each its own conditional write; GOV.UK's bank-holidays.json adds a
// one-off day every school-day check then refuses (R-HOURS), and the admin answer warns
// when the list ends within six months.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSchoolDay, schoolDayCheck } from '#shared/domain/calendar.ts';
import { addDays, isWeekend } from '#shared/domain/dates.ts';
import { bankHolidays } from '#shared/domain/bank-holidays.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import type { Term } from '#shared/domain/types.ts';
import { putPlatformAdmin } from '#shared/store/platform-admins.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { liveBookings } from '#shared/usecases/attention.ts';
import { markAddressesConfirmed } from './support/confirmation.ts';
import { schoolDay, startInProcessStack, type InProcessStack } from './support/in-process-stack.ts';
import { providerBody } from './support/provider-body.ts';
import { allDay, councilIcs } from './support/term-dates.ts';

const URN = '990101';
let stack: InProcessStack;
const who = { lead: '', otherLead: '', trust: '', admin: '' };
let today: string;
beforeAll(async () => {
  stack = await startInProcessStack('termdates');
  who.lead = await stack.sessionFor('staff', 'careers.lead@harbourview.example');
  who.otherLead = await stack.sessionFor('staff', 'careers@kingsmead.example');
  who.trust = await stack.sessionFor('staff', 'trust.admin@northfield-trust.example');
  await putPlatformAdmin(stack.store, { email: 'dates.admin@provider-access.example', name: 'Dates Admin', addedAt: new Date().toISOString() });
  who.admin = await stack.sessionFor('staff', 'dates.admin@provider-access.example');
  today = londonDate(new Date().toISOString());
}, 90_000);
afterAll(async () => stack?.stop());

const preview = (urn: string, body: string, contentType: string, cookie = who.lead) =>
  stack.api({ method: 'POST', url: `/api/manage/schools/${urn}/term-dates/preview`, cookies: [cookie], body, headers: { 'content-type': contentType } });

describe('term dates from a council .ics (issue 17, item 2)', () => {
  it('R-HOURS: imports, previews the booking an INSET day falls on, and saves through the settings PUT', async () => {
    const read = (await stack.api({ method: 'GET', url: `/api/manage/schools/${URN}/settings`, cookies: [who.lead] })).json();
    // A provider's request, waiting for the school: a live booking the file's INSET day falls on.
    const contact = { name: 'Dates Contact', email: 'dates.provider@college.example', phone: '01632 960100' };
    await markAddressesConfirmed(stack.store, [contact.email]);
    const date = await schoolDay(stack.store, URN, 56);
    const created = await stack.api({ method: 'POST', url: `/api/schools/${URN}/requests`, body: providerBody({ proposed: { date, start: '10:00', end: '10:45' }, yearGroups: [9], contact }) });
    expect(created.status, created.text).toBe(201);
    const booking = (await liveBookings(stack.store, URN, today)).find((r) => r.id === created.json().request.id);
    if (!booking) throw new Error('the request is not a live booking');
    const terms: Term[] = read.settings.terms;
    const ics = councilIcs(terms, [booking.date]);

    const res = await preview(URN, ics, 'text/calendar');
    expect(res.status, res.text).toBe(200);
    const p = res.json();
    // The half terms split each council term back into the school's six a year.
    expect(p.termDates.terms.map((t: Term) => [t.start, t.end])).toEqual(terms.map((t) => [t.start, t.end]));
    expect(p.termDates.terms[0].name).toMatch(/^Autumn term \d{4} \(1\)$/);
    expect(p.termDates.closures).toEqual([{ start: booking.date, end: booking.date, reason: 'INSET', note: 'INSET day (school closed to pupils)' }]);
    expect(p.version).toBe(read.version);
    expect(p.dryRun.affected.map((a: { id: string }) => a.id)).toContain(booking.id);
    expect(p.dryRun.affected.find((a: { id: string }) => a.id === booking.id).problems[0].rule).toBe('R-HOURS');
    // Nothing saved by the preview.
    const still = (await stack.api({ method: 'GET', url: `/api/manage/schools/${URN}/settings`, cookies: [who.lead] })).json();
    expect(still.version).toBe(read.version);
    expect(still.settings.terms).toEqual(terms);

    const saved = await stack.api({ method: 'PUT', url: `/api/manage/schools/${URN}/settings`, cookies: [who.lead], body: { version: p.version, settings: p.settings } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json().version).toBe(read.version + 1);
    expect(saved.json().affected.map((a: { id: string }) => a.id)).toContain(booking.id);
    const school = await getSchoolProfile(stack.store, URN);
    expect(school?.calendar.terms[1]?.name).toMatch(/\(2\)$/);
    expect(school && schoolDayCheck(school, booking.date)).toMatchObject({ ok: false, reason: 'CLOSURE' });
    // The exams closure the file does not speak of is kept.
    expect(school?.calendar.closures.some((c) => c.reason === 'EXAMS')).toBe(true);
  });

  it('refuses a file it cannot read (400), one with no terms (422, R-HOURS), another school (403) and a file over 256 KB (413)', async () => {
    expect((await preview(URN, 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage', 'text/calendar')).json().error.code).toBe('TERM_DATES_UNREADABLE');
    const holidaysOnly = ['BEGIN:VCALENDAR', 'VERSION:2.0', ...allDay('Christmas holiday', '2030-12-20', '2031-01-03'), 'END:VCALENDAR'].join('\r\n');
    const none = await preview(URN, holidaysOnly, 'text/calendar');
    expect([none.status, none.json().error.code, none.json().error.rule]).toEqual([422, 'NO_TERMS_IN_FILE', 'R-HOURS']);
    expect((await preview(URN, holidaysOnly, 'text/calendar', who.otherLead)).status).toBe(403);
    expect((await preview(URN, 'x'.repeat(300 * 1024), 'text/csv')).status).toBe(413);
    expect((await preview(URN, '{}', 'application/json')).status).toBe(415);
  });
});

describe('term dates from the CSV template', () => {
  it('maps terms, half terms, holidays and INSET rows, and names the line of a bad row', async () => {
    const csv = [
      'type,name,start,end',
      'term,Autumn term 2031,2031-09-03,2031-12-19',
      'half-term,Autumn half term,27/10/2031,31/10/2031',
      'holiday,Christmas holiday,2031-12-22,2032-01-02',
      'term,Spring term 2032,2032-01-05,2032-03-26',
      'inset,INSET day,2031-09-03,',
      'inset,INSET day,2032-01-05',
    ].join('\n');
    const res = await preview('990103', csv, 'text/csv', await stack.sessionFor('staff', 'careers@oakridge-middle.example'));
    expect(res.status, res.text).toBe(200);
    const p = res.json();
    expect(p.termDates.terms).toEqual([
      { name: 'Autumn term 2031 (1)', start: '2031-09-03', end: '2031-10-26' },
      { name: 'Autumn term 2031 (2)', start: '2031-11-01', end: '2031-12-19' },
      { name: 'Spring term 2032', start: '2032-01-05', end: '2032-03-26' },
    ]);
    expect(p.termDates.closures.map((c: { start: string }) => c.start)).toEqual(['2031-09-03', '2032-01-05']);
    expect(p.settings.terms.slice(-3)).toEqual(p.termDates.terms);
    const bad = await preview('990103', 'type,name,start,end\nterm,Autumn,2031-09-03,2031-12-19\nsemester,Oops,2031-01-01,2031-01-02\n', 'text/csv', await stack.sessionFor('staff', 'careers@oakridge-middle.example'));
    expect([bad.status, bad.json().error.code]).toEqual([400, 'TERM_DATES_UNREADABLE']);
    expect(bad.json().error.message).toMatch(/line 3: the type "semester"/);
  });
});

describe('a trust admin applies one calendar to several schools', () => {
  const file = ['BEGIN:VCALENDAR', 'VERSION:2.0', ...allDay('Autumn term 2032 starts', '2032-09-02'), ...allDay('Autumn half term', '2032-10-25', '2032-10-29'), ...allDay('Autumn term 2032 ends', '2032-12-17'), ...allDay('Staff training day', '2032-09-02'), 'END:VCALENDAR'].join('\r\n');

  it('previews each chosen school, saves each at its own version, and says per school what happened', async () => {
    const url = '/api/manage/trusts/northfield-learning-trust/term-dates';
    const pre = await stack.api({ method: 'POST', url: `${url}/preview?schools=990101,990102`, cookies: [who.trust], body: file, headers: { 'content-type': 'text/calendar' } });
    expect(pre.status, pre.text).toBe(200);
    const p = pre.json();
    expect(p.trust.id).toBe('northfield-learning-trust');
    expect(p.termDates.terms.map((t: Term) => t.name)).toEqual(['Autumn term 2032 (1)', 'Autumn term 2032 (2)']);
    expect(p.schools.map((s: { urn: string }) => s.urn)).toEqual(['990101', '990102']);
    for (const s of p.schools) expect(s.dryRun.dryRun).toBe(true);

    // A lead is no trust admin: refused; a school outside the caller's trust roles: refused.
    expect((await stack.api({ method: 'POST', url: `${url}/preview?schools=990101`, cookies: [who.lead], body: file, headers: { 'content-type': 'text/calendar' } })).status).toBe(403);

    const schools = p.schools.map((s: { urn: string; version: number }) => ({ urn: s.urn, version: s.version }));
    const saved = await stack.api({ method: 'POST', url, cookies: [who.trust], body: { termDates: p.termDates, schools } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json().schools.map((s: { urn: string; outcome: string }) => [s.urn, s.outcome])).toEqual([['990101', 'saved'], ['990102', 'saved']]);
    for (const urn of ['990101', '990102']) {
      const school = await getSchoolProfile(stack.store, urn);
      expect(school?.calendar.terms.filter((t) => t.start.startsWith('2032-'))).toEqual([
        { name: 'Autumn term 2032 (1)', start: '2032-09-02', end: '2032-10-24' },
        { name: 'Autumn term 2032 (2)', start: '2032-10-30', end: '2032-12-17' },
      ]);
      expect(school && isSchoolDay(school, '2032-09-02')).toBe(false); // the staff training day
    }
    // The same versions again: each school has moved on, and says so without stopping the other.
    const again = await stack.api({ method: 'POST', url, cookies: [who.trust], body: { termDates: p.termDates, schools } });
    expect(again.json().schools.map((s: { outcome: string }) => s.outcome)).toEqual(['changed', 'changed']);
  });
});

describe('bank holidays from GOV.UK (issue 17, item 3)', () => {
  /** A weekday school day ahead at the demo school that the rules do not make a holiday. */
  async function schoolDayAhead(): Promise<string> {
    const school = await getSchoolProfile(stack.store, '990102');
    for (let d = addDays(today, 40); d < addDays(today, 400); d = addDays(d, 1)) if (!isWeekend(d) && school && isSchoolDay(school, d)) return d;
    throw new Error('no school day ahead');
  }
  const file = (extra: { title: string; date: string }[], years: number[]) => ({
    'england-and-wales': {
      division: 'england-and-wales',
      events: [...years.flatMap((y) => bankHolidays(y).map((h) => ({ title: h.name, date: h.date, notes: '', bunting: true }))), ...extra.map((e) => ({ ...e, notes: '', bunting: true }))],
    },
    scotland: { division: 'scotland', events: [] },
  });
  const put = (body: unknown, cookie = who.admin) => stack.api({ method: 'PUT', url: '/api/admin/bank-holidays', cookies: [cookie], body });

  it('R-HOURS: a one-off day in the file is a bank holiday wherever school days are counted; the answer warns when the list ends within six months', async () => {
    const before = (await stack.api({ method: 'GET', url: '/api/admin/bank-holidays', cookies: [who.admin] })).json();
    expect(before.warning).toMatch(/No bank-holiday list/);
    const oneOff = await schoolDayAhead();
    const year = Number(oneOff.slice(0, 4));
    // A list ending within six months of today: loaded, and warned about.
    const short = await put(file([{ title: 'A one-off bank holiday', date: oneOff }], [year - 1, year].filter((y) => y <= year)));
    expect(short.status, short.text).toBe(200);
    expect(short.json().added).toEqual([{ date: oneOff, name: 'A one-off bank holiday' }]);
    const ends = short.json().loaded.until;
    expect(Boolean(short.json().warning)).toBe(ends <= addDays(today, 183));

    const school = await getSchoolProfile(stack.store, '990102');
    expect(school && schoolDayCheck(school, oneOff)).toMatchObject({ ok: false, reason: 'BANK_HOLIDAY' });
    expect(JSON.stringify(school?.calendar.bankHolidays?.add)).toContain(oneOff);
    // Never written onto the school's profile.
    const raw = await stack.store.doc.send(new (await import('@aws-sdk/lib-dynamodb')).GetCommand({ TableName: stack.store.tableName, Key: { pk: 'SCHOOL#990102', sk: 'PROFILE' } }));
    expect(JSON.stringify(raw.Item)).not.toContain('bankHolidays');

    // A list two years on: no warning.
    const long = await put(file([{ title: 'A one-off bank holiday', date: oneOff }], [year, year + 1, year + 2]));
    expect(long.json().warning).toBeUndefined();
    // A list that ends within six months of today is warned about.
    const soon = await put(file([], [Number(today.slice(0, 4)) - 1]));
    expect(soon.json().warning).toMatch(/ended on|within six months/);

    expect((await put({ scotland: {} })).status).toBe(400);
    expect((await put(file([], [year]), who.lead)).status).toBe(403);
  });
});
