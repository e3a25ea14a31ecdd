// Stands in for an EventBridge schedule: calls a scheduled handler with a
// ScheduledEvent every few minutes while `npm start` runs.
import { randomUUID } from 'node:crypto';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { lambdaContext } from './adapter.ts';

export type ScheduledHandler = (event: ScheduledEvent, context: Context) => Promise<unknown>;

export function scheduledEvent(ruleName: string, now = new Date()): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: now.toISOString(),
    region: 'eu-west-2',
    resources: [`arn:aws:events:eu-west-2:000000000000:rule/${ruleName}`],
    detail: {},
  };
}

export function startScheduleTimer(
  name: string,
  handler: ScheduledHandler,
  everyMs: number,
  log: (message: string, detail?: unknown) => void,
): () => void {
  let busy = false;
  const fire = async () => {
    if (busy) return; // never two runs of the same job at once, as with a 1-concurrency Lambda
    busy = true;
    try {
      const event = scheduledEvent(name);
      await handler(event, lambdaContext(name, event.id, 15 * 60_000));
    } catch (err) {
      log(`${name} failed`, (err as Error).message);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void fire(), everyMs);
  return () => clearInterval(timer);
}
