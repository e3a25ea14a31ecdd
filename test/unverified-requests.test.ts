// Issue 12, item 2: a request from an address nobody has confirmed held a place at once and
// emailed the school text the sender wrote; plus-addressing beat the per-address limit.
// Now a first request from an address waits, unconfirmed, for its provider to follow the
// emailed link: no place, nothing for the school, an email with no sender text. Run in
// process against DynamoDB Local and the SES emulator, with the mailer on the stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { InboxEmail } from '#infra/local/ses.ts';
import { CONFIRMED_ADDRESS_SECONDS, getConfirmedAddress, isConfirmedAddress, recordConfirmedAddress } from '#shared/store/confirmed-addresses.ts';
import { getRequest, requestKey } from '#shared/store/requests.ts';
import { getSchoolProfile, putSchoolProfile } from '#shared/store/schools.ts';
import { getSlot } from '#shared/store/slots.ts';
import { CREATE_LIMITS } from '#shared/usecases/create-request.ts';
import { confirmProviderRequest } from '#shared/usecases/confirm-request.ts';
import { erasePersonalData } from '#shared/usecases/erasure.ts';
import { providerRequest } from '#shared/usecases/provider-requests.ts';
import { ownRequests, providerRequestList } from '#shared/usecases/provider-request-list.ts';
import { cookieValue } from './support/in-process.ts';
import { schoolDays, startInProcessStack, type InProcessStack } from './support/in-process-stack.ts';
import { confirmationTokenIn, isConfirmationFor, markAddressesConfirmed } from './support/confirmation.ts';
import { providerBody } from './support/provider-body.ts';
import { insideOneWindow, WAITS_FOR_WINDOW } from './support/rate-window.ts';

const LEAD = 'careers.lead@harbourview.example';
const DAY_MS = 24 * 60 * 60 * 1000;

let stack: InProcessStack;
let staff: string;
let tuesdays: string[];
beforeAll(async () => {
  stack = await startInProcessStack('unverified');
  staff = await stack.sessionFor('staff', LEAD);
  // Harbour View's Year 10 assembly: Tuesdays, one place a slot.
  tuesdays = await schoolDays(stack.store, '990101', 40, 2, 20);
}, 60_000);
afterAll(async () => stack?.stop());

let slotIndex = 0;
const freshSlot = () => ({ opportunityId: 'y10-assembly', date: tuesdays[slotIndex++]! });

const MARKUP = '<img src=x onerror=alert(1)><a href="https://evil.example/pay">Pay the invoice now</a>';

function slotBody(email: string, slot: { opportunityId: string; date: string }, overrides: Record<string, unknown> = {}) {
  return providerBody({ slot, contact: { name: `Sender ${MARKUP}`, email, phone: '01632 960100' }, ...overrides });
}

async function send(urn: string, body: unknown, extra: { cookies?: string[]; headers?: Record<string, string> } = {}) {
  return stack.api({ method: 'POST', url: `/api/schools/${urn}/requests`, body, ...extra });
}

/** What the mailer sends for everything new since `seen`. */
async function newMail(seen: Set<string>): Promise<InboxEmail[]> {
  await stack.deliverMail();
  return (await stack.inbox()).filter((e) => !seen.has(e.messageId));
}

async function inboxIds(): Promise<Set<string>> {
  return new Set((await stack.inbox()).map((e) => e.messageId));
}

async function confirmationFor(email: string, seen: Set<string>): Promise<InboxEmail> {
  const found = (await newMail(seen)).find(isConfirmationFor(email));
  if (!found) throw new Error(`no confirmation email to ${email}`);
  return found;
}

const confirm = (token: string, headers: Record<string, string> = {}) => stack.api({ method: 'POST', url: '/api/request-confirmations', body: { token }, headers });

async function dashboardIds(): Promise<string[]> {
  const res = await stack.api({ method: 'GET', url: '/api/manage/schools/990101/requests', cookies: [staff] });
  expect(res.status).toBe(200);
  const body = res.json();
  return [...body.needsDecision, ...body.awaitingProvider, ...body.upcoming].map((r: { id: string }) => r.id);
}

describe('issue 12, item 2: unverified requests', () => {
  it('a first request from an address is stored unconfirmed: no place held, no email to the lead, not on the dashboard; its confirmation email carries no sender text', async () => {
    const email = 'first.time@new-college.example';
    const slot = freshSlot();
    const seen = await inboxIds();
    const res = await send('990101', slotBody(email, slot, { provider: { organisation: `Evil ${MARKUP}`, type: 'fe_college' }, notes: `Please read: ${MARKUP}` }));
    expect(res.status, res.text).toBe(201);
    const created = res.json().request;
    expect(created.status).toBe('unconfirmed');
    expect(Date.parse(created.confirmBy) - Date.now()).toBeGreaterThan(DAY_MS - 60_000);
    expect(Date.parse(created.confirmBy) - Date.now()).toBeLessThanOrEqual(DAY_MS);
    expect(created).not.toHaveProperty('responseDueBy');

    // No place: the slot was not even written.
    expect((await getSlot(stack.store, '990101', slot.date, '08:50', 'y10-assembly'))?.held ?? 0).toBe(0);
    // On no school index, with the TTL attribute at its 24 hours.
    const raw = (await stack.store.doc.send(new GetCommand({ TableName: stack.store.tableName, Key: requestKey('990101', created.id) }))).Item;
    expect(raw).toBeDefined();
    expect(raw).not.toHaveProperty('gsi1pk');
    expect(raw?.expiresAt).toBe(Math.floor(Date.parse(created.confirmBy) / 1000));

    // One email, to the address only: the confirmation. Nothing to the careers lead.
    const mail = await newMail(seen);
    expect(mail.map((e) => e.subject)).toEqual([`Confirm your provider access request to Harbour View Academy (${created.reference})`]);
    const [confirmation] = mail;
    expect(confirmation?.destination.to).toEqual([email]);
    expect(confirmation?.replyTo ?? []).toEqual([]);
    expect(mail.some((e) => e.destination.to.some((t) => t.includes(LEAD)))).toBe(false);
    // Fixed words, the school's name, the reference and the link: nothing the sender wrote.
    for (const part of [confirmation?.body.text ?? '', confirmation?.body.html ?? '', confirmation?.subject ?? '']) {
      for (const planted of ['evil', 'Pay the invoice', 'onerror', '<img', '&lt;img', 'Evil', 'Sender', 'Please read', 'Eastmouth']) expect(part).not.toContain(planted);
    }
    expect(confirmation?.body.text).toContain('Harbour View Academy');
    // The reference a person reads (issue 14, item 6), never the internal id.
    expect(confirmation?.body.text).toContain(`Reference: ${created.reference}`);
    expect(confirmation?.body.text).not.toContain(created.id);
    // The school's search by reference does not find it either: not the school's yet.
    expect((await stack.api({ method: 'GET', url: `/api/manage/schools/990101/requests?reference=${created.reference}`, cookies: [staff] })).status).toBe(404);
    expect(confirmation?.body.html).toContain(`/request/confirm/#token=${confirmationTokenIn(confirmation!)}`);

    // The school sees nothing of it: not in its lists, not by id, not by status.
    expect(await dashboardIds()).not.toContain(created.id);
    const pending = await stack.api({ method: 'GET', url: '/api/manage/schools/990101/requests?status=pending', cookies: [staff] });
    expect(pending.json().requests.map((r: { id: string }) => r.id)).not.toContain(created.id);
    const byStatus = await stack.api({ method: 'GET', url: '/api/manage/schools/990101/requests?status=unconfirmed', cookies: [staff] });
    expect(byStatus.status).toBe(400);
    expect((await stack.api({ method: 'GET', url: `/api/manage/requests/${created.id}`, cookies: [staff] })).status).toBe(404);
  });

  it('confirming makes it pending: every rule checked, the place taken, REQUEST_SUBMITTED emailed to the lead and the provider, the provider signed in; the link works once', async () => {
    const email = 'confirms@new-college.example';
    const slot = freshSlot();
    const seen = await inboxIds();
    const created = (await send('990101', slotBody(email, slot, { notes: 'Our usual talk.' }))).json().request;
    const token = confirmationTokenIn(await confirmationFor(email, seen));

    // From another site, the link's token is refused (CSRF, as for every emailed link).
    expect((await confirm(token, { origin: 'https://evil.example' })).status).toBe(403);

    const res = await confirm(token);
    expect(res.status, res.text).toBe(200);
    const confirmed = res.json().request;
    expect(confirmed).toMatchObject({ id: created.id, status: 'pending', schoolName: 'Harbour View Academy' });
    expect(confirmed.responseDueBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await getSlot(stack.store, '990101', slot.date, '08:50', 'y10-assembly'))?.held).toBe(1);
    const stored = await getRequest(stack.store, '990101', created.id);
    expect(stored).toMatchObject({ status: 'pending', heldSlot: { date: slot.date, time: '08:50', opportunityId: 'y10-assembly' } });
    expect(stored).not.toHaveProperty('confirmBy');
    const raw = (await stack.store.doc.send(new GetCommand({ TableName: stack.store.tableName, Key: requestKey('990101', created.id) }))).Item;
    expect(raw).not.toHaveProperty('expiresAt'); // off TTL: it is a request like any other now
    expect(await dashboardIds()).toContain(created.id);

    const after = await inboxIds();
    const mail = await newMail(after);
    const toLead = mail.find((e) => e.destination.to.some((t) => t.includes(LEAD)));
    expect(toLead?.subject).toMatch(/^Provider access request: Eastmouth College/);
    expect(toLead?.body.text).toContain('Our usual talk.');
    expect(mail.find((e) => e.destination.to.some((t) => t.includes(email)))?.subject).toMatch(/^Request sent to Harbour View Academy/);

    // Signed in as that address: the request and its history.
    const cookie = cookieValue(res.cookies[0]);
    expect(res.cookies[0]).toMatch(/^__Host-pa_session=[\w-]+; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    const view = await stack.api({ method: 'GET', url: `/api/requests/${created.id}`, cookies: [cookie] });
    expect(view.status).toBe(200);
    expect(view.json().request.history.map((h: { type: string }) => h.type)).toEqual(['REQUEST_SUBMITTED']);

    const again = await confirm(token);
    expect(again.status).toBe(410);
    expect(again.json().error.code).toBe('TOKEN_USED');
    expect((await getSlot(stack.store, '990101', slot.date, '08:50', 'y10-assembly'))?.held).toBe(1);
  });

  it('a later request from a confirmed address, or from it plus-tagged, reaches the school at once', async () => {
    const email = 'returning@new-college.example';
    const seen = await inboxIds();
    const first = (await send('990101', slotBody(email, freshSlot()))).json().request;
    expect(first.status).toBe('unconfirmed');
    expect((await confirm(confirmationTokenIn(await confirmationFor(email, seen)))).status).toBe(200);
    expect(await isConfirmedAddress(stack.store, email)).toBe(true);

    for (const address of [email, 'Returning+spring@New-College.example']) {
      const before = await inboxIds();
      const res = await send('990101', slotBody(address, freshSlot()));
      expect(res.status, res.text).toBe(201);
      const request = res.json().request;
      expect(request.status).toBe('pending');
      const mail = await newMail(before);
      expect(mail.some((e) => e.destination.to.some((t) => t.includes(LEAD)) && e.subject.startsWith('Provider access request'))).toBe(true);
      expect(mail.some((e) => /^Confirm your/.test(e.subject))).toBe(false);
      expect(await dashboardIds()).toContain(request.id);
    }
  });

  it('a provider session for the same address skips confirming; one for another address, or on a call from another site, does not', async () => {
    const email = 'signed.in@new-college.example';
    const session = await stack.sessionFor('provider', email);
    const signedIn = await send('990101', slotBody(email, freshSlot()), { cookies: [session] });
    expect(signedIn.status, signedIn.text).toBe(201);
    expect(signedIn.json().request.status).toBe('pending');
    // Proven by the session, so the mailbox counts as confirmed from now on.
    expect(await isConfirmedAddress(stack.store, email)).toBe(true);

    const other = await stack.sessionFor('provider', 'someone.else@new-college.example');
    const notTheirs = await send('990101', slotBody('not.signed.in@new-college.example', freshSlot()), { cookies: [other] });
    expect(notTheirs.json().request.status).toBe('unconfirmed');

    const victim = 'victim@new-college.example';
    const victimSession = await stack.sessionFor('provider', victim);
    const crossSite = await send('990101', slotBody(victim, freshSlot()), { cookies: [victimSession], headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(201);
    expect(crossSite.json().request.status).toBe('unconfirmed');
  });

  it('24 hours later it cannot be confirmed and is not listed, though TTL has not deleted it yet', async () => {
    const email = 'too.late@new-college.example';
    const seen = await inboxIds();
    const slot = freshSlot();
    const created = (await send('990101', slotBody(email, slot))).json().request;
    const token = confirmationTokenIn(await confirmationFor(email, seen));
    expect((await providerRequestList(stack.store, ownRequests(email), {})).requests.map(({ request: r }) => [r.id, r.status])).toEqual([[created.id, 'unconfirmed']]);

    const later = new Date(Date.parse(created.confirmBy) + 1000);
    await expect(confirmProviderRequest(stack.store, token, later)).rejects.toMatchObject({ code: 'CONFIRMATION_EXPIRED' });
    expect(await getRequest(stack.store, '990101', created.id)).toMatchObject({ status: 'unconfirmed' }); // still in the table
    expect((await providerRequestList(stack.store, ownRequests(email), {}, later)).requests).toEqual([]);
    await expect(providerRequest(stack.store, { session: { email } }, created.id, later)).rejects.toMatchObject({ code: 'REQUEST_NOT_FOUND' });
    expect((await getSlot(stack.store, '990101', slot.date, '08:50', 'y10-assembly'))?.held ?? 0).toBe(0);
    expect(await isConfirmedAddress(stack.store, email)).toBe(false);
  });

  it('confirming checks again at that moment: a slot taken meanwhile answers SLOT_FULL and leaves the link usable; a notice raised meanwhile refuses it', async () => {
    const email = 'slow@new-college.example';
    const slot = freshSlot();
    const seen = await inboxIds();
    const waiting = (await send('990101', slotBody(email, slot))).json().request;
    const token = confirmationTokenIn(await confirmationFor(email, seen));

    // A returning provider books the slot's one place meanwhile.
    await markAddressesConfirmed(stack.store, ['quick@returning-college.example']);
    const quick = await send('990101', slotBody('quick@returning-college.example', slot));
    expect(quick.json().request.status).toBe('pending');
    const full = await confirm(token);
    expect(full.status).toBe(409);
    expect(full.json().error.code).toBe('SLOT_FULL');
    expect((await getRequest(stack.store, '990101', waiting.id))?.status).toBe('unconfirmed');
    expect((await getSlot(stack.store, '990101', slot.date, '08:50', 'y10-assembly'))?.held).toBe(1);

    // The place comes free: the same link now confirms it.
    const quickSession = await stack.sessionFor('provider', 'quick@returning-college.example');
    expect((await stack.api({ method: 'POST', url: `/api/requests/${quick.json().request.id}/withdraw`, cookies: [quickSession], body: {} })).status).toBe(200);
    expect((await confirm(token)).json().request.status).toBe('pending');
    expect((await getSlot(stack.store, '990101', slot.date, '08:50', 'y10-assembly'))?.held).toBe(1);

    // Oakridge raises its notice between a request and its confirmation (R-NOTICE).
    const [date] = await schoolDays(stack.store, '990103', 40, 3, 1);
    const other = 'notice@new-college.example';
    const seenAgain = await inboxIds();
    const res = await send('990103', providerBody({ proposed: { date, start: '11:00', end: '11:45' }, yearGroups: [8], contact: { name: 'Sam', email: other, phone: '01632 960100' } }));
    expect(res.json().request.status).toBe('unconfirmed');
    const noticeToken = confirmationTokenIn(await confirmationFor(other, seenAgain));
    const oakridge = (await getSchoolProfile(stack.store, '990103'))!;
    await putSchoolProfile(stack.store, { ...oakridge, rules: { ...oakridge.rules, minimumNoticeDays: 90 } });
    try {
      const refused = await confirm(noticeToken);
      expect(refused.status).toBe(422);
      expect(refused.json().error.rule).toBe('R-NOTICE');
      expect(refused.json().error.fields.date).toMatch(/90 days' notice/);
      expect((await getRequest(stack.store, '990103', res.json().request.id))?.status).toBe('unconfirmed');
    } finally {
      await putSchoolProfile(stack.store, oakridge);
    }
  });

  it(`the per-school limit on unconfirmed requests answers 429 after ${CREATE_LIMITS.unconfirmedPerSchool.limit} an hour; confirmed addresses still get through`, WAITS_FOR_WINDOW, async () => {
    expect(CREATE_LIMITS.unconfirmedPerSchool).toMatchObject({ limit: 10, windowSeconds: 3600 });
    const [date] = await schoolDays(stack.store, '990102', 40, 4, 1);
    const body = (email: string) => providerBody({ proposed: { date, start: '10:00', end: '10:45' }, contact: { name: 'New Provider', email, phone: '01632 960100' } });
    await insideOneWindow();
    for (let i = 0; i < 10; i++) {
      const res = await send('990102', body(`newcomer${i}@college-${i}.example`));
      expect(res.status, res.text).toBe(201);
      expect(res.json().request.status).toBe('unconfirmed');
    }
    const refused = await send('990102', body('newcomer10@college-10.example'));
    expect(refused.status).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(refused.json().error.message).toMatch(/many requests from new email addresses/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // A provider who has confirmed before is not held up by a flood of new addresses.
    const returning = await send('990102', body('riley.lane@eastmouth-college.example'));
    expect(returning.status).toBe(201);
    expect(returning.json().request.status).toBe('pending');
  });

  it(`plus-addressing no longer dodges the per-address limit (${CREATE_LIMITS.perEmail.limit} an hour)`, WAITS_FOR_WINDOW, async () => {
    const base = 'tagger@plus-college.example';
    await markAddressesConfirmed(stack.store, [base]);
    const [date] = await schoolDays(stack.store, '990102', 40, 3, 1);
    const body = (email: string) => providerBody({ proposed: { date, start: '13:00', end: '13:45' }, contact: { name: 'Tagger', email, phone: '01632 960100' } });
    await insideOneWindow(60);
    for (let i = 1; i <= CREATE_LIMITS.perEmail.limit; i++) {
      const res = await send('990102', body(`tagger+${i}@plus-college.example`));
      expect(res.status, res.text).toBe(201);
    }
    for (const address of ['tagger+another@plus-college.example', 'Tagger@Plus-College.example']) {
      const res = await send('990102', body(address));
      expect(res.status, address).toBe(429);
      expect(res.json().error.code).toBe('RATE_LIMITED');
    }
  });

  it('the confirmed marker lasts two years from about the last request: a month-old one is written again, a newer one is left as it is', async () => {
    const old = 'old.hand@new-college.example';
    const recent = 'recent@new-college.example';
    const twoMonthsAgo = new Date(Date.now() - 61 * DAY_MS);
    await recordConfirmedAddress(stack.store, old, twoMonthsAgo);
    const yesterday = new Date(Date.now() - DAY_MS);
    await recordConfirmedAddress(stack.store, recent, yesterday);
    for (const email of [old, recent]) expect((await send('990101', slotBody(email, freshSlot()))).json().request.status).toBe('pending');
    expect(Date.parse((await getConfirmedAddress(stack.store, old))!.confirmedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await getConfirmedAddress(stack.store, recent))?.confirmedAt).toBe(yesterday.toISOString());
    // Past its two years it no longer counts, whatever TTL has not yet deleted.
    expect(await isConfirmedAddress(stack.store, recent, new Date(yesterday.getTime() + CONFIRMED_ADDRESS_SECONDS * 1000))).toBe(false);
  });

  it('erasing an address removes its confirmed marker: its next request waits for confirming again', async () => {
    const email = 'erase.me@new-college.example';
    await markAddressesConfirmed(stack.store, [email]);
    expect(await isConfirmedAddress(stack.store, email)).toBe(true);
    await erasePersonalData(stack.store, email, 'platform.admin@provider-access.example');
    expect(await isConfirmedAddress(stack.store, email)).toBe(false);
    expect((await send('990101', slotBody(email, freshSlot()))).json().request.status).toBe('unconfirmed');
  });
});
