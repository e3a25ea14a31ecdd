// One transaction, retried only when DynamoDB cancels it for a conflicting concurrent
// transaction on the same items (TransactionConflict): the retry reads nothing stale,
// because every item carries its own condition. A failed condition is final.
import { TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.ts';

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** DynamoDB takes at most 100 items in one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

interface CancellationReason {
  Code?: string;
}

export class TransactionCancelled extends Error {
  readonly reasons: (string | undefined)[];
  constructor(reasons: (string | undefined)[], cause: unknown) {
    super(`Transaction cancelled: ${reasons.join(', ')}`, { cause });
    this.name = 'TransactionCancelled';
    this.reasons = reasons;
  }
  /** Whether item `index` of the transaction failed its condition. */
  failedCondition(index: number): boolean {
    return this.reasons[index] === 'ConditionalCheckFailed';
  }
}

export async function transact(store: Store, items: TransactItems, maxAttempts = 10): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await store.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (err) {
      const e = err as { name?: string; CancellationReasons?: CancellationReason[] };
      const conflict = err instanceof TransactionConflictException || e.CancellationReasons?.some((r) => r.Code === 'TransactionConflict');
      const conditionFailed = e.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed');
      if (conflict && !conditionFailed && attempt < maxAttempts) {
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(1_000, 15 * 2 ** attempt)));
        continue;
      }
      if (err instanceof TransactionCanceledException && e.CancellationReasons) {
        throw new TransactionCancelled(e.CancellationReasons.map((r) => r.Code), err);
      }
      throw err;
    }
  }
}

/** Items each with its own condition, that need not all be written together: in order, 100 to a transaction. */
export async function transactInChunks(store: Store, items: TransactItems): Promise<void> {
  for (let i = 0; i < items.length; i += MAX_TRANSACTION_ITEMS) await transact(store, items.slice(i, i + MAX_TRANSACTION_ITEMS));
}
