// Addresses the service must stop writing to: SES reported a permanent bounce or a
// complaint for them (through the configuration set's events and functions/ses-feedback.ts).
// The mailer skips them; the careers lead's dashboard says which of its addresses they are.
//
// Only the keyed hash (HMAC-SHA-256, shared/store/keyed-hash.ts) of the (lower-case)
// address is stored, never the address: whoever asks already holds the address, and a
// suppression outlives the requests that named it, so it should hold as little personal
// data as it can (any address in SES's words is blanked). A plain SHA-256 would not do: an
// address is easy to guess, and hashing the guess would confirm it.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from './batch.ts';
import type { Store } from './client.ts';
import { fromItem } from './keys.ts';
import { keyedHash, keyedHasher } from './keyed-hash.ts';

export type SuppressionReason = 'bounce' | 'complaint';

/** What SES reported about one address. */
export interface SuppressionReport {
  email: string;
  reason: SuppressionReason;
  /** When SES saw it (ISO 8601). */
  at: string;
  /** SES's words, e.g. "Permanent/General: 5.1.1: smtp; 550 user unknown". */
  detail?: string;
  /** The SES message that bounced or was complained about. */
  messageId?: string;
}

/** What is kept: the report without the address. */
export type Suppression = Omit<SuppressionReport, 'email'>;

/** An address SES reported, by its keyed hash (shared/store/keyed-hash.ts). */
const suppressedKey = (emailHash: string) => ({ pk: `SUPPRESSED#${emailHash}`, sk: 'SUPPRESSED' });
const normalised = (email: string) => email.trim().toLowerCase();
const keyOf = async (email: string) => suppressedKey(await keyedHash(normalised(email)));
const ADDRESS = /[^\s<>()[\]"',;:@]+@[^\s<>()[\]"',;:@]+/g;

/** Records (or refreshes) one suppressed address; the latest report wins. */
export async function recordSuppression(store: Store, report: SuppressionReport): Promise<void> {
  const { email, ...rest } = report;
  const kept: Suppression = { ...rest, ...(rest.detail ? { detail: rest.detail.replace(ADDRESS, '<address>') } : {}) };
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: { ...(await keyOf(email)), itemType: 'suppression', ...kept } }));
}

export async function getSuppression(store: Store, email: string): Promise<Suppression | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: await keyOf(email) }));
  return out.Item ? fromItem<Suppression>(out.Item) : undefined;
}

export async function isSuppressed(store: Store, email: string): Promise<boolean> {
  return (await getSuppression(store, email)) !== undefined;
}

/** Which of these addresses are suppressed (lower case, each once, in the order given). */
export async function suppressedAmong(store: Store, emails: readonly string[]): Promise<string[]> {
  const unique = [...new Set(emails.map(normalised).filter(Boolean))];
  if (unique.length === 0) return [];
  const hash = await keyedHasher();
  const keyOfAddress = (e: string) => suppressedKey(hash(e));
  const byPk = new Map(unique.map((e) => [keyOfAddress(e).pk, e]));
  const items = await batchGetAll(store, unique.map(keyOfAddress), { consistent: false, projection: { ProjectionExpression: 'pk' } });
  const found = new Set(items.map((item) => byPk.get(String(item.pk))));
  return unique.filter((e) => found.has(e));
}
