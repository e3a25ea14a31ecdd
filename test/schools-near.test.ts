// "Schools near me" (issue 15, item 4) on the local stack: schools imported from a GIAS
// extract with Easting/Northing, then GET /api/schools?near= placed by postcode sector,
// by district when the sector is unknown, and by town; sorted by distance, cut at the
// radius, filtered by year group and phase; an unknown place answered with what to do; a
// re-import that moves a school moves it in the search (its grid square and place items).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { createStore, type Store } from '#shared/store/client.ts';
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
