// PUT /api/manage/schools/{urn}/opportunities: replaces the school's set of opportunities
// (added, changed, removed by id) in one transaction; nothing is saved if any breaks a rule.
// With `dryRun: true` nothing is saved: the answer lists the bookings the change would affect.
import { urnPath } from '#shared/api/provider.ts';
import { opportunitiesBody, type OpportunityInput } from '#shared/api/settings.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { saveOpportunities, type Editor } from '#shared/usecases/settings.ts';

export async function manageOpportunitiesPut(
  store: Store,
  urn: string,
  editor: Editor,
  body: { version?: number | undefined; opportunities: OpportunityInput[]; dryRun?: boolean | undefined },
): Promise<HttpResult> {
  return { status: 200, body: await saveOpportunities(store, urn, editor, body) };
}

export const handler = httpHandler({
  route: 'manage-opportunities-put',
  path: urnPath,
  body: opportunitiesBody,
  run: ({ path, body, caller }) => manageOpportunitiesPut(storeFromEnv(), path.urn, { email: caller.session.email, role: caller.role.role }, body),
});
