// Access patterns for a school's profile: its calendar, booking rules, careers lead and
// policy text, kept as one item so the school page and the rules need one read.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { School } from '#shared/domain/types.ts';
import type { Store } from './client.ts';
import { fromItem, keys } from './keys.ts';

export interface StoredSchool extends School {
  updatedAt: string;
}

export async function getSchoolProfile(store: Store, urn: string): Promise<StoredSchool | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.school(urn) }));
  if (!out.Item) return undefined;
  return fromItem<StoredSchool>(out.Item);
}

/** Writes the profile only if the school is new: returns false when it existed. */
export async function createSchoolProfileIfAbsent(store: Store, school: School, now: Date = new Date()): Promise<boolean> {
  try {
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...keys.school(school.urn), itemType: 'school', ...school, updatedAt: now.toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

export async function putSchoolProfile(store: Store, school: School, now: Date = new Date()): Promise<StoredSchool> {
  const stored: StoredSchool = { ...school, updatedAt: now.toISOString() };
  await store.doc.send(
    new PutCommand({ TableName: store.tableName, Item: { ...keys.school(school.urn), itemType: 'school', ...stored } }),
  );
  return stored;
}
