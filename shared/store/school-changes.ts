// The audit trail of a school's own set-up: one item per saved change of its settings,
// opportunities or staff, written in the same transaction as the change itself, saying
// who made it, when, and what changed. Read newest first with one query.
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { queryEvery, type Store } from './client.ts';
import { newId } from './ids.ts';
import { fromItem, schoolPartition, sortKeyBeginsWith, tableKeyOf, type Keyed } from './keys.ts';
import type { TransactItems } from './transact.ts';

export const CHANGE_SECTIONS = ['settings', 'opportunities', 'staff'] as const;
export type ChangeSection = (typeof CHANGE_SECTIONS)[number];

export interface SchoolChange {
  urn: string;
  section: ChangeSection;
  at: string;
  /** The signed-in member of staff who saved it, and their role at the school. */
  by: string;
  role: string;
  /** Sentences, one per changed thing, e.g. 'minimumNoticeDays: 30 → 14'. */
  changes: string[];
  /** The section's version after the change, where it has one. */
  version?: number;
}

const CHANGE_PREFIX = 'CHANGE#';
/** One change of a school's settings, opportunities or staff, in time order. */
const schoolChangeKey = (urn: string, at: string, id: string) => ({ pk: schoolPartition(urn), sk: `${CHANGE_PREFIX}${at}#${id}` });
const changesQuery = (urn: string) => sortKeyBeginsWith(schoolPartition(urn), CHANGE_PREFIX);

/** The Put of a change's audit item, to add to the transaction that makes the change. */
export function schoolChangePut(store: Store, change: SchoolChange): TransactItems[number] {
  const id = newId(Date.parse(change.at));
  return {
    Put: {
      TableName: store.tableName,
      Item: { ...schoolChangeKey(change.urn, change.at, id), itemType: 'schoolChange', ...change },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The latest changes of a school, newest first. */
export async function listSchoolChanges(store: Store, urn: string, limit = 50): Promise<SchoolChange[]> {
  const out = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      ...changesQuery(urn),
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => fromItem<SchoolChange>(i));
}

/** Every audit item of a school's set-up with its key, every page (erasure rewrites them). */
export async function listKeyedSchoolChanges(store: Store, urn: string): Promise<Keyed<SchoolChange>[]> {
  const items = await queryEvery(store, changesQuery(urn));
  return items.map((i) => ({ key: tableKeyOf(i), value: fromItem<SchoolChange>(i) }));
}

/** An audit item of a school's set-up rewritten (its key unchanged). */
export async function saveSchoolChange(store: Store, change: Keyed<SchoolChange>): Promise<void> {
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: { ...change.key, itemType: 'schoolChange', ...change.value } }));
}
