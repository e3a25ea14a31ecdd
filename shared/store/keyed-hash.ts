// Keyed hashes (HMAC-SHA-256) of guessable subjects: the email address or IP behind a
// rate-limit window, the address behind a suppression (issue 12, item 10). A plain SHA-256
// of an address can be confirmed by anyone holding a copy of the table who hashes a guess;
// an HMAC cannot be, without the key, which lives outside the table:
//  - on AWS a Secrets Manager secret made per deployment by the stack (HASH_KEY_SECRET_ARN),
//    readable only by the functions whose route entry declares `touches.hashKey`;
//  - locally a file in .data/ made with a random key on first start (HASH_KEY_FILE,
//    infra/local/hash-key.ts); the tests' global setup makes one for the run.
// No key configured is an error, never a fall back to an unkeyed hash.
//
// Tokens and sessions are not keyed (shared/store/secrets.ts): what they hash is 256 random
// bits, which no one can guess, so a plain SHA-256 already hides it.
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export const HASH_KEY_SECRET_ARN = 'HASH_KEY_SECRET_ARN';
export const HASH_KEY_FILE = 'HASH_KEY_FILE';

/** Characters of key at least: the stack's secret has 64, a local file 64 hex digits. */
export const MIN_KEY_LENGTH = 32;

/** HMAC-SHA-256 of `value` (UTF-8) under `key`, in hex. */
export function hmacHex(key: Uint8Array, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

function keyFrom(text: string, where: string): Buffer {
  const key = text.trim();
  if (key.length < MIN_KEY_LENGTH) throw new Error(`The hash key in ${where} is shorter than ${MIN_KEY_LENGTH} characters.`);
  return Buffer.from(key, 'utf8');
}

async function readSecret(arn: string): Promise<Buffer> {
  const client = new SecretsManagerClient({ region: process.env.AWS_REGION ?? 'eu-west-2', maxAttempts: 3 });
  const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  if (!out.SecretString) throw new Error('The hash key secret has no string value.');
  return keyFrom(out.SecretString, 'the hash key secret');
}

async function readKeyFile(file: string): Promise<Buffer> {
  return keyFrom(await readFile(file, 'utf8'), file);
}

// One read per container (or process), then every hash is a local HMAC. Keyed by where the
// key comes from, so a test that points HASH_KEY_FILE elsewhere gets that key; a failed
// read is not kept, so the next call tries again.
let cached: { source: string; key: Promise<Buffer> } | undefined;

/** The deployment's hash key, read once. */
export function hashKey(): Promise<Buffer> {
  const arn = process.env[HASH_KEY_SECRET_ARN];
  const file = process.env[HASH_KEY_FILE];
  const source = arn ? `secret:${arn}` : file ? `file:${file}` : undefined;
  if (!source) return Promise.reject(new Error(`No hash key: set ${HASH_KEY_SECRET_ARN} (AWS) or ${HASH_KEY_FILE} (locally).`));
  if (cached?.source !== source) {
    const key = arn ? readSecret(arn) : readKeyFile(file ?? '');
    cached = { source, key };
    key.catch(() => {
      if (cached?.key === key) cached = undefined;
    });
  }
  return cached.key;
}

/** HMAC-SHA-256 of `value` under the deployment's key, in hex. */
export async function keyedHash(value: string): Promise<string> {
  return hmacHex(await hashKey(), value);
}

/** The same, for many values: reads the key once and hashes each one locally. */
export async function keyedHasher(): Promise<(value: string) => string> {
  const key = await hashKey();
  return (value) => hmacHex(key, value);
}
