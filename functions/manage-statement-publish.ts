// POST /api/manage/schools/{urn}/statement {approvedBy, approvedOn}: publishes a new,
// immutable version of the statement from the live settings (careers lead or trust admin).
import { urnPath } from '#shared/api/provider.ts';
import { publishStatementBody, type PublishStatementBody } from '#shared/api/statement.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import type { Editor } from '#shared/usecases/settings.ts';
import { publishStatement } from '#shared/usecases/statement.ts';

export async function manageStatementPublish(store: Store, urn: string, editor: Editor, body: PublishStatementBody): Promise<HttpResult> {
  const answer = await publishStatement(store, urn, editor, body);
  return { status: 201, body: answer, headers: { location: answer.published?.url ?? '' } };
}

export const handler = httpHandler({
  route: 'manage-statement-publish',
  path: urnPath,
  body: publishStatementBody,
  run: ({ path, body, caller }) => manageStatementPublish(storeFromEnv(), path.urn, { email: caller.session.email, role: caller.role.role }, body),
});
