// Emailed link tokens: random, stored only as a hash, single use, expiring. Reading a
// token (to show a confirmation page) changes nothing; only `consumeToken` uses it up.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DomainError } from '#shared/domain/errors.ts';
import { conditionHeld, queryEvery, type Store } from './client.ts';
import { fromItem, heldForEmail, heldForEmailIndex, tableKeyOf } from './keys.ts';
import { epochSeconds, hashSecret, newSecret } from './secrets.ts';
import type { TransactItems } from './transact.ts';
import type { TokenPurpose, TokenRecord } from '#shared/domain/records.ts';

/** Stored only under the SHA-256 of the secret (never in clear); on gsi1 under its address, after its sessions' prefix. */
const TOKEN_PREFIX = 'TOKEN#';
const tokenKey = (hash: string) => ({ pk: `${TOKEN_PREFIX}${hash}`, sk: 'TOKEN' });

export async function issueToken(
  store: Store,
  input: { purpose: TokenPurpose; email: string; data: Record<string, string>; ttlSeconds: number; now?: Date },
): Promise<string> {
  const now = input.now ?? new Date();
  const secret = newSecret();
  const record: TokenRecord = {
    purpose: input.purpose,
    email: input.email.toLowerCase(),
    data: input.data,
    createdAt: now.toISOString(),
    expiresAt: epochSeconds(now) + input.ttlSeconds,
  };
  const key = tokenKey(hashSecret(secret));
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...key, ...heldForEmailIndex(record.email, key.pk), itemType: 'token', ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  if (replacesEarlier(record)) await replaceEarlierLinks(store, record, hashSecret(secret), now);
  return secret;
}

/**
 * A provider's sign-in link replaces their earlier unused ones (issue 12, item 12): every
 * update email carries one, so without this a provider's inbox would hold many live
 * links at once. Staff links are asked for on the sign-in page and stay as they are.
 */
function replacesEarlier(record: TokenRecord): boolean {
  return record.purpose === 'sign-in' && record.data.kind === 'provider';
}

async function replaceEarlierLinks(store: Store, record: TokenRecord, keepHash: string, now: Date): Promise<void> {
  const found = await queryEvery(store, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
    ExpressionAttributeValues: { ':pk': heldForEmail(record.email), ':prefix': TOKEN_PREFIX },
  });
  const earlier = found.filter((i) => i.pk !== tokenKey(keepHash).pk && replacesEarlier(fromItem<TokenRecord>(i)) && !i.usedAt && !i.replacedAt);
  await Promise.all(
    earlier.map((i) =>
      conditionHeld(
        store.doc.send(
          new UpdateCommand({
            TableName: store.tableName,
            Key: tableKeyOf(i),
            UpdateExpression: 'SET replacedAt = :now',
            // Used meanwhile, or gone by TTL: nothing to replace.
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
            ExpressionAttributeValues: { ':now': now.toISOString() },
          }),
        ),
      ),
    ),
  );
}

/** A used token comes back too: a used link's page says what was done with it (issue 14, item 7). */
export type TokenState =
  | { ok: true; token: TokenRecord }
  | { ok: false; code: 'TOKEN_USED'; token: TokenRecord }
  | { ok: false; code: 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_REPLACED' };

/** What a token is, without using it (for GET pages): never writes. */
export async function readToken(store: Store, secret: string, purpose: TokenPurpose, now = new Date()): Promise<TokenState> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: tokenKey(hashSecret(secret)), ConsistentRead: true }));
  // expiresAt is the TTL attribute, which fromItem strips with the keys: read it from the item.
  return stateOf(out.Item ? { ...fromItem<TokenRecord>(out.Item), expiresAt: Number(out.Item.expiresAt) } : undefined, purpose, now);
}

function stateOf(token: TokenRecord | undefined, purpose: TokenPurpose, now: Date): TokenState {
  if (!token || token.purpose !== purpose) return { ok: false, code: 'TOKEN_INVALID' };
  if (token.usedAt) return { ok: false, code: 'TOKEN_USED', token };
  if (token.replacedAt) return { ok: false, code: 'TOKEN_REPLACED' };
  if (token.expiresAt <= epochSeconds(now)) return { ok: false, code: 'TOKEN_EXPIRED' };
  return { ok: true, token };
}

const TOKEN_MESSAGES = {
  TOKEN_INVALID: 'This link is not valid. Check you copied the whole link, or ask for a new one.',
  TOKEN_USED: 'This link has already been used. Each link works once: ask for a new one.',
  TOKEN_EXPIRED: 'This link has expired. Ask for a new one.',
  TOKEN_REPLACED: 'A newer link has been sent to you since this one, so this one no longer works. Use the link in your latest email from us, or ask for a new one.',
} as const;

/** Uses a token up, once: a second use, a wrong purpose or an expired token is refused (TOKEN_USED, TOKEN_INVALID…). */
export async function consumeToken(store: Store, secret: string, purpose: TokenPurpose, now = new Date()): Promise<TokenRecord> {
  try {
    const out = await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: tokenKey(hashSecret(secret)),
        UpdateExpression: 'SET usedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND purpose = :purpose AND attribute_not_exists(usedAt) AND attribute_not_exists(replacedAt) AND expiresAt > :nowSeconds',
        ExpressionAttributeValues: { ':now': now.toISOString(), ':purpose': purpose, ':nowSeconds': epochSeconds(now) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return fromItem<TokenRecord>(out.Attributes ?? {});
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    const state = await readToken(store, secret, purpose, now);
    const code = state.ok ? 'TOKEN_USED' : state.code; // raced with another use
    throw new DomainError(code, TOKEN_MESSAGES[code], { cause: err });
  }
}

/**
 * Using a token up inside a transaction (the change it authorises and its use, all or
 * nothing), with the conditions of `consumeToken`. The caller maps this item's failed
 * condition to TOKEN_USED, as `consumeToken` does after a race.
 */
export function useTokenUpdate(store: Store, secret: string, purpose: TokenPurpose, now: Date): TransactItems[number] {
  return {
    Update: {
      TableName: store.tableName,
      Key: tokenKey(hashSecret(secret)),
      UpdateExpression: 'SET usedAt = :now',
      ConditionExpression: 'attribute_exists(pk) AND purpose = :purpose AND attribute_not_exists(usedAt) AND attribute_not_exists(replacedAt) AND expiresAt > :nowSeconds',
      ExpressionAttributeValues: { ':now': now.toISOString(), ':purpose': purpose, ':nowSeconds': epochSeconds(now) },
    },
  };
}

export function tokenMessage(code: keyof typeof TOKEN_MESSAGES): string {
  return TOKEN_MESSAGES[code];
}
