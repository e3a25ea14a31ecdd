// The emails for each kind of request event: who is told, and what they are sent.
import type { RequestEventType } from '#shared/domain/state-machine.ts';
import type { Store } from '#shared/store/client.ts';
import type { RequestEvent, StoredRequest } from '#shared/store/requests.ts';
import type { StoredSchool } from '#shared/store/schools.ts';
import type { Address } from './compose.ts';
import type { Delivery } from './delivery.ts';
import { actionLinkPath, PROVIDER_LINK_SECONDS, signInUrl, siteUrl } from './links.ts';
import { requestCreatedForLead, requestCreatedForProvider } from './messages/request-submitted.ts';
import { updateMessage, wording, type Audience } from './messages/updates.ts';
import { buildInvite } from './calendar.ts';
import { issueToken } from '#shared/store/tokens.ts';
import { requestExpiredMailer } from './daily-mailers.ts';
import { senderAddress } from './send.ts';
import { venueOf } from './venue.ts';

/** Email action links for the careers lead: single use, 14 days, bound to request and lead; the token in the fragment. */
export const ACTION_LINK_SECONDS = 14 * 24 * 60 * 60;

async function actionLinks(store: Store, request: StoredRequest, leadEmail: string) {
  const link = async (action: 'approve' | 'decline' | 'propose') => {
    const token = await issueToken(store, {
      purpose: 'action',
      email: leadEmail,
      data: { requestId: request.id, urn: request.urn, action },
      ttlSeconds: ACTION_LINK_SECONDS,
    });
    return siteUrl(actionLinkPath(token));
  };
  return { approve: await link('approve'), decline: await link('decline'), propose: await link('propose') };
}

/** The link each side follows from an update: the provider's signs them in to the request. */
async function linkFor(ctx: EventContext, audience: Audience): Promise<string> {
  if (audience === 'lead') return siteUrl(`/manage/requests/view/?id=${ctx.request.id}`);
  return signInUrl(ctx.store, ctx.request.contact.email, 'provider', `/requests/view/?id=${ctx.request.id}`, PROVIDER_LINK_SECONDS);
}

/** Why an encounter moved or was cancelled, for the invitation (a move's reason travels with its event). */
function calendarReason(ctx: EventContext): string | undefined {
  const given = typeof ctx.event.data.reason === 'string' ? ctx.event.data.reason : undefined;
  if (ctx.event.type === 'REQUEST_RESCHEDULED') return given;
  if (ctx.event.type === 'REQUEST_CANCELLED') return given ?? ctx.request.reason;
  return undefined;
}

/**
 * Later changes: the other side is told; with a calendar change both sides get the .ics.
 * Each side's copy, email and .ics alike, is its own: the provider's says where to go and
 * what the school asks of them, the lead's who is coming and what they need.
 */
const updateMailer: EventMailer = (ctx) => {
  const { event, request, school } = ctx;
  const audiences = new Set<Audience>(event.notify.map((p) => (p === 'school' ? 'lead' : 'provider')));
  if (event.calendar) {
    audiences.add('lead');
    audiences.add('provider');
  }
  // Looked up once for the item, and only when an email is built.
  let venue: Promise<string | undefined> | undefined;
  const venueOnce = () => (venue ??= venueOf(ctx.store, request));
  return [...audiences].flatMap((audience): Delivery[] => {
    const words = wording(event.type, audience, school, request, event.data);
    if (!words) return [];
    return [
      {
        role: audience,
        to: audience === 'lead' ? ctx.lead : ctx.provider,
        build: async () => {
          const where = words.visit || event.calendar ? await venueOnce() : undefined;
          const reason = calendarReason(ctx);
          const content = updateMessage(words, audience, school, request, await linkFor(ctx, audience), where);
          const calendar = event.calendar
            ? {
                method: event.calendar.method,
                content: buildInvite({
                  request,
                  school,
                  method: event.calendar.method,
                  sequence: event.calendar.sequence,
                  now: new Date(event.at),
                  audience,
                  ...(where ? { venue: where } : {}),
                  ...(reason ? { reason } : {}),
                }),
              }
            : undefined;
          return {
            from: senderAddress(),
            replyTo: audience === 'lead' ? ctx.provider : ctx.lead,
            ...content,
            ...(calendar ? { calendar } : {}),
          };
        },
      },
    ];
  });
};

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
      role: 'lead',
      to: lead,
      build: async () => ({
        from: senderAddress(),
        replyTo: provider,
        ...requestCreatedForLead(school, request, {
          review: siteUrl(`/manage/requests/view/?id=${request.id}`),
          ...(await actionLinks(store, request, school.careersLead.email)),
        }),
      }),
    },
    {
      role: 'provider',
      to: provider,
      build: async () => {
        const link = await signInUrl(store, request.contact.email, 'provider', `/requests/view/?id=${request.id}`, PROVIDER_LINK_SECONDS);
        return { from: senderAddress(), replyTo: lead, ...requestCreatedForProvider(school, request, link) };
      },
    },
  ],
  REQUEST_APPROVED: updateMailer,
  ALTERNATIVE_ACCEPTED: updateMailer,
  REQUEST_RESCHEDULED: updateMailer,
  REQUEST_DECLINED: updateMailer,
  ALTERNATIVE_PROPOSED: updateMailer,
  REQUEST_WITHDRAWN: updateMailer,
  ALTERNATIVE_REJECTED: updateMailer,
  REQUEST_CANCELLED: updateMailer,
  // The daily job expired it: both sides are told (shared/mail/daily-mailers.ts).
  REQUEST_EXPIRED: requestExpiredMailer,
};
