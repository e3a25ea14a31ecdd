// POST /api/manage/schools/{urn}/statement {approvedBy, approvedOn}: publishes a new,
// immutable version of the statement from the live settings (careers lead or trust admin).
import { urnPath } from '#shared/api/provider.ts';
import { publishStatementBody, type PublishStatementBody } from '#shared/api/statement.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { requireStaffOf } from '#shared/http/staff.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { publishStatement } from '#shared/usecases/statement.ts';

export async function manageStatementPublish(store: Store, cookies: string[], urn: string, body: PublishStatementBody): Promise<HttpResult> {
  const { session, role } = await requireStaffOf(store, cookies, urn);
  const answer = await publishStatement(store, urn, { email: session.email, role: role.role }, body);
  return { status: 201, body: answer, headers: { location: answer.published?.url ?? '' } };
}

export const handler = httpHandler({
  route: 'manage-statement-publish',
  path: urnPath,
  body: publishStatementBody,
  run: ({ cookies, path, body }) => {
    return manageStatementPublish(storeFromEnv(), cookies, path.urn, body);
  },
});
