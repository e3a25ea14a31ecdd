// Issue 17, "the bench imports 50,000 such rows end to end": a GIAS-like extract of 50,000
// rows through the real import use case (importSchools, as the admin API, the command and
// the S3-triggered import run it) into an empty table of the product's definition, recorded:
// duration, rows/s, DynamoDB units. Then the same file again, which must write nothing.
import { performance } from 'node:perf_hooks';
import { GIAS_COLUMNS } from '#shared/domain/gias.ts';
import type { ImportSummary } from '#shared/domain/onboarding.ts';
import { importSchools } from '#shared/usecases/import-schools.ts';
import { giasLikeSchool, SECONDARY_SCHOOLS } from './gias-like.ts';
import { project } from './daily-scale.ts';
import { record, stages, totals, type Recording } from './recorder.ts';
import { createScaleTable, storeOn } from './scale.ts';
import type { BenchStack } from './stack.ts';
import { round } from './stats.ts';

/** Share of the rows after the secondary schools that are closed establishments (GIAS keeps closed ones in "all establishment data"). */
const CLOSED_SHARE = 0.4;

const quoted = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * The extract the bench imports, in ONE place so it can follow the importer: today the
 * columns the importer reads (GIAS_COLUMNS), quoted as GIAS quotes, CRLF line endings,
 * Windows-1252 bytes (the names here are ASCII, so the bytes are the same in UTF-8).
 */
export function giasLikeExtract(rows: number): Buffer {
  const columns = Object.values(GIAS_COLUMNS);
  const lines = [columns.map(quoted).join(',')];
  for (let n = 0; n < rows; n++) {
    const s = giasLikeSchool(n);
    const closed = n >= SECONDARY_SCHOOLS && (n * 2654435761) % 1000 < CLOSED_SHARE * 1000;
    const value: Record<string, string> = {
      [GIAS_COLUMNS.urn]: s.urn,
      [GIAS_COLUMNS.name]: s.name,
      [GIAS_COLUMNS.type]: s.establishmentType ?? '',
      [GIAS_COLUMNS.phase]: s.phase,
      [GIAS_COLUMNS.lowAge]: String(s.statutoryLowAge),
      [GIAS_COLUMNS.highAge]: String(s.statutoryHighAge),
      [GIAS_COLUMNS.street]: s.address.street,
      [GIAS_COLUMNS.town]: s.address.town,
      [GIAS_COLUMNS.postcode]: s.address.postcode,
      [GIAS_COLUMNS.website]: '',
      [GIAS_COLUMNS.trust]: n % 3 === 0 ? `Trust ${n % 400}, Learning` : '',
      [GIAS_COLUMNS.status]: closed ? 'Closed' : 'Open',
      [GIAS_COLUMNS.easting]: String(s.location?.easting ?? ''),
      [GIAS_COLUMNS.northing]: String(s.location?.northing ?? ''),
    };
    lines.push(columns.map((c) => quoted(value[c] ?? '')).join(','));
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
}

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
  /** On Lambda at 512 MB, projected as the daily job's is (bench/daily-scale.ts project, the slower call time). */
  projectedSeconds: number;
}

export interface ImportScaleResult {
  rows: number;
  bytes: number;
  columns: number;
  extract: string;
  first: ImportRun;
  again: ImportRun;
}

async function run(stack: BenchStack, tableName: string, file: Buffer, rows: number): Promise<ImportRun> {
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
    projectedSeconds: project(stages(dynamo).length, (cpu.user + cpu.system) / 1e6).highSeconds,
  };
}

export async function importScaleTest(stack: BenchStack, rows: number, log: (l: string) => void): Promise<ImportScaleResult> {
  const tableName = `${stack.tableName}-import`;
  await createScaleTable(stack, tableName);
  const file = giasLikeExtract(rows);
  const columns = Object.keys(GIAS_COLUMNS).length;
  log(`  extract: ${rows.toLocaleString('en-GB')} rows, ${columns} columns, ${(file.length / 1024 / 1024).toFixed(1)} MB`);
  const first = await run(stack, tableName, file, rows);
  log(`  first import: ${first.seconds} s, ${first.rowsPerSecond} rows/s; created ${first.summary.created}, skipped ${first.summary.skipped}, failed ${first.summary.failed}; ${first.wcu} WCU (${first.wcuPerRow}/row), ${first.rcu} RCU, ${first.dynamoCalls} calls`);
  const again = await run(stack, tableName, file, rows);
  log(`  same file again: ${again.seconds} s, ${again.rowsPerSecond} rows/s; updated ${again.summary.updated}, skipped ${again.summary.skipped}; ${again.wcu} WCU, ${again.rcu} RCU`);
  return {
    rows,
    bytes: file.length,
    columns,
    extract: `bench/import-scale.ts giasLikeExtract: the importer's ${columns} columns (GIAS_COLUMNS), CRLF, quoted commas, Windows-1252 bytes; the first ${SECONDARY_SCHOOLS.toLocaleString('en-GB')} rows state secondary schools, the rest GIAS's other phases, ${CLOSED_SHARE * 100} % of those closed`,
    first,
    again,
  };
}
