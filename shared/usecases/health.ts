// Whether the parts the service needs answer: the table (one fixed key read) and SES (its
// account status, nothing sent). Each is checked on its own, so a monitor can tell which.
import { logger } from '#shared/log.ts';
import { pingMail } from '#shared/mail/client.ts';
import type { Store } from '#shared/store/client.ts';
import { pingTable } from '#shared/store/health.ts';

export type ComponentState = 'up' | 'down';

export interface Health {
  table: ComponentState;
  mail: ComponentState;
}

type Check = () => Promise<void>;

async function state(name: keyof Health, check: Check): Promise<ComponentState> {
  try {
    await check();
    return 'up';
  } catch (error) {
    logger.warn('health check failed', { component: name, error });
    return 'down';
  }
}

/** Both checks at once; `checks` stands in for the real ones in tests. */
export async function checkHealth(store: Store, checks: { table: Check; mail: Check } = { table: () => pingTable(store), mail: pingMail }): Promise<Health> {
  const [table, mail] = await Promise.all([state('table', checks.table), state('mail', checks.mail)]);
  return { table, mail };
}
