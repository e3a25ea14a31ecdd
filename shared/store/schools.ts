// Access patterns for a school's profile: its calendar, booking rules, careers lead and
// policy text, kept as one item so the school page and the rules need one read. Every
// profile write also refreshes the school's directory entries (search) and keeps the
// profile in the list of all schools (gsi1) that the daily job walks.
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { School } from '#shared/domain/types.ts';
import { providerAccessYears } from '#shared/domain/year-groups.ts';
import type { Store } from './client.ts';
import { indexSchool, schoolSummary, searchTerms } from './directory.ts';
import { fromItem, keys } from './keys.ts';

export interface StoredSchool extends School {
  updatedAt: string;
}

export async function getSchoolProfile(store: Store, urn: string): Promise<StoredSchool | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.school(urn) }));
  return out.Item ? fromItem<StoredSchool>(out.Item) : undefined;
}

function profileItem(school: School, now: Date) {
  return { ...keys.school(school.urn), ...schoolsListKeys(school.urn), itemType: 'school', ...school, updatedAt: now.toISOString() };
}

/** Every profile is in the schools list (gsi1), so jobs can visit all schools without a scan. */
function schoolsListKeys(urn: string) {
  return { gsi1pk: keys.schoolsList(), gsi1sk: keys.schoolsListSort(urn) };
}

/** Puts a profile written before the schools list existed into it (idempotent). */
export async function ensureSchoolListed(store: Store, urn: string): Promise<void> {
  const list = schoolsListKeys(urn);
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.school(urn),
        UpdateExpression: 'SET gsi1pk = :pk, gsi1sk = :sk',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(gsi1pk)',
        ExpressionAttributeValues: { ':pk': list.gsi1pk, ':sk': list.gsi1sk },
      }),
    );
  } catch (err) {
    if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
  }
}

/** Every school's profile, a page at a time (one gsi1 partition, in URN order). */
export async function* listAllSchools(store: Store, pageSize = 100): AsyncGenerator<StoredSchool[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const out = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.schoolsList() },
        Limit: pageSize,
        ExclusiveStartKey: start,
      }),
    );
    yield (out.Items ?? []).map((i) => fromItem<StoredSchool>(i));
    start = out.LastEvaluatedKey;
  } while (start);
}

async function reindex(store: Store, school: School, previous?: School) {
  await indexSchool(store, schoolSummary(school, providerAccessYears(school)), searchTerms(school), previous ? searchTerms(previous) : []);
}

/** Writes the profile only if the school is new: returns false when it existed. */
export async function createSchoolProfileIfAbsent(store: Store, school: School, now: Date = new Date()): Promise<boolean> {
  try {
    await store.doc.send(
      new PutCommand({ TableName: store.tableName, Item: profileItem(school, now), ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  } catch (err) {
    if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    await ensureSchoolListed(store, school.urn);
    return false;
  }
  await reindex(store, school);
  return true;
}

export async function putSchoolProfile(store: Store, school: School, now: Date = new Date()): Promise<StoredSchool> {
  const out = await store.doc.send(new PutCommand({ TableName: store.tableName, Item: profileItem(school, now), ReturnValues: 'ALL_OLD' }));
  await reindex(store, school, out.Attributes ? fromItem<School>(out.Attributes) : undefined);
  return { ...school, updatedAt: now.toISOString() };
}
