// Access patterns for provider access requests. Every change of a request is one
// transaction: the request item, its event item (the stream turns events into email),
// and any slot hold, each with a condition (DESIGN.md "A request's life").
import { GetCommand, QueryCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { IsoDate, RequestStatus } from '#shared/domain/types.ts';
import { confirmationLapsed } from '#shared/domain/state-machine.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { batchGetAll } from './batch.ts';
import { conditionHeld, queryEvery, type Store } from './client.ts';
import { confirmedAddressPut } from './confirmed-addresses.ts';
import { encodeTime } from 'ulid';
import { newReference } from './ids.ts';
import { fromItem, organisationPartition, providerPartition, requestSortKey, schoolPartition } from './keys.ts';
import { outboxItem } from './outbox.ts';
import { eventItem } from './request-events.ts';
import { roomCheck, takePlaceUpdate } from './slots.ts';
import { epochSeconds } from './secrets.ts';
import { tokenMessage, useTokenUpdate } from './tokens.ts';
import { transact, TransactionCancelled, type TransactItems } from './transact.ts';
import type { SlotHold, StoredRequest, RequestEvent } from '#shared/domain/records.ts';
import type { RequestReference } from '#shared/domain/reference.ts';

export const requestKey = (urn: string, id: string) => ({ pk: schoolPartition(urn), sk: requestSortKey(id) });

/** gsi1: a school's requests with one status, by encounter date (then start time and id). */
const byStatusPartition = (urn: string, status: string) => `${schoolPartition(urn)}#STATUS#${status}`;
const byStatusSort = (date: string, start: string, id: string) => `${date}T${start}#${id}`;

/** gsi2: every request a provider email has made. ULIDs sort by time, so the id alone orders them and finds one. */
const byProviderPartition = providerPartition;
const byProviderSort = (id: string) => id;

/**
 * gsi3 (sparse): every request of a provider organisation (issue 15, item 1), by id (so by
 * time); only a request stamped with an organisation is on it.
 */
const byOrganisationPartition = (organisationId: string) => `${organisationPartition(organisationId)}#REQUESTS`;
const byOrganisationSort = (id: string) => id;

export function requestItem(r: StoredRequest) {
  // Unconfirmed (issue 12, item 2): on no school's index, so no list, count, export or job
  // of a school can find it, and deleted by TTL when its time to confirm is over.
  const unconfirmed = r.status === 'unconfirmed';
  return {
    ...requestKey(r.urn, r.id),
    ...(unconfirmed ? {} : { gsi1pk: byStatusPartition(r.urn, r.status), gsi1sk: byStatusSort(r.date, r.start, r.id) }),
    ...(unconfirmed && r.confirmBy ? { expiresAt: epochSeconds(new Date(r.confirmBy)) } : {}),
    gsi2pk: byProviderPartition(r.providerEmail),
    gsi2sk: byProviderSort(r.id),
    ...(r.organisationId ? { gsi3pk: byOrganisationPartition(r.organisationId), gsi3sk: byOrganisationSort(r.id) } : {}),
    itemType: 'request',
    ...r,
  };
}

/**
 * The part of a rewrite's condition that keeps the request's organisation as it was read.
 * Joining an organisation stamps a request with no event (`adoptRequestsOfAddress`), so its
 * version stays; a rewrite of a copy read before that fails (REQUEST_CHANGED) instead of
 * taking the request out of the organisation again.
 */
export function sameOrganisationCondition(before: Pick<StoredRequest, 'organisationId'>): { expression: string; values: Record<string, string> } {
  return before.organisationId
    ? { expression: 'organisationId = :organisationRead', values: { ':organisationRead': before.organisationId } }
    : { expression: 'attribute_not_exists(organisationId)', values: {} };
}

/**
 * A request's reference (issue 14, item 6), one item each, claimed in the write that
 * creates the request: the item's condition is what makes a reference unique across the
 * service, and it is how a reference typed by a person finds its request without a scan.
 * It holds no personal data (a school's URN and a request's id).
 */
const referenceKey = (reference: RequestReference) => ({ pk: `REFERENCE#${reference}`, sk: 'REFERENCE' });

/** How many references a create draws before it gives up: with a thousand million of them, a second draw is already rare. */
const REFERENCE_DRAWS = 8;

/** The claim of a request's reference: only if no request has it (a new request), or it is this request's own (confirming). */
function referenceClaim(store: Store, r: StoredRequest & { reference: RequestReference }, own = false): TransactItems[number] {
  const confirmBy = r.status === 'unconfirmed' ? r.confirmBy : undefined;
  return {
    Put: {
      TableName: store.tableName,
      Item: {
        ...referenceKey(r.reference),
        itemType: 'requestReference',
        reference: r.reference,
        urn: r.urn,
        requestId: r.id,
        // An unconfirmed request's reference goes with it when its time to confirm is over (TTL).
        ...(confirmBy ? { expiresAt: epochSeconds(new Date(confirmBy)) } : {}),
      },
      ConditionExpression: own ? 'attribute_not_exists(pk) OR requestId = :id' : 'attribute_not_exists(pk)',
      ...(own ? { ExpressionAttributeValues: { ':id': r.id } } : {}),
    },
  };
}

/**
 * Writes a new request with its reference claimed in the same transaction, drawing a new
 * reference when another request has that one (the claim's condition failed): `write`
 * makes the whole transaction from the request as it will be stored and its claim;
 * `onCancelled` turns another failed condition into its refusal. Answers the request as
 * written (its reference may be a new draw). A request without a reference claims none.
 */
async function writeWithReference(
  store: Store,
  request: StoredRequest,
  write: (r: StoredRequest, claim: TransactItems[number] | undefined) => TransactItems,
  onCancelled: (err: TransactionCancelled) => void,
): Promise<StoredRequest> {
  let r = request;
  for (let draw = 1; ; draw++) {
    const claim = r.reference ? referenceClaim(store, { ...r, reference: r.reference }) : undefined;
    const items = write(r, claim);
    try {
      await transact(store, items);
      return r;
    } catch (err) {
      if (!(err instanceof TransactionCancelled)) throw err;
      onCancelled(err);
      const at = claim ? items.indexOf(claim) : -1;
      if (at >= 0 && err.failedCondition(at) && draw < REFERENCE_DRAWS) {
        r = { ...r, reference: newReference() };
        continue;
      }
      throw err;
    }
  }
}

/** A request's school and id by its reference, or undefined when no request has it. */
export async function requestIdByReference(store: Store, reference: RequestReference): Promise<{ urn: string; id: string } | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: referenceKey(reference), ConsistentRead: true }));
  return out.Item ? { urn: String(out.Item.urn), id: String(out.Item.requestId) } : undefined;
}

/** The slot item of a write: a place taken (`hold`), or a check that one is still free (`roomIn`). */
function slotPlaceItem(store: Store, urn: string, hold?: SlotHold, roomIn?: SlotHold): TransactItems[number] | undefined {
  if (hold) return takePlaceUpdate(store, urn, hold);
  if (roomIn) return roomCheck(store, urn, roomIn);
  return undefined;
}

function slotFullError(cause: unknown): DomainError {
  return new DomainError('SLOT_FULL', 'This slot has no places left. Choose another slot or propose a different time.', {
    fields: { slot: 'This slot has no places left' },
    rule: 'P-SLOT',
    cause,
  });
}

/**
 * Writes a new request, its creation event and (when it takes a slot) one held place,
 * all or nothing. A full slot cancels the transaction and answers SLOT_FULL. `roomIn`: a
 * slot the request chose without holding a place, which must still have one free when
 * the request is written (a request for a full slot is refused, not left waiting).
 * `confirmedAddress`: the provider's address is proven (a session, or an earlier confirmed
 * request), so its marker is refreshed in the same write (issue 12, item 2). The request's
 * reference is claimed in the same write too (a new one drawn if it is taken); the
 * request as written is the answer.
 */
export async function createRequest(
  store: Store,
  request: StoredRequest,
  event: RequestEvent,
  hold?: SlotHold,
  roomIn?: SlotHold,
  options: { confirmedAddress?: { email: string; now: Date } } = {},
): Promise<StoredRequest> {
  const place = slotPlaceItem(store, request.urn, hold, roomIn);
  return writeWithReference(
    store,
    request,
    (r, claim) => {
      const items: TransactItems = [
        { Put: { TableName: store.tableName, Item: requestItem(r), ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: store.tableName, Item: eventItem(event, 0), ConditionExpression: 'attribute_not_exists(pk)' } },
      ];
      if (place) items.push(place);
      if (options.confirmedAddress) items.push(confirmedAddressPut(store, options.confirmedAddress.email, options.confirmedAddress.now));
      if (claim) items.push(claim);
      return items;
    },
    (err) => {
      if (place && err.failedCondition(2)) throw slotFullError(err);
    },
  );
}

/**
 * Writes a request from an address nobody has confirmed (issue 12, item 2) and queues the
 * email with its confirmation link, all or nothing. Nothing else: no event (nothing for
 * the school), no place in a slot; TTL removes it once its time to confirm is over.
 */
export async function createUnconfirmedRequest(store: Store, request: StoredRequest, now: Date): Promise<StoredRequest> {
  if (request.status !== 'unconfirmed' || !request.confirmBy) throw new Error('createUnconfirmedRequest takes an unconfirmed request');
  return writeWithReference(
    store,
    request,
    (r, claim) => [
      { Put: { TableName: store.tableName, Item: requestItem(r), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: store.tableName, Item: outboxItem({ kind: 'request-confirmation', urn: r.urn, requestId: r.id }, now) } },
      ...(claim ? [claim] : []),
    ],
    () => undefined,
  );
}

export interface ConfirmationWrite {
  /** The unconfirmed request as read. */
  before: StoredRequest;
  /** The pending request it becomes (the state machine's `confirm`, with the checks of creation run again). */
  after: StoredRequest;
  /** REQUEST_SUBMITTED: what a request sent from a confirmed address writes, so the same emails follow. */
  event: RequestEvent;
  hold?: SlotHold;
  roomIn?: SlotHold;
  /** The emailed link's token, used up in the same write. */
  token: { secret: string; now: Date };
}

/**
 * Confirming a request (issue 12, item 2) is the creation the school sees, in one
 * transaction: the request, conditional on being unconfirmed at the version read and
 * inside its 24 hours (its TTL attribute, checked by DynamoDB itself), now pending and off
 * TTL; its REQUEST_SUBMITTED event; the place taken in its slot or the check that the slot
 * still has one, exactly as createRequest; the link's token used up; the mailbox's marker.
 */
export async function confirmRequest(store: Store, write: ConfirmationWrite): Promise<StoredRequest> {
  const after: StoredRequest = { ...write.after, version: write.before.version + 1 };
  const now = write.token.now;
  const organisationRead = sameOrganisationCondition(write.before);
  const items: TransactItems = [
    {
      Put: {
        TableName: store.tableName,
        Item: requestItem(after),
        ConditionExpression: `version = :v AND #status = :unconfirmed AND expiresAt > :nowSeconds AND ${organisationRead.expression}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':v': write.before.version, ':unconfirmed': 'unconfirmed', ':nowSeconds': epochSeconds(now), ...organisationRead.values },
      },
    },
    // The creation event, as createRequest writes it: the request's trail begins here, at version 1.
    { Put: { TableName: store.tableName, Item: eventItem(write.event, 0), ConditionExpression: 'attribute_not_exists(pk)' } },
    useTokenUpdate(store, write.token.secret, 'confirm-request', now),
    confirmedAddressPut(store, after.contact.email, now),
  ];
  const place = slotPlaceItem(store, after.urn, write.hold, write.roomIn);
  if (place) items.push(place);
  // The reference claimed when it was made, kept now for good (off TTL, as the request is).
  if (after.reference) items.push(referenceClaim(store, { ...after, reference: after.reference }, true));
  try {
    await transact(store, items);
  } catch (err) {
    if (!(err instanceof TransactionCancelled)) throw err;
    if (err.failedCondition(0)) {
      throw new DomainError('REQUEST_CHANGED', 'This request has been confirmed already, or its time to confirm is over. See your requests, or make the request again.', { cause: err });
    }
    if (err.failedCondition(2)) throw new DomainError('TOKEN_USED', tokenMessage('TOKEN_USED'), { cause: err });
    if (place && err.failedCondition(4)) throw slotFullError(err);
    throw err;
  }
  return after;
}

export async function getRequest(store: Store, urn: string, id: string): Promise<StoredRequest | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: requestKey(urn, id), ConsistentRead: true }));
  return out.Item ? fromItem<StoredRequest>(out.Item) : undefined;
}

export interface StatusQuery {
  /** Encounter dates, inclusive: from the first, to the last. */
  from?: IsoDate;
  to?: IsoDate;
  /** A number: one read of at most that many (a page's list; 200 by default). 'every': every page (jobs, exports, retention). */
  limit?: number | 'every';
  /** Only the requests not yet anonymised (retention). */
  notAnonymised?: boolean;
}

/**
 * A school's requests with one status, by encounter date (gsi1): the one query of that
 * index's request partitions, for lists, the daily job, exports and retention.
 */
export async function listRequestsOfSchoolByStatus(store: Store, urn: string, status: RequestStatus, query: StatusQuery = {}): Promise<StoredRequest[]> {
  const input: Omit<QueryCommandInput, 'TableName'> = {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :lo AND :hi',
    ExpressionAttributeValues: { ':pk': byStatusPartition(urn, status), ':lo': query.from ?? '0000-00-00', ':hi': `${query.to ?? '9999-12-31'}~` },
    ...(query.notAnonymised ? { FilterExpression: 'attribute_not_exists(anonymisedAt)' } : {}),
  };
  const limit = query.limit ?? 200;
  const items = limit === 'every' ? await queryEvery(store, input) : ((await store.doc.send(new QueryCommand({ ...input, TableName: store.tableName, Limit: limit }))).Items ?? []);
  return items.map((i) => fromItem<StoredRequest>(i));
}

/**
 * Every request a provider contact has made (gsi2), newest first; an unconfirmed request
 * past its 24 hours is gone, whatever TTL has not yet deleted. `'every'` reads every page of
 * the address's own key range (the filtered list, issue 15 item 3): never more than its requests.
 */
export async function listRequestsOfProvider(store: Store, email: string, limit: number | 'every' = 100, now = new Date()): Promise<StoredRequest[]> {
  const input = {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': byProviderPartition(email) },
    ScanIndexForward: false,
  };
  const items = limit === 'every' ? await queryEvery(store, input) : ((await store.doc.send(new QueryCommand({ ...input, TableName: store.tableName, Limit: limit }))).Items ?? []);
  return items.map((i) => fromItem<StoredRequest>(i)).filter((r) => !confirmationLapsed(r, now.toISOString()));
}

/**
 * A request by its one key on an index (a provider's or an organisation's partition), read
 * afresh from the table: the index is eventually consistent, so the item itself says where
 * the request stands now. A lapsed unconfirmed request is gone.
 */
async function findOnIndex(store: Store, index: 'gsi2' | 'gsi3', key: { pk: string; sk: string }, id: string, now: Date): Promise<StoredRequest | undefined> {
  const out = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: index,
      KeyConditionExpression: `${index}pk = :pk AND ${index}sk = :sk`,
      ExpressionAttributeValues: { ':pk': key.pk, ':sk': key.sk },
    }),
  );
  const item = out.Items?.[0];
  const request = item ? await getRequest(store, String(item.urn), id) : undefined;
  return request && !confirmationLapsed(request, now.toISOString()) ? request : undefined;
}

/** One request, only if this provider email made it: the lookup is the authorisation. */
export async function findRequestOfProvider(store: Store, email: string, id: string, now = new Date()): Promise<StoredRequest | undefined> {
  return findOnIndex(store, 'gsi2', { pk: byProviderPartition(email), sk: byProviderSort(id) }, id, now);
}

/**
 * A request by id among some schools (a member of staff's): one batch read, no scan. An
 * unconfirmed request is not the school's yet (issue 12, item 2): never found here.
 */
export async function getRequestsOfSchools(store: Store, urns: readonly string[], id: string): Promise<StoredRequest[]> {
  const items = await batchGetAll(store, urns.map((urn) => requestKey(urn, id)));
  return items.filter((item) => item.status !== 'unconfirmed').map((item) => fromItem<StoredRequest>(item));
}

/** The statuses whose requests are encounters: booked (approved) or held (delivered). */
export const ENCOUNTER_STATUSES = ['approved', 'delivered'] as const satisfies readonly RequestStatus[];

/**
 * A school's encounters (approved and delivered requests) with dates in a range, by date:
 * one gsi1 query per status, every page read. For coverage, exports and the calendar feed.
 */
export async function listEncountersOfSchool(store: Store, urn: string, range: { from: IsoDate; to: IsoDate }): Promise<StoredRequest[]> {
  const lists = await Promise.all(ENCOUNTER_STATUSES.map((status) => listRequestsOfSchoolByStatus(store, urn, status, { ...range, limit: 'every' })));
  return lists.flat().sort((a, b) => byStatusSort(a.date, a.start, a.id).localeCompare(byStatusSort(b.date, b.start, b.id)));
}

/** Every request a provider email has made (gsi2, every page): urn and id, to be read afresh (erasure). */
export async function listAllRequestRefsOfProvider(store: Store, email: string): Promise<{ urn: string; id: string }[]> {
  const items = await queryEvery(store, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': byProviderPartition(email) },
  });
  return items.map((i) => ({ urn: String(i.urn), id: String(i.id) }));
}

/**
 * Every request of an organisation (gsi3, every page), newest first: one query of its own
 * partition, whoever of its members (past or present) sent them. An unconfirmed request past
 * its 24 hours is gone, as in `listRequestsOfProvider`.
 */
export async function listRequestsOfOrganisation(store: Store, organisationId: string, now = new Date()): Promise<StoredRequest[]> {
  const items = await queryEvery(store, {
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk',
    ExpressionAttributeValues: { ':pk': byOrganisationPartition(organisationId) },
    ScanIndexForward: false,
  });
  return items.map((i) => fromItem<StoredRequest>(i)).filter((r) => !confirmationLapsed(r, now.toISOString()));
}

/** One request, only if it belongs to this organisation: the lookup is the authorisation, as `findRequestOfProvider`'s is. */
export async function findRequestOfOrganisation(store: Store, organisationId: string, id: string, now = new Date()): Promise<StoredRequest | undefined> {
  const request = await findOnIndex(store, 'gsi3', { pk: byOrganisationPartition(organisationId), sk: byOrganisationSort(id) }, id, now);
  // The item itself, read afresh, must still say so.
  return request?.organisationId === organisationId ? request : undefined;
}

/**
 * A person joins an organisation (they founded it, or an invited member signs in): the
 * requests their address made that belong to no organisation yet come into this one. Each
 * is its own conditional update (still this address's, still in none); no event and no new
 * version, since nothing happened to the request for the school or the calendar
 * (`sameOrganisationCondition` keeps a rewrite of an older copy from undoing it). A request
 * already in another organisation stays there. Answers how many came in.
 */
export async function adoptRequestsOfAddress(store: Store, email: string, organisationId: string): Promise<number> {
  const items = await queryEvery(store, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': byProviderPartition(email) },
  });
  const loose = items.filter((i) => i.itemType === 'request' && i.organisationId === undefined);
  let adopted = 0;
  for (const item of loose) {
    const id = String(item.id);
    const held = await conditionHeld(
      store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: requestKey(String(item.urn), id),
          UpdateExpression: 'SET organisationId = :o, gsi3pk = :pk, gsi3sk = :sk',
          ConditionExpression: 'attribute_exists(pk) AND providerEmail = :email AND attribute_not_exists(organisationId)',
          ExpressionAttributeValues: { ':o': organisationId, ':pk': byOrganisationPartition(organisationId), ':sk': byOrganisationSort(id), ':email': email.toLowerCase() },
        }),
      ),
    );
    if (held) adopted++;
  }
  return adopted;
}

/**
 * The requests a provider contact has made since an instant (gsi2: ids are ULIDs, so their
 * first ten letters are the time they were made): a visit tour's retry finds the request a
 * stop may have written before the send was cut off (issue 15, item 5). The index lags
 * the table by a moment; a retry comes later than that.
 */
export async function listRequestsOfProviderSince(store: Store, email: string, since: Date): Promise<StoredRequest[]> {
  const items = await queryEvery(store, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk >= :since',
    ExpressionAttributeValues: { ':pk': byProviderPartition(email), ':since': encodeTime(since.getTime(), 10) },
  });
  return items.map((i) => fromItem<StoredRequest>(i));
}
