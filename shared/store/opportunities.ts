// Access patterns for a school's opportunities (S-OPPORTUNITIES): one item each, read by
// its key (a request's chosen opportunity) or all of a school's with one query (its settings
// and page). Every write of them also sets, in the same transaction, the last date they can
// give a slot on (`slotsUntil`) on the profile and its near point, which the near search
// reads to check slots only where there may be some.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { lastSlotDate } from '#shared/domain/calendar.ts';
import type { IsoDate, Opportunity } from '#shared/domain/types.ts';
import type { Store } from './client.ts';
import { fromItem, schoolPartition, sortKeyBeginsWith } from './keys.ts';
import { nearPointSlotsUpdate, type PlacedSchool } from './places.ts';
import { getSchoolProfile, profileVersionUpdate, schoolKey } from './schools.ts';
import { MAX_TRANSACTION_ITEMS, transact, TransactionCancelled, type TransactItems } from './transact.ts';

const OPPORTUNITY_PREFIX = 'OPP#';
const opportunityKey = (urn: string, id: string) => ({ pk: schoolPartition(urn), sk: `${OPPORTUNITY_PREFIX}${id}` });

function opportunityItem(urn: string, opportunity: Opportunity) {
  return { ...opportunityKey(urn, opportunity.id), itemType: 'opportunity', urn, ...opportunity };
}

/**
 * Adds or replaces one opportunity of a stored school (the demo seed, tests), with the
 * school's `slotsUntil` from its whole set after the write. Not version-guarded: one writer
 * at a time; the settings page saves through replaceOpportunities.
 */
export async function putOpportunity(store: Store, urn: string, opportunity: Opportunity): Promise<void> {
  const [school, existing] = await Promise.all([getSchoolProfile(store, urn), listOpportunities(store, urn)]);
  if (!school) throw new Error(`No school ${urn} to add opportunity ${opportunity.id} to`);
  const slotsUntil = lastSlotDate([...existing.filter((o) => o.id !== opportunity.id), opportunity]);
  await transact(store, [{ Put: { TableName: store.tableName, Item: opportunityItem(urn, opportunity) } }, ...slotsUntilWrites(store, school, slotsUntil)]);
}

/**
 * The school's `slotsUntil` set (or removed, when it publishes none) on its profile and
 * its near point: for a backfill of schools whose opportunities were written before it (the
 * demo seed's kept schools).
 */
export async function markSlotsUntil(store: Store, school: PlacedSchool, slotsUntil: IsoDate | undefined): Promise<void> {
  await transact(store, slotsUntilWrites(store, school, slotsUntil));
}

function slotsUntilWrites(store: Store, school: PlacedSchool, slotsUntil: IsoDate | undefined): TransactItems {
  return [
    {
      Update: {
        TableName: store.tableName,
        Key: schoolKey(school.urn),
        UpdateExpression: slotsUntil ? 'SET slotsUntil = :until' : 'REMOVE slotsUntil',
        ConditionExpression: 'attribute_exists(pk)',
        ...(slotsUntil ? { ExpressionAttributeValues: { ':until': slotsUntil } } : {}),
      },
    },
    ...nearPointSlotsUpdate(store, school, slotsUntil),
  ];
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
 * on `expectedVersion` when given) with `slotsUntil` (lastSlotDate of the set after the
 * change) on the profile and the near point of `school` (as read), plus `also` (the audit
 * item). Either all of it is saved or none. Returns false when the version has moved on
 * since it was read.
 */
export async function replaceOpportunities(
  store: Store,
  school: PlacedSchool,
  change: { put: Opportunity[]; remove: string[]; slotsUntil: IsoDate | undefined },
  expectedVersion: number | undefined,
  also: TransactItems = [],
): Promise<boolean> {
  const { urn } = school;
  const until = change.slotsUntil;
  const items: TransactItems = [
    profileVersionUpdate(store, urn, 'opportunitiesVersion', expectedVersion, until ? { slotsUntil: until } : {}, until ? [] : ['slotsUntil']),
    ...nearPointSlotsUpdate(store, school, until),
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
