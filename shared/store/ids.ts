import { randomBytes } from 'node:crypto';
import { referenceFromBytes, REFERENCE_SYMBOLS, type RequestReference } from '#shared/domain/reference.ts';
import { monotonicFactory } from 'ulid';

// ULIDs sort by creation time, so a school's requests list in the order they arrived.
const next = monotonicFactory();

export function newId(now: number = Date.now()): string {
  return next(now);
}

/**
 * A request's reference drawn from the operating system's random source (issue 14, item 6).
 * Unique only once written: createRequest claims it and draws again if it is taken.
 */
export function newReference(): RequestReference {
  // Enough bytes for every symbol at once; rejection sampling may want more, drawn then.
  let pool = randomBytes(REFERENCE_SYMBOLS * 2);
  let at = 0;
  return referenceFromBytes(() => {
    if (at === pool.length) {
      pool = randomBytes(REFERENCE_SYMBOLS);
      at = 0;
    }
    return pool[at++] ?? 0;
  });
}
