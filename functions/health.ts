// GET /api/health: whether the table and the mail service answer. 200 when both do, 503
// with each component's state when either does not, so a monitor can tell which.
import { httpHandler, type HttpResult } from '#functions/lib/open-http.ts';
import { storeFromEnv } from '#shared/store/client.ts';
import { pingTable } from '#shared/store/health.ts';
import { pingMail } from '#shared/mail/client.ts';
import { logger } from '#shared/log.ts';

type Check = () => Promise<void>;

async function state(name: string, check: Check): Promise<'up' | 'down'> {
  try {
    await check();
    return 'up';
  } catch (error) {
    logger.warn('health check failed', { component: name, error });
    return 'down';
  }
}

export async function health(checks: { table: Check; mail: Check }): Promise<HttpResult> {
  const [table, mail] = await Promise.all([state('table', checks.table), state('mail', checks.mail)]);
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
  run: () => health({ table: () => pingTable(storeFromEnv()), mail: pingMail }),
});
