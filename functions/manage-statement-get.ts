// GET /api/manage/schools/{urn}/statement: for the school's staff (any role), what is
// published (and whether it is due for review), a draft built from the live settings to
// preview before publishing, every version with its address, and the link and iframe HTML
// to paste into the school's website. Answers ManageStatementAnswer (shared/api/statement.ts).
import { urnPath } from '#shared/api/provider.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireStaffOf } from '#shared/http/staff.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { manageStatement } from '#shared/usecases/statement.ts';

export async function manageStatementGet(store: Store, cookies: string[], urn: string): Promise<HttpResult> {
  await requireStaffOf(store, cookies, urn);
  return { status: 200, body: await manageStatement(store, urn) };
}

export const handler = httpHandler({
  route: 'manage-statement-get',
  path: urnPath,
  run: ({ cookies, path }) => manageStatementGet(storeFromEnv(), cookies, path.urn),
});
