// A request's events: its audit trail, one immutable item per change, under the request's
// own sort key (REQ#<id>#EV#…) in the school's partition, so one query reads a request's
// trail in order. The table's stream turns each new event into its emails. Events are
// written in the transaction of the change they record (requests.ts, transitions.ts);
// only an erasure or retention rewrites them, anonymised.
import { queryEvery, type Store } from './client.ts';
import { fromItem, requestSortKey, schoolPartition, sortKeyBeginsWith, tableKeyOf, type Keyed } from './keys.ts';
import { transactInChunks, type TransactItems } from './transact.ts';
import type { RequestEvent } from '#shared/domain/records.ts';

const eventsPrefix = (requestId: string) => `${requestSortKey(requestId)}#EV#`;

/** One event of a request: by time, then by its number in the request's life (two changes in one millisecond keep their order). */
export const eventKey = (urn: string, requestId: string, at: string, seq: number) => ({
  pk: schoolPartition(urn),
  sk: `${eventsPrefix(requestId)}${at}#${String(seq).padStart(4, '0')}`,
});

export function eventItem(e: RequestEvent, seq: number) {
  return { ...eventKey(e.urn, e.requestId, e.at, seq), itemType: 'requestEvent', ...e };
}

const trailQuery = (urn: string, requestId: string) => sortKeyBeginsWith(schoolPartition(urn), eventsPrefix(requestId));

/** The audit trail of one request, oldest first. */
export async function listRequestEvents(store: Store, urn: string, id: string): Promise<RequestEvent[]> {
  return (await queryEvery(store, trailQuery(urn, id))).map((i) => fromItem<RequestEvent>(i));
}

/** How many trails `listTrailsOf` reads at once: a bounded fan-out, not one request's trail after another. */
export const TRAIL_READS_AT_ONCE = 8;

/** The trails of many requests (one query each, a few at a time), by request id. */
export async function listTrailsOf(store: Store, requests: readonly { urn: string; id: string }[]): Promise<Map<string, RequestEvent[]>> {
  const out = new Map<string, RequestEvent[]>();
  for (let i = 0; i < requests.length; i += TRAIL_READS_AT_ONCE) {
    await Promise.all(requests.slice(i, i + TRAIL_READS_AT_ONCE).map(async (r) => out.set(r.id, await listRequestEvents(store, r.urn, r.id))));
  }
  return out;
}

/** The audit trail of one request, with each event's key (read consistently, to be rewritten). */
export async function listKeyedEventsOfRequest(store: Store, urn: string, id: string): Promise<Keyed<RequestEvent>[]> {
  const items = await queryEvery(store, { ...trailQuery(urn, id), ConsistentRead: true });
  return items.map((i) => ({ key: tableKeyOf(i), value: fromItem<RequestEvent>(i) }));
}

/** The events of a school's requests in which one person acted (a query of the school's request items, filtered). */
export async function listKeyedEventsByActor(store: Store, urn: string, email: string): Promise<Keyed<RequestEvent>[]> {
  const requestItems = sortKeyBeginsWith(schoolPartition(urn), requestSortKey(''));
  const items = await queryEvery(store, {
    ...requestItems,
    FilterExpression: 'itemType = :event AND actor.id = :email',
    ExpressionAttributeValues: { ...requestItems.ExpressionAttributeValues, ':event': 'requestEvent', ':email': email.toLowerCase() },
    ConsistentRead: true,
  });
  return items.map((i) => ({ key: tableKeyOf(i), value: fromItem<RequestEvent>(i) }));
}

/** The Puts that rewrite events anonymised, each at its own key. */
export function anonymisedEventPuts(store: Store, events: readonly Keyed<RequestEvent>[]): TransactItems {
  return events.map((e) => ({ Put: { TableName: store.tableName, Item: { ...eventItem(e.value, 0), ...e.key } } }));
}

/** Events rewritten anonymised (they never change otherwise), in transactions of up to 100. */
export async function saveAnonymisedEvents(store: Store, events: Keyed<RequestEvent>[]): Promise<void> {
  await transactInChunks(store, anonymisedEventPuts(store, events));
}
