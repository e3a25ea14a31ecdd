// getSchoolNames: the schools' names of a provider's request list in one batch read.
import { beforeAll, describe, expect, it } from 'vitest';
import { demoSchools } from '#infra/local/demo-data.ts';
import { createSchoolProfileIfAbsent, getSchoolNames } from '#shared/store/schools.ts';
import { createTestTable, type TestTable } from './support/table.ts';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable('names');
  for (const { school } of demoSchools(new Date()).slice(0, 2)) await createSchoolProfileIfAbsent(table.store, school);
});

describe('getSchoolNames', () => {
  it('names each known school once, leaves unknown ones out, and reads nothing for none', async () => {
    const names = await getSchoolNames(table.store, ['990101', '990102', '990101', '123456']);
    expect(Object.fromEntries(names)).toEqual({ '990101': 'Harbour View Academy', '990102': 'Kingsmead School and Sixth Form' });
    expect((await getSchoolNames(table.store, [])).size).toBe(0);
  });

  it('asks in batches of 100', async () => {
    const urns = Array.from({ length: 250 }, (_, i) => String(800000 + i)).concat('990102');
    expect([...(await getSchoolNames(table.store, urns)).keys()]).toEqual(['990102']);
  });
});
