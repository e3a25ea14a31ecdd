// GET /api/manage/trusts/{trustId}/coverage: coverage of every school of the trust where
// the caller is a trust admin, with totals by status (403 NOT_YOUR_TRUST otherwise). A
// trust admin's role is per school, so the trust is the schools whose profile names it
// and where the caller has that role; each school's cohorts are as on its own coverage
// page, without the open-slot suggestions. Answers TrustCoverageAnswer.
import { trustPath } from '#shared/api/coverage.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import type { StaffRoleRecord } from '#shared/usecases/access.ts';
import { trustCoverage } from '#shared/usecases/coverage.ts';

export async function trustCoverageGet(store: Store, caller: { roles: readonly StaffRoleRecord[] }, trustId: string): Promise<HttpResult> {
  return { status: 200, body: await trustCoverage(store, caller, trustId) };
}

export const handler = httpHandler({
  route: 'trust-coverage',
  path: trustPath,
  // Any member of staff: the use case keeps the schools where the caller is the trust's admin.
  run: ({ caller, path }) => trustCoverageGet(storeFromEnv(), caller, path.trustId),
});
