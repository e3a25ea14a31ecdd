// The bits of DynamoDB keys that several entities share. Each entity's own keys are built
// beside it, in its module (requests.ts requestKey, slots.ts slotKey…), and only in
// shared/store (DESIGN.md "Data"); code outside shared/store calls the named access
// patterns, never a key builder.

/** Every item of one school lives in its partition: profile, requests, events, slots, staff, statements… */
export const schoolPartition = (urn: string) => `SCHOOL#${urn}`;

/** A request's sort key in its school's partition; its events sort under it (requests.ts, request-events.ts). */
export const requestSortKey = (requestId: string) => `REQ#${requestId}`;

/** A provider organisation's partition (organisations.ts): its profile, members and calendar feed (calendar-feeds.ts). */
export const organisationPartition = (id: string) => `ORG#${id}`;

/**
 * A provider's address: the partition of its requests on gsi2 (requests.ts) and of its
 * mailbox's confirmed-address marker in the table (confirmed-addresses.ts).
 */
export const providerPartition = (email: string) => `PROVIDER#${email.toLowerCase()}`;

/**
 * gsi1: the short-lived items that hold one email address (its sign-in and action tokens,
 * sessions, queued sign-in emails), so an erasure finds them without a scan.
 */
export const heldForEmail = (email: string) => `EMAIL#${email.toLowerCase()}`;

/** The gsi1 attributes of an item that holds `email`, sorted by its own partition key (whose prefix says what it is). */
export const heldForEmailIndex = (email: string, pk: string) => ({ gsi1pk: heldForEmail(email), gsi1sk: pk });

/** A query's key condition: the items of one table partition whose sort key starts with `prefix`. */
export const sortKeyBeginsWith = (pk: string, prefix: string) => ({
  KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
  ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
});

/** The table attributes that are keys, stripped before an item leaves the store. */
export const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'expiresAt'] as const;

/** An item as the rest of the code knows it: without keys, index attributes or item type. */
export function fromItem<T>(item: Record<string, unknown>): T {
  const copy: Record<string, unknown> = { ...item };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  delete copy.itemType;
  return copy as T;
}

/** The table key of one item. */
export interface TableKey {
  pk: string;
  sk: string;
}

/** The table key of an item as read (to update or delete that very item). */
export const tableKeyOf = (item: Record<string, unknown>): TableKey => ({ pk: String(item.pk), sk: String(item.sk) });

/** A record with the key of its item, for rewriting that very item (erasure, retention). */
export interface Keyed<T> {
  key: TableKey;
  value: T;
}
