// Issue 14, item 5, through the API on the local stack (DynamoDB Local, the SES emulator):
// a provider asks to move an approved encounter and the careers lead approves it (the time
// changes; both sides get an invitation with the original UID and a higher SEQUENCE, read by
// ical.js) or declines it (the time stays; the provider is told why); a provider answers the
// school's proposed time with its own, checked by create's rules at its field with the rule
// id; and "Add to calendar" (invite.ics) gives each side the invitation's UID and SEQUENCE,
// and nobody else anything.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import type { InboxEmail } from '#infra/local/ses.ts';
import { addDays, dayOfWeek } from '#shared/domain/dates.ts';
import { isSchoolDay } from '#shared/domain/calendar.ts';
import { createStore, type Store } from '#shared/store/client.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { markAddressesConfirmed } from './support/confirmation.ts';
import { icsOf } from './support/mail.ts';
import { providerBody, schoolDayAhead } from './support/provider-body.ts';
import { signIn } from './support/sign-in.ts';
import { json, siteCaller } from './support/site.ts';
import { startDemoStack, waitForEmail } from './support/stack.ts';

const LEAD = 'careers.lead@harbourview.example';
let stack: LocalStack;
let store: Store;
let lead: string;
let otherLead: string;
beforeAll(async () => {
  stack = await startDemoStack();
  store = createStore({ tableName: stack.tableName, endpoint: stack.dynamodb.endpoint });
  lead = await signIn(stack, LEAD);
  otherLead = await signIn(stack, 'careers@kingsmead.example');
}, 90_000);
afterAll(async () => stack?.stop());

let n = 0;
const api = siteCaller(() => stack.siteUrl, '10.7');
const post = (path: string, cookie: string, body: unknown = {}) => api(path, { method: 'POST', cookie, body: JSON.stringify(body) });

/** A returning provider's request, signed in as that provider. */
async function newRequest(daysAhead: number, start = '10:00', end = '10:45') {
  const date = await schoolDayAhead(stack, '990101', daysAhead);
  const email = `mover${++n}@college${n}.example`;
  await markAddressesConfirmed(store, [email]);
  const res = await api('/api/schools/990101/requests', {
    method: 'POST',
    body: JSON.stringify(providerBody({ proposed: { date, start, end }, yearGroups: [9], contact: { name: 'Morgan Mover', email, phone: '01632 960111' } })),
  });
  const body = await json(res);
  if (res.status !== 201) throw new Error(JSON.stringify(body));
  // The acknowledgement carries a sign-in link too: signing in after it replaces that one, not the other way round.
  await waitForEmail(stack, (e) => e.subject.startsWith('Request sent to') && to(email)(e));
  const provider = await signIn(stack, email);
  return { id: body.request.id as string, date, email, provider };
}

const to = (address: string) => (e: InboxEmail) => e.destination.to.some((t) => t.includes(address));
const eventOf = (e: InboxEmail) => icsOf(e).getFirstSubcomponent('vevent')!;
const seq = (ev: ICAL.Component) => Number(ev.getFirstPropertyValue('sequence'));
const uid = (ev: ICAL.Component) => String(ev.getFirstPropertyValue('uid'));
const icsText = async (res: Response) => new ICAL.Component(ICAL.parse(await res.text())).getFirstSubcomponent('vevent')!;

async function approved(daysAhead: number) {
  const r = await newRequest(daysAhead);
  expect((await post(`/api/manage/requests/${r.id}/approve`, lead)).status).toBe(200);
  const invite = await waitForEmail(stack, (e) => e.subject.startsWith('Approved:') && to(r.email)(e));
  return { ...r, invite };
}

/** A weekday ahead between two of the school's terms (a half term or holiday). */
async function holidayWeekday(): Promise<string> {
  const school = await getSchoolProfile(store, '990101');
  let d = addDays(new Date().toISOString().slice(0, 10), 45);
  for (let i = 0; i < 400; i++, d = addDays(d, 1)) if (![0, 6].includes(dayOfWeek(d)) && school && !isSchoolDay(school, d)) return d;
  throw new Error('no holiday weekday found');
}
const saturdayAhead = (days: number) => {
  let d = addDays(new Date().toISOString().slice(0, 10), days);
  while (dayOfWeek(d) !== 6) d = addDays(d, 1);
  return d;
};

describe('issue 14, item 5: a provider asks to move an approved encounter', () => {
  it('ask → the lead is emailed and sees it → approves: the time changes, both get the new time with the same UID and SEQUENCE + 1; the downloads match', async () => {
    const r = await approved(50);
    const newDate = await schoolDayAhead(stack, '990101', 52, 4);
    const asked = await post(`/api/requests/${r.id}/move`, r.provider, { date: newDate, start: '13:00', end: '13:45', reason: 'Our minibus is booked <that> week' });
    expect(asked.status).toBe(200);
    const askedBody = (await json(asked)).request;
    // Still approved at its old time while the move waits.
    expect(askedBody).toMatchObject({ status: 'approved', date: r.date, start: '10:00', move: { date: newDate, start: '13:00', end: '13:45', reason: 'Our minibus is booked <that> week' } });

    const askMail = await waitForEmail(stack, (e) => e.subject.startsWith('Move asked:') && to(LEAD)(e) && (e.body.text ?? '').includes(r.email));
    expect(askMail.body.text).toContain('Our minibus is booked <that> week');
    expect(askMail.body.html).toContain('Our minibus is booked &lt;that&gt; week');
    expect(askMail.body.html).not.toContain('<that>');
    expect(askMail.attachments.some((a) => (a.contentType ?? '').includes('calendar'))).toBe(false);

    const board = await json(await api('/api/manage/schools/990101/requests', { cookie: lead }));
    const row = board.upcoming.find((x: { id: string }) => x.id === r.id);
    expect(row.move).toMatchObject({ date: newDate, start: '13:00' });
    expect(row.allowedActions).toEqual(expect.arrayContaining(['approve_move', 'decline_move']));

    const ok = await post(`/api/manage/requests/${r.id}/approve-move`, lead);
    expect(ok.status).toBe(200);
    const after = (await json(ok)).request;
    expect(after).toMatchObject({ status: 'approved', date: newDate, start: '13:00', end: '13:45' });
    expect(after.move).toBeUndefined();
    expect(after.history.map((h: { type: string }) => h.type)).toEqual(expect.arrayContaining(['REQUEST_APPROVED', 'MOVE_ASKED', 'MOVE_APPROVED']));

    const first = eventOf(r.invite);
    for (const who of [r.email, LEAD]) {
      const mail = await waitForEmail(stack, (e) => e.subject.startsWith('New time:') && to(who)(e) && eventOf(e) !== undefined && uid(eventOf(e)) === uid(first));
      const ev = eventOf(mail);
      expect(icsOf(mail).getFirstPropertyValue('method')).toBe('REQUEST');
      expect(seq(ev)).toBe(seq(first) + 1);
      expect(String(ev.getFirstProperty('dtstart')!.getFirstValue())).toContain(`${newDate}T13:00:00`);
      expect(String(ev.getFirstPropertyValue('description'))).toContain('Our minibus is booked <that> week');
    }

    // "Add to calendar" on each side: the same UID, the SEQUENCE last sent, the new time.
    for (const [path, cookie] of [[`/api/requests/${r.id}/invite.ics`, r.provider], [`/api/manage/requests/${r.id}/invite.ics`, lead]] as const) {
      const res = await api(path, { cookie });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="provider-access-\d{4}-\d{2}-\d{2}\.ics"$/);
      const ev = await icsText(res);
      expect(uid(ev)).toBe(uid(first));
      expect(seq(ev)).toBe(seq(first) + 1);
      expect(String(ev.getFirstProperty('dtstart')!.getFirstValue())).toContain(`${newDate}T13:00:00`);
    }
  });

  it('the lead declines a move with a reason: the time stays, the provider is told why, no new invitation', async () => {
    const r = await approved(57);
    const newDate = await schoolDayAhead(stack, '990101', 59, 4);
    expect((await post(`/api/requests/${r.id}/move`, r.provider, { date: newDate, start: '11:00', end: '11:45', reason: 'Staff training' })).status).toBe(200);
    // A second ask while one waits is refused.
    const again = await post(`/api/requests/${r.id}/move`, r.provider, { date: newDate, start: '12:00', end: '12:45', reason: 'Or this' });
    expect(again.status).toBe(409);
    expect((await json(again)).error.code).toBe('MOVE_ALREADY_ASKED');
    const noReason = await post(`/api/manage/requests/${r.id}/decline-move`, lead, {});
    expect(noReason.status).toBe(422);
    expect((await json(noReason)).error.fields.reason).toBeTruthy();
    const declined = await post(`/api/manage/requests/${r.id}/decline-move`, lead, { reason: 'Year 9 have exams that week' });
    expect(declined.status).toBe(200);
    const after = (await json(declined)).request;
    expect(after).toMatchObject({ status: 'approved', date: r.date, start: '10:00', end: '10:45' });
    expect(after.move).toBeUndefined();
    const mail = await waitForEmail(stack, (e) => e.subject.startsWith('Move declined:') && to(r.email)(e));
    expect(mail.body.text).toContain('Year 9 have exams that week');
    expect(mail.attachments.some((a) => (a.contentType ?? '').includes('calendar'))).toBe(false);
    const ev = await icsText(await api(`/api/requests/${r.id}/invite.ics`, { cookie: r.provider }));
    expect(seq(ev)).toBe(seq(eventOf(r.invite)));
    // Answering again: nothing waits.
    expect((await json(await post(`/api/manage/requests/${r.id}/approve-move`, lead))).error.code).toBe('NO_MOVE_ASKED');
  });

  it('the lead\'s emailed links answer that one ask: the page only reads, approving acts once, and the other link then says what was done', async () => {
    const r = await approved(78);
    const newDate = await schoolDayAhead(stack, '990101', 80, 4);
    expect((await post(`/api/requests/${r.id}/move`, r.provider, { date: newDate, start: '11:00', end: '11:45', reason: 'Our speaker is away' })).status).toBe(200);
    const mail = await waitForEmail(stack, (e) => e.subject.startsWith('Move asked:') && to(LEAD)(e) && (e.body.text ?? '').includes(r.email));
    const token = (label: string) => new RegExp(`${label}[^:]*: \\S+/actions/#token=([\\w-]+)`).exec(mail.body.text ?? '')?.[1] ?? '';
    const [approve, decline] = [token('Approve the move'), token('Decline the move')];
    expect(approve).not.toBe('');
    expect(decline).not.toBe('');
    const anon = (path: string, body: unknown) => api(path, { method: 'POST', body: JSON.stringify(body) });

    const view = await anon('/api/actions/view', { token: decline });
    expect(view.status).toBe(200);
    expect((await json(view)).link).toMatchObject({ action: 'decline-move', move: { date: newDate, start: '11:00', reason: 'Our speaker is away' } });
    expect((await json(await anon('/api/actions', { token: decline }))).error.fields.reason).toBeTruthy();

    const done = await anon('/api/actions', { token: approve });
    expect(done.status).toBe(200);
    expect((await json(done)).done).toMatchObject({ action: 'approve-move', status: 'approved' });
    expect((await json(await api(`/api/requests/${r.id}`, { cookie: r.provider }))).request).toMatchObject({ date: newDate, start: '11:00' });
    const used = await anon('/api/actions', { token: approve });
    expect(used.status).toBe(410);
    const late = await anon('/api/actions/view', { token: decline });
    expect(late.status).toBe(410);
    expect((await json(late)).error).toMatchObject({ code: 'ALREADY_DECIDED' });
    expect((await json(await anon('/api/actions/view', { token: decline }))).error.message).toMatch(/^You approved this move on /);
  });

  it('a move is checked by create\'s rules, at its field with the rule id', async () => {
    const r = await approved(64);
    const cases: [string, Record<string, string>, string, string][] = [
      ['a Saturday', { date: saturdayAhead(66), start: '10:00', end: '10:45' }, 'date', 'R-HOURS'],
      ['07:00', { date: await schoolDayAhead(stack, '990101', 66), start: '07:00', end: '07:45' }, 'start', 'R-HOURS'],
      ['next week', { date: await schoolDayAhead(stack, '990101', 7), start: '10:00', end: '10:45' }, 'date', 'R-NOTICE'],
    ];
    for (const [what, when, field, rule] of cases) {
      const res = await post(`/api/requests/${r.id}/move`, r.provider, { ...when, reason: 'x' });
      const body = await json(res);
      expect(res.status, what).toBe(422);
      expect(body.error.fields[field], what).toBeTruthy();
      expect(body.error.rules[field], what).toContain(rule);
    }
    expect((await json(await api(`/api/requests/${r.id}`, { cookie: r.provider }))).request.move).toBeUndefined();
  });
});

describe('issue 14, item 5: a provider counters a proposed time', () => {
  it('a Saturday, a half-term date and 07:00 are refused at their field with the rule id; a good counter returns to pending at the new time and tells the lead', async () => {
    const r = await newRequest(71);
    const proposedDate = await schoolDayAhead(stack, '990101', 73, 2);
    expect((await post(`/api/manage/requests/${r.id}/propose`, lead, { date: proposedDate, start: '11:00', end: '11:45', message: 'Would this suit?' })).status).toBe(200);

    const cases: [string, Record<string, string>, string, string][] = [
      ['a Saturday', { date: saturdayAhead(74), start: '10:00', end: '10:45' }, 'date', 'R-HOURS'],
      ['a half-term date', { date: await holidayWeekday(), start: '10:00', end: '10:45' }, 'date', 'R-HOURS'],
      ['07:00', { date: await schoolDayAhead(stack, '990101', 74), start: '07:00', end: '07:45' }, 'start', 'R-HOURS'],
    ];
    for (const [what, when, field, rule] of cases) {
      const res = await post(`/api/requests/${r.id}/counter`, r.provider, { ...when, message: 'x' });
      const body = await json(res);
      expect(res.status, what).toBe(422);
      expect(body.error.fields[field], what).toBeTruthy();
      expect(body.error.rules[field], what).toContain(rule);
    }
    expect((await json(await api(`/api/requests/${r.id}`, { cookie: r.provider }))).request.status).toBe('alternative_proposed');

    const counterDate = await schoolDayAhead(stack, '990101', 75, 4);
    const res = await post(`/api/requests/${r.id}/counter`, r.provider, { date: counterDate, start: '13:30', end: '14:15', message: 'Thursday <b>afternoon</b> suits us better' });
    expect(res.status).toBe(200);
    const body = (await json(res)).request;
    expect(body).toMatchObject({ status: 'pending', date: counterDate, start: '13:30', end: '14:15' });
    expect(body.alternative).toBeUndefined();
    expect(body.responseDueBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const mail = await waitForEmail(stack, (e) => e.subject.startsWith('New time offered:') && to(LEAD)(e) && (e.body.text ?? '').includes('Thursday <b>afternoon</b>'));
    expect(mail.body.html).toContain('Thursday &lt;b&gt;afternoon&lt;/b&gt;');
    expect(mail.body.text).toMatch(/Approve: http\S+\/actions\/#token=/);
    const lead_ = await json(await api(`/api/manage/requests/${r.id}`, { cookie: lead }));
    expect(lead_.request).toMatchObject({ status: 'pending', date: counterDate, start: '13:30' });
    expect(lead_.request.allowedActions).toEqual(['approve', 'decline', 'propose']);
    expect(lead_.request.history.map((h: { type: string }) => h.type)).toContain('COUNTER_OFFERED');
  });
});

describe('issue 14, item 5: "Add to calendar" downloads are each side\'s own', () => {
  it('another provider and another school get 404; a request not yet approved has none', async () => {
    const r = await approved(85);
    const other = await newRequest(92);
    for (const [path, cookie] of [[`/api/requests/${r.id}/invite.ics`, other.provider], [`/api/manage/requests/${r.id}/invite.ics`, otherLead]] as const) {
      const res = await api(path, { cookie });
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('BEGIN:VCALENDAR');
    }
    const pending = await api(`/api/requests/${other.id}/invite.ics`, { cookie: other.provider });
    expect(pending.status).toBe(404);
    expect((await json(pending)).error.code).toBe('CALENDAR_NOT_FOUND');
    expect((await api(`/api/requests/${r.id}/invite.ics`)).status).toBe(401);
  });
});
