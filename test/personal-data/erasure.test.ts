// Erasure on request through POST /api/admin/erasure (platform admins): a provider contact
// and a member of staff are erased; their personal fields are gone from every request,
// event, audit item and the index, their sessions, links and queued sign-in emails are
// deleted, their roles removed; what happened (event types, dates, statuses, parties,
// roles, reasons) is kept. A named careers lead is refused until replaced; only a platform
// admin may erase.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putPlatformAdmin } from '#shared/store/platform-admins.ts';
import { listRolesOfUser } from '#shared/store/staff.ts';
import { NOT_SENT_UNDELIVERABLE } from '#shared/mail/send.ts';
import type { Answer } from '../support/in-process.ts';
import { schoolDay, startInProcessStack, type InProcessStack } from '../support/in-process-stack.ts';
import { providerBody } from '../support/provider-body.ts';
import { markAddressesConfirmed } from '../support/confirmation.ts';
import { scanAll, tableSnapshot, type Item } from '../support/scan.ts';

const ADMIN = 'dpo@provider-access.example';
const PROVIDER = { name: 'Riley Erasable', email: 'riley.erasable@college.example', phone: '01632 960222' };
const DEPUTY = { name: 'Sam Okonkwo-Reid', email: 'deputy.head@harbourview.example' };
const LEAD = 'careers.lead@harbourview.example';
const PLACEHOLDER = /^erased-[0-9a-f]{16}@erased\.invalid$/;

let stack: InProcessStack;
let admin: string;
let lead: string;
let deputy: string;
let providerSession: string;
const ids: { a: string; b: string } = { a: '', b: '' };

const erase = (email: string, cookie = admin, origin?: string): Promise<Answer> =>
  stack.api({ method: 'POST', url: '/api/admin/erasure', cookies: cookie ? [cookie] : [], body: { email }, ...(origin ? { headers: { origin } } : {}) });

async function create(urn: string, yearGroups: number[], weekday: number, notes: string): Promise<string> {
  const date = await schoolDay(stack.store, urn, 50, weekday);
  const res = await stack.api({ method: 'POST', url: `/api/schools/${urn}/requests`, body: providerBody({ proposed: { date, start: '10:00', end: '10:45' }, yearGroups, contact: PROVIDER, notes }) });
  if (res.status !== 201) throw new Error(res.text);
  return res.json().request.id as string;
}

const trail = (items: Item[], id: string) =>
  items.filter((i) => i.itemType === 'requestEvent' && i.requestId === id).map((i) => ({ type: i.type, at: i.at, from: i.from, to: i.to, party: (i.actor as { party: string }).party }));

beforeAll(async () => {
  stack = await startInProcessStack('erasure');
  await putPlatformAdmin(stack.store, { email: ADMIN, name: 'Data Protection Officer', addedAt: new Date().toISOString() });
  admin = await stack.sessionFor('staff', ADMIN);
  lead = await stack.sessionFor('staff', LEAD);
  deputy = await stack.sessionFor('staff', DEPUTY.email);
  // A returning provider (issue 12, item 2): the marker holds the address too, and erasure must remove it.
  await markAddressesConfirmed(stack.store, [PROVIDER.email]);
  // Two requests from the provider at two schools: one approved by the deputy, one withdrawn by the provider.
  ids.a = await create('990101', [9], 3, 'Ask for Riley Erasable at the gate');
  ids.b = await create('990102', [11], 3, 'Riley has a blue badge');
  const approved = await stack.api({ method: 'POST', url: `/api/manage/requests/${ids.a}/approve`, cookies: [deputy], body: { note: 'See you then, Riley' } });
  expect(approved.status, approved.text).toBe(200);
  providerSession = await stack.sessionFor('provider', PROVIDER.email);
  const withdrawn = await stack.api({ method: 'POST', url: `/api/requests/${ids.b}/withdraw`, cookies: [providerSession], body: { reason: 'Our speaker is unwell' } });
  expect(withdrawn.status, withdrawn.text).toBe(200);
  // A sign-in link asked for (queued email, then a token), and all the mail sent.
  expect((await stack.api({ method: 'POST', url: '/api/auth/sign-in', body: { email: PROVIDER.email } })).status).toBe(202);
  await stack.deliverMail();
}, 90_000);
afterAll(async () => stack?.stop());

describe('erasure on request (POST /api/admin/erasure)', () => {
  it('only a platform admin, from the site itself', async () => {
    expect((await erase(PROVIDER.email, '')).status).toBe(401);
    const notAdmin = await erase(PROVIDER.email, lead);
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.json().error.code).toBe('PLATFORM_ADMIN_REQUIRED');
    expect((await erase(PROVIDER.email, admin, 'https://evil.example')).status).toBe(403);
    expect((await erase('not an email')).status).toBe(400);
  });

  it("erases a provider contact: every request's personal fields and the provider's own events, sessions, links and queued emails; the audit stays", async () => {
    const before = await scanAll(stack.store);
    expect(JSON.stringify(before).toLowerCase()).toContain(PROVIDER.email);
    const res = await erase(PROVIDER.email.toUpperCase());
    expect(res.status, res.text).toBe(200);
    const summary = res.json().erased;
    expect(summary).toMatchObject({ requests: 2, roles: 0, platformAdmin: false });
    expect(summary.heldItems).toBeGreaterThanOrEqual(3); // a session, sign-in links, the queued sign-in email
    expect(summary.placeholder).toMatch(PLACEHOLDER);

    const after = await scanAll(stack.store);
    const dump = JSON.stringify(after).toLowerCase();
    for (const personal of [PROVIDER.email, PROVIDER.name, PROVIDER.phone, 'blue badge', 'at the gate', 'see you then']) expect(dump).not.toContain(personal.toLowerCase());

    for (const id of [ids.a, ids.b]) {
      const request = after.find((i) => i.itemType === 'request' && i.id === id);
      const was = before.find((i) => i.itemType === 'request' && i.id === id);
      expect(request).toMatchObject({ contact: { name: 'Erased', email: summary.placeholder, phone: '' }, providerEmail: summary.placeholder, notes: '', status: was?.status, date: was?.date, start: was?.start });
      expect(request?.gsi2pk).toBeUndefined(); // out of the provider index
      expect(trail(after, id)).toEqual(trail(before, id)); // what happened, when, by which party
    }
    const events = after.filter((i) => i.itemType === 'requestEvent' && (i.requestId === ids.a || i.requestId === ids.b));
    const actors = events.map((e) => e.actor as { party: string; id: string; name?: string; role?: string });
    expect(actors.filter((a) => a.party === 'provider').every((a) => a.id === summary.placeholder && a.name === undefined)).toBe(true);
    expect(actors.find((a) => a.party === 'school')).toMatchObject({ id: DEPUTY.email, role: 'deputy' }); // the deputy is not erased
    expect(after.find((i) => i.requestId === ids.b && i.type === 'REQUEST_WITHDRAWN')?.data).toEqual({ reason: 'Our speaker is unwell' });
    // The erasure itself is on record, without the address.
    expect(after.filter((i) => i.itemType === 'erasure')).toEqual([expect.objectContaining({ by: ADMIN, placeholder: summary.placeholder })]);

    // Signed out everywhere; a new session finds no requests; the school still sees its request.
    expect((await stack.api({ method: 'GET', url: '/api/requests', cookies: [providerSession] })).status).toBe(401);
    const fresh = await stack.sessionFor('provider', PROVIDER.email);
    expect((await stack.api({ method: 'GET', url: '/api/requests', cookies: [fresh] })).json().requests).toEqual([]);
    const seen = await stack.api({ method: 'GET', url: `/api/manage/requests/${ids.a}`, cookies: [lead] });
    expect(seen.json().request).toMatchObject({ status: 'approved', contact: { name: 'Erased' }, notes: '' });

    // Nothing is ever sent to the placeholder: a later cancellation emails the lead only.
    const cancelled = await stack.api({ method: 'POST', url: `/api/manage/requests/${ids.a}/cancel`, cookies: [lead], body: { reason: 'The hall is flooded' } });
    expect(cancelled.status, cancelled.text).toBe(200);
    await stack.deliverMail();
    expect((await stack.inbox()).filter((e) => e.destination.to.some((t) => t.includes('erased.invalid')))).toEqual([]);
    expect((await scanAll(stack.store)).some((i) => i.itemType === 'mailSent' && i.messageId === NOT_SENT_UNDELIVERABLE)).toBe(true);

    // Once is enough: again, nothing more to do (but the session made since).
    expect((await erase(PROVIDER.email)).json().erased).toMatchObject({ requests: 0, events: 0, roles: 0, heldItems: 1 });
  });

  it('erases a member of staff: their roles, sessions and links go, their name and address leave the events they acted in', async () => {
    const res = await erase(DEPUTY.email);
    expect(res.status, res.text).toBe(200);
    const summary = res.json().erased;
    expect(summary).toMatchObject({ roles: 1, requests: 0 });
    expect(summary.events).toBeGreaterThanOrEqual(1);

    const after = await scanAll(stack.store);
    const dump = JSON.stringify(after).toLowerCase();
    expect(dump).not.toContain(DEPUTY.email);
    expect(dump).not.toContain(DEPUTY.name.toLowerCase());
    const approval = after.find((i) => i.requestId === ids.a && i.type === 'REQUEST_APPROVED');
    expect(approval).toMatchObject({ from: 'pending', to: 'approved', actor: { party: 'school', role: 'deputy', id: summary.placeholder } });
    expect(await listRolesOfUser(stack.store, DEPUTY.email)).toEqual([]);
    expect((await stack.api({ method: 'GET', url: '/api/manage/schools/990101/requests', cookies: [deputy] })).status).toBe(401);
    const staff = await stack.api({ method: 'GET', url: '/api/manage/schools/990101/staff', cookies: [lead] });
    expect(staff.json().staff.map((s: { email: string }) => s.email)).not.toContain(DEPUTY.email);
  });

  it("refuses to erase a school's named careers lead until the school names another, changing nothing", async () => {
    const before = await tableSnapshot(stack.store);
    const res = await erase(LEAD);
    expect(res.status).toBe(409);
    expect(res.json().error.code).toBe('CAREERS_LEAD_IN_USE');
    expect(res.json().error.message).toContain('Harbour View Academy');
    expect(await tableSnapshot(stack.store)).toBe(before);
  });
});
