// POST /api/schools/{urn}/requests: a provider asks for access. Every rule is checked and
// every violation returned at once; `Idempotency-Key` makes a retry return the first answer.
import { createRequestBody, urnPath } from '#shared/api/provider.ts';
import { requestView } from '#shared/api/views.ts';
import { httpHandler, type HttpResult } from '#shared/http/handler.ts';
import { idempotencyKey } from '#shared/http/idempotency.ts';
import { clientIp } from '#shared/http/client-ip.ts';
import { logger } from '#shared/log.ts';
import { storeFromEnv, type Store } from '#shared/store/client.ts';
import { createProviderRequest, type CreateRequestInput } from '#shared/usecases/create-request.ts';

export async function requestCreate(store: Store, urn: string, body: CreateRequestInput, ip: string): Promise<HttpResult> {
  if (body.website) {
    // The honeypot: a field people never see. Answer as if accepted; store nothing.
    logger.warn('honeypot field filled; request dropped', { urn });
    return { status: 202, body: { received: true } };
  }
  const { request, school } = await createProviderRequest(store, urn, body, { ip });
  return { status: 201, body: { request: requestView(request, school.name) }, headers: { location: `/api/requests/${request.id}` } };
}

export const handler = httpHandler({
  route: 'request-create',
  path: urnPath,
  body: createRequestBody,
  middlewares: [idempotencyKey('request-create')],
  run: ({ path, body, event }) => requestCreate(storeFromEnv(), path.urn, body, clientIp(event)),
});
