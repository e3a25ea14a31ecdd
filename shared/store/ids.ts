import { monotonicFactory } from 'ulid';

// ULIDs sort by creation time, so a school's requests list in the order they arrived.
const next = monotonicFactory();

export function newId(now: number = Date.now()): string {
  return next(now);
}
