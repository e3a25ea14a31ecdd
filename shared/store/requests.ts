// Access patterns for provider access requests. Every change of a request is one
// transaction: the request item, its event item (the stream turns events into email),
// and any slot hold, each with a condition (DESIGN.md "A request's life").
import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { IsoDate, RequestStatus } from '#shared/domain/types.ts';
import type { ProviderRequestDraft } from '#shared/domain/rules.ts';
import type { RequestEvent as DomainRequestEvent, RequestState } from '#shared/domain/state-machine.ts';
import type { SubsetFlag } from '#shared/domain/audience.ts';
import { ConflictError } from '#shared/errors.ts';
import type { Store } from './client.ts';
import { fromItem, keys } from './keys.ts';
import { roomCheck, takePlaceUpdate, type SlotPlace } from './slots.ts';
import { transact, TransactionCancelled, type TransactItems } from './transact.ts';

/** The place a request takes in a slot (shared/store/slots.ts owns the slot's updates). */
export type SlotHold = SlotPlace;

/** A request as stored: what the provider told the school, plus where it stands. */
export interface StoredRequest extends ProviderRequestDraft, RequestState {
  urn: string;
  status: RequestStatus;
  /** The contact email, lower case: the provider's requests are listed by it. */
  providerEmail: string;
  createdAt: string;
  updatedAt: string;
  /** R-WHOLE and similar flags for the careers lead; never a refusal. */
  flags: SubsetFlag[];
  /**
   * The slot this request takes a place in, while it takes one: waiting (when the school's
   * pendingHoldsPlace was Yes at creation) or approved on the slot's time (P-SLOT).
   */
  heldSlot?: SlotHold;
  /** Optimistic lock: every transition is conditional on the version it read. */
  version: number;
}

/** An event of the state machine, kept as the request's audit trail; the mailer reads it. */
export type RequestEvent = DomainRequestEvent & { urn: string };

export function requestItem(r: StoredRequest) {
  return {
    ...keys.request(r.urn, r.id),
    gsi1pk: keys.requestsByStatus(r.urn, r.status),
    gsi1sk: keys.requestByStatusSort(r.date, r.start, r.id),
    gsi2pk: keys.requestsByProvider(r.providerEmail),
    gsi2sk: keys.requestByProviderSort(r.id),
    itemType: 'request',
    ...r,
  };
}

export function eventItem(e: RequestEvent, seq: number) {
  return { ...keys.requestEvent(e.urn, e.requestId, e.at, seq), itemType: 'requestEvent', ...e };
}

/**
 * Writes a new request, its creation event and (when it takes a slot) one held place,
 * all or nothing. A full slot cancels the transaction and answers SLOT_FULL. `roomIn`: a
 * slot the request chose without holding a place, which must still have one free when
 * the request is written (a request for a full slot is refused, not left waiting).
 */
export async function createRequest(store: Store, request: StoredRequest, event: RequestEvent, hold?: SlotHold, roomIn?: SlotHold) {
  const items: TransactItems = [
    {
      Put: {
        TableName: store.tableName,
        Item: requestItem(request),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    { Put: { TableName: store.tableName, Item: eventItem(event, 0), ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
  if (hold) items.push(takePlaceUpdate(store, request.urn, hold));
  else if (roomIn) items.push(roomCheck(store, request.urn, roomIn));
  try {
    await transact(store, items);
  } catch (err) {
    if (err instanceof TransactionCancelled && (hold || roomIn) && err.failedCondition(2)) {
      throw new ConflictError('SLOT_FULL', 'This slot has no places left. Choose another slot or propose a different time.', {
        fields: { slot: 'This slot has no places left' },
        rule: 'P-SLOT',
        cause: err,
      });
    }
    throw err;
  }
}

export async function getRequest(store: Store, urn: string, id: string): Promise<StoredRequest | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.request(urn, id), ConsistentRead: true }));
  return out.Item ? fromItem<StoredRequest>(out.Item) : undefined;
}

/** A school's requests with one status, by encounter date (gsi1), optionally within dates. */
export async function listRequestsOfSchoolByStatus(
  store: Store,
  urn: string,
  status: RequestStatus,
  range: { from?: IsoDate; to?: IsoDate; limit?: number } = {},
): Promise<StoredRequest[]> {
  const lower = range.from ?? '0000-00-00';
  const upper = `${range.to ?? '9999-12-31'}~`;
  const out = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':pk': keys.requestsByStatus(urn, status), ':lo': lower, ':hi': upper },
      Limit: range.limit ?? 200,
    }),
  );
  return (out.Items ?? []).map((i) => fromItem<StoredRequest>(i));
}

/** The audit trail of one request, oldest first. */
export async function listRequestEvents(store: Store, urn: string, id: string): Promise<RequestEvent[]> {
  const out = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.school(urn).pk, ':prefix': keys.requestEventsPrefix(id) },
    }),
  );
  return (out.Items ?? []).map((i) => fromItem<RequestEvent>(i));
}

/** Every request a provider contact has made (gsi2), newest first. */
export async function listRequestsOfProvider(store: Store, email: string, limit = 100): Promise<StoredRequest[]> {
  const out = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.requestsByProvider(email) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => fromItem<StoredRequest>(i));
}

/** One request, only if this provider email made it: the lookup is the authorisation. */
export async function findRequestOfProvider(store: Store, email: string, id: string): Promise<StoredRequest | undefined> {
  const out = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk = :sk',
      ExpressionAttributeValues: { ':pk': keys.requestsByProvider(email), ':sk': keys.requestByProviderSort(id) },
    }),
  );
  const item = out.Items?.[0];
  // The index is eventually consistent: read the item itself for its current state.
  return item ? getRequest(store, String(item.urn), id) : undefined;
}

/** A request by id among some schools (a member of staff's): one batch read, no scan. */
export async function getRequestsOfSchools(store: Store, urns: readonly string[], id: string): Promise<StoredRequest[]> {
  if (urns.length === 0) return [];
  const found: StoredRequest[] = [];
  for (let i = 0; i < urns.length; i += 100) {
    const out = await store.doc.send(
      new BatchGetCommand({
        RequestItems: { [store.tableName]: { Keys: urns.slice(i, i + 100).map((urn) => keys.request(urn, id)), ConsistentRead: true } },
      }),
    );
    for (const item of out.Responses?.[store.tableName] ?? []) found.push(fromItem<StoredRequest>(item));
  }
  return found;
}

/** The statuses whose requests are encounters: booked (approved) or held (delivered). */
export const ENCOUNTER_STATUSES = ['approved', 'delivered'] as const satisfies readonly RequestStatus[];

/**
 * A school's encounters (approved and delivered requests) with dates in a range, by date:
 * one gsi1 query per status, every page read. For coverage, exports and the calendar feed.
 */
export async function listEncountersOfSchool(store: Store, urn: string, range: { from: IsoDate; to: IsoDate }): Promise<StoredRequest[]> {
  const lists = await Promise.all(
    ENCOUNTER_STATUSES.map(async (status) => {
      const found: StoredRequest[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await store.doc.send(
          new QueryCommand({
            TableName: store.tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :lo AND :hi',
            ExpressionAttributeValues: { ':pk': keys.requestsByStatus(urn, status), ':lo': range.from, ':hi': `${range.to}~` },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of out.Items ?? []) found.push(fromItem<StoredRequest>(item));
        start = out.LastEvaluatedKey;
      } while (start);
      return found;
    }),
  );
  return lists.flat().sort((a, b) => `${a.date}T${a.start}#${a.id}`.localeCompare(`${b.date}T${b.start}#${b.id}`));
}
