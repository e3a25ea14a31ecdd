// Test-only whole-table reads (scans are allowed in tests, never in shared/ or functions/):
// a test may read its own small table whole to check invariants, secrets at rest, or that
// a GET changed nothing. Built on test/support/table.ts `scanTable`.
import type { Store } from '#shared/store/client.ts';
import { scanTable } from './table.ts';

export type Item = Record<string, unknown>;

/** Every item of a test table, in key order. */
export const scanAll: (store: Store) => Promise<Item[]> = scanTable;

/** The whole table as one comparable string (items in key order). */
export async function tableSnapshot(store: Store): Promise<string> {
  return JSON.stringify(await scanTable(store));
}
