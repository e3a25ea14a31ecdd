// Every method and path the route table does not answer (API Gateway's $default route on
// AWS, the local server's fallback): 404, or 405 with Allow for a known path.
import { DomainError } from '#shared/http/contract.ts';
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { findRoute } from '#shared/routes.ts';

export async function notFound(method: string, path: string): Promise<HttpResult> {
  const { allowed } = findRoute(method, path);
  if (allowed.length > 0) {
    const allow = [...new Set(allowed)];
    throw new DomainError('METHOD_NOT_ALLOWED', `${path} does not accept ${method}; use ${allow.join(', ')}.`, { allow });
  }
  throw new DomainError('NOT_FOUND', `There is nothing at ${path}. Check the address.`);
}

export const handler = httpHandler({
  route: 'not-found',
  run: ({ event }) => notFound(event.requestContext.http.method, event.rawPath),
});
