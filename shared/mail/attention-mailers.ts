// The careers lead's "needs attention" email (outbox kind 'attention', issue 11),
// registered in outbox-mailers.ts and sent only by the mailer function. Each booking is
// read again when the email is built and listed only while it still needs attention, so
// one resolved in the meantime is left out, and with none left nothing is sent.
import { attentionProblems } from '#shared/domain/recheck.ts';
import type { Store } from '#shared/store/client.ts';
import { listOpportunities } from '#shared/store/opportunities.ts';
import type { AttentionMessage } from '#shared/store/outbox.ts';
import { getRequest } from '#shared/store/requests.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import type { Delivery } from './delivery.ts';
import { siteUrl } from './links.ts';
import { attentionForLead, type AttentionItem } from './messages/attention.ts';
import { senderAddress } from './send.ts';

export async function attentionMailer(store: Store, message: AttentionMessage): Promise<Delivery[]> {
  const [school, opportunities, requests] = await Promise.all([
    getSchoolProfile(store, message.urn),
    listOpportunities(store, message.urn),
    Promise.all(message.requestIds.map((id) => getRequest(store, message.urn, id))),
  ]);
  if (!school?.careersLead.email) return [];
  const now = new Date().toISOString();
  const items: AttentionItem[] = [];
  for (const r of requests) {
    if (!r) continue;
    const opportunity = r.slot ? opportunities.find((o) => o.id === r.slot?.opportunityId) : undefined;
    const problems = attentionProblems(school, opportunity, r, now);
    if (problems.length === 0) continue;
    const at = r.status === 'alternative_proposed' && r.alternative ? r.alternative : r;
    items.push({
      organisation: r.provider.organisation,
      status: r.status,
      date: at.date,
      start: at.start,
      end: at.end,
      problems: problems.map(({ rule, message: text }) => ({ rule, message: text })),
      link: siteUrl(`/manage/requests/view/?id=${encodeURIComponent(r.id)}`),
    });
  }
  if (items.length === 0) return [];
  return [
    {
      role: 'lead',
      to: { name: school.careersLead.name, address: school.careersLead.email },
      build: async () => ({
        from: senderAddress(),
        ...attentionForLead(school, message.cause, items, siteUrl(`/manage/?urn=${encodeURIComponent(school.urn)}`)),
      }),
    },
  ];
}
