// What the yearly review email of the policy statement (outbox kind 'statement-review',
// queued by ./statement.ts) is gathered from when the mailer sends it: the school and its
// published version. Nothing once a newer version was published since it was queued.
import type { StatementReviewMessage } from '#shared/domain/records.ts';
import type { StatementReviewMail } from '#shared/mail/registry.ts';
import type { Store } from '#shared/store/client.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { statementPointerOf } from '#shared/store/statements.ts';

export async function statementReviewMail(store: Store, message: StatementReviewMessage): Promise<StatementReviewMail | undefined> {
  const school = await getSchoolProfile(store, message.urn);
  const pointer = school && statementPointerOf(school);
  if (!school || !pointer || pointer.version !== message.version) return undefined;
  return { school, review: pointer };
}
