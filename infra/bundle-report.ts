// `node infra/bundle-report.ts` (part of `npm run synth`): bundles every function of the
// route table with the options the stack's NodejsFunctions use (infra/bundling.ts) and
// prints each one's minified size, gzipped size, and its largest package. Fails when a
// bundle does not build, or grows past the limit below.
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { eventRoutes, fallbackRoute, httpRoutes } from '#shared/routes.ts';
import { esbuildOptions } from './bundling.ts';

/** Far below Lambda's 50 MB zip limit: a bundle this big means something pulled in too much. */
export const MAX_BUNDLE_BYTES = 3 * 1024 * 1024;

export interface BundleSize {
  name: string;
  module: string;
  bytes: number;
  gzip: number;
  /** The package (or first-party folder) contributing most bytes, with its share. */
  largest: { name: string; bytes: number };
}

function packageOf(input: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (m?.[1]) return m[1];
  return input.split('/').slice(0, 2).join('/');
}

function largestInput(meta: Metafile): { name: string; bytes: number } {
  const sizes = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = packageOf(input);
      sizes.set(pkg, (sizes.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  const [name, bytes] = [...sizes].sort((a, b) => b[1] - a[1])[0] ?? ['-', 0];
  return { name, bytes };
}

export async function bundleSizes(): Promise<BundleSize[]> {
  const entries = [...httpRoutes, fallbackRoute, ...eventRoutes].map((r) => ({ name: r.name, module: r.module }));
  return Promise.all(
    entries.map(async ({ name, module }) => {
      const result = await build(esbuildOptions(module));
      const code = result.outputFiles?.find((f) => f.path.endsWith('.mjs'));
      if (!code) throw new Error(`${module}: esbuild wrote no index.mjs`);
      return { name, module, bytes: code.contents.length, gzip: gzipSync(code.contents).length, largest: largestInput(result.metafile as Metafile) };
    }),
  );
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export function formatTable(sizes: BundleSize[]): string {
  const rows = [...sizes].sort((a, b) => b.bytes - a.bytes);
  const header = ['function', 'minified', 'gzip', 'largest part'];
  const lines = rows.map((s) => [s.name, kb(s.bytes), kb(s.gzip), `${s.largest.name} (${kb(s.largest.bytes)})`]);
  const total = sizes.reduce((n, s) => n + s.bytes, 0);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cols: string[]) => cols.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  return [
    `Lambda bundles (esbuild, ESM, minified, node24, AWS SDK bundled): ${sizes.length} functions, ${kb(total)} in all`,
    fmt(header),
    fmt(widths.map((w) => '-'.repeat(w))),
    ...lines.map(fmt),
  ].join('\n');
}

if (import.meta.main) {
  try {
    const sizes = await bundleSizes();
    console.log(formatTable(sizes));
    const big = sizes.filter((s) => s.bytes > MAX_BUNDLE_BYTES);
    if (big.length) {
      console.error(`\nOver ${kb(MAX_BUNDLE_BYTES)}: ${big.map((s) => s.name).join(', ')}`);
      process.exit(1);
    }
  } catch (err) {
    console.error(err);
    process.exit(1);
  }
}
