// Access patterns for a school's profile: its calendar, booking rules, careers lead and
// policy text, kept as one item so the school page and the rules need one read. Every
// profile write also refreshes the school's directory entries (search).
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
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
  return { ...keys.school(school.urn), itemType: 'school', ...school, updatedAt: now.toISOString() };
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
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
  await reindex(store, school);
  return true;
}

export async function putSchoolProfile(store: Store, school: School, now: Date = new Date()): Promise<StoredSchool> {
  const out = await store.doc.send(new PutCommand({ TableName: store.tableName, Item: profileItem(school, now), ReturnValues: 'ALL_OLD' }));
  await reindex(store, school, out.Attributes ? fromItem<School>(out.Attributes) : undefined);
  return { ...school, updatedAt: now.toISOString() };
}
