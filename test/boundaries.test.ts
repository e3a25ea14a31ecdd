// The boundary check (`npm run boundaries`: dependency-cruiser with .dependency-cruiser.js)
// on a small tree laid out like ours: every import the layer table allows passes, and each
// forbidden one fails under the rule of its layer, named from → to. So the check cannot
// quietly stop working (an alias it no longer resolves, a type-only import it skips).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..');
const DEPCRUISE = join(REPO, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');
const CONFIG = join(REPO, '.dependency-cruiser.js');

/** What each file holds: allowed imports in the layers' own files, one forbidden arrow in each `bad-*` file. */
const TREE: Record<string, string> = {
  'package.json': JSON.stringify({ type: 'module', imports: { '#shared/*': './shared/*', '#functions/*': './functions/*' } }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', allowImportingTsExtensions: true, noEmit: true, verbatimModuleSyntax: true },
  }),
  // Allowed.
  'shared/domain/types.ts': `export type Status = 'pending' | 'approved';\nexport const STATUSES = ['pending', 'approved'] as const;\n`,
  'shared/domain/rules.ts': `import { STATUSES, type Status } from './types.ts';\nexport const known = (s: Status) => STATUSES.includes(s);\n`,
  'shared/domain/rules.test.ts': `import { readFileSync } from 'node:fs';\nimport { REQUESTS } from '#shared/store/requests.ts';\nexport const t = [readFileSync, REQUESTS];\n`,
  'shared/log.ts': `export const log = { info: (m: string) => m };\n`,
  'shared/routes.ts': `export const routes = [{ path: '/api/requests' }];\n`,
  'shared/store/requests.ts': `import type { Status } from '#shared/domain/types.ts';\nimport { known } from '../domain/rules.ts';\nexport const REQUESTS = (s: Status) => known(s);\n`,
  'shared/mail/render.ts': `import type { Status } from '#shared/domain/types.ts';\nimport { log } from '#shared/log.ts';\nexport const render = (s: Status) => log.info(s);\n`,
  'shared/usecases/decide.ts':
    `import { REQUESTS } from '#shared/store/requests.ts';\nimport { render } from '#shared/mail/render.ts';\nimport { known } from '#shared/domain/rules.ts';\nimport { log } from '#shared/log.ts';\nexport const decide = [REQUESTS, render, known, log];\n`,
  'shared/api/views.ts': `import type { Status } from '#shared/domain/types.ts';\nexport type View = { status: Status };\nexport const viewSchema = { status: 'string' };\n`,
  'shared/pages/page.ts': `import { STATUSES } from '#shared/domain/types.ts';\nexport const page = STATUSES.join();\n`,
  'shared/http/handler.ts': `import type { View } from '#shared/api/views.ts';\nimport { routes } from '#shared/routes.ts';\nimport { log } from '#shared/log.ts';\nimport { known } from '#shared/domain/rules.ts';\nexport const handler = (v: View) => [routes, log, known, v];\n`,
  'functions/decide.ts':
    `import { handler } from '#shared/http/handler.ts';\nimport { decide } from '#shared/usecases/decide.ts';\nimport { viewSchema } from '#shared/api/views.ts';\nimport { page } from '#shared/pages/page.ts';\nimport { routes } from '#shared/routes.ts';\nimport { log } from '#shared/log.ts';\nimport { other } from './other.ts';\nexport const run = [handler, decide, viewSchema, page, routes, log, other];\n`,
  'functions/other.ts': `export const other = 1;\n`,
  'web/src/page.ts': `import type { View } from '#shared/api/views.ts';\nimport { STATUSES } from '#shared/domain/types.ts';\nexport type { View as Shown } from '#shared/api/views.ts';\nexport const show = (v: View) => STATUSES.includes(v.status);\n`,
  // Forbidden, one arrow each.
  'shared/mail/bad-reads-store.ts': `import type { REQUESTS } from '#shared/store/requests.ts';\nexport type R = typeof REQUESTS;\n`,
  'shared/usecases/bad-knows-http.ts': `import { handler } from '../http/handler.ts';\nexport const h = handler;\n`,
  'shared/domain/bad-io.ts': `import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n`,
  'shared/domain/bad-sdk.ts': `import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport type C = DynamoDBClient;\n`,
  'shared/domain/bad-logs.ts': `import { log } from '#shared/log.ts';\nexport const l = log;\n`,
  'shared/store/bad-contract.ts': `import type { View } from '#shared/api/views.ts';\nexport type V = View;\n`,
  'shared/api/bad-store.ts': `import { REQUESTS } from '#shared/store/requests.ts';\nexport const r = REQUESTS;\n`,
  'shared/pages/bad-usecase.ts': `import { decide } from '#shared/usecases/decide.ts';\nexport const d = decide;\n`,
  'shared/http/bad-store.ts': `import { REQUESTS } from '#shared/store/requests.ts';\nexport const r = REQUESTS;\n`,
  'functions/bad-store.ts': `import { REQUESTS } from '#shared/store/requests.ts';\nexport const r = REQUESTS;\n`,
  'functions/bad-domain.ts': `import { known } from '#shared/domain/rules.ts';\nexport const k = known;\n`,
  'web/src/bad-schema.ts': `import { viewSchema, type View } from '#shared/api/views.ts';\nexport const s: [typeof viewSchema, View?] = [viewSchema];\n`,
  'web/src/bad-store.ts': `import type { REQUESTS } from '#shared/store/requests.ts';\nexport type R = typeof REQUESTS;\n`,
  'shared/mail/bad-circle-a.ts': `import { b } from './bad-circle-b.ts';\nexport const a = () => b;\n`,
  'shared/mail/bad-circle-b.ts': `import { a } from './bad-circle-a.ts';\nexport const b = () => a;\n`,
  'functions/bad-typo.ts': `import { nothing } from '#shared/nowhere.ts';\nexport const n = nothing;\n`,
};

const FORBIDDEN = [
  'layer-mail: shared/mail/bad-reads-store.ts → shared/store/requests.ts',
  'layer-usecases: shared/usecases/bad-knows-http.ts → shared/http/handler.ts',
  'layer-rules: shared/domain/bad-io.ts → fs',
  'layer-rules: shared/domain/bad-sdk.ts → @aws-sdk/client-dynamodb',
  'layer-rules: shared/domain/bad-logs.ts → shared/log.ts',
  'layer-store: shared/store/bad-contract.ts → shared/api/views.ts',
  'layer-contracts: shared/api/bad-store.ts → shared/store/requests.ts',
  'layer-pages: shared/pages/bad-usecase.ts → shared/usecases/decide.ts',
  'layer-edge: shared/http/bad-store.ts → shared/store/requests.ts',
  'layer-adapters: functions/bad-store.ts → shared/store/requests.ts',
  'layer-adapters: functions/bad-domain.ts → shared/domain/rules.ts',
  'layer-web-api-types-only: web/src/bad-schema.ts → shared/api/views.ts',
  'layer-web: web/src/bad-store.ts → shared/store/requests.ts',
  'no-circular-shared: shared/mail/bad-circle-a.ts → shared/mail/bad-circle-b.ts',
  'resolvable: functions/bad-typo.ts → #shared/nowhere.ts',
];

const ALLOWED = Object.fromEntries(Object.entries(TREE).filter(([file]) => !file.includes('/bad-')));

/**
 * Lays `files` out in a fresh folder and runs the check there as `npm run boundaries` does,
 * reading its report: `error <rule>: <from> → <to>` (a circle: `<from> →` then the next
 * module on the following line), and `N modules … cruised`.
 */
function check(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'boundaries-'));
  try {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const run = spawnSync(process.execPath, [DEPCRUISE, '--config', CONFIG, '--output-type', 'err', 'shared', 'functions', 'web/src'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const report = run.stdout + run.stderr;
    return {
      status: run.status,
      report,
      cruised: Number(/(\d+) modules/.exec(report)?.[1]),
      arrows: [...report.matchAll(/error ([a-z-]+): (\S+) →\s+(\S+)/g)].map(([, rule, from, to]) => `${rule}: ${from} → ${to}`).sort(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the boundary check (dependency-cruiser, the layer table of DESIGN.md)', () => {
  it('fails on each forbidden arrow, named by its layer, and on nothing the table allows', () => {
    const tree = check(TREE);
    expect(tree.arrows).toEqual([...FORBIDDEN].sort());
    // The exit code is the number of errors: npm test stops on it.
    expect(tree.status).toBe(FORBIDDEN.length);
  });

  it('passes a tree whose imports are all allowed', () => {
    const tree = check(ALLOWED);
    // Every file of ours and node:fs (imported by a test, which is free).
    expect(tree.cruised).toBe(Object.keys(ALLOWED).filter((f) => f.endsWith('.ts')).length + 1);
    expect(tree.arrows).toEqual([]);
    expect(tree.report).toContain('no dependency violations found');
    expect(tree.status).toBe(0);
  });

  it('fails once one wrong import is added to an allowed file, naming the arrow', () => {
    const wrong = check({ ...ALLOWED, 'shared/mail/render.ts': `import { REQUESTS } from '#shared/store/requests.ts';\n${ALLOWED['shared/mail/render.ts']}` });
    expect(wrong.arrows).toEqual(['layer-mail: shared/mail/render.ts → shared/store/requests.ts']);
    expect(wrong.status).toBe(1);
  });

  it('is part of npm test', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.test).toContain('npm run boundaries');
    expect(pkg.scripts.boundaries).toBe('depcruise --config .dependency-cruiser.js shared functions web/src');
  });
});
