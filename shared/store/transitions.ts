// One change of a request's state as one transaction (DESIGN.md): the request conditional
// on the version it was read at, the event, a slot place given back or taken (taken only
// while the slot has room, P-SLOT), and the year-group days it books or frees, each
// conditional on the version read.
import type { YearGroupDay } from '#shared/domain/year-group-days.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { tokenMessage, useTokenUpdate } from './tokens.ts';
import type { Store } from './client.ts';
import { eventItem } from './request-events.ts';
import { requestItem, sameOrganisationCondition } from './requests.ts';
import type { RequestEvent, SlotHold, StoredRequest } from '#shared/domain/records.ts';
import { releasePlaceUpdate, takePlaceUpdate } from './slots.ts';
import { transact, TransactionCancelled, type TransactItems } from './transact.ts';
import { yearGroupDayPut, type StoredYearGroupDay } from './year-group-days.ts';

export interface TransitionWrite {
  before: StoredRequest;
  after: StoredRequest;
  event: RequestEvent;
  /** A held place to give back (a withdrawn, declined or moved request). */
  releaseSlot?: SlotHold;
  /**
   * A place to take (an approval, or a move onto the slot's time, of a request that holds
   * none): only while held < capacity, so approvals never overfill a slot. The slot item
   * must exist (ensureSlot first).
   */
  takeSlot?: SlotHold;
  /** Year-group days to write: the day as read (with its version) and its new intervals. */
  days?: { read: StoredYearGroupDay; intervals: YearGroupDay['intervals'] }[];
  /** An emailed action link used up in the same transaction, so it acts at most once. */
  useToken?: { secret: string; purpose: 'action'; now: Date };
}

export class StaleDayError extends Error {
  constructor() {
    super('A year-group day changed while the request was decided');
    this.name = 'StaleDayError';
  }
}

/** The slot of `takeSlot` had no place left when the transaction ran. */
export class SlotFullError extends Error {
  constructor(cause: unknown) {
    super('The slot had no place left', { cause });
    this.name = 'SlotFullError';
  }
}

export async function saveTransition(store: Store, write: TransitionWrite): Promise<StoredRequest> {
  const after: StoredRequest = { ...write.after, version: write.before.version + 1 };
  const organisationRead = sameOrganisationCondition(write.before);
  const items: TransactItems = [
    {
      Put: {
        TableName: store.tableName,
        Item: requestItem(after),
        ConditionExpression: `version = :v AND #status = :s AND ${organisationRead.expression}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':v': write.before.version, ':s': write.before.status, ...organisationRead.values },
      },
    },
    { Put: { TableName: store.tableName, Item: eventItem(write.event, after.version), ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
  if (write.releaseSlot) items.push(releasePlaceUpdate(store, after.urn, write.releaseSlot));
  // Before the year-group days, so a full slot is what a loser of a race is told.
  const takeIndex = items.length;
  if (write.takeSlot) items.push(takePlaceUpdate(store, after.urn, write.takeSlot));
  for (const { read, intervals } of write.days ?? []) items.push(yearGroupDayPut(store, read, intervals));
  const tokenIndex = items.length;
  if (write.useToken) items.push(useTokenUpdate(store, write.useToken.secret, write.useToken.purpose, write.useToken.now));
  try {
    await transact(store, items);
  } catch (err) {
    if (!(err instanceof TransactionCancelled)) throw err;
    if (err.failedCondition(0)) {
      throw new DomainError('REQUEST_CHANGED', 'This request changed while you were looking at it. Reload the page to see where it stands now.', { cause: err });
    }
    if (write.useToken && err.failedCondition(tokenIndex)) {
      throw new DomainError('TOKEN_USED', tokenMessage('TOKEN_USED'), { cause: err });
    }
    if (write.takeSlot && err.failedCondition(takeIndex)) throw new SlotFullError(err);
    if (err.reasons.some((r) => r === 'ConditionalCheckFailed')) throw new StaleDayError();
    throw err;
  }
  return after;
}
