// Access patterns for a school's opportunities (S-OPPORTUNITIES): one item each, read by
// its key (a request's chosen opportunity) or all of a school's with one query (its settings
// and page).
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Opportunity } from '#shared/domain/types.ts';
import type { Store } from './client.ts';
import { fromItem, schoolPartition, sortKeyBeginsWith } from './keys.ts';
import { profileVersionUpdate } from './schools.ts';
import { MAX_TRANSACTION_ITEMS, transact, TransactionCancelled, type TransactItems } from './transact.ts';

const OPPORTUNITY_PREFIX = 'OPP#';
const opportunityKey = (urn: string, id: string) => ({ pk: schoolPartition(urn), sk: `${OPPORTUNITY_PREFIX}${id}` });

function opportunityItem(urn: string, opportunity: Opportunity) {
  return { ...opportunityKey(urn, opportunity.id), itemType: 'opportunity', urn, ...opportunity };
}

export async function putOpportunity(store: Store, urn: string, opportunity: Opportunity): Promise<void> {
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: opportunityItem(urn, opportunity) }));
}

export async function listOpportunities(store: Store, urn: string): Promise<Opportunity[]> {
  const out = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      ...sortKeyBeginsWith(schoolPartition(urn), OPPORTUNITY_PREFIX),
    }),
  );
  return (out.Items ?? []).map((i) => {
    const { urn: _urn, ...opportunity } = fromItem<Opportunity & { urn: string }>(i);
    return opportunity;
  });
}

/** One opportunity of a school, if it still exists. */
export async function getOpportunity(store: Store, urn: string, id: string): Promise<Opportunity | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: opportunityKey(urn, id) }));
  if (!out.Item) return undefined;
  const { urn: _urn, ...opportunity } = fromItem<Opportunity & { urn: string }>(out.Item);
  return opportunity;
}

/**
 * Writes a change to a school's set of opportunities as one transaction: the new and
 * changed ones, the removed ones, and the profile's opportunities version (conditional
 * on `expectedVersion` when given), plus `also` (the audit item). Either all of it is
 * saved or none. Returns false when the version has moved on since it was read.
 */
export async function replaceOpportunities(
  store: Store,
  urn: string,
  change: { put: Opportunity[]; remove: string[] },
  expectedVersion: number | undefined,
  also: TransactItems = [],
): Promise<boolean> {
  const items: TransactItems = [
    profileVersionUpdate(store, urn, 'opportunitiesVersion', expectedVersion),
    ...change.put.map((o) => ({ Put: { TableName: store.tableName, Item: opportunityItem(urn, o) } })),
    ...change.remove.map((id) => ({ Delete: { TableName: store.tableName, Key: opportunityKey(urn, id) } })),
    ...also,
  ];
  if (items.length > MAX_TRANSACTION_ITEMS) throw new RangeError(`A change of ${items.length} items does not fit one transaction`);
  try {
    await transact(store, items);
    return true;
  } catch (err) {
    if (err instanceof TransactionCancelled && err.failedCondition(0)) return false;
    throw err;
  }
}
