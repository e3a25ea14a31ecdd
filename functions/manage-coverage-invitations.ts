// GET /api/manage/schools/{urn}/coverage/invitations?year=9 (issue 16, item 2): for the
// cohort now in that year group, at risk, the providers who visited this school before
// (its own delivered or approved requests, latest visit first, with when each was last
// invited), the open slots a provider could still book, and the email each would get.
// 422 COHORT_NOT_AT_RISK for a cohort that is not at risk. Staff of the school only.
import { invitationQuery } from '#shared/api/coverage.ts';
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { invitationPlan } from '#shared/usecases/coverage-invitations.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';

export async function manageCoverageInvitations(store: Store, urn: string, yearGroup: number): Promise<HttpResult> {
  return { status: 200, body: await invitationPlan(store, urn, yearGroup) };
}

export const handler = httpHandler({
  route: 'manage-coverage-invitations',
  path: urnPath,
  query: invitationQuery,
  run: ({ path, query }) => manageCoverageInvitations(storeFromEnv(), path.urn, query.year),
});
