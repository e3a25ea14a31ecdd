// A handler killed between its reads and its writes (SIGKILL of the process at random
// moments while it creates, withdraws, approves and declines requests): every change of a
// request is one transaction, so the table is never left half-done. Afterwards each
// request has one event per version (REQUEST_SUBMITTED first), each slot's held count is
// the number of requests holding a place in it, and each year-group day lists exactly the
// approved encounters.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '#infra/local/seed.ts';
import { REPO_ROOT } from '#infra/local/server.ts';
import { schoolDay, schoolDays } from '../support/in-process-stack.ts';
import { createTestTable, type TestTable } from '../support/table.ts';
import { checkInvariants } from './invariants.ts';

const KILLS = Number(process.env.RELIABILITY_KILLS ?? 10);
let table: TestTable;
let dates: string[];
let proposed: string;

beforeAll(async () => {
  table = await createTestTable('churn');
  await seedDemo(table.store);
  dates = await schoolDays(table.store, '990101', 40, 4, 3);
  proposed = await schoolDay(table.store, '990101', 45, 3);
}, 60_000);

/** Runs the churn child until it has finished `steps` steps, then waits `delayMs` more and kills it. */
function runAndKill(steps: number, delayMs: number): Promise<{ finished: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'test/reliability/churn-child.ts')], {
      env: { ...process.env, DYNAMODB_ENDPOINT: table.endpoint, TABLE_NAME: table.tableName, DATES: dates.join(','), PROPOSED: proposed },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let finished = -1; // the 'ready' line is not a step
    let killing = false;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      finished += d.toString().split('\n').filter(Boolean).length;
      if (!killing && finished >= steps) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the churn child ended by itself: ${output.slice(-800)}`));
      else resolve({ finished, output });
    });
  });
}

describe('a handler killed between read and write', () => {
  it(`leaves no half-done change after ${KILLS} kills at random moments`, { timeout: 180_000 }, async () => {
    let steps = 0;
    const refusals = new Map<string, number>();
    for (let k = 0; k < KILLS; k++) {
      const { finished, output } = await runAndKill(1 + Math.floor(Math.random() * 6), Math.floor(Math.random() * 60));
      steps += finished;
      for (const m of output.matchAll(/^refused (\S+)/gm)) refusals.set(m[1] ?? '', (refusals.get(m[1] ?? '') ?? 0) + 1);
      // Something unexpected (not a rule's refusal) would be a bug in the churn itself.
      expect(output).not.toMatch(/refused (TypeError|ReferenceError|Error)\b/);
    }
    const facts = await checkInvariants(table.store);
    expect(facts.problems).toEqual([]);
    const statuses = new Map<string, number>();
    for (const r of facts.requests) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    expect(facts.requests.length).toBeGreaterThan(0);
    console.info(`killed ${KILLS} times after ${steps} finished steps: requests ${JSON.stringify(Object.fromEntries(statuses))}, refusals ${JSON.stringify(Object.fromEntries(refusals))}`);
  });
});
