// The careers lead is told once about each problem of each booking (issue 11): a marker
// item per booking and problem key, written in the same transaction as the outbox item of
// the email that lists them, as the daily job's reminders do. So a save and the next
// morning's daily job, two runs, or a retry, tell the lead about a problem once; a new,
// different problem (another key) is told again.
import { batchGetAll } from './batch.ts';
import type { Store } from './client.ts';
import { schoolPartition } from './keys.ts';
import { outboxItem } from './outbox.ts';
import type { AttentionMessage } from '#shared/domain/records.ts';
import { epochSeconds } from './secrets.ts';
import { transact, TransactionCancelled, type TransactItems } from './transact.ts';

/** A booking with the keys of the problems it has now (shared/domain/recheck.ts). */
export interface FlaggedBooking {
  requestId: string;
  problemKeys: string[];
}

/** That the careers lead was emailed about one problem of one booking: each is told once. */
const attentionKey = (urn: string, requestId: string, problemKey: string) => ({ pk: schoolPartition(urn), sk: `ATTENTION#${requestId}#${problemKey}` });

/** Markers outlive the booking window (at most two years ahead) and then some. */
const MARKER_TTL_SECONDS = 800 * 24 * 3600;
/** DynamoDB takes at most 100 items in one transaction: markers and the one outbox item. */
const MAX_MARKERS_PER_EMAIL = 99;

/**
 * Queues one email to the careers lead listing the bookings with problems not told
 * before, and marks those problems told; answers the ids of the bookings listed (none
 * when every problem was told already). Over 99 new problems go in several emails.
 */
export async function queueAttentionOnce(store: Store, urn: string, flagged: readonly FlaggedBooking[], cause: AttentionMessage['cause'], now = new Date()): Promise<string[]> {
  const wanted = flagged.flatMap((b) => [...new Set(b.problemKeys)].map((key) => ({ requestId: b.requestId, key, item: attentionKey(urn, b.requestId, key) })));
  if (wanted.length === 0) return [];
  const told = new Set((await batchGetAll(store, wanted.map((w) => w.item))).map((i) => `${String(i.pk)}|${String(i.sk)}`));
  const fresh = wanted.filter((w) => !told.has(`${w.item.pk}|${w.item.sk}`));
  const queued: string[] = [];
  for (const chunk of byBooking(fresh)) {
    const requestIds = [...new Set(chunk.map((w) => w.requestId))];
    const items: TransactItems = chunk.map((w) => ({
      Put: {
        TableName: store.tableName,
        Item: { ...w.item, itemType: 'attentionSent', urn, requestId: w.requestId, problemKey: w.key, cause, queuedAt: now.toISOString(), expiresAt: epochSeconds(now) + MARKER_TTL_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }));
    items.push({ Put: { TableName: store.tableName, Item: outboxItem({ kind: 'attention', urn, requestIds, cause }, now), ConditionExpression: 'attribute_not_exists(pk)' } });
    try {
      await transact(store, items);
      queued.push(...requestIds);
    } catch (err) {
      // Another run told the lead about one of these meanwhile: it queued that email.
      if (!(err instanceof TransactionCancelled && err.reasons.some((r) => r === 'ConditionalCheckFailed'))) throw err;
    }
  }
  return queued;
}

/** Chunks of at most 99 markers, a booking's markers kept together where they fit. */
function byBooking<T extends { requestId: string }>(list: T[]): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  const groups = new Map<string, T[]>();
  for (const w of list) groups.set(w.requestId, [...(groups.get(w.requestId) ?? []), w]);
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i += MAX_MARKERS_PER_EMAIL) {
      const part = group.slice(i, i + MAX_MARKERS_PER_EMAIL);
      if (current.length + part.length > MAX_MARKERS_PER_EMAIL) {
        chunks.push(current);
        current = [];
      }
      current.push(...part);
    }
  }
  if (current.length) chunks.push(current);
  return chunks;
}
