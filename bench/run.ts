// `npm run bench` (node bench/run.ts): the figures of the benchmark report. Starts its own
// local stack in memory on free ports, measures, writes bench/report.md and
// bench/report.json, prints the tables, and stops everything it started, on success,
// failure or Ctrl-C. `--quick` is a smoke run (a few samples of everything); `--out DIR`
// writes the report elsewhere; `--only api,throughput,capacity,pages,lighthouse,scale,daily,latency,import,bundles`
// (`--quick` runs Lighthouse on the home page only: one run is ~6 s here; `--pages
// /school/,/request/` on those pages only).
import './recorder.ts'; // first: patches the SDK's send before any client exists
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createThroughput, prepare, routeLatencies, type RouteRow, type ThroughputResult } from './api.ts';
import { buildBundles, measureBundles, type BundleResult } from './bundles.ts';
import { capacityPerFlow, type CapacityResult } from './capacity.ts';
import { costTable } from './cost.ts';
import { closeHttp } from './http.ts';
import { lighthousePaths, measureLighthouse, type LighthouseResult } from './lighthouse.ts';
import { measurePages, type PagesResult } from './pages.ts';
import { SHOWCASE } from './fixtures.ts';
import { checkTargets, plainTable, renderMarkdown, routeTable, targetTable, type Report } from './report.ts';
import { ALL_SCHOOLS, SECONDARY_SCHOOLS } from './gias-like.ts';
import { nearScaleTest } from './near-scale.ts';
import { scaleTest, type ScaleResult } from './scale.ts';
import { dailyScaleTest, type DailyScaleResult } from './daily-scale.ts';
import { emailLatency, type LatencyResult } from './latency.ts';
import { importScaleTest, type ImportScaleResult } from './import-scale.ts';
import { NATIONAL } from './cost.ts';
import { startBenchStack, type BenchStack } from './stack.ts';

const PHASES = ['api', 'throughput', 'capacity', 'pages', 'lighthouse', 'scale', 'daily', 'latency', 'import', 'bundles'] as const;
type Phase = (typeof PHASES)[number];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    only: { type: 'string' },
    pages: { type: 'string' },
    // The import phase's extract size (default 50,000, 500 with --quick): a smaller run on a busy machine, extrapolated.
    'import-rows': { type: 'string' },
  },
});
const quick = Boolean(values.quick);
const outDir = resolve(values.out ?? join(import.meta.dirname));
const only = new Set((values.only ?? PHASES.join(',')).split(',').map((s) => s.trim()) as Phase[]);
for (const p of only) if (!PHASES.includes(p)) throw new Error(`--only: unknown phase ${p} (${PHASES.join(', ')})`);

const SIZES = quick
  ? { n: 12, nWrite: 6, clients: 20, creates: 40, small: 100, large: 1_000, schoolsSmall: 350, schoolsLarge: 2_500, rounds: 8, initRuns: 1, pageRuns: 1, flowCalls: 2, pages: 2, dailySchools: 60, latencySamples: 4, importRows: 500 }
  : { n: 400, nWrite: 150, clients: 20, creates: 400, small: 100, large: 100_000, schoolsSmall: SECONDARY_SCHOOLS, schoolsLarge: ALL_SCHOOLS, rounds: 150, initRuns: 5, pageRuns: 2, flowCalls: 3, pages: Infinity, dailySchools: SECONDARY_SCHOOLS, latencySamples: 40, importRows: 50_000 };

if (values['import-rows'] !== undefined) {
  const rows = Number(values['import-rows']);
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`--import-rows: a whole number of rows, not ${values['import-rows']}`);
  SIZES.importRows = rows;
}

const started = performance.now();
const log = (line: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);

let stack: BenchStack | undefined;
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  closeHttp();
  await stack?.stop().catch(() => undefined);
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(130));
process.on('SIGTERM', () => void shutdown(143));
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (err: unknown) => {
    console.error(err);
    void shutdown(1);
  });
}

async function main() {
  const machine = { cpus: cpus().length, loadAverage: loadavg(), node: process.versions.node, platform: `${process.platform} ${process.arch}` };
  log(`${quick ? 'quick' : 'full'} run on ${machine.cpus} CPUs, Node ${machine.node}, load ${machine.loadAverage.map((x) => x.toFixed(1)).join(' ')}`);
  stack = await startBenchStack(log);
  const notes: string[] = [
    'The bench runs its own stack: DynamoDB Local (in memory) and the SES emulator on free ports, the table from shared/store/table.ts, the demo trust, and the local server with the route table, as `npm start` does; the mailer runs on the stream between timings only (never during one, never over the scale rows).',
    'The client and the local server share one Node process (the recorder must see the route\'s AWS calls), and DynamoDB Local shares the cores; ratios, not milliseconds, are the results.',
  ];
  const f = await prepare(stack, log);

  let routes: RouteRow[] = [];
  let skippedRoutes: string[] = [];
  let throughput: ThroughputResult | undefined;
  let capacity: CapacityResult | undefined;
  let pages: PagesResult | undefined;
  let lighthouse: LighthouseResult | undefined;
  let scale: ScaleResult | undefined;
  let bundles: BundleResult | undefined;
  let daily: DailyScaleResult | undefined;
  let latency: LatencyResult | undefined;
  let importScale: ImportScaleResult | undefined;

  if (only.has('api')) {
    log('API routes vs their DynamoDB floor');
    ({ rows: routes, skipped: skippedRoutes } = await routeLatencies(stack, f, { n: SIZES.n, nWrite: SIZES.nWrite }, log));
  }
  if (only.has('throughput')) {
    log(`request creation by ${SIZES.clients} concurrent clients`);
    throughput = await createThroughput(stack, f, SIZES.clients, SIZES.creates, log);
  }
  if (only.has('capacity')) {
    log('DynamoDB capacity and emails per flow');
    capacity = await capacityPerFlow(stack, f, SIZES.flowCalls, log);
  }
  if (only.has('pages')) {
    log('pages in Chromium');
    const all = stack.webWeights;
    if (Number.isFinite(SIZES.pages)) stack.webWeights = all.slice(0, SIZES.pages);
    pages = await measurePages(stack, f, SIZES.pageRuns, log);
    stack.webWeights = all;
  }
  if (only.has('lighthouse')) {
    const paths = lighthousePaths(stack, `/schools/${SHOWCASE.urn}/statement`);
    log(`Lighthouse on ${values.pages ?? (quick ? 'the home page' : `${paths.length} pages`)}`);
    const chosen = values.pages ? paths.filter((p) => values.pages?.split(',').includes(p)) : quick ? paths.slice(0, 1) : paths;
    lighthouse = await measureLighthouse(stack, f, chosen, log);
  }
  if (only.has('scale')) {
    log(`scale: ${SIZES.small} vs ${SIZES.large} requests of other schools`);
    scale = await scaleTest(stack, f, { small: SIZES.small, large: SIZES.large, rounds: SIZES.rounds }, log);
    log(`scale: the near search with ${SIZES.schoolsSmall} vs ${SIZES.schoolsLarge} schools`);
    scale.schools = await nearScaleTest(stack, { small: SIZES.schoolsSmall, large: SIZES.schoolsLarge, rounds: SIZES.rounds }, log);
  }
  if (only.has('daily')) {
    log(`daily job: ${SIZES.dailySchools} schools, ${NATIONAL.requestsPerSchool} requests each`);
    daily = await dailyScaleTest(stack, { schools: SIZES.dailySchools, perSchool: NATIONAL.requestsPerSchool }, log);
  }
  if (only.has('latency')) {
    log(`email latency: ${SIZES.latencySamples} samples each, the mailer polling as npm start does`);
    latency = await emailLatency(stack, f, SIZES.latencySamples, log);
  }
  if (only.has('import')) {
    log(`import at national scale: ${SIZES.importRows} DfE-shaped GIAS rows through the import use case, then again`);
    importScale = await importScaleTest(stack, SIZES.importRows, log);
  }
  if (only.has('bundles')) {
    log('bundles and cold init');
    const built = await buildBundles(quick ? (name) => ['health', 'request-create', 'notify', 'manage-requests'].includes(name) : undefined);
    bundles = await measureBundles(built, SIZES.initRuns, log);
  }

  // Every run: the per-request lines when the routes were measured, the jobs' when their phases ran.
  const cost = costTable({ routes, capacity, pages, bundles, storedKbPerRequest: capacity?.stored.kb ?? 4, ...(daily ? { daily } : {}), ...(importScale ? { import: importScale } : {}) });
  const partial: Omit<Report, 'targets'> = {
    generatedAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    seconds: (performance.now() - started) / 1000,
    machine,
    routes,
    skippedRoutes,
    ...(throughput ? { throughput } : {}),
    ...(scale ? { scale } : {}),
    ...(daily ? { daily } : {}),
    ...(latency ? { latency } : {}),
    ...(importScale ? { import: importScale } : {}),
    ...(bundles ? { bundles } : {}),
    ...(capacity ? { capacity } : {}),
    ...(pages ? { pages } : {}),
    ...(lighthouse ? { lighthouse } : {}),
    ...(cost ? { cost } : {}),
    notes,
  };
  const report: Report = { ...partial, targets: checkTargets(partial) };
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(outDir, 'report.md'), renderMarkdown(report));

  const t = targetTable(report.targets);
  console.log(`\n${plainTable(t.header, t.rows)}`);
  if (routes.length) {
    const rt = routeTable(routes);
    console.log(`\n${plainTable(rt.header, rt.rows)}`);
  }
  if (routes.length) console.log(`\nCost: $${cost.total.per1000.toFixed(4)} per 1,000 requests; $${cost.total.nationalYear.toFixed(2)} for a national year (3,500 schools × 60 requests).`);
  log(`wrote ${join(outDir, 'report.md')} and report.json`);
}

main().then(
  () => shutdown(0),
  (err: unknown) => {
    console.error(err);
    void shutdown(1);
  },
);
