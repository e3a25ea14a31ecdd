// POST /api/schools/{urn}/requests: a provider asks for access. Every rule is checked and
// every violation returned at once; `Idempotency-Key` makes a retry return the first answer.
// Public and callable without a cookie; a provider session for the request's address, when
// the site sends one, means the address needs no confirming (issue 12, item 2).
import { createRequestBody, urnPath } from '#shared/api/provider.ts';
import { requestView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#functions/lib/http.ts';
import { idempotencyKey } from '#functions/lib/idempotency.ts';
import { clientIp } from '#shared/http/client-ip.ts';
import { logger } from '#shared/log.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { createProviderRequest, type CreateCaller, type CreateRequestInput } from '#shared/usecases/create-request.ts';

export async function requestCreate(store: Store, urn: string, body: CreateRequestInput, caller: CreateCaller): Promise<HttpResult> {
  if (body.website) {
    // The honeypot: a field people never see. Answer as if accepted; store nothing.
    logger.warn('honeypot field filled; request dropped', { urn });
    return { status: 202, body: { received: true } };
  }
  const { request, school } = await createProviderRequest(store, urn, body, caller);
  return { status: 201, body: { request: requestView({ request, schoolName: school.name }) }, headers: { location: `/api/requests/${request.id}` } };
}

export const handler = httpHandler({
  route: 'request-create',
  path: urnPath,
  body: createRequestBody,
  middlewares: [idempotencyKey('request-create')],
  // `caller.session`: a provider session the site sent along (the route table's `session`), if any.
  run: ({ path, body, event, caller }) => requestCreate(storeFromEnv(), path.urn, body, { ip: clientIp(event), ...(caller.session ? { sessionEmail: caller.session.email } : {}) }),
});
