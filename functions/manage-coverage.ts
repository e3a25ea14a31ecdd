// GET /api/manage/schools/{urn}/coverage: per cohort in Years 8–13 this academic year, its
// key phase's encounters, providers, status with the window's end, warnings, and open
// slots that would close a gap (R-PHASE1..3), for the school's staff. The counting is
// shared/domain/coverage.ts; the answer is SchoolCoverageAnswer (shared/api/coverage.ts),
// with totals by status for the dashboard's summary.
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireStaffOf } from '#shared/http/staff.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { schoolCoverageOf } from '#shared/usecases/coverage.ts';

export async function manageCoverage(store: Store, cookies: string[], urn: string): Promise<HttpResult> {
  await requireStaffOf(store, cookies, urn);
  return { status: 200, body: await schoolCoverageOf(store, urn) };
}

export const handler = httpHandler({
  route: 'manage-coverage',
  path: urnPath,
  run: ({ cookies, path }) => manageCoverage(storeFromEnv(), cookies, path.urn),
});
