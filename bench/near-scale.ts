// Issue 15, scale of "schools near me": GET /api/schools?near= with the 3,500 secondary
// schools in the table and with all 25,000 schools of England (GIAS-like: the same 3,500
// and the rest of GIAS in its proportions, placed over England's extent and denser in
// towns; bench/gias-like.ts). Two tables hold the demo schools (whose sector places the
// searched postcode, with their opportunities and slots) and one or the other set, written
// with the store's own writers (createSchoolsInBatches: BatchWriteItem of each profile,
// its search entries and its place items). Measured as the other scale rows are: both
// tables alternately, call by call, with the items read and units at both sizes.
import { performance } from 'node:perf_hooks';
import { addDays } from '#shared/domain/dates.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import { offersProviderAccess } from '#shared/domain/year-groups.ts';
import { createSchoolsInBatches } from '#shared/store/school-import.ts';
import { listAllSchools, putSchoolProfile, schoolKey } from '#shared/store/schools.ts';
import { SLOTTED } from './fixtures.ts';
import { giasLikeSchool } from './gias-like.ts';
import type { HttpAnswer } from './http.ts';
import { unrecorded } from './recorder.ts';
import { copyPartitions, createScaleTable, measureProbes, storeOn, type Probe, type SchoolScaleResult } from './scale.ts';
import type { BenchStack } from './stack.ts';
import { round } from './stats.ts';

/** The demo postcode the near search starts from: the sector of the showcase school (Eastmouth). */
export const NEAR_POSTCODE = 'ZZ1 1AA';

/** Writes GIAS-like schools [from, to) into the table, a few import-sized chunks at once. */
async function seedSchools(stack: BenchStack, tableName: string, from: number, to: number, secondary: number): Promise<void> {
  const store = storeOn(stack, tableName);
  const chunk = 250;
  const now = new Date();
  let next = from;
  await unrecorded(() =>
    Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < to) {
          const start = next;
          next = Math.min(to, next + chunk);
          await createSchoolsInBatches(store, Array.from({ length: next - start }, (_, k) => giasLikeSchool(start + k, secondary)), now);
        }
      }),
    ),
  );
}

export async function nearScaleTest(
  stack: BenchStack,
  opts: { small: number; large: number; rounds: number },
  log: (l: string) => void,
): Promise<SchoolScaleResult> {
  const small = `${stack.tableName}-schools-small`;
  const large = `${stack.tableName}-schools-large`;
  for (const name of [small, large]) await createScaleTable(stack, name);
  // The demo schools as they are (partitions: profile, opportunities, slots), then put again
  // through the store so everything a profile write keeps beside it is there too.
  const demo: StoredSchool[] = [];
  for await (const page of listAllSchools(stack.store)) demo.push(...page);
  await copyPartitions(stack, demo.map((s) => schoolKey(s.urn).pk), [small, large]);
  await unrecorded(() => Promise.all([small, large].flatMap((t) => demo.map((s) => putSchoolProfile(storeOn(stack, t), s)))));

  const t0 = performance.now();
  await seedSchools(stack, small, 0, opts.small, opts.small);
  await seedSchools(stack, large, 0, opts.large, opts.small);
  const seedSeconds = (performance.now() - t0) / 1000;
  const taking = (n: number) => Array.from({ length: n }, (_, k) => giasLikeSchool(k, opts.small)).filter(offersProviderAccess).length;
  const result = { small: opts.small, large: opts.large, takingRequestsSmall: taking(opts.small), takingRequestsLarge: taking(opts.large) };
  log(`  ${demo.length} demo schools and ${opts.small.toLocaleString('en-GB')} / ${opts.large.toLocaleString('en-GB')} GIAS-like schools (${result.takingRequestsSmall} / ${result.takingRequestsLarge} teach Years 8–13) written in ${seedSeconds.toFixed(0)} s`);

  const today = new Date().toISOString().slice(0, 10);
  const from = addDays(today, 35);
  const found = (a: HttpAnswer) => {
    const body = a.json<{ schools: unknown[]; openSlots?: { checked: number } }>();
    return `${body.schools.length} schools${body.openSlots ? ` (${body.openSlots.checked} checked for slots)` : ''}`;
  };
  const near = encodeURIComponent(NEAR_POSTCODE);
  const probes: Probe[] = [
    { name: 'near search (15 km)', route: 'schools-search', call: { method: 'GET', path: `/api/schools?near=${near}&radius=15` }, answered: found },
    {
      name: 'near: year 8, open slots',
      route: 'schools-search',
      // The demo's slotted school (Year 8, Fridays) is within the radius: the filter finds it.
      call: { method: 'GET', path: `/api/schools?near=${near}&radius=15&year=8&from=${from}&to=${addDays(from, 60)}` },
      answered: found,
    },
  ];
  if (!demo.some((s) => s.urn === SLOTTED.urn)) throw new Error(`the demo data has no school ${SLOTTED.urn}: the open-slots probe would find nothing`);
  const rows = await measureProbes(stack, probes, { small, large }, opts.rounds);
  for (const r of rows) log(`  ${r.name.padEnd(26)} p50 ${r.small.p50.toFixed(1)} → ${r.large.p50.toFixed(1)} ms (${r.ratioP50}×); items read ${r.scannedSmall} → ${r.scannedLarge}; RCU ${r.rcuSmall} → ${r.rcuLarge}; ${r.answeredSmall} → ${r.answeredLarge}`);
  return { ...result, seedSeconds: round(seedSeconds, 1), rows };
}
