// Batched reads and writes (the GIAS import, the directory, markers, names of many schools):
// BatchWriteItem 25 requests at a time and BatchGetItem 100 keys at a time, each retrying what DynamoDB leaves
// unprocessed (throttling) with exponential backoff and jitter, until none is left.
import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.ts';

export const BATCH_WRITE_SIZE = 25;
export const BATCH_GET_SIZE = 100;
const MAX_ATTEMPTS = 10;

export type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(2_000, 25 * 2 ** attempt)));

/** BatchWriteItem calls in flight at once. */
export const WRITE_CONCURRENCY = 4;

async function writeBatch(store: Store, batch: WriteRequest[]): Promise<void> {
  let pending = batch;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > MAX_ATTEMPTS) throw new Error(`${pending.length} batched writes were still unprocessed after ${MAX_ATTEMPTS} attempts`);
    if (attempt > 1) await backoff(attempt);
    const out = await store.doc.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: pending } }));
    pending = (out.UnprocessedItems?.[store.tableName] ?? []) as WriteRequest[];
  }
}

/**
 * Writes every request, 25 per BatchWriteItem and a few calls at once; throws if some are
 * still unprocessed after the retries. No two requests may touch the same item.
 */
export async function batchWriteAll(store: Store, requests: readonly WriteRequest[]): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += BATCH_WRITE_SIZE) batches.push(requests.slice(i, i + BATCH_WRITE_SIZE));
  for (let i = 0; i < batches.length; i += WRITE_CONCURRENCY) {
    await Promise.all(batches.slice(i, i + WRITE_CONCURRENCY).map((b) => writeBatch(store, b)));
  }
}

/** How a batch read reads: consistently (the default), or eventually and only some attributes. */
export interface BatchRead {
  consistent?: boolean;
  projection?: { ProjectionExpression: string; ExpressionAttributeNames?: Record<string, string> };
}

/** Reads every key, 100 per BatchGetItem, retrying unprocessed keys; absent items are left out. */
export async function batchGetAll(store: Store, keyList: readonly Record<string, unknown>[], read: BatchRead = {}): Promise<Record<string, unknown>[]> {
  const how = { ...(read.consistent === false ? {} : { ConsistentRead: true }), ...read.projection };
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < keyList.length; i += BATCH_GET_SIZE) {
    let pending: Record<string, unknown>[] = keyList.slice(i, i + BATCH_GET_SIZE);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) throw new Error(`${pending.length} batched reads were still unprocessed after ${MAX_ATTEMPTS} attempts`);
      if (attempt > 1) await backoff(attempt);
      const out = await store.doc.send(new BatchGetCommand({ RequestItems: { [store.tableName]: { Keys: pending, ...how } } }));
      found.push(...(out.Responses?.[store.tableName] ?? []));
      pending = (out.UnprocessedKeys?.[store.tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return found;
}
