// What a reminder of the daily job (outbox kind 'reminder', queued by ./daily.ts) is
// gathered from when the mailer sends it: the request and school as they are now, and for
// the provider's visit reminder where the visit is. Nothing when the reminder was decided
// on a state that has changed since (answered, withdrawn, moved).
import type { ReminderMessage } from '#shared/domain/records.ts';
import { REMINDER_AUDIENCE } from '#shared/domain/reminders.ts';
import type { ReminderMail } from '#shared/mail/registry.ts';
import type { Store } from '#shared/store/client.ts';
import { getRequest } from '#shared/store/requests.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { venueOf } from './venue.ts';

export async function reminderMail(store: Store, message: ReminderMessage): Promise<ReminderMail | undefined> {
  const [request, school] = await Promise.all([getRequest(store, message.urn, message.requestId), getSchoolProfile(store, message.urn)]);
  if (!request || !school) return undefined;
  if (request.status !== message.status || request.date !== message.date) return undefined;
  const venue = REMINDER_AUDIENCE[message.reminder] === 'provider' ? await venueOf(store, request) : undefined;
  return { reminder: message.reminder, request, school, ...(venue ? { venue } : {}) };
}
