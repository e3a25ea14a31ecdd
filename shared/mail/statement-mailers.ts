// The email of the statement's yearly review (outbox kind 'statement-review'), registered
// in outbox-mailers.ts and sent only by the mailer function.
import type { Store } from '#shared/store/client.ts';
import type { StatementReviewMessage } from '#shared/store/outbox.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { statementPointerOf } from '#shared/store/statements.ts';
import type { Delivery } from './delivery.ts';
import { siteUrl } from './links.ts';
import { statementReviewForLead } from './messages/statement-review.ts';
import { senderAddress } from './send.ts';

export async function statementReviewMailer(store: Store, message: StatementReviewMessage): Promise<Delivery[]> {
  const school = await getSchoolProfile(store, message.urn);
  const pointer = school && statementPointerOf(school);
  // A newer version was published since the reminder was queued: nothing to review.
  if (!school || !pointer || pointer.version !== message.version || !school.careersLead.email) return [];
  const urn = encodeURIComponent(school.urn);
  return [
    {
      role: 'lead',
      to: { name: school.careersLead.name, address: school.careersLead.email },
      build: async () => ({
        from: senderAddress(),
        ...statementReviewForLead(school, pointer, {
          manage: siteUrl(`/manage/statement/?urn=${urn}`),
          statement: siteUrl(`/schools/${urn}/statement`),
        }),
      }),
    },
  ];
}
