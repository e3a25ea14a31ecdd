// `npm run schools:import -- <extract.csv>`: imports schools from a DfE GIAS extract into
// the table in TABLE_NAME (DYNAMODB_ENDPOINT for a local one), or into the local data in
// .data/ when TABLE_NAME is not set (stop `npm start` first). Streams the file, shows
// progress, and ends with the summary and every bad row's line. Exit code 0 when every row
// was imported or skipped, 2 when some failed (the rest are imported), 1 when it could not run.
import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { importSchools } from '#shared/usecases/import-schools.ts';
import { withCliStore } from './cli-store.ts';

const file = process.argv[2];
if (!file || file.startsWith('-')) {
  console.error('Usage: npm run schools:import -- <GIAS extract.csv>');
  process.exit(1);
}

/** Lines after the header: the number of rows, unless some quoted text spans lines. */
async function countLines(file: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (const byte of chunk) if (byte === 10) lines++;
    last = chunk.at(-1) ?? last;
  }
  return Math.max(0, lines + (last === 10 ? 0 : 1) - 1);
}

const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
const fmt = (n: number) => n.toLocaleString('en-GB');
try {
  const bytes = statSync(path).size;
  const summary = await withCliStore(async (store, where) => {
    console.error(`Importing ${path} (${fmt(Math.ceil(bytes / 1024))} KB) into ${where}…`);
    const total = await countLines(path);
    const started = performance.now();
    const result = await importSchools(store, createReadStream(path), {
      onProgress: (p) => {
        const line = `  ${Math.min(100, Math.round((100 * p.rows) / Math.max(1, total)))}%  ${fmt(p.rows)} of about ${fmt(total)} rows: ${fmt(p.created)} created, ${fmt(p.updated)} updated, ${fmt(p.skipped)} skipped, ${fmt(p.failed)} failed`;
        if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
        else console.error(line);
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    console.error(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    return result;
  });
  console.log(`${fmt(summary.rows)} rows: ${fmt(summary.created)} created, ${fmt(summary.updated)} updated, ${fmt(summary.skipped)} skipped, ${fmt(summary.failed)} failed.`);
  for (const p of summary.problems) console.log(`  line ${p.line}${p.urn ? ` (URN ${p.urn})` : ''}: ${p.message}`);
  if (summary.problemsNotListed) console.log(`  …and ${fmt(summary.problemsNotListed)} more.`);
  process.exit(summary.failed > 0 ? 2 : 0);
} catch (err) {
  console.error(`Could not import: ${(err as Error).message}`);
  process.exit(1);
}
