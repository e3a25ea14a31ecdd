// Issue 12: each reproduction the security audit ran against the local stack, run again
// as the auditor did it, over HTTP. Each must now be refused, with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { readInbox } from '#infra/local/ses.ts';
import { createStore, type Store } from '#shared/store/client.ts';
import { getRequest } from '#shared/store/requests.ts';
import { getSlot } from '#shared/store/slots.ts';
import { isConfirmationFor, markAddressesConfirmed } from '../support/confirmation.ts';
import { json } from '../support/site.ts';
import { providerBody, schoolDayAhead } from '../support/provider-body.ts';
import { signIn } from '../support/sign-in.ts';
import { startDemoStack, waitForEmail } from '../support/stack.ts';

let stack: LocalStack;
let store: Store;
let lead: string;
beforeAll(async () => {
  stack = await startDemoStack();
  store = createStore({ tableName: stack.tableName, endpoint: stack.dynamodb.endpoint });
  lead = await signIn(stack, 'careers.lead@harbourview.example');
}, 90_000);
afterAll(async () => stack?.stop());

let n = 0;
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${stack.siteUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: stack.siteUrl, 'cloudfront-viewer-address': `10.9.0.${n++}:443`, ...headers },
    body: JSON.stringify(body),
  });

async function pendingRequest(): Promise<string> {
  const date = await schoolDayAhead(stack, '990101', 50);
  // A returning provider: the request is pending at once (issue 12, item 2).
  const email = `sam${n}@college.example`;
  await markAddressesConfirmed(store, [email]);
  const res = await post('/api/schools/990101/requests', providerBody({ proposed: { date, start: '10:00', end: '10:45' }, yearGroups: [9], contact: { name: 'Sam Provider', email, phone: '01632 960111' } }));
  expect(res.status).toBe(201);
  return (await json(res)).request.id as string;
}

describe('audit reproductions (issue 12)', () => {
  it('item 2: a request from an address nobody confirmed, with the sender’s own text, neither takes the slot’s place nor reaches the careers lead', async () => {
    // As the auditor did it: any address, a one-place slot, a message for the school in the notes.
    const from = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 140 * 86_400_000).toISOString().slice(0, 10);
    const { slots } = await json(await fetch(`${stack.siteUrl}/api/schools/990101/slots?from=${from}&to=${to}`));
    const slot = slots.find((s: { opportunityId: string; placesLeft: number }) => s.opportunityId === 'y10-assembly' && s.placesLeft > 0);
    const email = 'anyone@attacker.example';
    const res = await post(
      '/api/schools/990101/requests',
      providerBody({ slot: { opportunityId: 'y10-assembly', date: slot.date }, contact: { name: 'IT Support', email, phone: '01632 960111' }, notes: 'Your account is locked: sign in at https://evil.example/login' }),
    );
    expect(res.status).toBe(201);
    expect((await json(res)).request.status).toBe('unconfirmed');
    expect((await getSlot(store, '990101', slot.date, slot.start, 'y10-assembly'))?.held ?? 0).toBe(0);
    const confirmation = await waitForEmail(stack, isConfirmationFor(email));
    expect(`${confirmation.body.text} ${confirmation.body.html}`).not.toMatch(/evil\.example|account is locked|IT Support/);
    // The mailer has run for this item: nothing went to the school.
    const toLead = (await readInbox(stack.ses.endpoint)).filter((e) => e.destination.to.some((t) => t.includes('careers.lead@harbourview.example')) && /evil\.example|account is locked/.test(e.body.text ?? ''));
    expect(toLead).toEqual([]);
  });

  it('item 7: a NUL in a decline reason is refused at its field, and the request is unchanged', async () => {
    const id = await pendingRequest();
    const res = await post(`/api/manage/requests/${id}/decline`, { reason: 'Not enough\u0000 notice' }, { cookie: lead });
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error.fields.reason).toBe('Remove the NUL (U+0000) at character 11; it cannot be part of this text.');
    expect((await getRequest(store, '990101', id))?.status).toBe('pending');
  });

  it('item 7: a text-direction override in a provider’s organisation name is refused', async () => {
    const date = await schoolDayAhead(stack, '990101', 52);
    const res = await post('/api/schools/990101/requests', providerBody({ proposed: { date, start: '10:00', end: '10:45' }, yearGroups: [9], provider: { organisation: 'Eastmouth \u202eegelloC', type: 'fe_college' } }));
    expect(res.status).toBe(400);
    expect((await json(res)).error.fields['provider.organisation']).toMatch(/text-direction override \(U\+202E\) at character 11/);
  });

  it('item 8: a form POST to an emailed action link with no Origin and Sec-Fetch-Site: cross-site is refused, and the request is unchanged', async () => {
    const id = await pendingRequest();
    // The lead's action links are in their email; any token shape reaches the check first.
    const res = await fetch(`${stack.siteUrl}/api/actions/${'T'.repeat(43)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      body: 'note=approved',
    });
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe('CROSS_SITE_REQUEST');
    expect((await getRequest(store, '990101', id))?.status).toBe('pending');
  });
});
