// Merges the sections of partial runs (`npm run bench -- --only daily --out DIR`) into a
// full report: `node bench/merge.ts bench/report.json /tmp/run1/report.json … [--out bench]`.
// The sections a later file measured replace the earlier ones; the cost table is made again
// from the merged units, the targets checked again, and a note says which run each came from.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { costTable } from './cost.ts';
import { checkTargets, renderMarkdown, type Report } from './report.ts';

const SECTIONS = ['throughput', 'scale', 'daily', 'latency', 'import', 'bundles', 'capacity', 'pages', 'lighthouse'] as const;

const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
const [basePath, ...partPaths] = positionals;
if (!basePath || partPaths.length === 0) throw new Error('usage: node bench/merge.ts BASE.json PART.json… [--out DIR]');
const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Report;

const merged: Report = read(basePath);
for (const path of partPaths) {
  const part = read(path);
  const took: string[] = [];
  if (part.routes.length) {
    merged.routes = part.routes;
    merged.skippedRoutes = part.skippedRoutes;
    took.push('routes');
  }
  for (const key of SECTIONS) {
    if (part[key] !== undefined) {
      (merged as unknown as Record<string, unknown>)[key] = part[key];
      took.push(key);
    }
  }
  // An earlier merge note whose sections this run all replaced no longer describes the report.
  const MERGED = /^Merged by bench\/merge\.ts: (.+?) from `--only` run/;
  merged.notes = merged.notes.filter((note) => {
    const sections = MERGED.exec(note)?.[1]?.split(', ');
    return !sections || !sections.every((x) => took.includes(x));
  });
  merged.notes.push(`Merged by bench/merge.ts: ${took.join(', ')} from \`--only\` run at ${part.generatedAt} (${Math.round(part.seconds)} s, load average ${part.machine.loadAverage.map((x) => x.toFixed(1)).join(', ')} at its start).`);
}
merged.cost = costTable({
  routes: merged.routes,
  ...(merged.capacity ? { capacity: merged.capacity } : {}),
  ...(merged.pages ? { pages: merged.pages } : {}),
  ...(merged.bundles ? { bundles: merged.bundles } : {}),
  storedKbPerRequest: merged.capacity?.stored.kb ?? 4,
  ...(merged.daily ? { daily: merged.daily } : {}),
  ...(merged.import ? { import: merged.import } : {}),
});
const { targets: _old, ...rest } = merged;
const report: Report = { ...rest, targets: checkTargets(rest) };
const outDir = resolve(values.out ?? join(import.meta.dirname));
writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(outDir, 'report.md'), renderMarkdown(report));
console.log(`wrote ${join(outDir, 'report.md')} and report.json`);
