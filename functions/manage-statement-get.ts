// GET /api/manage/schools/{urn}/statement: for the school's staff (any role), what is
// published (and whether it is due for review), a draft built from the live settings to
// preview before publishing, every version with its address, and the link and iframe HTML
// to paste into the school's website. Answers ManageStatementAnswer (shared/api/statement.ts).
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { manageStatement } from '#shared/usecases/statement.ts';

export async function manageStatementGet(store: Store, urn: string): Promise<HttpResult> {
  return { status: 200, body: await manageStatement(store, urn) };
}

export const handler = httpHandler({
  route: 'manage-statement-get',
  path: urnPath,
  run: ({ path }) => manageStatementGet(storeFromEnv(), path.urn),
});
