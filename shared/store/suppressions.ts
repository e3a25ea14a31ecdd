// Addresses the service must stop writing to: SES reported a permanent bounce or a
// complaint for them (through the configuration set's events and functions/ses-feedback.ts).
// The mailer skips them; the careers lead's dashboard says which of its addresses they are.
import { BatchGetCommand, GetCommand, PutCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.ts';
import { fromItem, keys } from './keys.ts';

export type SuppressionReason = 'bounce' | 'complaint';

export interface Suppression {
  /** Lower case. */
  email: string;
  reason: SuppressionReason;
  /** When SES saw it (ISO 8601). */
  at: string;
  /** SES's own words, e.g. "Permanent/General: 550 5.1.1 user unknown". */
  detail?: string;
  /** The SES message that bounced or was complained about. */
  messageId?: string;
}

const normalise = (email: string) => email.trim().toLowerCase();

/** Records (or refreshes) one suppressed address; the latest report wins. */
export async function recordSuppression(store: Store, suppression: Suppression): Promise<void> {
  const email = normalise(suppression.email);
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...keys.suppressed(email), itemType: 'suppression', ...suppression, email },
    }),
  );
}

export async function getSuppression(store: Store, email: string): Promise<Suppression | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.suppressed(normalise(email)) }));
  return out.Item ? fromItem<Suppression>(out.Item) : undefined;
}

export async function isSuppressed(store: Store, email: string): Promise<boolean> {
  return (await getSuppression(store, email)) !== undefined;
}

/** Which of these addresses are suppressed (lower case, each once, in the order given). */
export async function suppressedAmong(store: Store, emails: readonly string[]): Promise<string[]> {
  const unique = [...new Set(emails.map(normalise).filter(Boolean))];
  const found = new Set<string>();
  for (let i = 0; i < unique.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map((e) => keys.suppressed(e));
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1_000, 50 * 2 ** attempt)));
      const out: BatchGetCommandOutput = await store.doc.send(
        new BatchGetCommand({ RequestItems: { [store.tableName]: { Keys: pending, ProjectionExpression: '#e', ExpressionAttributeNames: { '#e': 'email' } } } }),
      );
      for (const item of out.Responses?.[store.tableName] ?? []) found.add(String(item.email));
      pending = out.UnprocessedKeys?.[store.tableName]?.Keys;
      if (attempt >= 8 && pending?.length) throw new Error('DynamoDB left keys unprocessed after 8 attempts');
    }
  }
  return unique.filter((e) => found.has(e));
}
