// The emails for each kind of request event: who is told, and what they are sent.
import type { RequestEventType } from '#shared/domain/state-machine.ts';
import type { Store } from '#shared/store/client.ts';
import type { RequestEvent, StoredRequest } from '#shared/store/requests.ts';
import type { StoredSchool } from '#shared/store/schools.ts';
import type { Address } from './compose.ts';
import type { Delivery } from './delivery.ts';
import { PROVIDER_LINK_SECONDS, signInUrl, siteUrl } from './links.ts';
import { requestCreatedForLead, requestCreatedForProvider } from './messages/request-submitted.ts';
import { senderAddress } from './send.ts';

export interface EventContext {
  store: Store;
  event: RequestEvent;
  request: StoredRequest;
  school: StoredSchool;
  lead: Address;
  provider: Address;
}

export type EventMailer = (ctx: EventContext) => Delivery[];

export const eventMailers: Partial<Record<RequestEventType, EventMailer>> = {
  REQUEST_SUBMITTED: ({ store, request, school, lead, provider }) => [
    {
      recipient: 'lead',
      build: async () => ({
        from: senderAddress(),
        to: [lead],
        replyTo: provider,
        ...requestCreatedForLead(school, request, siteUrl(`/manage/requests/view/?id=${request.id}`)),
      }),
    },
    {
      recipient: 'provider',
      build: async () => {
        const link = await signInUrl(store, request.contact.email, 'provider', `/requests/view/?id=${request.id}`, PROVIDER_LINK_SECONDS);
        return { from: senderAddress(), to: [provider], replyTo: lead, ...requestCreatedForProvider(school, request, link) };
      },
    },
  ],
};
