// The daily job, on an EventBridge schedule (06:00 UTC; locally the schedule timer): expiry
// of unanswered requests and the reminders due today (shared/usecases/daily.ts). It sends
// no email itself: it writes request events and outbox items, and the mailer sends them.
// A run with failures ends in an error so it is retried and alarmed on; a retry is safe,
// because every expiry is conditional and every reminder is queued once.
import type { ScheduledEvent } from 'aws-lambda';
import { logger } from '#shared/log.ts';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { runDailyJob, type DailySummary } from '#shared/usecases/daily.ts';

/** The job as on `now`: the handler passes the current time, tests pass chosen days. */
export async function daily(store: Store, now: Date): Promise<DailySummary> {
  const summary = await runDailyJob(store, now);
  logger.info('daily job done', { ...summary, failures: summary.failures.length });
  return summary;
}

export const handler = async (_event: ScheduledEvent): Promise<DailySummary> => {
  const summary = await daily(storeFromEnv(), new Date());
  if (summary.failures.length > 0) {
    throw new Error(`Daily job: ${summary.failures.length} failures, first: ${summary.failures[0]?.urn} ${summary.failures[0]?.message}`);
  }
  return summary;
};
