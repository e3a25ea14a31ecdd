// Random secrets for links and sessions. Only the SHA-256 of a secret is ever stored, so a
// copy of the table cannot be replayed as links or cookies. A plain hash is enough here,
// unlike for addresses and IPs (shared/store/keyed-hash.ts): a secret is 256 random bits,
// so there is no guess to hash and compare, and a key would add nothing but a dependency.
import { createHash, randomBytes } from 'node:crypto';

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Epoch seconds, the unit of the table's TTL attribute. */
export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
