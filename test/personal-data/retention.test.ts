// Retention: personal data of encounters past the school's retention period (default six
// years after the end of the academic year of the encounter; a school may set its own) is
// anonymised by the daily job, found per school on gsi1; more recent data is untouched; a
// second run changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '#infra/local/seed.ts';
import { daily } from '#functions/daily.ts';
import type { Actor } from '#shared/domain/state-machine.ts';
import { createRequest, listRequestsOfProvider } from '#shared/store/requests.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { getSchoolProfile, putSchoolProfile } from '#shared/store/schools.ts';
import { anonymiseExpiredPersonalData } from '#shared/usecases/retention.ts';
import { applyAction } from '#shared/usecases/transition.ts';
import { createdEvent, sampleRequest } from '../support/requests.ts';
import { scanAll, type Item } from '../support/scan.ts';
import { createTestTable, type TestTable } from '../support/table.ts';

let table: TestTable;
const NOW = new Date('2026-11-23T06:00:00Z');
const lead: Actor = { party: 'school', id: 'careers.lead@harbourview.example', role: 'careers_lead', name: 'Jordan Ellery' };

/** A request of a past encounter: sent by a named contact, approved by the lead with a note. */
async function past(urn: string, date: string, n: number): Promise<StoredRequest> {
  const email = `retained${n}@college.example`;
  const r = sampleRequest({
    urn,
    date,
    yearGroups: urn === '990101' ? [10] : [11],
    contact: { name: `Retained Person ${n}`, email, phone: '01632 960333' },
    providerEmail: email,
    notes: `Ask for Retained Person ${n}`,
    responseDeadline: date,
    createdAt: `${date}T09:00:00.000Z`,
  });
  await createRequest(table.store, r, { ...createdEvent(r), actor: { party: 'provider', id: email, name: `Retained Person ${n}` } });
  return applyAction(table.store, r, 'approve', lead, { note: `Looking forward to it, Retained Person ${n}` }, new Date(`${date}T08:00:00Z`));
}

const byId = (items: Item[], id: string) => items.filter((i) => i.id === id || i.requestId === id);

let old6: StoredRequest; // 2018/19 at a six-year school: past retention on 23 Nov 2026
let kept6: StoredRequest; // 2020/21: until 31 Aug 2027
let old3: StoredRequest; // 2022/23 at a three-year school: past retention
let kept3: StoredRequest; // 2023/24: until 31 Aug 2027

beforeAll(async () => {
  table = await createTestTable('retention');
  await seedDemo(table.store);
  const kingsmead = await getSchoolProfile(table.store, '990102');
  if (!kingsmead) throw new Error('no school');
  await putSchoolProfile(table.store, { ...kingsmead, personalDataRetentionYears: 3 });
  old6 = await past('990101', '2019-03-12', 1);
  kept6 = await past('990101', '2021-03-09', 2);
  old3 = await past('990102', '2023-03-08', 3);
  kept3 = await past('990102', '2024-03-06', 4);
}, 60_000);

describe('personal data past retention', () => {
  it('is anonymised by the daily job; what happened stays; recent data is untouched; twice changes nothing', async () => {
    const before = await scanAll(table.store);
    const summary = await anonymiseExpiredPersonalData(table.store, NOW);
    expect(summary).toMatchObject({ requests: 2, events: 4, failures: [] });
    const after = await scanAll(table.store);

    for (const [r, n] of [[old6, 1], [old3, 3]] as const) {
      const request = after.find((i) => i.itemType === 'request' && i.id === r.id);
      expect(request).toMatchObject({ status: 'approved', date: r.date, contact: { name: 'Erased', phone: '' }, notes: '' });
      expect(String((request?.contact as { email: string }).email)).toMatch(/^erased-[0-9a-f]{16}@erased\.invalid$/);
      expect(request?.gsi2pk).toBeUndefined();
      expect(JSON.stringify(byId(after, r.id))).not.toMatch(new RegExp(`retained${n}@|Retained Person ${n}|careers\\.lead@|Jordan Ellery|Looking forward`));
      const events = byId(after, r.id).filter((i) => i.itemType === 'requestEvent');
      expect(events.map((e) => [e.type, e.from, e.to, e.at, (e.actor as Actor).party, (e.actor as Actor).role])).toEqual(
        byId(before, r.id).filter((i) => i.itemType === 'requestEvent').map((e) => [e.type, e.from, e.to, e.at, (e.actor as Actor).party, (e.actor as Actor).role]),
      );
      expect(await listRequestsOfProvider(table.store, `retained${n}@college.example`)).toEqual([]);
    }
    for (const r of [kept6, kept3]) expect(byId(after, r.id)).toEqual(byId(before, r.id));

    expect(await anonymiseExpiredPersonalData(table.store, NOW)).toMatchObject({ requests: 0, failures: [] });
  });

  it('runs in the daily job: on 1 September 2027 the 2020/21 and 2023/24 encounters are past retention too', async () => {
    const summary = await daily(table.store, new Date('2027-09-01T06:00:00Z'));
    expect(summary.failures).toEqual([]);
    const after = await scanAll(table.store);
    for (const r of [kept6, kept3]) expect(after.find((i) => i.itemType === 'request' && i.id === r.id)).toMatchObject({ contact: { name: 'Erased' }, status: 'approved' });
  });
});
