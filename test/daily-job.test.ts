// The daily job on the local stack (issue 5 item 7): requests made through the API, then
// the job's bare function run "on" chosen days; the emails read from the SES emulator's
// inbox, sent by the mailer on the stream. Reminders at 3 and 7 school days, expiry after
// the deadline (place released, both told), expiry of an unanswered alternative, the
// provider's reminder 2 school days before a visit, the lead's delivery reminder after it,
// and every reminder sent once however often the job runs on a day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daily } from '#functions/daily.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { readInbox, type InboxEmail } from '#infra/local/ses.ts';
import { addDays, formatDate, formatDateShort, formatDateTimeRange } from '#shared/domain/dates.ts';
import { CONTENT_ITEM_LABELS, CONTENT_ITEMS } from '#shared/domain/labels.ts';
import { deliveryReminderDate, pendingReminderDate, visitReminderDate } from '#shared/domain/reminders.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { deliveriesFor } from '#shared/usecases/notify.ts';
import { createStore, type Store } from '#shared/store/client.ts';
import { reminderQueued } from '#shared/store/reminders.ts';
import { listRequestEvents } from '#shared/store/request-events.ts';
import { getRequest } from '#shared/store/requests.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { getSchoolProfile, listAllSchools } from '#shared/store/schools.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import { getSlot } from '#shared/store/slots.ts';
import { applyAction } from '#shared/usecases/transition.ts';
import { markAddressesConfirmed } from './support/confirmation.ts';
import { json } from './support/site.ts';
import { linkIn, startDemoStack, waitForEmail } from './support/stack.ts';

const URN = '990101';
const LEAD = 'careers.lead@harbourview.example';
const SCHOOL_ACTOR = { party: 'school' as const, id: LEAD };

let stack: LocalStack;
let store: Store;
let school: StoredSchool;
let today: string;
let slots: { date: string; start: string; end: string }[];

beforeAll(async () => {
  stack = await startDemoStack();
  store = createStore({ tableName: stack.tableName, endpoint: stack.dynamodb.endpoint });
  school = (await getSchoolProfile(store, URN))!;
  today = londonDate(new Date().toISOString());
  // Harbour View's Tuesday Year 10 assembly (one place each): a different date per request.
  const from = addDays(today, 40);
  const res = await api(`/api/schools/${URN}/slots?from=${from}&to=${addDays(from, 110)}`);
  slots = (await json(res)).slots.filter((s: { opportunityId: string }) => s.opportunityId === 'y10-assembly');
}, 90_000);
afterAll(async () => stack?.stop());

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.siteUrl}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', origin: stack.siteUrl, ...(init.headers as Record<string, string>) },
  });

/** 06:00 UTC on a date, when the EventBridge rule fires: the job "on" that day. */
const on = (date: string) => new Date(`${date}T06:00:00Z`);

/** A request through the API for the next free Tuesday assembly; answers the stored request. */
async function createRequest(organisation: string, email: string, contactName = 'Riley Lane'): Promise<StoredRequest> {
  const slot = slots.shift();
  if (!slot) throw new Error('no slots left');
  // A returning provider: the request reaches the school at once (issue 12, item 2).
  await markAddressesConfirmed(store, [email]);
  const res = await api(`/api/schools/${URN}/requests`, {
    method: 'POST',
    body: JSON.stringify({
      provider: { organisation, type: 'fe_college', ukprn: '10001234' },
      contact: { name: contactName, email, phone: '01632 960100' },
      sessionType: 'assembly',
      yearGroups: [10],
      staffCount: 2,
      safeguardingAgreed: true,
      facilities: ['projector'],
      content: { provider: true, careers: true, learning: true, questions: true },
      notes: '',
      slot: { opportunityId: 'y10-assembly', date: slot.date },
    }),
  });
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(201);
  return (await getRequest(store, URN, body.request.id))!;
}

async function approve(request: StoredRequest): Promise<StoredRequest> {
  return applyAction(store, request, 'approve', SCHOOL_ACTOR, {});
}

/** Every email so far matching a filter, after giving the mailer time to send any stragglers. */
async function settledEmails(match: (e: InboxEmail) => boolean): Promise<InboxEmail[]> {
  await new Promise((r) => setTimeout(r, 1_500));
  return (await readInbox(stack.ses.endpoint)).filter(match);
}

const to = (address: string) => (e: InboxEmail) => e.destination.to.some((t) => t.includes(address));

/** Runs the job twice on a day: the second run finds everything already done. */
async function runTwice(date: string) {
  const first = await daily(store, on(date));
  const second = await daily(store, on(date));
  expect(first.failures).toEqual([]);
  expect(second.failures).toEqual([]);
  expect(second.expired).toBe(0);
  expect(Object.values(second.reminders).every((n) => n === 0)).toBe(true);
  return { first, second };
}

describe('daily job', () => {
  it('visits every school through the schools list, without a scan', async () => {
    const urns: string[] = [];
    for await (const page of listAllSchools(store, 2)) urns.push(...page.map((s) => s.urn));
    expect(urns).toEqual(['990101', '990102', '990103', '990104']);
    const summary = await daily(store, on(today));
    expect(summary).toMatchObject({ today, schools: 4, failures: [] });
  });

  it('reminds the careers lead of an unanswered request after 3 and after 7 school days, each once', async () => {
    const request = await createRequest('Pending Reminder College', 'pending@reminder-college.example');
    const day3 = pendingReminderDate(school, today, 3)!;
    const day7 = pendingReminderDate(school, today, 7)!;
    expect(day7 <= request.responseDeadline).toBe(true);

    await daily(store, on(addDays(day3, -1)));
    expect(await reminderQueued(store, URN, request.id, 'pending-3', request.date)).toBe(false);

    const { first } = await runTwice(day3);
    expect(first.reminders['pending-3']).toBeGreaterThanOrEqual(1);
    const third = await waitForEmail(stack, (e) => to(LEAD)(e) && e.subject.startsWith("Reminder: Pending Reminder College's request is waiting"));
    expect(third.subject).toContain(`(by ${formatDateShort(request.responseDeadline)})`);
    expect(third.body.text).toContain('waiting 3 school days');
    expect(third.body.text).toContain(`Please answer by ${formatDate(request.responseDeadline)}`);
    expect(linkIn(third, /http:\/\/localhost:\d+\/manage\/requests\/view\/\?id=\w+/)).toContain(`?id=${request.id}`);
    expect(third.replyTo?.join()).toContain('pending@reminder-college.example');

    // The days between send nothing more; the 7th school day sends the second reminder.
    await runTwice(addDays(day3, 1));
    await runTwice(day7);
    await waitForEmail(stack, (e) => to(LEAD)(e) && e.subject.startsWith('Reminder: Pending Reminder College') && (e.body.text ?? '').includes('waiting 7 school days'));
    const reminders = await settledEmails((e) => to(LEAD)(e) && e.subject.startsWith('Reminder: Pending Reminder College'));
    expect(reminders.map((e) => /waiting (\d) school days/.exec(e.body.text ?? '')?.[1]).sort()).toEqual(['3', '7']);
    expect((await getRequest(store, URN, request.id))?.status).toBe('pending');
  });

  it('expires a request past the response deadline: status expired, slot place released, both sides told once', async () => {
    const request = await createRequest('Expiry College', 'expiry@expiry-college.example');
    const slotKey = [URN, request.date, request.start, 'y10-assembly'] as const;
    expect((await getSlot(store, ...slotKey))?.held).toBe(1);

    await daily(store, on(request.responseDeadline));
    expect((await getRequest(store, URN, request.id))?.status).toBe('pending');

    const { first } = await runTwice(addDays(request.responseDeadline, 1));
    expect(first.expired).toBeGreaterThanOrEqual(1);
    const expired = (await getRequest(store, URN, request.id))!;
    expect(expired).toMatchObject({ status: 'expired', reason: `the school did not answer by ${formatDateShort(request.responseDeadline)}` });
    expect(expired.heldSlot).toBeUndefined();
    expect((await getSlot(store, ...slotKey))?.held).toBe(0);
    const events = await listRequestEvents(store, URN, request.id);
    expect(events.at(-1)).toMatchObject({ type: 'REQUEST_EXPIRED', actor: { party: 'system', id: 'daily' }, from: 'pending', to: 'expired', notify: ['school', 'provider'] });

    const toLead = await waitForEmail(stack, (e) => to(LEAD)(e) && e.subject.startsWith("Expired: Expiry College's request"));
    expect(toLead.body.text).toContain(`was not answered by ${formatDate(request.responseDeadline)}`);
    expect(toLead.body.text).toContain(`/manage/requests/view/?id=${request.id}`);
    const toProvider = await waitForEmail(stack, (e) => to('expiry@expiry-college.example')(e) && e.subject.startsWith('Expired: your request to Harbour View Academy'));
    expect(toProvider.body.text).toContain(`Harbour View Academy did not answer your request for ${formatDate(request.date)}`);
    expect(linkIn(toProvider, /http:\/\/localhost:\d+\/sign-in\/confirm\/#token=[\w-]+/)).toBeTruthy();
    expect(toProvider.replyTo?.join()).toContain(LEAD);
    expect(await settledEmails((e) => e.subject.startsWith("Expired: Expiry College's request") || (to('expiry@expiry-college.example')(e) && e.subject.startsWith('Expired:')))).toHaveLength(2);
  });

  it('expires an alternative time the provider did not accept by its respond-by date', async () => {
    const request = await createRequest('Alternative College', 'alt@alternative-college.example');
    const respondBy = addDays(today, 3);
    const alternative = { date: addDays(request.date, 7), start: '10:00', end: '10:30', respondBy };
    const proposed = await applyAction(store, request, 'propose', SCHOOL_ACTOR, alternative);
    expect(proposed.status).toBe('alternative_proposed');

    await daily(store, on(respondBy));
    expect((await getRequest(store, URN, request.id))?.status).toBe('alternative_proposed');
    await runTwice(addDays(respondBy, 1));
    expect((await getRequest(store, URN, request.id))).toMatchObject({ status: 'expired', reason: `the proposed time was not answered by ${formatDateShort(respondBy)}` });
    expect((await getSlot(store, URN, request.date, request.start, 'y10-assembly'))?.held).toBe(0);

    const toLead = await waitForEmail(stack, (e) => to(LEAD)(e) && e.subject === `Expired: Alternative College did not answer the time you proposed (${request.reference})`);
    expect(toLead.body.text).toContain(`by ${formatDate(respondBy)}`);
    const toProvider = await waitForEmail(stack, (e) => to('alt@alternative-college.example')(e) && e.subject.startsWith('Expired:'));
    expect(toProvider.body.text).toContain('You did not accept the time Harbour View Academy proposed');
  });

  it('reminds the provider 2 school days before an approved visit: date, time, arrival, the four things to cover; once; HTML escaped', async () => {
    const request = await approve(await createRequest('Visit College', 'visit@visit-college.example', 'Sam <b>Bold</b> & Co'));
    const due = visitReminderDate(school, request.date);

    await daily(store, on(addDays(due, -1)));
    expect(await reminderQueued(store, URN, request.id, 'visit', request.date)).toBe(false);
    const { first } = await runTwice(due);
    expect(first.reminders.visit).toBeGreaterThanOrEqual(1);

    const email = await waitForEmail(stack, (e) => to('visit@visit-college.example')(e) && e.subject === `Reminder: your visit to Harbour View Academy on ${formatDateShort(request.date)} (${request.reference})`);
    const text = email.body.text ?? '';
    expect(text).toContain(`Date and time: ${formatDateTimeRange(request.date, request.start, request.end)}`);
    expect(text).toContain('Address: Harbour View Academy, 1 Quay Road, Eastmouth, ZZ1 1AA');
    expect(text).toContain('On arrival: Arrive 15 minutes early (by 8:35am) and go to reception to sign in. Bring photo ID for each of your 2 staff');
    expect(text).toContain('Where: Main hall');
    for (const item of CONTENT_ITEMS) expect(text).toContain(CONTENT_ITEM_LABELS[item]);
    expect(email.body.html).toContain('Dear Sam &lt;b&gt;Bold&lt;/b&gt; &amp; Co');
    expect(email.body.html).not.toContain('<b>Bold');
    expect(email.replyTo?.join()).toContain(LEAD);

    // The link signs the provider in and lands on the request.
    const token = linkIn(email, /http:\/\/localhost:\d+\/sign-in\/confirm\/#token=[\w-]+/).split('#token=')[1];
    const session = await api('/api/auth/session', { method: 'POST', body: JSON.stringify({ token }) });
    expect((await json(session)).next).toBe(`/requests/view/?id=${request.id}`);

    // Later runs before the visit send nothing more.
    await runTwice(addDays(request.date, -1));
    expect(await settledEmails((e) => to('visit@visit-college.example')(e) && e.subject.startsWith('Reminder: your visit'))).toHaveLength(1);
  });

  it('asks the careers lead to record delivery after the encounter: the four items and attendance; once', async () => {
    const request = await approve(await createRequest('Delivery College', 'delivery@delivery-college.example'));
    const due = deliveryReminderDate(school, request.date);

    await daily(store, on(request.date));
    expect(await reminderQueued(store, URN, request.id, 'delivery', request.date)).toBe(false);
    const { first } = await runTwice(due);
    expect(first.reminders.delivery).toBeGreaterThanOrEqual(1);
    await runTwice(addDays(due, 1));

    const subject = `Record delivery: Delivery College, Year 10, ${formatDateShort(request.date)} (${request.reference})`;
    const email = await waitForEmail(stack, (e) => to(LEAD)(e) && e.subject === subject);
    for (const item of CONTENT_ITEMS) expect(email.body.text).toContain(CONTENT_ITEM_LABELS[item]);
    expect(email.body.text).toContain('number of pupils on roll and the number who took part from Year 10');
    expect(email.body.text).toContain(`/manage/requests/view/?id=${request.id}`);
    expect(await settledEmails((e) => e.subject === subject)).toHaveLength(1);
  });

  it('runs twice at once on the same day and still sends each reminder once', async () => {
    const a = await createRequest('Race College A', 'a@race-college.example');
    const b = await createRequest('Race College B', 'b@race-college.example');
    const day3 = pendingReminderDate(school, today, 3)!;
    const runs = await Promise.all([daily(store, on(day3)), daily(store, on(day3)), daily(store, on(day3))]);
    for (const run of runs) expect(run.failures).toEqual([]);
    expect(runs.reduce((n, r) => n + r.reminders['pending-3'], 0)).toBe(2);
    await waitForEmail(stack, (e) => e.subject.startsWith("Reminder: Race College B's request"));
    const emails = await settledEmails((e) => e.subject.startsWith('Reminder: Race College'));
    expect(emails.map((e) => e.subject.split("'")[0]).sort()).toEqual(['Reminder: Race College A', 'Reminder: Race College B']);
    for (const r of [a, b]) expect(await reminderQueued(store, URN, r.id, 'pending-3', r.date)).toBe(true);
  });

  it('sends no reminder decided on a state that has changed since (the lead answered in between)', async () => {
    const request = await approve(await createRequest('Changed College', 'changed@changed-college.example'));
    const deliveries = await deliveriesFor(store, { itemType: 'outbox', kind: 'reminder', reminder: 'pending-3', urn: URN, requestId: request.id, status: 'pending', date: request.date });
    expect(deliveries).toEqual([]);
  });
});
