// Access patterns of the GIAS import: read many profiles at once, create new schools in
// batches (profile and search entries, BatchWriteItem), and update only the GIAS fields of
// a school that exists, so its own settings, lead, statement and versions are kept.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { GiasSchool } from '#shared/domain/gias.ts';
import type { School } from '#shared/domain/types.ts';
import { providerAccessYears } from '#shared/domain/year-groups.ts';
import { batchGetAll, batchWriteAll, type WriteRequest } from './batch.ts';
import type { Store } from './client.ts';
import { directoryWrites, searchTerms } from './directory.ts';
import { schoolSummary } from '#shared/domain/school-summary.ts';
import { fromItem } from './keys.ts';
import { placeWrites } from './places.ts';
import { profileItem, schoolKey } from './schools.ts';
import type { StoredSchool } from '#shared/domain/records.ts';

/** The stored profiles of the given URNs (absent ones left out), by URN. */
export async function getSchoolProfiles(store: Store, urns: readonly string[]): Promise<Map<string, StoredSchool>> {
  const items = await batchGetAll(store, urns.map((urn) => schoolKey(urn)));
  return new Map(items.map((i) => fromItem<StoredSchool>(i)).map((s) => [s.urn, s]));
}

/** Which of the URNs have a profile here (only the key read, eventually consistent: half a read unit each). */
export async function storedSchoolUrns(store: Store, urns: readonly string[]): Promise<Set<string>> {
  const items = await batchGetAll(store, urns.map((urn) => schoolKey(urn)), { consistent: false, projection: { ProjectionExpression: '#urn', ExpressionAttributeNames: { '#urn': 'urn' } } });
  return new Set(items.map((i) => String(i.urn)));
}

/** New schools: each profile and its search entries, in batches of 25 writes. */
export async function createSchoolsInBatches(store: Store, schools: readonly School[], now: Date): Promise<void> {
  const writes: WriteRequest[] = [];
  for (const school of schools) {
    writes.push({ PutRequest: { Item: profileItem(school, now) } });
    writes.push(...directoryWrites(schoolSummary(school, providerAccessYears(school)), searchTerms(school)), ...placeWrites(school));
  }
  await batchWriteAll(store, writes);
}

/** Existing schools updated at once: enough to be quick, few enough not to throttle the table. */
const UPDATE_CONCURRENCY = 8;

/** Replaces the GIAS fields of existing schools (nothing else), and their search entries. */
export async function updateGiasFields(store: Store, updates: readonly { before: StoredSchool; gias: GiasSchool }[], now: Date): Promise<void> {
  for (let i = 0; i < updates.length; i += UPDATE_CONCURRENCY) {
    await Promise.all(updates.slice(i, i + UPDATE_CONCURRENCY).map(({ gias }) => updateOne(store, gias, now)));
  }
  const directory: WriteRequest[] = updates.flatMap(({ before, gias }) => {
    const after: School = { ...before, ...gias, website: gias.website, trust: gias.trust, location: gias.location, ukprn: gias.ukprn };
    return [...directoryWrites(schoolSummary(after, providerAccessYears(after)), searchTerms(after), searchTerms(before)), ...placeWrites(after, before)];
  });
  await batchWriteAll(store, directory);
}

async function updateOne(store: Store, gias: GiasSchool, now: Date): Promise<void> {
  const set: Record<string, unknown> = {
    name: gias.name,
    establishmentType: gias.establishmentType,
    phase: gias.phase,
    statutoryLowAge: gias.statutoryLowAge,
    statutoryHighAge: gias.statutoryHighAge,
    yearGroups: gias.yearGroups,
    address: gias.address,
    giasUpdatedAt: now.toISOString(),
  };
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts = Object.entries(set).map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:f${i}`] = v;
    return `#f${i} = :f${i}`;
  });
  // The profile is on no grid square: its near point (placeWrites, with the search entries)
  // moves with the location. One written before near points existed leaves the index.
  const removals: string[] = ['gsi2pk', 'gsi2sk'];
  for (const [field, value] of [['website', gias.website], ['trust', gias.trust], ['location', gias.location], ['ukprn', gias.ukprn]] as const) {
    names[`#${field}`] = field;
    if (value === undefined) removals.push(`#${field}`);
    else {
      values[`:${field}`] = value;
      parts.push(`#${field} = :${field}`);
    }
  }
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: schoolKey(gias.urn),
      UpdateExpression: `SET ${parts.join(', ')}${removals.length ? ` REMOVE ${removals.join(', ')}` : ''}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}
