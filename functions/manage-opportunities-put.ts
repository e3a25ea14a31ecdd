// PUT /api/manage/schools/{urn}/opportunities: replaces the school's set of opportunities
// (added, changed, removed by id) in one transaction; nothing is saved if any breaks a rule.
// With `dryRun: true` nothing is saved: the answer lists the bookings the change would affect.
import { urnPath } from '#shared/api/provider.ts';
import { opportunitiesBody, type OpportunityInput } from '#shared/api/settings.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireStaffOf } from '#shared/http/staff.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { saveOpportunities } from '#shared/usecases/settings.ts';

export async function manageOpportunitiesPut(
  store: Store,
  cookies: string[],
  urn: string,
  body: { version?: number | undefined; opportunities: OpportunityInput[]; dryRun?: boolean | undefined },
): Promise<HttpResult> {
  const { session, role } = await requireStaffOf(store, cookies, urn);
  return { status: 200, body: await saveOpportunities(store, urn, { email: session.email, role: role.role }, body) };
}

export const handler = httpHandler({
  route: 'manage-opportunities-put',
  path: urnPath,
  body: opportunitiesBody,
  run: ({ cookies, path, body }) => {
    return manageOpportunitiesPut(storeFromEnv(), cookies, path.urn, body);
  },
});
