// GET /api/schools/{urn}/statement: the published statement as JSON (`?version=N` for an
// earlier one). Answers { statement: StatementAnswer } (shared/api/statement.ts): the
// version's content section by section, whether it is the latest, whether the school's
// review is overdue, and the address of every version. 404 SCHOOL_NOT_FOUND,
// STATEMENT_NOT_PUBLISHED (never published) or STATEMENT_VERSION_NOT_FOUND.
import { urnPath } from '#shared/api/provider.ts';
import { statementQuery } from '#shared/api/statement.ts';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { publicStatement } from '#shared/usecases/statement.ts';

export async function statementGet(store: Store, urn: string, version?: number): Promise<HttpResult> {
  return { status: 200, body: { statement: await publicStatement(store, urn, version) }, headers: { 'cache-control': 'public, max-age=300' } };
}

export const handler = httpHandler({
  route: 'statement-get',
  path: urnPath,
  query: statementQuery,
  run: ({ path, query }) => statementGet(storeFromEnv(), path.urn, query.version),
});
