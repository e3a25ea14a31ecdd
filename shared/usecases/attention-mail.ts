// What the careers lead's "needs attention" email (outbox kind 'attention', queued by
// ./attention.ts) is gathered from when the mailer sends it. Each booking is read again and
// listed only while it still needs attention, so one resolved in the meantime is left out
// (and with none left the registry sends nothing).
import type { AttentionMessage } from '#shared/domain/records.ts';
import type { AttentionBooking, AttentionMail } from '#shared/mail/registry.ts';
import type { Store } from '#shared/store/client.ts';
import { listOpportunities } from '#shared/store/opportunities.ts';
import { getRequest } from '#shared/store/requests.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { attentionOf } from './attention.ts';

export async function attentionMail(store: Store, message: AttentionMessage): Promise<AttentionMail | undefined> {
  const [school, opportunities, requests] = await Promise.all([
    getSchoolProfile(store, message.urn),
    listOpportunities(store, message.urn),
    Promise.all(message.requestIds.map((id) => getRequest(store, message.urn, id))),
  ]);
  if (!school) return undefined;
  const now = new Date();
  const bookings: AttentionBooking[] = [];
  for (const r of requests) {
    if (!r) continue;
    const problems = attentionOf(school, opportunities, r, now);
    if (problems.length === 0) continue;
    const at = r.status === 'alternative_proposed' && r.alternative ? r.alternative : r;
    bookings.push({
      requestId: r.id,
      organisation: r.provider.organisation,
      ...(r.reference ? { reference: r.reference } : {}),
      status: r.status,
      date: at.date,
      start: at.start,
      end: at.end,
      problems: problems.map(({ rule, message: text }) => ({ rule, message: text })),
    });
  }
  return { school, cause: message.cause, bookings };
}
