// issue 12, item 10: rate-limit windows and suppressions are keyed by an HMAC-SHA-256 of
// the address or IP under the deployment's key, so a copy of the table cannot confirm a
// guessed address by hashing it; two deployments (two keys) hash the same address apart;
// with no key configured nothing is hashed at all. On AWS the key is read from Secrets
// Manager once per container.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureHashKeyFile } from '#infra/local/hash-key.ts';
import { HASH_KEY_FILE, HASH_KEY_SECRET_ARN, hmacHex, keyedHash } from '#shared/store/keyed-hash.ts';
import { hitRateLimit } from '#shared/store/rate-limits.ts';
import { getSuppression, recordSuppression, suppressedAmong } from '#shared/store/suppressions.ts';
import { createTestTable, scanTable, type TestTable } from '../support/table.ts';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const IP = '203.0.113.7';
const EMAIL = 'Gone.Away@College.example';
const RULE = { scope: 'keyed-test', limit: 5, windowSeconds: 3600 };

const runKeyFile = process.env[HASH_KEY_FILE] ?? '';
const keyIn = (file: string) => Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');

/** The hashes a table holds: each rate-limit window's subject and each suppression's. */
async function storedHashes(t: TestTable): Promise<{ rate: string[]; suppressed: string[] }> {
  const items = await scanTable(t.store);
  const pks = items.map((i) => String(i.pk));
  return {
    rate: pks.filter((pk) => pk.startsWith(`RATE#${RULE.scope}#`)).map((pk) => pk.slice(`RATE#${RULE.scope}#`.length)),
    suppressed: pks.filter((pk) => pk.startsWith('SUPPRESSED#')).map((pk) => pk.slice('SUPPRESSED#'.length)),
  };
}

async function writeBoth(t: TestTable) {
  expect((await hitRateLimit(t.store, RULE, IP)).allowed).toBe(true);
  expect((await hitRateLimit(t.store, RULE, EMAIL)).allowed).toBe(true);
  await recordSuppression(t.store, { email: EMAIL, reason: 'bounce', at: '2026-03-02T09:59:30.000Z', detail: 'Permanent/General' });
}

let a: TestTable;
let b: TestTable;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestTable('keyed-a'), createTestTable('keyed-b')]);
});
afterEach(() => {
  process.env[HASH_KEY_FILE] = runKeyFile;
  delete process.env[HASH_KEY_SECRET_ARN];
  vi.restoreAllMocks();
});

describe('issue 12, item 10: keyed hashes of addresses and IPs', () => {
  it('rate-limit and suppression items hold the HMAC under the key, not the plain SHA-256 of the subject', async () => {
    await writeBoth(a);
    const held = await storedHashes(a);
    const key = keyIn(runKeyFile);
    expect(held.rate.sort()).toEqual([hmacHex(key, IP), hmacHex(key, EMAIL.toLowerCase())].sort());
    expect(held.suppressed).toEqual([hmacHex(key, EMAIL.toLowerCase())]);
    const dump = JSON.stringify(await scanTable(a.store));
    for (const guess of [IP, EMAIL, EMAIL.toLowerCase()]) {
      expect(dump).not.toContain(sha256(guess));
      expect(dump.toLowerCase()).not.toContain(guess.toLowerCase());
    }
    // And they still work: the suppression is found by the address, the window counts.
    expect((await getSuppression(a.store, 'gone.away@college.example'))?.reason).toBe('bounce');
    expect(await suppressedAmong(a.store, ['GONE.AWAY@college.example', 'someone@else.example'])).toEqual(['gone.away@college.example']);
  });

  it('another key (another deployment) hashes the same subjects to other values, and does not find the first one', async () => {
    const other = ensureHashKeyFile(join(mkdtempSync(join(tmpdir(), 'pa-hash-key-b-')), 'hash-key'));
    process.env[HASH_KEY_FILE] = other;
    await writeBoth(b);
    const [first, second] = [await storedHashes(a), await storedHashes(b)];
    expect(second.rate).toHaveLength(2);
    expect(second.suppressed).toHaveLength(1);
    for (const h of [...second.rate, ...second.suppressed]) expect([...first.rate, ...first.suppressed]).not.toContain(h);
    expect(second.suppressed).toEqual([hmacHex(keyIn(other), EMAIL.toLowerCase())]);
    expect(await getSuppression(a.store, EMAIL)).toBeUndefined(); // why a deployment's key must never change unnoticed
  });

  it('with no key configured, refuses to hash rather than fall back to a plain hash', async () => {
    delete process.env[HASH_KEY_FILE];
    await expect(hitRateLimit(a.store, RULE, IP)).rejects.toThrow(/No hash key: set HASH_KEY_SECRET_ARN \(AWS\) or HASH_KEY_FILE/);
    await expect(recordSuppression(a.store, { email: EMAIL, reason: 'bounce', at: '2026-03-02T09:59:30.000Z' })).rejects.toThrow(/No hash key/);
  });

  it('on AWS reads the key from the secret once per container, then hashes locally', async () => {
    const secret = 'k'.repeat(20) + 'SecretFromSecretsManager0123456789ab';
    const arn = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:HashKey-abc123';
    const send = vi.spyOn(SecretsManagerClient.prototype, 'send').mockImplementation(async (command: unknown) => {
      expect(command).toBeInstanceOf(GetSecretValueCommand);
      expect((command as GetSecretValueCommand).input).toEqual({ SecretId: arn });
      return { SecretString: secret };
    });
    process.env[HASH_KEY_SECRET_ARN] = arn;
    const hashes = await Promise.all(['x@school.example', 'y@school.example', IP].map((s) => keyedHash(s)));
    expect(await keyedHash(IP)).toBe(hashes[2]);
    expect(hashes).toEqual(['x@school.example', 'y@school.example', IP].map((s) => hmacHex(Buffer.from(secret, 'utf8'), s)));
    expect(send).toHaveBeenCalledTimes(1);
  });
});
