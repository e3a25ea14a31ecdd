// Mailboxes that have confirmed a request (issue 12, item 2): one marker each, so a
// provider confirms their address once, by the emailed link, and their later requests
// reach the school at once. Keyed by the mailbox (`name+tag@` as `name@`), written in
// the same transaction as the request that proves it, refreshed by a later one at most
// once a month (one write in many, and few concurrent writes of one item), and gone by TTL
// about two years after the last: a provider who returns after that confirms again, and
// the table does not keep a list of addresses for ever (UK GDPR storage limitation).
//
// Issue 15 (organisation accounts) adds the other way to skip confirming: a member of a
// signed-in organisation. This marker stays the answer for a provider with no account.
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mailboxOf } from '#shared/domain/addresses.ts';
import { batchWriteAll } from './batch.ts';
import type { Store } from './client.ts';
import { providerPartition } from './keys.ts';
import { epochSeconds } from './secrets.ts';
import type { TransactItems } from './transact.ts';

export const CONFIRMED_ADDRESS_SECONDS = 2 * 365 * 24 * 60 * 60;
export const CONFIRMED_ADDRESS_REFRESH_SECONDS = 30 * 24 * 60 * 60;

export interface ConfirmedAddress {
  confirmedAt: string;
  /** Written more than a month ago: the next request that reaches a school writes it again. */
  stale: boolean;
}

/** A table key, apart from the provider index (gsi2) that shares the partition's name. */
const confirmedAddressKey = (mailbox: string) => ({ pk: providerPartition(mailbox), sk: 'CONFIRMED' });

/** The marker's Put, on its own or inside a request's transaction. */
export function confirmedAddressPut(store: Store, email: string, now: Date): TransactItems[number] {
  const mailbox = mailboxOf(email);
  return {
    Put: {
      TableName: store.tableName,
      Item: { ...confirmedAddressKey(mailbox), itemType: 'confirmedAddress', confirmedAt: now.toISOString(), expiresAt: epochSeconds(now) + CONFIRMED_ADDRESS_SECONDS },
    },
  };
}

/** The address's mailbox's marker, while it lasts (TTL deletion lags, so the expiry is checked here). */
export async function getConfirmedAddress(store: Store, email: string, now = new Date()): Promise<ConfirmedAddress | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: confirmedAddressKey(mailboxOf(email)), ConsistentRead: true }));
  const t = epochSeconds(now);
  if (!out.Item || !(Number(out.Item.expiresAt) > t)) return undefined;
  const confirmedAt = String(out.Item.confirmedAt);
  return { confirmedAt, stale: t - epochSeconds(new Date(confirmedAt)) > CONFIRMED_ADDRESS_REFRESH_SECONDS };
}

/** Whether the address's mailbox has confirmed a request in the last two years. */
export async function isConfirmedAddress(store: Store, email: string, now = new Date()): Promise<boolean> {
  return (await getConfirmedAddress(store, email, now)) !== undefined;
}

/** Records the mailbox as confirmed outside a request: the demo's providers, who never sent one. */
export async function recordConfirmedAddress(store: Store, email: string, now = new Date()): Promise<void> {
  const put = confirmedAddressPut(store, email, now).Put;
  if (put) await store.doc.send(new PutCommand(put));
}

/** Many at once (BatchWriteItem): a benchmark's or a demo's returning providers. */
export async function recordConfirmedAddresses(store: Store, emails: readonly string[], now = new Date()): Promise<void> {
  const mailboxes = [...new Set(emails.map(mailboxOf))];
  await batchWriteAll(store, mailboxes.map((m) => ({ PutRequest: { Item: confirmedAddressPut(store, m, now).Put?.Item ?? {} } })));
}

/** Erasure: the marker goes with the rest of the address's data; true when there was one. */
export async function forgetConfirmedAddress(store: Store, email: string): Promise<boolean> {
  const out = await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: confirmedAddressKey(mailboxOf(email)), ReturnValues: 'ALL_OLD' }));
  return out.Attributes !== undefined;
}
