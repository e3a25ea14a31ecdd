// The GIAS import on an extract shaped like DfE's (issue 17 item 1), on DynamoDB Local: the
// 140 columns in DfE's order, Windows-1252 bytes, CRLF, quoted commas. Names come out exactly
// as written (à, é, ’, œ); only open establishments in scope of s42B are stored, so only they
// can be found and booked (R-SCOPE); Easting/Northing and UKPRN are kept; the same file
// re-saved as UTF-8 reads the same; and importing the same file again writes nothing.
import { describe, expect, it } from 'vitest';
import type { Store } from '#shared/store/client.ts';
import { getSchoolProfiles } from '#shared/store/school-import.ts';
import { importSchools } from '#shared/usecases/import-schools.ts';
import { giasExtract, GIAS_EXTRACT_COLUMNS, NAMED_ESTABLISHMENTS } from './support/gias-extract.ts';
import { createTestTable } from './support/table.ts';

const WRITES = new Set(['PutCommand', 'UpdateCommand', 'DeleteCommand', 'BatchWriteCommand', 'TransactWriteCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

/** The store, with every write command it sends counted. */
function countingWrites(store: Store): { store: Store; writes: () => number } {
  let writes = 0;
  const send = store.doc.send.bind(store.doc) as (command: object) => Promise<unknown>;
  const doc = Object.create(store.doc) as Store['doc'];
  doc.send = ((command: object) => {
    if (WRITES.has(command.constructor.name)) writes++;
    return send(command);
  }) as Store['doc']['send'];
  return { store: { ...store, doc }, writes: () => writes };
}

const ROWS = 240;
const extract = giasExtract(ROWS, { seed: 11 });
const named = (name: string) => extract.schools.find((s) => s.name === name)!;

describe('a GIAS extract as DfE publishes it', () => {
  it('is shaped like the real one', () => {
    const bytes = extract.bytes;
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text.split('\r\n')[0]).toBe(GIAS_EXTRACT_COLUMNS.join(','));
    expect(GIAS_EXTRACT_COLUMNS).toHaveLength(140);
    expect(text.split('\r\n')).toHaveLength(ROWS + 2);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(bytes).toContain(0x92); // ’ in Windows-1252
    expect(text).toContain('"St Thomas \u00e0 Becket Catholic Academy, Upper School"');
    expect(extract.schools.slice(0, NAMED_ESTABLISHMENTS.length).map((s) => s.name)).toEqual(NAMED_ESTABLISHMENTS.map((e) => e.name));
  });

  it('imports with names exact and only the in-scope schools stored, with their location and UKPRN; again, it writes nothing', async () => {
    const { store: raw } = await createTestTable('gias-extract');
    const { store, writes } = countingWrites(raw);
    const summary = await importSchools(store, extract.bytes, { chunkRows: 50 });
    const bookable = extract.schools.filter((s) => s.bookable);
    expect(summary, JSON.stringify(summary.problems.slice(0, 3))).toMatchObject({ rows: ROWS, created: bookable.length, updated: 0, failed: 0, skipped: ROWS - bookable.length });
    expect(writes()).toBeGreaterThan(0);

    const stored = await getSchoolProfiles(store, extract.schools.map((s) => s.urn));
    expect([...stored.keys()].sort()).toEqual(bookable.map((s) => s.urn).sort());
    for (const s of bookable) {
      const profile = stored.get(s.urn)!;
      expect(profile.name).toBe(s.name);
      expect(profile.location).toEqual(s.location);
      expect(profile.ukprn).toBe(s.ukprn);
    }
    expect(stored.get(named('Sainte Thérèse’s Church of England School').urn)?.address.street).toBe('Rue de l’Église, Old Town');
    expect(stored.get(named('Sacré Cœur Catholic Primary School').urn)?.name).toBe('Sacré Cœur Catholic Primary School');
    // In scope, and teaching Years 8–13: a PRU, a special school, a UTC, an AP academy.
    for (const name of ['Dunford Pupil Referral Unit', 'Brackenfield Special School', 'Hollowmere University Technical College', 'Larkhill Green Alternative Provision Academy', 'Colden Vale Academy']) {
      expect(stored.get(named(name).urn)?.yearGroups, name).toEqual(expect.arrayContaining([10, 11]));
    }
    for (const name of ['Old Quarry Community School', 'Kestrel Hall School', 'Ashcombe College, Further and Higher Education', 'Juniper Cross Sixth Form College', 'Royal Ashcombe Children’s Hospital School', 'Greyhaven House School', 'Foxley Free School']) {
      expect(stored.has(named(name).urn), name).toBe(false);
    }

    // The same file again: every row read, nothing written.
    const before = writes();
    const again = await importSchools(store, extract.bytes, { chunkRows: 50 });
    expect(again).toMatchObject({ rows: ROWS, created: 0, updated: 0, failed: 0, skipped: ROWS });
    expect(writes() - before).toBe(0);
  }, 120_000);

  it('a school imported while open that GIAS now lists as closed or out of scope is reported, not quietly left bookable', async () => {
    const { store } = await createTestTable('gias-closed');
    const header = 'URN,EstablishmentName,TypeOfEstablishment (code),EstablishmentStatus (code),StatutoryLowAge,StatutoryHighAge,Town,Postcode\r\n';
    const file = (status: number, type: number) => `${header}9600001,Fernhill Academy,34,${status},11,16,Ashcombe,ZZ3 1AB\r\n9600002,Castlegate School,${type},1,11,18,Ashcombe,ZZ3 2CD\r\n`;
    expect(await importSchools(store, file(1, 34))).toMatchObject({ created: 2, failed: 0 });
    const summary = await importSchools(store, file(2, 11));
    expect(summary).toMatchObject({ created: 0, updated: 0, skipped: 0, failed: 2 });
    expect(summary.problems).toEqual([
      { line: 2, urn: '9600001', message: 'GIAS lists this school as closed, but it is on the platform already, and still bookable: the import does not take schools off.' },
      { line: 3, urn: '9600002', message: expect.stringContaining('GIAS lists this school as not in scope of s42B: Other independent school') },
    ]);
    // One never imported is simply skipped.
    expect(await importSchools(store, `${header}9600003,Old Quarry School,1,2,11,16,Upton,ZZ5 7NP\r\n`)).toMatchObject({ skipped: 1, failed: 0 });
  }, 60_000);

  it('the same file re-saved as UTF-8, with a BOM or without, reads the same', async () => {
    const { store } = await createTestTable('gias-utf8');
    const first = NAMED_ESTABLISHMENTS.length;
    for (const encoding of ['utf-8-bom', 'utf-8'] as const) {
      const resaved = giasExtract(first, { seed: 11, encoding });
      const summary = await importSchools(store, resaved.bytes);
      expect(summary.failed).toBe(0);
      const stored = await getSchoolProfiles(store, resaved.schools.map((s) => s.urn));
      expect(
        [...stored.values()].map((s) => s.name),
        encoding,
      ).toEqual(expect.arrayContaining(['St Thomas à Becket Catholic Academy, Upper School', 'Sainte Thérèse’s Church of England School', 'Sacré Cœur Catholic Primary School']));
    }
  }, 60_000);
});
