// A request's reference (issue 14, item 6) on DynamoDB Local: unique however many requests
// are written at once (the claim in the create transaction), and found by the lead among
// their school's requests and by a provider among their own, with nothing of anyone
// else's: another school's or another provider's reference is not found, like one nobody has.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReference, REFERENCE_EXAMPLE } from '#shared/domain/reference.ts';
import { newReference } from '#shared/store/ids.ts';
import { createRequest, createUnconfirmedRequest, getRequest, requestIdByReference } from '#shared/store/requests.ts';
import { receiveRequest } from '#shared/domain/state-machine.ts';
import { confirmationTokenIn, isConfirmationFor, markAddressesConfirmed } from './support/confirmation.ts';
import { schoolDay, startInProcessStack, type InProcessStack } from './support/in-process-stack.ts';
import { providerBody } from './support/provider-body.ts';
import { createdEvent, sampleRequest } from './support/requests.ts';

const LEAD = 'careers.lead@harbourview.example';

let stack: InProcessStack;
beforeAll(async () => {
  stack = await startInProcessStack('references');
}, 90_000);
afterAll(async () => stack?.stop());

describe('unique references (the store)', () => {
  it('requests written at once with the same reference each end with their own, and each reference finds its request', async () => {
    const taken = newReference();
    const requests = Array.from({ length: 16 }, (_, i) => sampleRequest({ urn: '880101', date: '2027-01-12', start: `${String(9 + (i % 6)).padStart(2, '0')}:00`, reference: taken }));
    const written = await Promise.all(requests.map((r) => createRequest(stack.store, r, createdEvent(r))));
    const references = written.map((r) => r.reference);
    expect(new Set(references).size).toBe(requests.length);
    expect(references.filter((r) => r === taken)).toHaveLength(1);
    for (const r of written) {
      expect(isReference(r.reference ?? '')).toBe(true);
      expect(await requestIdByReference(stack.store, r.reference!)).toEqual({ urn: '880101', id: r.id });
      // Stored as answered: the request item carries the reference its claim holds.
      expect((await getRequest(stack.store, '880101', r.id))?.reference).toBe(r.reference);
    }
  });

  it('property: however the drawn references collide, no two requests share one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2, maxLength: 8 }), async (picks) => {
        // Three references for up to eight requests, sent at once: collisions are certain.
        const pool = [newReference(), newReference(), newReference()];
        const requests = picks.map((p) => sampleRequest({ urn: '880102', reference: pool[p] }));
        const written = await Promise.all(requests.map((r) => createRequest(stack.store, r, createdEvent(r))));
        expect(new Set(written.map((r) => r.reference)).size).toBe(written.length);
        for (const r of written) expect((await requestIdByReference(stack.store, r.reference!))?.id).toBe(r.id);
      }),
      { numRuns: 15 },
    );
  });

  it("an unconfirmed request's reference is held while it can be confirmed, then goes with it (TTL)", async () => {
    const now = new Date();
    const request = receiveRequest(sampleRequest({ urn: '880103', version: 0, reference: newReference() }), now.toISOString());
    const written = await createUnconfirmedRequest(stack.store, request, now);
    const item = await stack.store.doc.send(new GetCommand({ TableName: stack.store.tableName, Key: { pk: `REFERENCE#${written.reference}`, sk: 'REFERENCE' } }));
    expect(item.Item?.expiresAt).toBe(Math.floor(Date.parse(request.confirmBy) / 1000));
  });

  it('a request stored before references has none, and claims none', async () => {
    const r = sampleRequest({ urn: '880104' });
    const written = await createRequest(stack.store, r, createdEvent(r));
    expect(written.reference).toBeUndefined();
    expect((await getRequest(stack.store, '880104', r.id))?.reference).toBeUndefined();
  });
});

describe('finding a request by its reference (the API)', () => {
  let n = 0;
  async function newRequest(urn: string, email: string): Promise<{ id: string; reference: string }> {
    await markAddressesConfirmed(stack.store, [email]);
    const date = await schoolDay(stack.store, urn, 40 + ++n * 3);
    const res = await stack.api({
      method: 'POST',
      url: `/api/schools/${urn}/requests`,
      body: providerBody({ contact: { name: 'Sam Provider', email, phone: '01632 960123' }, proposed: { date, start: '10:00', end: '10:45' }, yearGroups: [10] }),
    });
    expect(res.status, res.text).toBe(201);
    const { id, reference } = res.json().request as { id: string; reference: string };
    return { id, reference };
  }

  let staff: string;
  let mine: { id: string; reference: string };
  let otherSchool: { id: string; reference: string };
  let otherProvider: { id: string; reference: string };
  beforeAll(async () => {
    staff = await stack.sessionFor('staff', LEAD);
    mine = await newRequest('990101', 'sam@ref-college.example');
    otherProvider = await newRequest('990101', 'kim@another-college.example');
    otherSchool = await newRequest('990102', 'sam@ref-college.example');
  });

  it('create answers the reference, and both sides see it on the request', async () => {
    expect(isReference(mine.reference)).toBe(true);
    const lead = await stack.api({ method: 'GET', url: `/api/manage/requests/${mine.id}`, cookies: [staff] });
    expect(lead.json().request.reference).toBe(mine.reference);
    const provider = await stack.api({ method: 'GET', url: `/api/requests/${mine.id}`, cookies: [await stack.sessionFor('provider', 'sam@ref-college.example')] });
    expect(provider.json().request.reference).toBe(mine.reference);
  });

  const typedForms = (ref: string) => [ref, ref.toLowerCase(), ref.replace(/-/g, ''), ` ${ref.replace(/-/g, ' ')} `, ref.replace(/0/g, 'O').replace(/1/g, 'l')];

  it("the lead finds their school's request however it is typed", async () => {
    for (const typed of typedForms(mine.reference)) {
      const res = await stack.api({ method: 'GET', url: `/api/manage/schools/990101/requests?reference=${encodeURIComponent(typed)}`, cookies: [staff] });
      expect(res.status, typed).toBe(200);
      expect(res.json()).toEqual({ request: { id: mine.id, reference: mine.reference } });
    }
  });

  it("another school's reference is not found, with the school's name, and nothing of that request", async () => {
    const res = await stack.api({ method: 'GET', url: `/api/manage/schools/990101/requests?reference=${otherSchool.reference}`, cookies: [staff] });
    expect(res.status).toBe(404);
    expect(res.json().error.code).toBe('REQUEST_NOT_FOUND');
    expect(res.json().error.message).toMatch(`No request at Harbour View Academy has the reference ${otherSchool.reference}`);
    expect(res.text).not.toContain(otherSchool.id);
    // The same answer as a reference nobody has.
    let unused = newReference();
    while (await requestIdByReference(stack.store, unused)) unused = newReference();
    const none = await stack.api({ method: 'GET', url: `/api/manage/schools/990101/requests?reference=${unused}`, cookies: [staff] });
    expect(none.status).toBe(404);
    expect(none.json().error.message.replace(unused, 'X')).toBe(res.json().error.message.replace(otherSchool.reference, 'X'));
  });

  it("the lead cannot search another school's requests at all", async () => {
    const res = await stack.api({ method: 'GET', url: `/api/manage/schools/990102/requests?reference=${otherSchool.reference}`, cookies: [staff] });
    expect(res.status).toBe(403);
  });

  it.each(['PA-7K3M', 'PA-7K3M-QU', 'hello', 'x'.repeat(41)])('a reference that cannot be one (%j) is 400, on the field, saying what one looks like', async (typed) => {
    for (const url of [`/api/manage/schools/990101/requests?reference=${encodeURIComponent(typed)}`, `/api/requests?reference=${encodeURIComponent(typed)}`]) {
      const cookie = url.startsWith('/api/manage') ? staff : await stack.sessionFor('provider', 'sam@ref-college.example');
      const res = await stack.api({ method: 'GET', url, cookies: [cookie] });
      expect(res.status, url).toBe(400);
      const fields = res.json().error.fields as Record<string, string>;
      expect(Object.values(fields).join(' ')).toContain(`A reference looks like ${REFERENCE_EXAMPLE}`);
      expect(Object.keys(fields).some((k) => k.endsWith('reference'))).toBe(true);
    }
  });

  it('a provider finds their own requests, at any school, and no one else’s', async () => {
    const sam = await stack.sessionFor('provider', 'sam@ref-college.example');
    for (const own of [mine, otherSchool]) {
      const res = await stack.api({ method: 'GET', url: `/api/requests?reference=${own.reference.toLowerCase()}`, cookies: [sam] });
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ request: own });
    }
    const res = await stack.api({ method: 'GET', url: `/api/requests?reference=${otherProvider.reference}`, cookies: [sam] });
    expect(res.status).toBe(404);
    expect(res.json().error.message).toMatch(`None of your requests has the reference ${otherProvider.reference}`);
    expect(res.text).not.toContain(otherProvider.id);
  });

  it('a first request keeps its reference when it is confirmed, for good (off TTL), and the school then finds it', async () => {
    const email = `first-${Date.now()}@ref-college.example`;
    const date = await schoolDay(stack.store, '990101', 75);
    const res = await stack.api({
      method: 'POST',
      url: '/api/schools/990101/requests',
      body: providerBody({ contact: { name: 'Sam First', email, phone: '01632 960124' }, proposed: { date, start: '10:00', end: '10:45' }, yearGroups: [10] }),
    });
    const created = res.json().request as { id: string; reference: string; status: string };
    expect(created.status).toBe('unconfirmed');
    const search = () => stack.api({ method: 'GET', url: `/api/manage/schools/990101/requests?reference=${created.reference}`, cookies: [staff] });
    expect((await search()).status).toBe(404);
    await stack.deliverMail();
    const mail = (await stack.inbox()).find(isConfirmationFor(email));
    const confirmed = await stack.api({ method: 'POST', url: '/api/request-confirmations', body: { token: confirmationTokenIn(mail!) } });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.json().request).toMatchObject({ id: created.id, reference: created.reference, status: 'pending' });
    const claim = await stack.store.doc.send(new GetCommand({ TableName: stack.store.tableName, Key: { pk: `REFERENCE#${created.reference}`, sk: 'REFERENCE' } }));
    expect(claim.Item).toMatchObject({ requestId: created.id, urn: '990101' });
    expect(claim.Item).not.toHaveProperty('expiresAt');
    expect((await search()).json()).toEqual({ request: { id: created.id, reference: created.reference } });
  });

  it('the lists without a reference answer as before', async () => {
    const sam = await stack.sessionFor('provider', 'sam@ref-college.example');
    const list = await stack.api({ method: 'GET', url: '/api/requests', cookies: [sam] });
    expect(list.json().requests.map((r: { reference: string }) => r.reference).sort()).toEqual([mine.reference, otherSchool.reference].sort());
    const board = await stack.api({ method: 'GET', url: '/api/manage/schools/990101/requests', cookies: [staff] });
    expect(board.json().needsDecision.map((r: { reference: string }) => r.reference)).toContain(mine.reference);
  });
});
