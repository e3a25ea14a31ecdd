// Issue 17, "the bench imports 50,000 such rows end to end": a DfE-shaped extract of 50,000
// rows (test/support/gias-extract.ts, the generator the import's tests use) through the real
// import use case (importSchools, as the admin API, the command and the S3-triggered import
// run it) into an empty table of the product's definition, recorded:
// duration, rows/s, DynamoDB units. Then the same file again, which must write nothing.
import { performance } from 'node:perf_hooks';
import type { ImportSummary } from '#shared/domain/onboarding.ts';
import { importSchools } from '#shared/usecases/import-schools.ts';
import { GIAS_EXTRACT_COLUMNS, giasExtract } from '../test/support/gias-extract.ts';
import { project } from './daily-scale.ts';
import { record, stages, totals, type Recording } from './recorder.ts';
import { createScaleTable, storeOn } from './scale.ts';
import type { BenchStack } from './stack.ts';
import { round } from './stats.ts';

/** The S3-triggered import's memory (infra/stack.ts SIZING['import-upload']: a full vCPU) and timeout, Lambda's longest. */
export const IMPORT_MEMORY_MB = 1769;
export const IMPORT_TIMEOUT_S = 900;
/** The national extract the issue sizes the import by. */
export const NATIONAL_ROWS = 50_000;

export interface ImportRun {
  seconds: number;
  cpuSeconds: number;
  rowsPerSecond: number;
  summary: Omit<ImportSummary, 'problems'>;
  dynamoCalls: number;
  rcu: number;
  wcu: number;
  wcuPerRow: number;
  ops: Record<string, number>;
  /** On Lambda at the import function's IMPORT_MEMORY_MB, projected as the daily job's is (bench/daily-scale.ts project, the slower call time). */
  projectedSeconds: number;
}

export interface ImportScaleResult {
  rows: number;
  bytes: number;
  columns: number;
  extract: string;
  /** Rows the generator says must end up bookable (open, in scope of s42B: R-SCOPE). */
  bookable: number;
  first: ImportRun;
  again: ImportRun;
}

async function run(stack: BenchStack, tableName: string, file: Uint8Array, rows: number): Promise<ImportRun> {
  const recording: Recording = { calls: [], capacity: true };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { problems: _problems, ...summary } = await record(recording, () => importSchools(storeOn(stack, tableName), file));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const dynamo = recording.calls.filter((c) => c.service === 'dynamodb');
  const t = totals(dynamo);
  const ops: Record<string, number> = {};
  for (const c of dynamo) ops[c.op] = (ops[c.op] ?? 0) + 1;
  return {
    seconds: round(seconds, 1),
    cpuSeconds: round((cpu.user + cpu.system) / 1e6, 1),
    rowsPerSecond: Math.round(rows / seconds),
    summary,
    dynamoCalls: dynamo.length,
    rcu: round(t.rcu, 0),
    wcu: round(t.wcu, 0),
    wcuPerRow: round(t.wcu / rows, 3),
    ops,
    projectedSeconds: project(stages(dynamo).length, (cpu.user + cpu.system) / 1e6, IMPORT_MEMORY_MB).highSeconds,
  };
}

export async function importScaleTest(stack: BenchStack, rows: number, log: (l: string) => void): Promise<ImportScaleResult> {
  const tableName = `${stack.tableName}-import`;
  await createScaleTable(stack, tableName);
  const { bytes: file, schools } = giasExtract(rows, { seed: 17 });
  const columns = GIAS_EXTRACT_COLUMNS.length;
  const bookable = schools.filter((s) => s.bookable).length;
  log(`  extract: ${rows.toLocaleString('en-GB')} rows, ${columns} columns, ${(file.length / 1024 / 1024).toFixed(1)} MB, ${bookable.toLocaleString('en-GB')} bookable`);
  const first = await run(stack, tableName, file, rows);
  log(`  first import: ${first.seconds} s, ${first.rowsPerSecond} rows/s; created ${first.summary.created}, skipped ${first.summary.skipped}, failed ${first.summary.failed}; ${first.wcu} WCU (${first.wcuPerRow}/row), ${first.rcu} RCU, ${first.dynamoCalls} calls`);
  const again = await run(stack, tableName, file, rows);
  log(`  same file again: ${again.seconds} s, ${again.rowsPerSecond} rows/s; updated ${again.summary.updated}, skipped ${again.summary.skipped}; ${again.wcu} WCU, ${again.rcu} RCU`);
  return {
    rows,
    bytes: file.length,
    columns,
    extract: `test/support/gias-extract.ts giasExtract (seed 17): DfE's ${columns} columns in their order, Windows-1252 bytes, CRLF, quoted commas, accented names; GIAS's mix of establishment types and phases, 40 % closed; ${bookable.toLocaleString('en-GB')} rows open and in scope (R-SCOPE)`,
    bookable,
    first,
    again,
  };
}
