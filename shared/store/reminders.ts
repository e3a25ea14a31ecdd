// Access patterns of the daily job: a school's requests in one status (every page), and a
// reminder queued at most once. A reminder is one transaction of three items: a check that
// the request is still the version the job decided on, a marker item that may not exist
// yet (request, kind, encounter date), and the outbox item the mailer turns into the email.
// So a second run, a retried run or two runs at once queue it once; a crash between the
// decision and the write queues nothing and the next run sends it.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ReminderKind } from '#shared/domain/reminders.ts';
import type { IsoDate, RequestStatus } from '#shared/domain/types.ts';
import type { Store } from './client.ts';
import { schoolPartition } from './keys.ts';
import { outboxItem } from './outbox.ts';
import { listRequestsOfSchoolByStatus, requestKey } from './requests.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { epochSeconds } from './secrets.ts';
import { transact, TransactionCancelled } from './transact.ts';

/** Markers outlive every window in which their reminder can be due (at most 60 days after the encounter). */
const MARKER_TTL_SECONDS = 400 * 24 * 3600;

/** That the daily job queued one reminder for a request (and encounter date): each is sent once. */
const reminderKey = (urn: string, requestId: string, kind: string, date: string) => ({ pk: schoolPartition(urn), sk: `REMINDER#${requestId}#${kind}#${date}` });

/** A school's requests with one status (gsi1), every page, optionally by encounter dates: what the daily job decides on. */
export async function listAllRequestsOfSchoolByStatus(
  store: Store,
  urn: string,
  status: RequestStatus,
  range: { from?: IsoDate; to?: IsoDate } = {},
): Promise<StoredRequest[]> {
  return listRequestsOfSchoolByStatus(store, urn, status, { ...range, limit: 'every' });
}

export type QueueReminderResult = 'queued' | 'already-queued' | 'request-changed';

/**
 * Queues one reminder about a request, once per (request, kind, encounter date): a visit
 * moved to another day gets its own reminder. Nothing is queued if the request has changed
 * since it was read (the index the job reads can lag; the next run decides again).
 */
export async function queueReminderOnce(store: Store, request: StoredRequest, reminder: ReminderKind, now = new Date()): Promise<QueueReminderResult> {
  const marker = reminderKey(request.urn, request.id, reminder, request.date);
  try {
    await transact(store, [
      {
        ConditionCheck: {
          TableName: store.tableName,
          Key: requestKey(request.urn, request.id),
          ConditionExpression: 'version = :v AND #status = :s',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':v': request.version, ':s': request.status },
        },
      },
      {
        Put: {
          TableName: store.tableName,
          Item: {
            ...marker,
            itemType: 'reminderSent',
            urn: request.urn,
            requestId: request.id,
            reminder,
            date: request.date,
            queuedAt: now.toISOString(),
            expiresAt: epochSeconds(now) + MARKER_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: store.tableName,
          Item: outboxItem({ kind: 'reminder', reminder, urn: request.urn, requestId: request.id, status: request.status, date: request.date }, now),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
    return 'queued';
  } catch (err) {
    if (!(err instanceof TransactionCancelled)) throw err;
    if (err.failedCondition(1)) return 'already-queued';
    if (err.failedCondition(0)) return 'request-changed';
    throw err;
  }
}

/** Whether a reminder was queued (for tests and support). */
export async function reminderQueued(store: Store, urn: string, requestId: string, reminder: ReminderKind, date: IsoDate): Promise<boolean> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: reminderKey(urn, requestId, reminder, date), ConsistentRead: true }));
  return out.Item !== undefined;
}
