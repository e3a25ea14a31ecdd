// GET /api/manage/schools/{urn}/coverage: per cohort in Years 8–13 this academic year, its
// key phase's encounters, providers, status with the window's end, warnings, and open
// slots that would close a gap (R-PHASE1..3), for the school's staff. The counting is
// shared/domain/coverage.ts; the answer is SchoolCoverageAnswer (shared/api/coverage.ts),
// with totals by status for the dashboard's summary.
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { schoolCoverageOf } from '#shared/usecases/coverage.ts';

export async function manageCoverage(store: Store, urn: string): Promise<HttpResult> {
  return { status: 200, body: await schoolCoverageOf(store, urn) };
}

export const handler = httpHandler({
  route: 'manage-coverage',
  path: urnPath,
  run: ({ path }) => manageCoverage(storeFromEnv(), path.urn),
});
