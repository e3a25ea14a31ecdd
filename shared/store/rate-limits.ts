// Fixed-window counters for public writes, kept in the table with TTL. One conditional
// update per check: it counts the hit and refuses it past the limit in the same write.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.ts';
import { keys } from './keys.ts';
import { epochSeconds, hashSecret } from './secrets.ts';

export interface RateLimit {
  scope: string;
  limit: number;
  windowSeconds: number;
}

export type RateCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one hit for `subject` (an IP or an email: stored hashed) and says whether it is allowed. */
export async function hitRateLimit(store: Store, rule: RateLimit, subject: string, now = new Date()): Promise<RateCheck> {
  const t = epochSeconds(now);
  const windowStart = t - (t % rule.windowSeconds);
  const windowEnd = windowStart + rule.windowSeconds;
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.rateWindow(rule.scope, hashSecret(subject.toLowerCase()), windowStart),
        UpdateExpression: 'ADD hits :one SET expiresAt = :end',
        ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
        ExpressionAttributeValues: { ':one': 1, ':end': windowEnd, ':limit': rule.limit },
      }),
    );
    return { allowed: true };
  } catch (err) {
    if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    return { allowed: false, retryAfterSeconds: Math.max(1, windowEnd - t) };
  }
}
