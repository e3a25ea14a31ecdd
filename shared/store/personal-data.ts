// Access patterns for erasure and retention (UK GDPR): finding a person's data through
// named patterns, never a scan (a provider's requests on gsi2; a member of staff's events
// and audit items in the partitions of their schools; tokens, sessions and queued sign-in
// emails under the address on gsi1), and writing the anonymised copies.
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { RequestStatus } from '#shared/domain/types.ts';
import type { Store } from './client.ts';
import { fromItem, keys } from './keys.ts';
import type { ItemKey } from './mail-log.ts';
import { eventItem, requestItem, type RequestEvent, type StoredRequest } from './requests.ts';
import type { SchoolChange } from './school-changes.ts';
import { transact, TransactionCancelled, type TransactItems } from './transact.ts';

export type { ItemKey };

/** A stored request that may have been anonymised. */
export type MaybeAnonymisedRequest = StoredRequest & { anonymisedAt?: string };

export interface Keyed<T> {
  key: ItemKey;
  value: T;
}

async function queryAll(store: Store, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await store.doc.send(new QueryCommand({ ...input, TableName: store.tableName, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

const keyOf = (item: Record<string, unknown>): ItemKey => ({ pk: String(item.pk), sk: String(item.sk) });

/** Every request a provider email has made (gsi2, every page): urn and id, to be read afresh. */
export async function listAllRequestRefsOfProvider(store: Store, email: string): Promise<{ urn: string; id: string }[]> {
  const items = await queryAll(store, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.requestsByProvider(email) },
  });
  return items.map((i) => ({ urn: String(i.urn), id: String(i.id) }));
}

/** A school's requests in one status with encounters up to `to`, not yet anonymised (gsi1, every page). */
export async function listRequestsToAnonymise(store: Store, urn: string, status: RequestStatus, to: string): Promise<StoredRequest[]> {
  const items = await queryAll(store, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :hi',
    FilterExpression: 'attribute_not_exists(anonymisedAt)',
    ExpressionAttributeValues: { ':pk': keys.requestsByStatus(urn, status), ':hi': `${to}~` },
  });
  return items.map((i) => fromItem<StoredRequest>(i));
}

/** The audit trail of one request, with each event's key. */
export async function listKeyedEventsOfRequest(store: Store, urn: string, id: string): Promise<Keyed<RequestEvent>[]> {
  const items = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.school(urn).pk, ':prefix': keys.requestEventsPrefix(id) },
    ConsistentRead: true,
  });
  return items.map((i) => ({ key: keyOf(i), value: fromItem<RequestEvent>(i) }));
}

/** The events of a school's requests in which one person acted (a query of the school's request items, filtered). */
export async function listKeyedEventsByActor(store: Store, urn: string, email: string): Promise<Keyed<RequestEvent>[]> {
  const items = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    FilterExpression: 'itemType = :event AND actor.id = :email',
    ExpressionAttributeValues: { ':pk': keys.school(urn).pk, ':prefix': keys.request(urn, '').sk, ':event': 'requestEvent', ':email': email.toLowerCase() },
    ConsistentRead: true,
  });
  return items.map((i) => ({ key: keyOf(i), value: fromItem<RequestEvent>(i) }));
}

/** The audit items of a school's own set-up (settings, opportunities, staff), every page. */
export async function listKeyedSchoolChanges(store: Store, urn: string): Promise<Keyed<SchoolChange>[]> {
  const items = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.school(urn).pk, ':prefix': keys.schoolChangesPrefix() },
  });
  return items.map((i) => ({ key: keyOf(i), value: fromItem<SchoolChange>(i) }));
}

/** The tokens, sessions and queued sign-in emails that hold an address (gsi1). */
export async function listItemsHeldForEmail(store: Store, email: string): Promise<ItemKey[]> {
  const items = await queryAll(store, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.heldForEmail(email) },
  });
  return items.map(keyOf);
}

export async function deleteItems(store: Store, found: readonly ItemKey[]): Promise<void> {
  for (const key of found) await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: key }));
}

const MAX_TRANSACTION = 100;

/**
 * Writes a request and its events anonymised: the request conditional on the version it
 * was read at (and moved on by one, so a change decided on the old copy fails rather than
 * writing the personal data back), taken out of the provider index (gsi2), and its
 * events, in one transaction (more than 99 events: the rest in further ones). False when
 * the request changed meanwhile: read it again and retry.
 */
export async function saveAnonymisedRequest(store: Store, before: StoredRequest, after: MaybeAnonymisedRequest, events: Keyed<RequestEvent>[]): Promise<boolean> {
  const { gsi2pk: _pk, gsi2sk: _sk, ...item } = requestItem({ ...after, version: before.version + 1 });
  const eventPuts: TransactItems = events.map((e) => ({ Put: { TableName: store.tableName, Item: { ...eventItem(e.value, 0), ...e.key } } }));
  const first: TransactItems = [
    {
      Put: {
        TableName: store.tableName,
        Item: item,
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': before.version },
      },
    },
    ...eventPuts.slice(0, MAX_TRANSACTION - 1),
  ];
  try {
    await transact(store, first);
  } catch (err) {
    if (err instanceof TransactionCancelled && err.failedCondition(0)) return false;
    throw err;
  }
  for (let i = MAX_TRANSACTION - 1; i < eventPuts.length; i += MAX_TRANSACTION) await transact(store, eventPuts.slice(i, i + MAX_TRANSACTION));
  return true;
}

/** Events rewritten anonymised (they never change otherwise), in transactions of up to 100. */
export async function saveAnonymisedEvents(store: Store, events: Keyed<RequestEvent>[]): Promise<void> {
  const puts: TransactItems = events.map((e) => ({ Put: { TableName: store.tableName, Item: { ...eventItem(e.value, 0), ...e.key } } }));
  for (let i = 0; i < puts.length; i += MAX_TRANSACTION) await transact(store, puts.slice(i, i + MAX_TRANSACTION));
}

/** An audit item of a school's set-up rewritten (its key unchanged). */
export async function saveSchoolChange(store: Store, change: Keyed<SchoolChange>): Promise<void> {
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: { ...change.key, itemType: 'schoolChange', ...change.value } }));
}

/** The profile's "last saved by" replaced, if it is still that person. */
export async function replaceProfileEditor(store: Store, urn: string, email: string, placeholder: string): Promise<void> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.school(urn),
        UpdateExpression: 'SET updatedBy = :p',
        ConditionExpression: 'updatedBy = :e',
        ExpressionAttributeValues: { ':p': placeholder, ':e': email.toLowerCase() },
      }),
    );
  } catch (err) {
    if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
  }
}

export interface ErasureRecord {
  id: string;
  at: string;
  /** The platform admin who carried it out. */
  by: string;
  /** The placeholder that now stands for the address (not the address). */
  placeholder: string;
  counts: Record<string, number>;
}

/**
 * Keeps the fact of an erasure (accountability), without the erased address, in one
 * transaction with `also` (the statement versions it redacts, which point at this record);
 * past 99 of those, the first ones go in transactions of their own before it.
 */
export async function recordErasure(store: Store, record: ErasureRecord, also: TransactItems = []): Promise<void> {
  const items: TransactItems = [...also, { Put: { TableName: store.tableName, Item: { ...keys.erasure(record.at, record.id), itemType: 'erasure', ...record } } }];
  // The record is the last item, so it is written last, with the last redactions.
  for (let i = 0; i < items.length; i += MAX_TRANSACTION) await transact(store, items.slice(i, i + MAX_TRANSACTION));
}

export async function getRequestForAnonymising(store: Store, urn: string, id: string): Promise<MaybeAnonymisedRequest | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.request(urn, id), ConsistentRead: true }));
  return out.Item ? fromItem<MaybeAnonymisedRequest>(out.Item) : undefined;
}
