// GET /api/health: whether the table and the mail service answer. 200 when both do, 503
// with each component's state when either does not, so a monitor can tell which.
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { storeFromEnv } from '#shared/usecases/store.ts';
import { checkHealth, type Health } from '#shared/usecases/health.ts';

export function healthReply({ table, mail }: Health): HttpResult {
  const up = table === 'up' && mail === 'up';
  const body = { status: up ? 'ok' : 'degraded', components: { table, mail } };
  if (up) return { status: 200, body };
  return {
    status: 503,
    headers: { 'retry-after': '30' },
    body: {
      ...body,
      error: { code: 'SERVICE_UNAVAILABLE', message: `Not every part of the service is reachable: table ${table}, mail ${mail}.` },
    },
  };
}

export const handler = httpHandler({
  route: 'health',
  run: async () => healthReply(await checkHealth(storeFromEnv())),
});
