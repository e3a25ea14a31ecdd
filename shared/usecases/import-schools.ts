// Onboarding schools from a DfE GIAS extract (issue 6 item 4), for the command
// `npm run schools:import` and the admin API. The file's bytes are decoded as they come
// (Windows-1252 as DfE publishes it, or UTF-8 if re-saved: GiasDecoder) and streamed
// through csv-parse a chunk of rows at a time, so a 50 MB extract needs no more memory than
// a small one:
// - a row that cannot be read (wrong number of cells, a broken quote) or whose values are
//   wrong (URN, ages, postcode…) is reported with its line number; the rest is imported;
// - a new school is created with its settings at their defaults (batched writes, 25 a go);
// - a school already here gets only its GIAS fields replaced, so its own settings, careers
//   lead and statement stay as they are; an unchanged one is skipped, and nothing is written;
// - a closed establishment, or one out of scope of s42B (independent, FE…: giasScope,
//   R-SCOPE), is skipped; if it is on the platform already (imported while it was open), it
//   is reported, since the import never removes a school and it would stay bookable;
// - the caller is told of progress after each chunk, and gets a summary at the end.
import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import type { ImportProblem, ImportProgress, ImportSummary } from '#shared/domain/onboarding.ts';
import { GiasDecoder } from '#shared/domain/gias-encoding.ts';
import { giasChanged, missingGiasColumns, newSchoolFromGias, parseGiasRecord, type GiasSchool } from '#shared/domain/gias.ts';
import type { School } from '#shared/domain/types.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { Store } from '#shared/store/client.ts';
import { createSchoolsInBatches, getSchoolProfiles, storedSchoolUrns, updateGiasFields } from '#shared/store/school-import.ts';
import type { StoredSchool } from '#shared/domain/records.ts';

/** Rows read, checked and written together. */
export const IMPORT_CHUNK_ROWS = 100;
export type { ImportProblem, ImportProgress, ImportSummary } from '#shared/domain/onboarding.ts';

/** Problems listed in the summary (all are counted). */
export const MAX_PROBLEMS_LISTED = 1000;

export interface ImportOptions {
  now?: Date;
  onProgress?: (progress: ImportProgress) => void;
  chunkRows?: number;
}

interface GoodRow {
  line: number;
  school: GiasSchool;
}

interface SkippedRow {
  line: number;
  urn: string;
  reason: string;
}

function csvProblem(err: CsvError): string {
  if (err.code === 'CSV_RECORD_INCONSISTENT_COLUMNS') return 'This row does not have the same number of cells as the header: check for a missing or extra comma, or a value with a comma that is not in quotes.';
  if (err.code === 'CSV_INVALID_CLOSING_QUOTE' || err.code === 'CSV_QUOTE_NOT_CLOSED') return 'This row has a quote mark that is not closed properly: a value with quotes must be wholly in double quotes, with inner quotes doubled ("").';
  return `This row cannot be read as CSV (${err.message}).`;
}

/** Bytes handed to the decoder at a time, from a whole file in memory. */
const DECODE_SLICE_BYTES = 1 << 20;

/** The file as text, a piece at a time: bytes decoded (GiasDecoder), text passed through. */
async function* decoded(input: Uint8Array | AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new GiasDecoder();
  const chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array | string> =
    input instanceof Uint8Array ? Array.from({ length: Math.ceil(input.length / DECODE_SLICE_BYTES) }, (_, i) => input.subarray(i * DECODE_SLICE_BYTES, (i + 1) * DECODE_SLICE_BYTES)) : input;
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * Imports a GIAS extract: its raw bytes (a Buffer or Uint8Array, e.g. an uploaded object's
 * body), a stream of them (a file), or text already decoded. Answers the summary.
 */
export async function importSchools(store: Store, input: string | Uint8Array | Readable, options: ImportOptions = {}): Promise<ImportSummary> {
  const now = options.now ?? new Date();
  const chunkRows = options.chunkRows ?? IMPORT_CHUNK_ROWS;
  const summary: ImportSummary = { rows: 0, created: 0, updated: 0, skipped: 0, failed: 0, problems: [], problemsNotListed: 0 };
  const problem = (p: ImportProblem) => {
    summary.failed++;
    if (summary.problems.length < MAX_PROBLEMS_LISTED) summary.problems.push(p);
    else summary.problemsNotListed++;
  };
  const parser = parse({
    bom: true,
    info: true,
    trim: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (!err) return;
      summary.rows++;
      problem({ line: typeof err.lines === 'number' ? err.lines : 0, message: csvProblem(err) });
    },
    columns: (header: string[]) => {
      const missing = missingGiasColumns(header);
      if (missing.length > 0) {
        throw new DomainError('GIAS_COLUMNS_MISSING', `The file is not a GIAS extract this import can read: it has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}. Download "all establishment data" from GIAS and try again.`, {
          fields: { file: `Missing columns: ${missing.join(', ')}` },
        });
      }
      return header;
    },
  });
  const source = typeof input === 'string' ? Readable.from([input]) : Readable.from(decoded(input));
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);

  const seen = new Map<string, number>();
  let chunk: GoodRow[] = [];
  let skips: SkippedRow[] = [];
  const flush = async () => {
    if (chunk.length === 0 && skips.length === 0) return;
    const rows = chunk;
    const skipped = skips;
    chunk = [];
    skips = [];
    await checkSkipped(store, skipped, summary, problem);
    await writeChunk(store, rows, now, summary, problem);
    options.onProgress?.({ rows: summary.rows, created: summary.created, updated: summary.updated, skipped: summary.skipped, failed: summary.failed });
  };
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    summary.rows++;
    const row = parseGiasRecord(record);
    if (row.kind === 'error') {
      problem({ line: info.lines, ...(row.urn ? { urn: row.urn } : {}), message: row.message });
      continue;
    }
    const first = seen.get(row.kind === 'skip' ? row.urn : row.school.urn);
    if (first !== undefined) {
      problem({ line: info.lines, urn: row.kind === 'skip' ? row.urn : row.school.urn, message: `This URN is also on line ${first}; only the first row was imported.` });
      continue;
    }
    if (row.kind === 'skip') {
      seen.set(row.urn, info.lines);
      skips.push({ line: info.lines, urn: row.urn, reason: row.reason });
    } else {
      seen.set(row.school.urn, info.lines);
      chunk.push({ line: info.lines, school: row.school });
    }
    if (chunk.length + skips.length >= chunkRows) await flush();
  }
  await flush();
  return summary;
}

/** Skipped rows are skipped, unless the school is here already: then GIAS and the platform disagree, and an admin must know. */
async function checkSkipped(store: Store, rows: SkippedRow[], summary: ImportSummary, problem: (p: ImportProblem) => void): Promise<void> {
  if (rows.length === 0) return;
  const stored = await storedSchoolUrns(store, rows.map((r) => r.urn));
  for (const r of rows) {
    if (!stored.has(r.urn)) summary.skipped++;
    else problem({ line: r.line, urn: r.urn, message: `GIAS lists this school as ${r.reason}, but it is on the platform already, and still bookable: the import does not take schools off.` });
  }
}

async function writeChunk(store: Store, rows: GoodRow[], now: Date, summary: ImportSummary, problem: (p: ImportProblem) => void): Promise<void> {
  const existing = await getSchoolProfiles(store, rows.map((r) => r.school.urn));
  const created: School[] = [];
  const updated: { before: StoredSchool; gias: GiasSchool }[] = [];
  for (const { school } of rows) {
    const before = existing.get(school.urn);
    if (!before) created.push(newSchoolFromGias(school));
    else if (giasChanged(before as Partial<GiasSchool>, school)) updated.push({ before, gias: school });
    else summary.skipped++;
  }
  try {
    await createSchoolsInBatches(store, created, now);
    summary.created += created.length;
  } catch (err) {
    for (const s of created) problem({ line: rows.find((r) => r.school.urn === s.urn)?.line ?? 0, urn: s.urn, message: `Could not be saved (${(err as Error).message}); import the file again.` });
  }
  try {
    await updateGiasFields(store, updated, now);
    summary.updated += updated.length;
  } catch (err) {
    for (const u of updated) problem({ line: rows.find((r) => r.school.urn === u.gias.urn)?.line ?? 0, urn: u.gias.urn, message: `Could not be updated (${(err as Error).message}); import the file again.` });
  }
}
