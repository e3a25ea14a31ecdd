// Fixed-window counters for public writes, kept in the table with TTL. One conditional
// update per check: it counts the hit and refuses it past the limit in the same write.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionHeld, type Store } from './client.ts';
import { keyedHash } from './keyed-hash.ts';
import { epochSeconds } from './secrets.ts';

export interface RateLimit {
  scope: string;
  limit: number;
  windowSeconds: number;
}

/** One counter per caller (the keyed hash of its IP or address, never the value) and window; TTL removes it once the window is over. */
const rateWindowKey = (scope: string, subject: string, windowStart: number) => ({ pk: `RATE#${scope}#${subject}`, sk: `W#${windowStart}` });

export type RateCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one hit for `subject` (an IP or an email) and says whether it is allowed. The
 * subject is stored only as its keyed hash (shared/store/keyed-hash.ts): an address or an
 * IP is easy to guess, so a plain hash of it would give it away.
 */
export async function hitRateLimit(store: Store, rule: RateLimit, subject: string, now = new Date()): Promise<RateCheck> {
  const t = epochSeconds(now);
  const windowStart = t - (t % rule.windowSeconds);
  const windowEnd = windowStart + rule.windowSeconds;
  const subjectHash = await keyedHash(subject.toLowerCase());
  const allowed = await conditionHeld(
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: rateWindowKey(rule.scope, subjectHash, windowStart),
        UpdateExpression: 'ADD hits :one SET expiresAt = :end',
        ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
        ExpressionAttributeValues: { ':one': 1, ':end': windowEnd, ':limit': rule.limit },
      }),
    ),
  );
  return allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, windowEnd - t) };
}
