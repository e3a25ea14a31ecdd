// Issue 17 item 4, the daily job at national scale: a table of its own on DynamoDB Local
// with 3,500 GIAS-like secondary schools (each with a real calendar: the demo's terms and
// closures) and a year of their requests (60 a school: 210,000), spread over statuses and
// dates as a year leaves them, written with the store's own builders (requestItem,
// createSchoolsInBatches) and BatchWriteItem. Then the real job (runDailyJob, as
// functions/daily.ts runs it) once, recorded: duration, DynamoDB calls and units, what it
// queued. Its duration on Lambda is projected from what was measured (see `project`).
import { performance } from 'node:perf_hooks';
import { demoClosures, demoTerms } from '#infra/local/demo-data.ts';
import { isSchoolDay, responseDeadline } from '#shared/domain/calendar.ts';
import { addDays } from '#shared/domain/dates.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import type { RequestStatus, School } from '#shared/domain/types.ts';
import { batchWriteAll, type WriteRequest } from '#shared/store/batch.ts';
import { newId } from '#shared/store/ids.ts';
import { requestItem } from '#shared/store/requests.ts';
import { createSchoolsInBatches } from '#shared/store/school-import.ts';
import { runDailyJob, SCHOOL_CONCURRENCY, type DailySummary } from '#shared/usecases/daily.ts';
import { sampleRequest } from '#test/support/requests.ts';
import { giasLikeSchool } from './gias-like.ts';
import { record, stages, totals, unrecorded, type Recording } from './recorder.ts';
import { createScaleTable, storeOn } from './scale.ts';
import type { BenchStack } from './stack.ts';
import { round } from './stats.ts';

/** Lambda's limit, the issue's threshold (a third of it) and the function's own timeout (infra/stack.ts SIZING.schedule). */
export const LAMBDA_LIMIT_S = 15 * 60;
export const THRESHOLD_S = LAMBDA_LIMIT_S / 3;
const FUNCTION_TIMEOUT_S = 5 * 60;
/** Lambda gives one full vCPU at 1,769 MB and CPU in proportion below; the job has 512 MB (SIZING.schedule). */
const LAMBDA_MEMORY_MB = 512;
const FULL_VCPU_MB = 1769;
/** A DynamoDB call from Lambda in the same region, round trip: the range assumed. */
export const CALL_MS = { low: 5, high: 10 } as const;

export interface DailyScaleResult {
  schools: number;
  requests: number;
  /** By status, as written. */
  statuses: Record<string, number>;
  seedSeconds: number;
  /** The run, measured here. */
  seconds: number;
  cpuSeconds: number;
  summary: Omit<DailySummary, 'failures'> & { failures: number };
  dynamoCalls: number;
  callsPerSchool: number;
  rcu: number;
  wcu: number;
  ops: Record<string, number>;
  /** Mean local call time, and the calls in flight on average (sum of call times ÷ wall time). */
  meanCallMs: number;
  overlap: number;
  /** Calls one after another (stages of overlapping calls): what sets the time when each call takes longer. */
  sequentialCalls: number;
  projection: { lowSeconds: number; highSeconds: number; method: string };
  overThird: boolean;
  overTimeout: boolean;
  emailsQueued: number;
}

/** A request of school `school` made `k`-th of its year, as the year leaves it on `today`. */
function yearRequest(school: School, k: number, today: string, now: Date): StoredRequest {
  // Seeded (mulberry32 of the school and k): the same year every run.
  let state = (Number(school.urn) * 7919 + k * 104729) >>> 0;
  const draws: number[] = [];
  const r = (i: number) => {
    while (draws.length <= i) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      draws.push(((t ^ (t >>> 14)) >>> 0) / 2 ** 32);
    }
    return draws[i] as number;
  };
  // Encounters over the academic year: two thirds before today, a third to come (to late June).
  let date = addDays(today, Math.round(-240 + r(1) * 330));
  for (let step = 0; step < 14 && !isSchoolDay(school, date); step++) date = addDays(date, 1);
  const future = date >= today;
  let status: RequestStatus;
  let created = addDays(date, -Math.round(14 + r(2) * 60));
  const x = r(3);
  if (future && x < 0.08) {
    // Sent in the last fortnight and not answered yet; the oldest are past their deadline.
    status = x < 0.065 ? 'pending' : 'alternative_proposed';
    created = addDays(today, -Math.round(r(4) * 16));
  } else if (future) status = x < 0.75 ? 'approved' : x < 0.9 ? 'declined' : 'withdrawn';
  else if (date >= addDays(today, -3)) status = 'approved'; // delivery not recorded yet: the job reminds
  else status = x < 0.75 ? 'delivered' : x < 0.87 ? 'declined' : x < 0.93 ? 'withdrawn' : x < 0.97 ? 'expired' : 'not_delivered';
  if (created > today) created = today;
  const createdAt = new Date(Math.min(now.getTime() - 3_600_000, Date.parse(`${created}T10:00:00Z`))).toISOString();
  const taught = school.yearGroups.filter((y) => y >= 8);
  const yearGroup = taught[k % Math.max(1, taught.length)] ?? 10;
  const email = `liaison${(Number(school.urn) + k) % 5000}@provider${k % 700}.example`;
  return sampleRequest({
    id: newId(),
    urn: school.urn,
    status,
    date,
    start: '10:00',
    end: '11:00',
    yearGroups: [yearGroup],
    contact: { name: `Contact ${k}`, email, phone: '01632 960100' },
    providerEmail: email,
    createdAt,
    updatedAt: createdAt,
    responseDeadline: responseDeadline(school, createdAt, date),
    ...(status === 'alternative_proposed'
      ? { alternative: { date: addDays(date, 7), start: '10:00', end: '11:00', respondBy: addDays(created, 10), proposedAt: createdAt } }
      : {}),
  });
}

/** The GIAS-like secondary schools with a calendar of terms and closures (what reminders count school days by). */
function nationalSchools(count: number, now: Date): School[] {
  const terms = demoTerms(now);
  const closures = demoClosures(now);
  return Array.from({ length: count }, (_, n) => {
    const s = giasLikeSchool(n, count);
    return { ...s, calendar: { ...s.calendar, terms, closures }, careersLead: { name: `Lead ${n}`, email: `careers.lead@school${n}.example` } };
  });
}

async function seed(stack: BenchStack, tableName: string, schools: School[], perSchool: number, now: Date, log: (l: string) => void) {
  const store = storeOn(stack, tableName);
  const today = londonDate(now.toISOString());
  const statuses: Record<string, number> = {};
  await unrecorded(() => createSchoolsInBatches(store, schools, now));
  const t0 = performance.now();
  let next = 0;
  let written = 0;
  // 40 schools' requests (2,400 items) per batchWriteAll, four of those at once.
  await unrecorded(() =>
    Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < schools.length) {
          const part = schools.slice(next, next + 40);
          next += 40;
          const writes: WriteRequest[] = [];
          for (const school of part) {
            for (let k = 0; k < perSchool; k++) {
              const request = yearRequest(school, k, today, now);
              statuses[request.status] = (statuses[request.status] ?? 0) + 1;
              writes.push({ PutRequest: { Item: requestItem(request) } });
            }
          }
          await batchWriteAll(store, writes);
          written += writes.length;
          if (written % 42_000 < writes.length) log(`  … ${written.toLocaleString('en-GB')} requests written (${Math.round(written / ((performance.now() - t0) / 1000))}/s)`);
        }
      }),
    ),
  );
  return statuses;
}

/**
 * Lambda's duration from this run: the job's DynamoDB calls in stages (recorder.ts: calls
 * issued while another of the stage was still in flight share it; a stage waits for the one
 * before), each stage one round trip of CALL_MS (5–10 ms) from Lambda in-region, plus the
 * job's own CPU time run 1,769 ÷ memory times slower (3.46 at the daily job's 512 MB). The stages are this run's
 * critical path of calls: the main pass's 8 schools at once make few, the retention pass's
 * one query after another make one each.
 */
export function project(sequentialCalls: number, cpuSeconds: number, memoryMb = LAMBDA_MEMORY_MB) {
  // Lambda gives CPU in proportion to memory, a full vCPU at 1,769 MB (and no faster above it for one thread).
  const slowdown = Math.max(1, FULL_VCPU_MB / memoryMb);
  const at = (ms: number) => (sequentialCalls * ms) / 1000 + cpuSeconds * slowdown;
  return {
    lowSeconds: round(at(CALL_MS.low), 0),
    highSeconds: round(at(CALL_MS.high), 0),
    method: `the job's DynamoDB calls in sequence (stages: calls that overlapped here count once) × ${CALL_MS.low}–${CALL_MS.high} ms a call from Lambda in-region, plus the job's own CPU time here × ${round(slowdown, 2)} (Lambda gives a full vCPU at 1,769 MB, the function has ${memoryMb.toLocaleString('en-GB')} MB; the CPU measured includes the bench recorder's own work on every call, so it is an upper bound)`,
  };
}

export async function dailyScaleTest(stack: BenchStack, opts: { schools: number; perSchool: number }, log: (l: string) => void): Promise<DailyScaleResult> {
  const tableName = `${stack.tableName}-daily`;
  await createScaleTable(stack, tableName);
  const now = new Date();
  const schools = nationalSchools(opts.schools, now);
  const t0 = performance.now();
  const statuses = await seed(stack, tableName, schools, opts.perSchool, now, log);
  const seedSeconds = (performance.now() - t0) / 1000;
  const requests = opts.schools * opts.perSchool;
  log(`  ${opts.schools.toLocaleString('en-GB')} schools and ${requests.toLocaleString('en-GB')} requests written in ${seedSeconds.toFixed(0)} s (${Object.entries(statuses).map(([s, n]) => `${s} ${n}`).join(', ')})`);

  const recording: Recording = { calls: [], capacity: true };
  const store = storeOn(stack, tableName);
  const cpu0 = process.cpuUsage();
  const t1 = performance.now();
  const summary = await record(recording, () => runDailyJob(store, now));
  const seconds = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const dynamo = recording.calls.filter((c) => c.service === 'dynamodb');
  const t = totals(dynamo);
  const busy = dynamo.reduce((n, c) => n + (c.end - c.start), 0) / 1000;
  const overlap = busy / seconds;
  const sequential = stages(dynamo).length;
  const p = project(sequential, cpuSeconds);
  const ops: Record<string, number> = {};
  for (const c of dynamo) ops[c.op] = (ops[c.op] ?? 0) + 1;
  const reminders = Object.values(summary.reminders).reduce((n, x) => n + x, 0);
  const result: DailyScaleResult = {
    schools: opts.schools,
    requests,
    statuses,
    seedSeconds: round(seedSeconds, 1),
    seconds: round(seconds, 1),
    cpuSeconds: round(cpuSeconds, 1),
    summary: { ...summary, failures: summary.failures.length },
    dynamoCalls: dynamo.length,
    callsPerSchool: round(dynamo.length / opts.schools, 1),
    rcu: round(t.rcu, 0),
    wcu: round(t.wcu, 0),
    ops,
    meanCallMs: round((busy * 1000) / Math.max(1, dynamo.length), 2),
    overlap: round(overlap, 2),
    sequentialCalls: sequential,
    projection: { lowSeconds: p.lowSeconds, highSeconds: p.highSeconds, method: p.method },
    overThird: p.highSeconds > THRESHOLD_S,
    overTimeout: p.highSeconds > FUNCTION_TIMEOUT_S,
    // Each expiry's event is emailed to both sides by the mailer; each reminder and attention item is one email.
    emailsQueued: summary.expired * 2 + reminders + summary.attention,
  };
  if (summary.failures.length) log(`  daily job: ${summary.failures.length} failures, first ${summary.failures[0]?.urn}: ${summary.failures[0]?.message}`);
  log(`  daily job: ${result.seconds} s here (${result.cpuSeconds} s CPU), ${result.dynamoCalls} DynamoDB calls (${result.callsPerSchool}/school, ${result.overlap} in flight), ${result.rcu} RCU, ${result.wcu} WCU; expired ${summary.expired}, reminders ${reminders}; projected on Lambda ${p.lowSeconds}–${p.highSeconds} s (threshold ${THRESHOLD_S} s, concurrency ${SCHOOL_CONCURRENCY})`);
  return result;
}
