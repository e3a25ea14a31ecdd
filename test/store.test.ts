// The first access patterns against a real DynamoDB Local: school profile, request
// creation in one transaction, a school's requests by status and date, slot holds.
import { beforeAll, describe, expect, it } from 'vitest';
import { listRequestEvents } from '#shared/store/request-events.ts';
import { createRequest, getRequest, listRequestsOfSchoolByStatus } from '#shared/store/requests.ts';
import { createdEvent, sampleRequest } from './support/requests.ts';
import { getSchoolProfile, putSchoolProfile, createSchoolProfileIfAbsent } from '#shared/store/schools.ts';
import { ensureSlot, getSlot } from '#shared/store/slots.ts';
import { demoSchools } from '#infra/local/demo-data.ts';
import { createTestTable, type TestTable } from './support/table.ts';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable('store');
});

const request = sampleRequest;

describe('school profile', () => {
  it('round-trips the profile without any key attribute', async () => {
    const { school } = demoSchools(new Date('2026-11-23T12:00:00Z'))[0]!;
    await putSchoolProfile(table.store, school);
    const read = await getSchoolProfile(table.store, school.urn);
    expect(read).toMatchObject(school);
    expect(read).not.toHaveProperty('pk');
    expect(read).not.toHaveProperty('itemType');
    expect(await getSchoolProfile(table.store, '000000')).toBeUndefined();
  });

  it('creates a profile only once, keeping later edits', async () => {
    const { school } = demoSchools(new Date())[1]!;
    expect(await createSchoolProfileIfAbsent(table.store, school)).toBe(true);
    await putSchoolProfile(table.store, { ...school, name: 'Edited name' });
    expect(await createSchoolProfileIfAbsent(table.store, school)).toBe(false);
    expect((await getSchoolProfile(table.store, school.urn))?.name).toBe('Edited name');
  });
});

describe('requests', () => {
  it('writes the request and its event together, and lists by status and date', async () => {
    const urn = '880001';
    const later = request({ urn, date: '2027-02-02' });
    const sooner = request({ urn, date: '2027-01-19' });
    const approved = request({ urn, status: 'approved', date: '2027-01-20' });
    for (const r of [later, sooner, approved]) {
      await createRequest(table.store, r, createdEvent(r));
    }
    const pending = await listRequestsOfSchoolByStatus(table.store, urn, 'pending');
    expect(pending.map((r) => r.id)).toEqual([sooner.id, later.id]);
    const january = await listRequestsOfSchoolByStatus(table.store, urn, 'pending', { from: '2027-01-01', to: '2027-01-31' });
    expect(january.map((r) => r.id)).toEqual([sooner.id]);
    expect((await listRequestsOfSchoolByStatus(table.store, urn, 'approved')).map((r) => r.id)).toEqual([approved.id]);

    expect(await getRequest(table.store, urn, sooner.id)).toEqual(sooner);
    const events = await listRequestEvents(table.store, urn, sooner.id);
    expect(events).toEqual([createdEvent(sooner)]);
  });

  it('never writes the same request id twice', async () => {
    const r = request({ urn: '880002' });
    const ev = createdEvent(r);
    await createRequest(table.store, r, ev);
    await expect(createRequest(table.store, { ...r, status: 'approved' }, ev)).rejects.toThrow();
    expect((await getRequest(table.store, r.urn, r.id))?.status).toBe('pending');
  });

  it('100 concurrent requests for a one-place slot: exactly one holds it, the rest get SLOT_FULL and leave nothing', async () => {
    const urn = '880003';
    const slot = { urn, date: '2027-01-12', time: '08:50', opportunityId: 'y10-assembly' };
    await ensureSlot(table.store, { ...slot, capacity: 1 });
    await ensureSlot(table.store, { ...slot, capacity: 5 }); // a second ensure changes nothing
    const attempts = Array.from({ length: 100 }, () => {
      const r = request({ urn });
      return createRequest(table.store, r, createdEvent(r), slot);
    });
    const results = await Promise.allSettled(attempts);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(99);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'SLOT_FULL', rule: 'P-SLOT' });
    expect(await getSlot(table.store, urn, slot.date, slot.time, slot.opportunityId)).toMatchObject({ capacity: 1, held: 1 });
    expect(await listRequestsOfSchoolByStatus(table.store, urn, 'pending')).toHaveLength(1);
  });
});
