// Access patterns of erasure and retention (UK GDPR) that belong to no one entity: the
// requests retention anonymises, the tokens, sessions and queued sign-in emails held under
// an address (gsi1), a request written back anonymised with its events, and the record of
// an erasure. What an erasure finds of each entity (a provider's requests, the events a
// person acted in, a school's audit items) is read by that entity's module; never a scan.
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { RequestStatus } from '#shared/domain/types.ts';
import { queryEvery, type Store } from './client.ts';
import { heldForEmail, tableKeyOf, type Keyed, type TableKey } from './keys.ts';
import { anonymisedEventPuts } from './request-events.ts';
import { getRequest, listRequestsOfSchoolByStatus, requestItem, sameOrganisationCondition } from './requests.ts';
import type { RequestEvent, StoredRequest } from '#shared/domain/records.ts';
import { MAX_TRANSACTION_ITEMS, transact, transactInChunks, TransactionCancelled, type TransactItems } from './transact.ts';

/** A stored request that may have been anonymised. */
export type MaybeAnonymisedRequest = StoredRequest & { anonymisedAt?: string };

/** One erasure carried out (when, by whom, how much), without the erased address. */
const erasureKey = (at: string, id: string) => ({ pk: 'ERASURES', sk: `${at}#${id}` });

/** A school's requests in one status with encounters up to `to`, not yet anonymised (gsi1, every page). */
export async function listRequestsToAnonymise(store: Store, urn: string, status: RequestStatus, to: string): Promise<StoredRequest[]> {
  return listRequestsOfSchoolByStatus(store, urn, status, { to, limit: 'every', notAnonymised: true });
}

/** The tokens, sessions and queued sign-in emails that hold an address (gsi1). */
export async function listItemsHeldForEmail(store: Store, email: string): Promise<TableKey[]> {
  const items = await queryEvery(store, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': heldForEmail(email) },
  });
  return items.map(tableKeyOf);
}

export async function deleteItems(store: Store, found: readonly TableKey[]): Promise<void> {
  for (const key of found) await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: key }));
}

/**
 * Writes a request and its events anonymised: the request conditional on the version it
 * was read at (and moved on by one, so a change decided on the old copy fails rather than
 * writing the personal data back), taken out of the provider index (gsi2), and its
 * events, in one transaction (more than 99 events: the rest in further ones). False when
 * the request changed meanwhile: read it again and retry.
 */
export async function saveAnonymisedRequest(store: Store, before: StoredRequest, after: MaybeAnonymisedRequest, events: Keyed<RequestEvent>[]): Promise<boolean> {
  const { gsi2pk: _pk, gsi2sk: _sk, ...item } = requestItem({ ...after, version: before.version + 1 });
  const eventPuts = anonymisedEventPuts(store, events);
  const organisationRead = sameOrganisationCondition(before);
  const first: TransactItems = [
    {
      Put: {
        TableName: store.tableName,
        Item: item,
        ConditionExpression: `version = :v AND ${organisationRead.expression}`,
        ExpressionAttributeValues: { ':v': before.version, ...organisationRead.values },
      },
    },
    ...eventPuts.slice(0, MAX_TRANSACTION_ITEMS - 1),
  ];
  try {
    await transact(store, first);
  } catch (err) {
    if (err instanceof TransactionCancelled && err.failedCondition(0)) return false;
    throw err;
  }
  await transactInChunks(store, eventPuts.slice(MAX_TRANSACTION_ITEMS - 1));
  return true;
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
  const items: TransactItems = [...also, { Put: { TableName: store.tableName, Item: { ...erasureKey(record.at, record.id), itemType: 'erasure', ...record } } }];
  // The record is the last item, so it is written last, with the last redactions.
  await transactInChunks(store, items);
}

/** A request as read for anonymising it (consistently: the version decides the write). */
export async function getRequestForAnonymising(store: Store, urn: string, id: string): Promise<MaybeAnonymisedRequest | undefined> {
  return getRequest(store, urn, id);
}
