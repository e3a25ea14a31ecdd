// Bookings that stay true when a calendar changes (issue 11), on the local stack with the
// demo trust: a request is made, then the school adds a closure, moves a term, shortens its
// day or moves an opportunity, and approving it (from the dashboard, from the emailed link)
// or the provider accepting a proposed time is refused with R-HOURS and what changed. A
// dry run lists exactly the bookings a change affects and writes nothing; after the save
// the dashboard and the request flag them and the lead gets one email listing them; keep,
// propose, reschedule and cancel resolve them; the daily job tells the lead about coming
// encounters a save that was interrupted left unflagged by email, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daily } from '#functions/daily.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { readInbox, type InboxEmail } from '#infra/local/ses.ts';
import { addDays, formatDate, formatDateShort } from '#shared/domain/dates.ts';
import { profileFieldsOf, settingsOf } from '#shared/domain/settings.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { createStore, type Store } from '#shared/store/client.ts';
import { getSchoolProfile, updateSchoolSettings, versionOf } from '#shared/store/schools.ts';
import { markAddressesConfirmed } from './support/confirmation.ts';
import { providerBody, schoolDayAhead } from './support/provider-body.ts';
import { signIn } from './support/sign-in.ts';
import { json, type Json } from './support/site.ts';
import { linkIn, startDemoStack, waitForEmail } from './support/stack.ts';
import { scanTable } from './support/table.ts';

const URN = '990101';
const LEAD = 'careers.lead@harbourview.example';

let stack: LocalStack;
let store: Store;
let lead: string;
let today: string;
beforeAll(async () => {
  stack = await startDemoStack();
  store = createStore({ tableName: stack.tableName, endpoint: stack.dynamodb.endpoint });
  lead = await signIn(stack, LEAD);
  today = londonDate(new Date().toISOString());
}, 90_000);
afterAll(async () => stack?.stop());

let n = 0;
const api = (path: string, init: RequestInit & { cookie?: string } = {}) =>
  fetch(`${stack.siteUrl}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      origin: stack.siteUrl,
      ...(init.cookie ? { cookie: init.cookie } : {}),
      'cloudfront-viewer-address': `10.2.${Math.floor(n / 200)}.${n++ % 200}:443`,
      ...(init.headers as Record<string, string>),
    },
  });
const post = (path: string, body: unknown = {}) => api(path, { method: 'POST', cookie: lead, body: JSON.stringify(body) });
const to = (address: string) => (e: InboxEmail) => e.destination.to.some((t) => t.includes(address));

interface Made {
  id: string;
  email: string;
  organisation: string;
  date: string;
}

/** A provider's request at Harbour View, with its own organisation and address. */
async function request(date: string, start: string, end: string, extra: Record<string, unknown> = {}): Promise<Made> {
  const k = ++n;
  const email = `liaison${k}@college${k}.example`;
  // Returning providers: their requests reach the school at once (issue 12, item 2).
  await markAddressesConfirmed(store, [email]);
  const organisation = `Recheck College ${k}`;
  const res = await api(`/api/schools/${URN}/requests`, {
    method: 'POST',
    body: JSON.stringify(
      providerBody({
        provider: { organisation, type: 'fe_college' },
        contact: { name: 'Sam Provider', email, phone: '01632 960111' },
        proposed: { date, start, end },
        yearGroups: [9],
        ...extra,
      }),
    ),
  });
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(201);
  return { id: body.request.id, email, organisation, date: body.request.date };
}

async function approved(date: string, start: string, end: string): Promise<Made> {
  const made = await request(date, start, end);
  const res = await post(`/api/manage/requests/${made.id}/approve`);
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
  return made;
}

async function readSettings(): Promise<Json> {
  const res = await api(`/api/manage/schools/${URN}/settings`, { cookie: lead });
  expect(res.status).toBe(200);
  return json(res);
}

/** Saves a change to the settings; answers a function that puts them back as they were. */
async function changeSettings(change: (s: Json) => Json, dryRun = false): Promise<{ answer: Json; restore: () => Promise<void> }> {
  const { settings, version } = await readSettings();
  const res = await api(`/api/manage/schools/${URN}/settings`, { method: 'PUT', cookie: lead, body: JSON.stringify({ version, settings: change(structuredClone(settings)), ...(dryRun ? { dryRun } : {}) }) });
  const answer = await json(res);
  expect(res.status, JSON.stringify(answer)).toBe(200);
  return {
    answer,
    restore: async () => {
      const now = await readSettings();
      const back = await api(`/api/manage/schools/${URN}/settings`, { method: 'PUT', cookie: lead, body: JSON.stringify({ version: now.version, settings }) });
      expect(back.status).toBe(200);
    },
  };
}

const withClosure = (date: string) => (s: Json) => ({ ...s, closures: [...s.closures, { start: date, end: date, reason: 'INSET' }] });

async function managed(id: string): Promise<Json> {
  const res = await api(`/api/manage/requests/${id}`, { cookie: lead });
  expect(res.status).toBe(200);
  return (await json(res)).request;
}

async function dashboard(): Promise<Json> {
  const res = await api(`/api/manage/schools/${URN}/requests`, { cookie: lead });
  expect(res.status).toBe(200);
  return json(res);
}

const savedOn = () => formatDateShort(today);

/**
 * The table once the mailer has caught up (its delivery markers), without sessions: a
 * signed-in session's idle refresh is sign-in's own write, whatever the call.
 */
async function settledTable(): Promise<string[]> {
  const snap = async () => (await scanTable(store)).filter((i) => !String(i.pk).startsWith('SESSION#')).map((i) => JSON.stringify(i));
  let last = await snap();
  // Unchanged over three looks a second apart: on a loaded machine the mailer can pause between emails.
  for (let still = 0; still < 3; ) {
    await new Promise((r) => setTimeout(r, 1_000));
    const now = await snap();
    still = now.join('\n') === last.join('\n') ? still + 1 : 0;
    last = now;
  }
  return last;
}

describe('R-HOURS: every decision re-checks the booking against the school as it is now', () => {
  it('a closure added after the request: approving answers 422 naming the INSET day and when it was added; nothing changes', async () => {
    const date = await schoolDayAhead(stack, URN, 45, 3);
    const made = await request(date, '10:00', '10:45');
    const { restore } = await changeSettings(withClosure(date));
    const res = await post(`/api/manage/requests/${made.id}/approve`);
    expect(res.status).toBe(422);
    const { error } = await json(res);
    expect(error).toMatchObject({ code: 'NOT_SCHOOL_DAY', rule: 'R-HOURS' });
    expect(error.message).toBe(`${formatDate(date)} is now an INSET day (closure added ${savedOn()}). Propose another time, or decline the request.`);
    expect((await managed(made.id)).status).toBe('pending');
    await restore();
    expect((await post(`/api/manage/requests/${made.id}/approve`)).status).toBe(200);
  });

  it('a term moved so the date is outside term time: 422 saying the settings changed', async () => {
    const date = await schoolDayAhead(stack, URN, 52, 4);
    const made = await request(date, '10:00', '10:45');
    const { restore } = await changeSettings((s) => ({
      ...s,
      terms: s.terms.map((t: Json) => (t.start <= date && date <= t.end ? (t.start < date ? { ...t, end: addDays(date, -1) } : { ...t, start: addDays(date, 1) }) : t)),
    }));
    const res = await post(`/api/manage/requests/${made.id}/approve`);
    expect(res.status).toBe(422);
    const { error } = await json(res);
    expect(error.rule).toBe('R-HOURS');
    expect(error.message).toMatch(new RegExp(`^${formatDate(date)} is now outside term time \\(settings changed ${savedOn()}\\)\\.`));
    await restore();
  });

  it('a shorter school day: 422 saying when the day now ends', async () => {
    const date = await schoolDayAhead(stack, URN, 45, 5);
    const made = await request(date, '13:00', '13:45');
    const { restore } = await changeSettings((s) => ({ ...s, schoolDay: { ...s.schoolDay, fri: { start: '08:40', end: '13:30' } } }));
    const res = await post(`/api/manage/requests/${made.id}/approve`);
    expect(res.status).toBe(422);
    const { error } = await json(res);
    expect(error).toMatchObject({ code: 'OUTSIDE_SESSION', rule: 'R-HOURS' });
    expect(error.message).toMatch(`The school day on Fridays now ends at 1:30pm (settings changed ${savedOn()}); this booking is from 1pm to 1:45pm.`);
    await restore();
  });

  it("an opportunity moved after a slot was requested: 422 naming the slot's new time", async () => {
    const slots = (await json(await api(`/api/schools/${URN}/slots?from=${addDays(today, 40)}&to=${addDays(today, 120)}`))).slots as Json[];
    const slot = slots.find((s) => s.opportunityId === 'y10-assembly' && s.placesLeft > 0)!;
    await markAddressesConfirmed(store, ['slot@college-slot.example']);
    const res0 = await api(`/api/schools/${URN}/requests`, {
      method: 'POST',
      body: JSON.stringify(providerBody({ contact: { name: 'Sam Provider', email: 'slot@college-slot.example', phone: '01632 960111' }, slot: { opportunityId: 'y10-assembly', date: slot.date } })),
    });
    expect(res0.status).toBe(201);
    const id = (await json(res0)).request.id;
    const { opportunities, version } = await json(await api(`/api/manage/schools/${URN}/opportunities`, { cookie: lead }));
    const moved = opportunities.map((o: Json) => (o.id === 'y10-assembly' ? { ...o, schedule: { ...o.schedule, start: '09:00', end: '09:30' } } : o));
    // The dry run first: the booking it would affect, and nothing written.
    const before = await settledTable();
    const dry = await api(`/api/manage/schools/${URN}/opportunities`, { method: 'PUT', cookie: lead, body: JSON.stringify({ version, opportunities: moved, dryRun: true }) });
    expect(dry.status).toBe(200);
    expect(await json(dry)).toEqual({
      dryRun: true,
      affected: [
        {
          id,
          organisation: 'Eastmouth College',
          date: slot.date,
          start: '08:50',
          end: '09:20',
          status: 'pending',
          yearGroups: [10],
          problems: [{ rule: 'R-HOURS', code: 'SLOT_TIME_CHANGED', message: `“Year 10 assembly” on ${formatDate(slot.date)} now runs from 9am to 9:30am; this booking is from 8:50am to 9:20am.` }],
        },
      ],
    });
    expect(await settledTable()).toEqual(before);
    const saved = await api(`/api/manage/schools/${URN}/opportunities`, { method: 'PUT', cookie: lead, body: JSON.stringify({ version, opportunities: moved }) });
    const savedBody = await json(saved);
    expect(saved.status).toBe(200);
    expect(savedBody.affected.map((a: Json) => a.id)).toEqual([id]);

    const res = await post(`/api/manage/requests/${id}/approve`);
    expect(res.status).toBe(422);
    const { error } = await json(res);
    expect(error).toMatchObject({ code: 'SLOT_TIME_CHANGED', rule: 'R-HOURS' });
    expect(error.message).toMatch(`“Year 10 assembly” on ${formatDate(slot.date)} now runs from 9am to 9:30am; this booking is from 8:50am to 9:20am.`);
    const back = await api(`/api/manage/schools/${URN}/opportunities`, { method: 'PUT', cookie: lead, body: JSON.stringify({ version: savedBody.version, opportunities }) });
    expect(back.status).toBe(200);
    expect((await post(`/api/manage/requests/${id}/approve`)).status).toBe(200);
  });

  it('the emailed approve link is re-checked too: 422 (JSON and the page), the link still unused', async () => {
    const date = await schoolDayAhead(stack, URN, 59, 3);
    const made = await request(date, '10:00', '10:45');
    const mail = await waitForEmail(stack, (e) => e.subject.startsWith('Provider access request') && (e.body.text ?? '').includes(made.email));
    const approve = linkIn(mail, /Approve: http\S+/).slice('Approve: '.length);
    // The token travels in the link's fragment (issue 12, item 3); the page posts it.
    const token = new URLSearchParams(new URL(approve).hash.slice(1)).get('token') ?? '';
    const decideWith = (body: Record<string, unknown>) =>
      fetch(`${stack.siteUrl}/api/actions`, { method: 'POST', headers: { 'content-type': 'application/json', origin: stack.siteUrl }, body: JSON.stringify({ token, ...body }) });
    const { restore } = await changeSettings(withClosure(date));
    const asJson = await decideWith({});
    expect(asJson.status).toBe(422);
    expect((await json(asJson)).error).toMatchObject({ rule: 'R-HOURS', message: expect.stringContaining(`${formatDate(date)} is now an INSET day (closure added ${savedOn()})`) });
    // A page of the old kind, still open in a tab, posting its form to the old address.
    const page = await fetch(`${stack.siteUrl}/api/actions/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.siteUrl }, body: '' });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain('is now an INSET day');
    await restore();
    const done = await decideWith({});
    expect(done.status).toBe(200);
    expect((await json(done)).done).toMatchObject({ action: 'approve', status: 'approved' });
  });

  it("the provider's accept of a proposed time is re-checked: a closure on that date since → 422", async () => {
    const made = await request(await schoolDayAhead(stack, URN, 66, 3), '10:00', '10:45');
    const other = await schoolDayAhead(stack, URN, 73, 4);
    expect((await post(`/api/manage/requests/${made.id}/propose`, { date: other, start: '11:00', end: '11:40' })).status).toBe(200);
    const mail = await waitForEmail(stack, (e) => e.subject.startsWith('Harbour View Academy proposes another time') && to(made.email)(e));
    const token = linkIn(mail, /#token=[\w-]+/).slice('#token='.length);
    const session = await api('/api/auth/session', { method: 'POST', body: JSON.stringify({ token }) });
    const provider = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { restore } = await changeSettings(withClosure(other));
    expect((await dashboard()).needsAttention.map((r: Json) => r.id)).toContain(made.id);
    const res = await api(`/api/requests/${made.id}/accept`, { method: 'POST', cookie: provider, body: '{}' });
    expect(res.status).toBe(422);
    const { error } = await json(res);
    expect(error.rule).toBe('R-HOURS');
    expect(error.message).toBe(`${formatDate(other)} is now an INSET day (closure added ${savedOn()}). Ask the school for another time, or withdraw the request.`);
    expect((await managed(made.id)).status).toBe('alternative_proposed');
    await restore();
    expect((await api(`/api/requests/${made.id}/accept`, { method: 'POST', cookie: provider, body: '{}' })).status).toBe(200);
  });
});

describe('a change shows its effect before it is saved, and flags what it affects after', () => {
  let day: string;
  const booked: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f', Made> = {} as never;
  let restoreClosure: () => Promise<void>;

  beforeAll(async () => {
    day = await schoolDayAhead(stack, URN, 87, 3);
    booked.a = await request(day, '10:00', '10:45'); // pending
    booked.b = await approved(day, '11:00', '11:45');
    booked.e = await approved(day, '12:00', '12:30');
    booked.f = await approved(day, '14:00', '14:30');
    booked.c = await request(await schoolDayAhead(stack, URN, 94, 3), '10:00', '10:45'); // another day: not affected
    booked.d = await request(await schoolDayAhead(stack, URN, 101, 3), '10:00', '10:45');
    expect((await post(`/api/manage/requests/${booked.d.id}/propose`, { date: day, start: '13:00', end: '13:40' })).status).toBe(200);
  }, 60_000);

  it('a dry run lists exactly the affected bookings, each with its problem, and writes nothing', async () => {
    const before = await settledTable();
    const { answer } = await changeSettings(withClosure(day), true);
    expect(await settledTable()).toEqual(before);
    expect(answer.dryRun).toBe(true);
    expect(answer.affected.map((x: Json) => x.id)).toEqual([booked.a.id, booked.b.id, booked.e.id, booked.d.id, booked.f.id]);
    expect(answer.affected[3]).toMatchObject({ organisation: booked.d.organisation, date: day, start: '13:00', end: '13:40', status: 'alternative_proposed' });
    for (const x of answer.affected) {
      expect(x.problems).toEqual([{ rule: 'R-HOURS', code: 'NOT_SCHOOL_DAY', message: `${formatDate(day)} is now an INSET day (closure added ${savedOn()}).` }]);
    }
    // Nothing affected: an empty list, still nothing written.
    const none = await changeSettings((s) => ({ ...s, premises: `${s.premises} Visitors sign in at reception.` }), true);
    expect(none.answer).toEqual({ dryRun: true, affected: [] });
    expect(await settledTable()).toEqual(before);
  });

  it('after the save: the dashboard and each request flag them, and the lead gets one email listing them', async () => {
    const saved = await changeSettings(withClosure(day));
    restoreClosure = saved.restore;
    const ids = [booked.a.id, booked.b.id, booked.e.id, booked.d.id, booked.f.id];
    expect(saved.answer.affected.map((x: Json) => x.id)).toEqual(ids);
    const board = await dashboard();
    expect(board.needsAttention.map((r: Json) => r.id)).toEqual(ids);
    expect(board.needsDecision.find((r: Json) => r.id === booked.c.id).attention).toEqual([]);
    const b = await managed(booked.b.id);
    expect(b.attention).toEqual([{ rule: 'R-HOURS', code: 'NOT_SCHOOL_DAY', message: `${formatDate(day)} is now an INSET day (closure added ${savedOn()}).` }]);
    expect(b.allowedActions).toContain('keep');

    const mail = await waitForEmail(stack, (e) => to(LEAD)(e) && e.subject === `5 bookings need your attention at Harbour View Academy`);
    const text = mail.body.text ?? '';
    for (const x of Object.values(booked).filter((m) => m !== booked.c)) {
      expect(text).toContain(x.organisation);
      expect(text).toContain(`/manage/requests/view/?id=${x.id}`);
    }
    expect(text).not.toContain(booked.c.organisation);
    expect(text).toContain('is now an INSET day');
    await new Promise((r) => setTimeout(r, 1_500));
    const all = (await readInbox(stack.ses.endpoint)).filter((e) => to(LEAD)(e) && /need(s)? your attention/.test(e.subject) && (e.body.text ?? '').includes(booked.a.id));
    expect(all).toHaveLength(1);
  });

  it('keep (with a reason, audited, nobody told), propose, reschedule and cancel resolve them; a new, different problem flags a kept one again', async () => {
    const { a, b, d, e, f } = booked;
    const inbox = async () => (await readInbox(stack.ses.endpoint)).length;
    await settledTable();

    const noReason = await post(`/api/manage/requests/${b.id}/keep`, {});
    expect(noReason.status).toBe(422);
    expect((await json(noReason)).error.code).toBe('KEEP_REASON_REQUIRED');
    const sent = await inbox();
    const kept = await post(`/api/manage/requests/${b.id}/keep`, { reason: 'The year team will host the college in the library' });
    expect(kept.status).toBe(200);
    const keptView = (await json(kept)).request;
    expect(keptView).toMatchObject({ status: 'approved', attention: [] });
    expect(keptView.history.at(-1)).toMatchObject({ type: 'ATTENTION_KEPT', note: 'The year team will host the college in the library' });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await inbox()).toBe(sent); // nobody is told
    expect((await post(`/api/manage/requests/${b.id}/keep`, { reason: 'Again' })).status).toBe(409); // nothing left to keep

    const newDay = await schoolDayAhead(stack, URN, 108, 4);
    expect((await post(`/api/manage/requests/${a.id}/propose`, { date: newDay, start: '10:00', end: '10:45' })).status).toBe(200);
    expect((await post(`/api/manage/requests/${e.id}/reschedule`, { date: newDay, start: '12:00', end: '12:30', reason: 'The school is closed that day' })).status).toBe(200);
    // Moving it onto another closed day is refused like any decision.
    const refused = await post(`/api/manage/requests/${f.id}/reschedule`, { date: day, start: '15:00', end: '15:10', reason: 'x' });
    expect(refused.status).toBe(422);
    expect((await post(`/api/manage/requests/${f.id}/cancel`, { reason: 'The school is closed that day' })).status).toBe(200);
    // Only the proposal waiting for the provider is left: the provider's accept would be refused.
    expect((await dashboard()).needsAttention.map((r: Json) => r.id)).toEqual([d.id]);

    // A different problem (the day open again, but a shorter Wednesday) flags the kept encounter again.
    await restoreClosure();
    expect((await dashboard()).needsAttention).toEqual([]);
    const shorter = await changeSettings((s) => ({ ...s, schoolDay: { ...s.schoolDay, wed: { start: '08:40', end: '11:30' } } }));
    expect(shorter.answer.affected.map((x: Json) => x.id)).toEqual([b.id, d.id]);
    expect((await managed(b.id)).attention).toEqual([
      { rule: 'R-HOURS', code: 'OUTSIDE_SESSION', message: `The school day on Wednesdays now ends at 11:30am (settings changed ${savedOn()}); this booking is from 11am to 11:45am.` },
    ]);
    await shorter.restore();
    expect((await dashboard()).needsAttention).toEqual([]);
  });
});

describe('the daily job', () => {
  it('tells the lead once about a coming encounter that a save left unflagged by email (an interrupted save)', async () => {
    const date = await schoolDayAhead(stack, URN, 115, 3);
    const g = await approved(date, '10:00', '10:45');
    // The profile written as a save writes it, but without the save's email: as if the save stopped there.
    const school = (await getSchoolProfile(store, URN))!;
    const settings = settingsOf(school);
    const fields = profileFieldsOf({ ...settings, closures: [...settings.closures, { start: date, end: date, reason: 'TRIP', note: 'Whole-school trip', addedOn: today }] });
    expect(await updateSchoolSettings(store, URN, fields, versionOf(school, 'version'), { by: LEAD, now: new Date() })).toBe(true);
    expect((await dashboard()).needsAttention.map((r: Json) => r.id)).toEqual([g.id]);

    const first = await daily(store, new Date());
    expect(first.failures).toEqual([]);
    expect(first.attention).toBe(1);
    const told = (e: InboxEmail) => to(LEAD)(e) && e.subject === '1 booking needs your attention at Harbour View Academy' && (e.body.text ?? '').includes(g.id);
    const mail = await waitForEmail(stack, told);
    expect(mail.body.text).toContain(`${formatDate(date)} is now a school trip day: Whole-school trip (closure added ${savedOn()}). (R-HOURS)`);
    expect(mail.body.text).toContain(`/manage/requests/view/?id=${g.id}`);
    const second = await daily(store, new Date());
    expect(second.attention).toBe(0);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await readInbox(stack.ses.endpoint)).filter(told)).toHaveLength(1);
    await updateSchoolSettings(store, URN, profileFieldsOf(settings), versionOf(school, 'version') + 1, { by: LEAD, now: new Date() });
  });
});
