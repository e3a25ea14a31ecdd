// The emails of the daily job: its reminders (outbox kind 'reminder') and the expiry of a
// request (event REQUEST_EXPIRED, told to both sides). Registered in outbox-mailers.ts and
// event-mailers.ts; sent only by the mailer function.
import { REMINDER_AUDIENCE } from '#shared/domain/reminders.ts';
import type { Store } from '#shared/store/client.ts';
import type { ReminderMessage } from '#shared/store/outbox.ts';
import { getRequest, type StoredRequest } from '#shared/store/requests.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import type { Delivery } from './delivery.ts';
import type { EventMailer } from './event-mailers.ts';
import { PROVIDER_LINK_SECONDS, signInUrl, siteUrl } from './links.ts';
import { requestExpiredForLead, requestExpiredForProvider } from './messages/request-expired.ts';
import { deliveryReminderForLead, pendingReminderForLead, visitReminderForProvider } from './messages/reminders.ts';
import { senderAddress } from './send.ts';
import { venueOf } from './venue.ts';

/** The careers lead's page for one request on the dashboard. */
function leadRequestUrl(request: StoredRequest): string {
  return siteUrl(`/manage/requests/view/?id=${encodeURIComponent(request.id)}`);
}

/** A sign-in link for the provider that lands on the request. */
function providerRequestUrl(store: Store, request: StoredRequest): Promise<string> {
  return signInUrl(store, request.contact.email, 'provider', `/requests/view/?id=${encodeURIComponent(request.id)}`, PROVIDER_LINK_SECONDS);
}

export async function reminderMailer(store: Store, message: ReminderMessage): Promise<Delivery[]> {
  const [request, school] = await Promise.all([getRequest(store, message.urn, message.requestId), getSchoolProfile(store, message.urn)]);
  if (!request || !school) return [];
  // Decided on a state that has changed since (answered, withdrawn, moved): nothing to remind of.
  if (request.status !== message.status || request.date !== message.date) return [];
  const lead = { name: school.careersLead.name, address: school.careersLead.email };
  const provider = { name: request.contact.name, address: request.contact.email };
  const reminder = message.reminder;
  if (REMINDER_AUDIENCE[reminder] === 'provider') {
    return [
      {
        role: 'provider',
        to: provider,
        build: async () => {
          const [link, venue] = await Promise.all([providerRequestUrl(store, request), venueOf(store, request)]);
          return { from: senderAddress(), replyTo: lead, ...visitReminderForProvider(school, request, link, venue) };
        },
      },
    ];
  }
  return [
    {
      role: 'lead',
      to: lead,
      build: async () => {
        const content =
          reminder === 'delivery'
            ? deliveryReminderForLead(school, request, leadRequestUrl(request))
            : pendingReminderForLead(school, request, reminder === 'pending-7' ? 'pending-7' : 'pending-3', leadRequestUrl(request));
        return { from: senderAddress(), replyTo: provider, ...content };
      },
    },
  ];
}

/** REQUEST_EXPIRED: the daily job ended a request nobody answered in time; both sides are told. */
export const requestExpiredMailer: EventMailer = ({ store, event, request, school, lead, provider }) => [
  {
    role: 'lead',
    to: lead,
    build: async () => ({
      from: senderAddress(),
      replyTo: provider,
      ...requestExpiredForLead(school, request, event.from, leadRequestUrl(request)),
    }),
  },
  {
    role: 'provider',
    to: provider,
    build: async () => ({
      from: senderAddress(),
      replyTo: lead,
      ...requestExpiredForProvider(school, request, event.from, {
        manage: await providerRequestUrl(store, request),
        school: siteUrl(`/school/?urn=${encodeURIComponent(school.urn)}`),
      }),
    }),
  },
];
