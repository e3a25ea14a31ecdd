// The local stand-in for the deployment's hash key (shared/store/keyed-hash.ts; on AWS a
// Secrets Manager secret): a file of 64 random hex digits, made on first start and kept
// beside the data it keys (`.data/dynamodb/hash-key` for `npm start`), readable by this
// user only. Deleting `.data/` starts afresh with a new key, as it does with new data.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The key file at `file`, made now with a random key if it is not there yet; its path. */
export function ensureHashKeyFile(file: string): string {
  mkdirSync(dirname(file), { recursive: true });
  try {
    // 'wx': never replaces a key that exists (one that keys stored suppressions).
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return file;
}

/** A new key for data that lives only as long as this process (in-memory stacks, the tests), removed at exit. */
export function ephemeralHashKeyFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pa-hash-key-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return ensureHashKeyFile(join(dir, 'hash-key'));
}
