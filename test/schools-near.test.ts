// "Schools near me" (issue 15, item 4) on the local stack: schools imported from a GIAS
// extract with Easting/Northing, then GET /api/schools?near= placed by postcode sector,
// by district when the sector is unknown, and by town; sorted by distance, cut at the
// radius, filtered by year group and phase; an unknown place answered with what to do; a
// re-import that moves a school moves it in the search (its grid square and place items);
// only schools teaching Years 8–13 listed (R-TAUGHT), though any school places its postcode;
// "has open slots between these dates" on the nearest schools, a full slot not counted,
// slots read only at the schools whose opportunities run to the dates (slotsUntil on the
// near point, kept by every opportunities save, profile put and re-import).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { createStore, type Store } from '#shared/store/client.ts';
import { putOpportunity } from '#shared/store/opportunities.ts';
import { getSchoolProfile, putSchoolProfile } from '#shared/store/schools.ts';
import { saveOpportunities } from '#shared/usecases/settings.ts';
import { ensureSlot, setSlotCapacity } from '#shared/store/slots.ts';
import { importSchools } from '#shared/usecases/import-schools.ts';
import { json, type Json } from './support/site.ts';
import { startDemoStack } from './support/stack.ts';

const HEADER = 'URN,EstablishmentName,TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (name),StatutoryLowAge,StatutoryHighAge,Street,Town,Postcode,Easting,Northing';
const row = (urn: string, name: string, phase: string, low: number, high: number, town: string, postcode: string, e: number, n: number) =>
  `${urn},${name},Academy converter,Open,${phase},${low},${high},1 High Street,${town},${postcode},${e},${n}`;
// Sector ZY1 1 has two schools 2 km apart; sector ZY1 2 two more about 10 km east; Southby is 30 km on.
const SCHOOLS = [
  row('980001', 'Alder Academy', 'Secondary', 11, 18, 'Northam', 'ZY1 1AA', 400000, 200000),
  row('980002', 'Birch School', 'Secondary', 11, 16, 'Northam', 'ZY1 1AB', 402000, 200000),
  row('980003', 'Cedar Sixth Form College', '16 plus', 16, 19, 'Northam', 'ZY1 2AA', 410000, 200000),
  row('980004', 'Damson Middle School', 'Middle deemed secondary', 9, 13, 'Northam', 'ZY1 2AB', 412000, 200000),
];
const SOUTHBY = row('980005', 'Elm Academy', 'Secondary', 11, 16, 'Southby', 'ZY2 1AA', 430000, 200000);

let stack: LocalStack;
let store: Store;

beforeAll(async () => {
  stack = await startDemoStack();
  store = createStore({ tableName: stack.tableName, endpoint: stack.dynamodb.endpoint });
  const summary = await importSchools(store, [HEADER, ...SCHOOLS, SOUTHBY].join('\n'));
  expect(summary).toMatchObject({ created: 5, failed: 0 });
}, 90_000);
afterAll(async () => stack?.stop());

async function near(query: Record<string, string>): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${stack.siteUrl}/api/schools?${new URLSearchParams(query)}`);
  return { status: res.status, body: await json(res) };
}
const names = (body: Json) => body.schools.map((s: Json) => s.name);

describe('GET /api/schools?near=', () => {
  it('places a postcode at its sector’s schools and lists the schools by distance, within 15 km by default', async () => {
    const { status, body } = await near({ near: 'zy1 1zz' });
    expect(status).toBe(200);
    expect(body.place).toMatchObject({ from: 'sector', area: 'ZY1 1', schools: 2, withinKm: 1 });
    expect(body.place.approximate).toBe('Placed from the 2 schools we know in postcode sector ZY1 1; distances are approximate, within about 1 km.');
    expect(body.radiusKm).toBe(15);
    // The centroid is at 401000: Alder and Birch 1 km, Cedar 9 km, Damson 11 km; Elm (29 km) is beyond the radius.
    expect(body.schools.map((s: Json) => [s.name, s.distanceKm])).toEqual([
      ['Alder Academy', 1],
      ['Birch School', 1],
      ['Cedar Sixth Form College', 9],
      ['Damson Middle School', 11],
    ]);
    expect(body.schools[0]).toMatchObject({ urn: '980001', town: 'Northam', postcode: 'ZY1 1AA', providerAccessYears: [8, 9, 10, 11, 12, 13] });
  });

  it('cuts at the radius asked for, and reads further with a wider one', async () => {
    expect(names((await near({ near: 'ZY1 1ZZ', radius: '10' })).body)).toEqual(['Alder Academy', 'Birch School', 'Cedar Sixth Form College']);
    const wide = (await near({ near: 'ZY1 1ZZ', radius: '50' })).body;
    expect(wide.schools.at(-1)).toMatchObject({ name: 'Elm Academy', distanceKm: 29 });
  });

  it('places a postcode whose sector we do not know at its district, and a district the same way', async () => {
    for (const place of ['ZY1 9XY', 'ZY1']) {
      const { status, body } = await near({ near: place, radius: '5' });
      expect(status).toBe(200);
      // The district's four schools centre on 406000: Birch and Cedar 4 km, Alder and Damson 6 km (beyond 5).
      expect(body.place).toMatchObject({ from: 'district', area: 'ZY1', schools: 4 });
      expect(body.place.approximate).toContain('4 schools we know in postcode district ZY1');
      expect(body.schools.map((s: Json) => [s.name, s.distanceKm])).toEqual([
        ['Birch School', 4],
        ['Cedar Sixth Form College', 4],
      ]);
    }
  });

  it('places a town at its schools', async () => {
    const { body } = await near({ near: 'southby', radius: '5' });
    expect(body.place).toMatchObject({ from: 'town', area: 'southby', schools: 1 });
    expect(names(body)).toEqual(['Elm Academy']);
  });

  it('filters by a year group taught and by phase', async () => {
    expect(names((await near({ near: 'ZY1', year: '12' })).body)).toEqual(['Cedar Sixth Form College', 'Alder Academy']);
    // Damson (ages 9–13) teaches Year 8 but not Year 9; Cedar (16–19) neither.
    expect(names((await near({ near: 'ZY1', year: '8' })).body)).toEqual(['Birch School', 'Alder Academy', 'Damson Middle School']);
    expect(names((await near({ near: 'ZY1', year: '9' })).body)).toEqual(['Birch School', 'Alder Academy']);
    expect(names((await near({ near: 'ZY1', phase: 'middle' })).body)).toEqual(['Damson Middle School']);
    expect(names((await near({ near: 'ZY1', phase: '16-plus' })).body)).toEqual(['Cedar Sixth Form College']);
  });

  it('answers an unknown place with 404 and what to try instead, at the field', async () => {
    for (const place of ['ZY9 1AA', 'ZY9', 'Nowhere-on-Sea']) {
      const { status, body } = await near({ near: place });
      expect(status, place).toBe(404);
      expect(body.error.code).toBe('PLACE_NOT_FOUND');
      expect(body.error.fields['query.near']).toMatch(/cannot (place|find)/);
    }
  });

  it('refuses a radius, year or phase it does not offer, and name and place at once', async () => {
    expect((await near({ near: 'ZY1', radius: '7' })).body.error.fields).toHaveProperty(['query.radius']);
    expect((await near({ near: 'ZY1', year: '7' })).body.error.fields).toHaveProperty(['query.year']);
    expect((await near({ near: 'ZY1', phase: 'primary' })).body.error.fields).toHaveProperty(['query.phase']);
    const both = await near({ near: 'ZY1', q: 'alder' });
    expect(both.status).toBe(400);
    expect(both.body.error.fields).toHaveProperty(['query.near']);
    expect((await near({ radius: '15' })).body.error.fields).toHaveProperty(['query.radius']);
  });

  describe('has open slots between these dates (from, to)', () => {
    // Birch has a Year 10 session on Wed 12 March 2031 and Cedar a Year 12 one on Thu 13 March;
    // Alder and Damson offer nothing. The imported schools have no terms, so one is given.
    beforeAll(async () => {
      for (const [urn, id, date, yearGroups] of [
        ['980002', 'y10-talk', '2031-03-12', [10]],
        ['980003', 'y12-talk', '2031-03-13', [12]],
      ] as const) {
        const school = await getSchoolProfile(store, urn);
        if (!school) throw new Error(`school ${urn} not imported`);
        await putSchoolProfile(store, { ...school, calendar: { ...school.calendar, terms: [{ name: 'Spring 2031', start: '2031-01-06', end: '2031-03-28' }] } });
        await putOpportunity(store, urn, { id, title: 'Careers talk', sessionType: 'class_discussion', yearGroups: [...yearGroups], schedule: { kind: 'once', date, start: '10:00', end: '11:00' }, capacity: 2, venue: 'Hall', facilities: [] });
      }
    });

    it('keeps the nearest schools with an open slot between the dates, with how many', async () => {
      const { status, body } = await near({ near: 'ZY1 1ZZ', from: '2031-03-01', to: '2031-03-31' });
      expect(status).toBe(200);
      // Of the 4 nearest, only Birch and Cedar publish opportunities, so only they are checked.
      expect(body.openSlots).toEqual({ from: '2031-03-01', to: '2031-03-31', nearest: 4, checked: 2 });
      expect(body.schools.map((s: Json) => [s.name, s.openSlots])).toEqual([
        ['Birch School', 1],
        ['Cedar Sixth Form College', 1],
      ]);
      // Outside the dates, none, and none checked (both sessions are before the 14th); with a year group, only a slot for that year counts.
      const after = (await near({ near: 'ZY1 1ZZ', from: '2031-03-14', to: '2031-03-31' })).body;
      expect(names(after)).toEqual([]);
      expect(after.openSlots).toMatchObject({ nearest: 4, checked: 0 });
      expect(names((await near({ near: 'ZY1 1ZZ', from: '2031-03-01', to: '2031-03-31', year: '11' })).body)).toEqual([]);
      expect(names((await near({ near: 'ZY1 1ZZ', from: '2031-03-01', to: '2031-03-31', year: '12' })).body)).toEqual(['Cedar Sixth Form College']);
      // Without the dates the answer says nothing about slots.
      const plain = (await near({ near: 'ZY1 1ZZ' })).body;
      expect(plain).not.toHaveProperty('openSlots');
      expect(plain.schools[0]).not.toHaveProperty('openSlots');
    });

    it('does not count a slot with no places left', async () => {
      await ensureSlot(store, { urn: '980003', opportunityId: 'y12-talk', date: '2031-03-13', time: '10:00', capacity: 2 });
      expect(await setSlotCapacity(store, { urn: '980003', opportunityId: 'y12-talk', date: '2031-03-13', time: '10:00' }, 0)).toBe(true);
      expect(names((await near({ near: 'ZY1 1ZZ', from: '2031-03-01', to: '2031-03-31' })).body)).toEqual(['Birch School']);
    });

    it('finds a school once it publishes opportunities, through profile puts and re-imports, and stops checking one that removes them all', async () => {
      const editor = { email: 'lead@alder.example', role: 'careers_lead' as const };
      const march = { near: 'ZY1 1ZZ', from: '2031-03-01', to: '2031-03-31' };
      const alder = await getSchoolProfile(store, '980001');
      if (!alder) throw new Error('Alder not imported');
      await putSchoolProfile(store, { ...alder, calendar: { ...alder.calendar, terms: [{ name: 'Spring 2031', start: '2031-01-06', end: '2031-03-28' }] } });
      // Birch and Cedar (its one slot full, but it publishes one in the dates, so it is checked).
      expect((await near(march)).body.openSlots).toMatchObject({ nearest: 4, checked: 2 });
      await saveOpportunities(store, '980001', editor, {
        opportunities: [{ title: 'Options evening stand', sessionType: 'class_discussion', yearGroups: [9], schedule: { kind: 'once', date: '2031-03-20', start: '10:00', end: '11:00' }, capacity: 3, venue: 'Hall', facilities: [] }],
      });
      expect((await getSchoolProfile(store, '980001'))?.slotsUntil).toBe('2031-03-20');
      const published = (await near(march)).body;
      expect(published.schools.map((s: Json) => [s.name, s.openSlots])).toEqual([
        ['Alder Academy', 1],
        ['Birch School', 1],
      ]);
      expect(published.openSlots).toMatchObject({ nearest: 4, checked: 3 });
      // A profile put of the school without its slotsUntil, and a re-import that renames it, keep it on the near point.
      const { slotsUntil: _mark, ...unmarked } = (await getSchoolProfile(store, '980001'))!;
      await putSchoolProfile(store, unmarked);
      expect(await importSchools(store, [HEADER, SCHOOLS[0]!.replace('Alder Academy', 'Alder Park Academy'), ...SCHOOLS.slice(1), SOUTHBY].join('\n'))).toMatchObject({ updated: 1, failed: 0 });
      expect(names((await near(march)).body)).toEqual(['Alder Park Academy', 'Birch School']);
      // All removed: not checked, not listed.
      await saveOpportunities(store, '980001', editor, { opportunities: [] });
      expect((await getSchoolProfile(store, '980001'))?.slotsUntil).toBeUndefined();
      const removed = (await near(march)).body;
      expect(names(removed)).toEqual(['Birch School']);
      expect(removed.openSlots).toMatchObject({ nearest: 4, checked: 2 });
      expect(await importSchools(store, [HEADER, ...SCHOOLS, SOUTHBY].join('\n'))).toMatchObject({ updated: 1, failed: 0 }); // its name back, for the tests after
    });

    it('asks for both dates, in order, real, within 120 days and only with a place, in words at the field', async () => {
      const cases: [Record<string, string>, string, RegExp][] = [
        [{ near: 'ZY1', from: '2031-03-01' }, 'query.to', /last date you could visit/],
        [{ near: 'ZY1', to: '2031-03-01' }, 'query.from', /first date you could visit/],
        [{ near: 'ZY1', from: '2031-03-10', to: '2031-03-01' }, 'query.to', /before the first/],
        [{ near: 'ZY1', from: '2031-02-30', to: '2031-03-01' }, 'query.from', /real date/],
        [{ near: 'ZY1', from: '2031-01-01', to: '2031-12-31' }, 'query.to', /within 120 days/],
        [{ q: 'alder', from: '2031-03-01', to: '2031-03-02' }, 'query.from', /near a place/],
      ];
      for (const [query, field, message] of cases) {
        const { status, body } = await near(query);
        expect(status, JSON.stringify(query)).toBe(400);
        expect(body.error.fields[field], JSON.stringify(query)).toMatch(message);
      }
    });
  });

  it('lists only schools a provider can ask (R-TAUGHT): a primary places its postcode but is not listed, and leaves the list when it stops teaching Years 8–13', async () => {
    const asPrimary = row('980006', 'Fig School', 'Primary', 4, 11, 'Upfield', 'ZY3 1AA', 401000, 205000);
    expect(await importSchools(store, [HEADER, asPrimary].join('\n'))).toMatchObject({ created: 1, failed: 0 });
    const first = (await near({ near: 'ZY3 1AB', radius: '10' })).body;
    expect(first.place).toMatchObject({ from: 'sector', area: 'ZY3 1', schools: 1 });
    // Alder and Birch are 5.1 km from Fig; Cedar 10.3 km.
    expect(names(first)).toEqual(['Alder Academy', 'Birch School']);
    // Re-imported as all-through (4–18), it teaches Years 8–13: listed, nearest.
    const allThrough = row('980006', 'Fig School', 'All-through', 4, 18, 'Upfield', 'ZY3 1AA', 401000, 205000);
    expect(await importSchools(store, [HEADER, allThrough].join('\n'))).toMatchObject({ updated: 1, failed: 0 });
    expect(names((await near({ near: 'ZY3 1AB', radius: '10' })).body)).toEqual(['Fig School', 'Alder Academy', 'Birch School']);
    // A primary again: out of the list (its near point deleted), still placing its sector.
    expect(await importSchools(store, [HEADER, asPrimary].join('\n'))).toMatchObject({ updated: 1, failed: 0 });
    const again = (await near({ near: 'ZY3 1AB', radius: '10' })).body;
    expect(again.place).toMatchObject({ from: 'sector', schools: 1 });
    expect(names(again)).toEqual(['Alder Academy', 'Birch School']);
  });

  it('the demo schools are placed too (the local stack’s own data)', async () => {
    const { body } = await near({ near: 'Eastmouth' });
    expect(body.schools.length).toBeGreaterThanOrEqual(2);
    expect(body.schools.every((s: Json) => s.town === 'Eastmouth' || s.distanceKm > 0)).toBe(true);
  });

  it('a re-import that moves a school moves it in the search: new grid square and place, the old ones gone', async () => {
    const moved = row('980005', 'Elm Academy', 'Secondary', 11, 16, 'Northam', 'ZY1 1AC', 401000, 201000);
    expect(await importSchools(store, [HEADER, ...SCHOOLS, moved].join('\n'))).toMatchObject({ updated: 1, failed: 0 });
    expect((await near({ near: 'Southby' })).status).toBe(404);
    const { body } = await near({ near: 'ZY1 1AA', radius: '5' });
    expect(body.place).toMatchObject({ from: 'sector', schools: 3 });
    expect(names(body)).toContain('Elm Academy');
  });
});
