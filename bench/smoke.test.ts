// A smoke run of the benchmark: `node --test bench/smoke.test.ts` runs `node bench/run.ts
// --quick` into a temporary folder and checks that both report files are written and
// well-formed. Not part of `npm test`: on a busy 2-core machine the quick run takes about
// a minute (it starts DynamoDB Local, the SES emulator and Chromium).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

test('npm run bench -- --quick writes report.md and report.json', { timeout: 300_000 }, () => {
  const out = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  try {
    const run = spawnSync(process.execPath, [join(import.meta.dirname, 'run.ts'), '--quick', '--out', out], { encoding: 'utf8', timeout: 280_000 });
    assert.equal(run.status, 0, `bench exited ${run.status}: ${run.stderr.slice(-2000)}`);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(report.mode, 'quick');
    for (const key of ['routes', 'throughput', 'scale', 'bundles', 'capacity', 'pages', 'lighthouse', 'cost', 'targets', 'daily', 'latency', 'import']) assert.ok(report[key], `report.json has ${key}`);
    const routes = report.routes as { name: string; ratioP99: number; floor: { p99: number } }[];
    assert.ok(routes.length >= 12, 'at least the twelve routes of the issue');
    for (const r of routes) assert.ok(Number.isFinite(r.ratioP99) && r.floor.p99 > 0, `${r.name} has a ratio`);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    for (const heading of ['# Benchmark report', '## Targets', '## API routes', '## Request creation under load', '## Scale', '## Functions', '## DynamoDB capacity per flow', '## Pages in Chromium', '## Lighthouse', '## Cost', '## Daily job at national scale', '## Email latency', '## Import at national scale']) {
      assert.ok(md.includes(heading), `report.md has "${heading}"`);
    }
    assert.match(run.stdout, /p99 ×/, 'the table is printed');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
