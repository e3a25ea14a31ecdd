// How every Lambda function is bundled: one set of options, used by the stack's
// NodejsFunctions and by infra/bundle-report.ts (which runs esbuild with the same options
// to print each function's size), so the report measures what is deployed.
import { join, resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';

export const REPO_ROOT = resolve(import.meta.dirname, '..');

/** Node 24: the runtime (lambda.Runtime.NODEJS_24_X) and esbuild's target. */
export const NODE_TARGET = 'node24';

/**
 * ESM bundles import CommonJS dependencies (nodemailer…) that call `require` for Node's
 * own modules; esbuild's shim needs a `require` in scope to do that in an ES module.
 */
export const REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * The options both sides share. The AWS SDK is bundled, not taken from the runtime: the
 * functions run the exact versions the tests ran, and tree-shaking keeps only the clients used.
 */
export const bundlingOptions = {
  target: NODE_TARGET,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  banner: REQUIRE_BANNER,
  externalModules: [] as string[],
  mainFields: ['module', 'main'],
  tsconfig: join(REPO_ROOT, 'tsconfig.json'),
} as const;

/** The esbuild call NodejsFunction makes for one entry (see aws-lambda-nodejs bundling). */
export function esbuildOptions(entry: string): BuildOptions {
  return {
    entryPoints: [resolve(REPO_ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: bundlingOptions.target,
    minify: bundlingOptions.minify,
    sourcemap: 'external',
    sourcesContent: bundlingOptions.sourcesContent,
    banner: { js: bundlingOptions.banner },
    external: [...bundlingOptions.externalModules],
    mainFields: [...bundlingOptions.mainFields],
    tsconfig: bundlingOptions.tsconfig,
    outfile: 'index.mjs',
    absWorkingDir: REPO_ROOT,
    metafile: true,
    write: false,
    logLevel: 'warning',
  };
}
