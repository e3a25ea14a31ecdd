// Signed-in sessions (careers leads, deputies, trust admins, providers). The cookie holds
// a random id; the table holds only its hash. A session ends 12 hours after it was last
// used or 7 days after sign-in, whichever is first; signing out deletes it.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionHeld, queryEvery, type Store } from './client.ts';
import { fromItem, heldForEmail, heldForEmailIndex, tableKeyOf } from './keys.ts';
import { epochSeconds, hashSecret, newSecret } from './secrets.ts';
import type { SessionKind, SessionRecord } from '#shared/domain/records.ts';

import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from '#shared/domain/sessions.ts';
export { PLATFORM_ADMIN_SESSION_SECONDS, SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from '#shared/domain/sessions.ts';
/** Refresh the idle deadline at most this often, so most reads write nothing. */
const REFRESH_AFTER_SECONDS = 5 * 60;

/** Stored only under the SHA-256 of the cookie's secret; on gsi1 under its address, told from tokens by this prefix. */
const SESSION_PREFIX = 'SESSION#';
export const sessionKey = (hash: string) => ({ pk: `${SESSION_PREFIX}${hash}`, sk: 'SESSION' });

export async function createSession(
  store: Store,
  kind: SessionKind,
  email: string,
  now = new Date(),
  options: { absoluteSeconds?: number } = {},
): Promise<{ secret: string; session: SessionRecord }> {
  const secret = newSecret();
  const t = epochSeconds(now);
  const absolute = Math.min(options.absoluteSeconds ?? SESSION_ABSOLUTE_SECONDS, SESSION_ABSOLUTE_SECONDS);
  const session: SessionRecord = {
    kind,
    email: email.toLowerCase(),
    createdAt: now.toISOString(),
    lastSeenAt: t,
    absoluteExpiresAt: t + absolute,
    expiresAt: Math.min(t + SESSION_IDLE_SECONDS, t + absolute),
  };
  const key = sessionKey(hashSecret(secret));
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...key, ...heldForEmailIndex(session.email, key.pk), itemType: 'session', ...session },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return { secret, session };
}

/** The live session for a cookie value, or undefined (unknown, expired or signed out). */
export async function getSession(store: Store, secret: string, now = new Date()): Promise<SessionRecord | undefined> {
  const key = sessionKey(hashSecret(secret));
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: key }));
  if (!out.Item) return undefined;
  // expiresAt is the TTL attribute, which fromItem strips with the keys: read it from the item.
  const session: SessionRecord = { ...fromItem<SessionRecord>(out.Item), expiresAt: Number(out.Item.expiresAt) };
  const t = epochSeconds(now);
  if (session.expiresAt <= t) return undefined; // TTL deletion lags; expiry is checked here
  if (t - session.lastSeenAt >= REFRESH_AFTER_SECONDS) {
    const expiresAt = Math.min(t + SESSION_IDLE_SECONDS, session.absoluteExpiresAt);
    // Signed out meanwhile (the condition fails): nothing to refresh.
    await conditionHeld(
      store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: key,
          UpdateExpression: 'SET lastSeenAt = :t, expiresAt = :e',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':t': t, ':e': expiresAt },
        }),
      ),
    );
    return { ...session, lastSeenAt: t, expiresAt };
  }
  return session;
}

export async function deleteSession(store: Store, secret: string): Promise<void> {
  await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: sessionKey(hashSecret(secret)) }));
}

/**
 * Ends every session of one person, on every device ("sign out everywhere"): the sessions
 * holding their address are found on gsi1 (no scan) and deleted. Returns how many ended.
 */
export async function endSessionsOf(store: Store, email: string): Promise<number> {
  const found = await queryEvery(store, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
    ExpressionAttributeValues: { ':pk': heldForEmail(email), ':prefix': SESSION_PREFIX },
  });
  await Promise.all(found.map((i) => store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: tableKeyOf(i) }))));
  return found.length;
}
