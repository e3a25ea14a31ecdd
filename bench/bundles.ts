// Item 1, functions: every function's bundle (esbuild with the options the CDK stack's
// NodejsFunctions use, from infra/bundling.ts when it is there), its size by package from
// the metafile, and its cold init: a fresh Node process importing the bundle, against a
// bare handler that bundles the same AWS clients and nothing else. Median of several runs,
// function and bare handler alternating.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { REPO_ROOT } from '#infra/local/server.ts';
import { eventRoutes, fallbackRoute, httpRoutes } from '#shared/routes.ts';
import { SCRATCH } from './stack.ts';
import { median, round } from './stats.ts';

export interface BundleRow {
  name: string;
  module: string;
  bytes: number;
  gzip: number;
  /** Bytes from the AWS SDK (@aws-sdk/*, @smithy/*, @aws-crypto/*, @aws/*). */
  sdkBytes: number;
  /** Everything else: our code and the other packages. */
  ownBytes: number;
  top: { name: string; bytes: number }[];
  clients: string[];
  initMs: number;
  bareMs: number;
  initRatio: number;
}

export interface BundleResult {
  options: string;
  sdkBundled: boolean;
  rows: BundleRow[];
  bare: { clients: string[]; bytes: number; initMs: number }[];
  runs: number;
}

type OptionsFor = (entry: string) => BuildOptions;

/** The stack's own bundling when infra/bundling.ts exists; otherwise the NodejsFunction defaults the brief names. */
async function bundlingOptions(): Promise<{ optionsFor: OptionsFor; source: string }> {
  const shared = join(REPO_ROOT, 'infra', 'bundling.ts');
  if (existsSync(shared)) {
    const mod = (await import(pathToFileURL(shared).href)) as { esbuildOptions?: OptionsFor };
    if (typeof mod.esbuildOptions === 'function') return { optionsFor: mod.esbuildOptions, source: 'infra/bundling.ts (the options of the CDK stack and infra/bundle-report.ts)' };
  }
  return {
    source: 'bench defaults (bundle, minify, ESM, platform node, target node24, @aws-sdk/* external)',
    optionsFor: (entry) => ({
      entryPoints: [resolve(REPO_ROOT, entry)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      minify: true,
      sourcemap: 'external',
      external: ['@aws-sdk/*'],
      mainFields: ['module', 'main'],
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      outfile: 'index.mjs',
      absWorkingDir: REPO_ROOT,
      metafile: true,
      write: false,
      logLevel: 'warning',
    }),
  };
}

function packageOf(input: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return m?.[1] ?? input.split('/').slice(0, 2).join('/');
}

const isSdk = (pkg: string) => /^@(aws-sdk|smithy|aws-crypto|aws)\//.test(pkg);

/** The AWS clients a bundle contains (so its bare twin bundles the same ones). */
function clientsOf(meta: Metafile): string[] {
  const found = new Set<string>();
  for (const input of Object.keys(meta.inputs)) {
    const pkg = packageOf(input);
    if (/^@aws-sdk\/(client-[a-z0-9-]+|lib-dynamodb)$/.test(pkg)) found.add(pkg);
  }
  return [...found].sort();
}

const CLIENT_CLASS: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'DynamoDBClient',
  '@aws-sdk/client-dynamodb-streams': 'DynamoDBStreamsClient',
  '@aws-sdk/client-sesv2': 'SESv2Client',
};

/** A handler that does nothing but hold the same AWS clients (created on first call, as ours are). */
function bareSource(clients: string[]): string {
  const lines: string[] = [];
  const make: string[] = [];
  for (const pkg of clients) {
    if (pkg === '@aws-sdk/lib-dynamodb') {
      lines.push("import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';");
      continue;
    }
    const cls = CLIENT_CLASS[pkg];
    if (!cls) continue;
    lines.push(`import { ${cls} } from '${pkg}';`);
    make.push(cls === 'DynamoDBClient' && clients.includes('@aws-sdk/lib-dynamodb') ? 'DynamoDBDocumentClient.from(new DynamoDBClient({}))' : `new ${cls}({})`);
  }
  return `${lines.join('\n')}
let clients: unknown[] | undefined;
export const handler = async () => {
  clients ??= [${make.join(', ')}];
  return { statusCode: 200, body: String(clients.length) };
};
`;
}

async function bundle(optionsFor: OptionsFor, entry: string, outDir: string) {
  const result = await build({ ...optionsFor(entry), write: false, metafile: true });
  const code = result.outputFiles?.find((f) => f.path.endsWith('.mjs') || f.path.endsWith('.js'));
  if (!code) throw new Error(`${entry}: esbuild wrote no JavaScript`);
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, 'index.mjs');
  await writeFile(file, code.contents);
  return { file, bytes: code.contents.length, gzip: gzipSync(code.contents).length, meta: result.metafile as Metafile };
}

const PROBE = `const t0 = performance.now();
await import(process.argv[2]);
process.stdout.write(String(performance.now() - t0));
`;

/** One cold init: a fresh Node (this one's binary: Node 24) importing the bundle, as Lambda's init does. */
function coldInit(probe: string, file: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [probe, pathToFileURL(file).href], {
      env: {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'eu-west-2',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        TABLE_NAME: 'provider-access',
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(out);
      if (code !== 0 || !Number.isFinite(ms)) reject(new Error(`cold init of ${file} failed (${code}): ${err.slice(0, 500)}`));
      else resolvePromise(ms);
    });
  });
}

async function pool<T, R>(items: T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i] as T);
      }
    }),
  );
  return out;
}

export interface BuiltBundles {
  source: string;
  sdkBundled: boolean;
  built: { name: string; module: string; file: string; bytes: number; gzip: number; meta: Metafile; clients: string[] }[];
  bare: Map<string, { clients: string[]; file: string; bytes: number }>;
}

/** Builds every function of the route table and the bare twins (no timing: may overlap other work). */
export async function buildBundles(only?: (name: string) => boolean): Promise<BuiltBundles> {
  const { optionsFor, source } = await bundlingOptions();
  const entries = [...httpRoutes, fallbackRoute, ...eventRoutes]
    .map((r) => ({ name: r.name, module: r.module }))
    .filter((e) => existsSync(join(REPO_ROOT, e.module)) && (!only || only(e.name)));
  const outRoot = join(SCRATCH, 'bundles');
  const built = await pool(entries, 3, async (e) => {
    const b = await bundle(optionsFor, e.module, join(outRoot, e.name));
    return { ...e, ...b, clients: clientsOf(b.meta) };
  });
  const sdkBundled = built.some((b) => Object.keys(b.meta.inputs).some((i) => packageOf(i).startsWith('@aws-sdk/client-')));
  const bare = new Map<string, { clients: string[]; file: string; bytes: number }>();
  for (const clients of new Set(built.map((b) => b.clients.join(',')))) {
    const list = clients ? clients.split(',') : [];
    const dir = join(outRoot, `_bare-${bare.size}`);
    await mkdir(dir, { recursive: true });
    const entry = join(dir, 'handler.ts');
    await writeFile(entry, bareSource(list));
    const b = await bundle(optionsFor, entry, dir);
    bare.set(clients, { clients: list, file: b.file, bytes: b.bytes });
  }
  return { source, sdkBundled, built, bare };
}

export async function measureBundles(b: BuiltBundles, runs: number, log: (l: string) => void): Promise<BundleResult> {
  const probe = join(SCRATCH, 'bundles', 'init-probe.mjs');
  await writeFile(probe, PROBE);
  const bareTimes = new Map<string, number[]>([...b.bare.keys()].map((k) => [k, []]));
  const rows: BundleRow[] = [];
  for (const fn of b.built) {
    const key = fn.clients.join(',');
    const bare = b.bare.get(key);
    if (!bare) throw new Error(`no bare twin for ${fn.name}`);
    const own: number[] = [];
    const twin: number[] = [];
    await coldInit(probe, fn.file); // the file system cache, as a provisioned sandbox has it
    for (let r = 0; r < runs; r++) {
      if (r % 2 === 0) {
        own.push(await coldInit(probe, fn.file));
        twin.push(await coldInit(probe, bare.file));
      } else {
        twin.push(await coldInit(probe, bare.file));
        own.push(await coldInit(probe, fn.file));
      }
    }
    bareTimes.get(key)?.push(...twin);
    const sizes = new Map<string, number>();
    for (const output of Object.values(fn.meta.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        const pkg = packageOf(input);
        sizes.set(pkg, (sizes.get(pkg) ?? 0) + bytesInOutput);
      }
    }
    const sdkBytes = [...sizes].filter(([p]) => isSdk(p)).reduce((n, [, v]) => n + v, 0);
    const top = [...sizes]
      .filter(([p]) => !isSdk(p))
      .sort((x, y) => y[1] - x[1])
      .slice(0, 3)
      .map(([name, bytes]) => ({ name, bytes }));
    const initMs = median(own);
    const bareMs = median(twin);
    rows.push({
      name: fn.name,
      module: fn.module,
      bytes: fn.bytes,
      gzip: fn.gzip,
      sdkBytes,
      ownBytes: fn.bytes - Math.min(fn.bytes, sdkBytes),
      top,
      clients: fn.clients,
      initMs: round(initMs, 1),
      bareMs: round(bareMs, 1),
      initRatio: round(initMs / bareMs),
    });
  }
  log(`  ${rows.length} functions bundled and cold-started ${runs}× each (bundling: ${b.source})`);
  return {
    options: b.source,
    sdkBundled: b.sdkBundled,
    rows,
    bare: [...b.bare.entries()].map(([k, v]) => ({ clients: v.clients, bytes: v.bytes, initMs: round(median(bareTimes.get(k) ?? []), 1) })),
    runs,
  };
}
