// The daily job (issue 5 item 7): for every school, expire the requests nobody answered in
// time and queue the reminders that are due. What is due is decided by the pure
// `dailyAction` (shared/domain/reminders.ts); this file only reads and writes.
//
// Work is found without a scan, with a fixed number of queries per school: the list of all
// schools (one gsi1 partition, a page of profiles at a time), then per school three gsi1
// queries: its pending requests, its alternative_proposed requests, and its approved
// requests with encounter dates in the window that can owe a reminder. At ~3,500 schools
// that is ~10,500 small queries a day, run a few schools at a time.
//
// Nothing here sends email: an expiry is a state-machine transition whose event the mailer
// turns into emails to both sides; a reminder is an outbox item queued once per request,
// kind and encounter date (shared/store/reminders.ts). Running the job twice on the same
// day, or retrying it after a failure, sends nothing twice.
//
// It also looks at each school's coming approved encounters again (issue 11; one more gsi1
// query per school, and its opportunities when one of them is on a slot): any that the
// school's calendar or opportunities now put outside the rules is emailed to the careers
// lead, once per booking and problem (shared/store/attention.ts), so an encounter on a day
// the school is closed is told even if the save that closed it was interrupted.
import { approvedWindow, dailyAction, REMINDER_KINDS, type ReminderKind } from '#shared/domain/reminders.ts';
import type { Actor } from '#shared/domain/state-machine.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import type { IsoDate } from '#shared/domain/types.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { logger } from '#shared/log.ts';
import type { Store } from '#shared/store/client.ts';
import { listAllRequestsOfSchoolByStatus, queueReminderOnce } from '#shared/store/reminders.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { listAllSchools } from '#shared/store/schools.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import { listOpportunities } from '#shared/store/opportunities.ts';
import { attentionOf, tellLeadOnce } from './attention.ts';
import { anonymiseExpiredPersonalData } from './retention.ts';
import { statementReviewReminderFor } from './statement.ts';
import { applyAction } from './transition.ts';

/** Who expires requests, in the audit trail. */
export const DAILY_ACTOR: Actor = { party: 'system', id: 'daily' };

/** Schools worked on at once: enough to finish in minutes, few enough not to throttle the table. */
export const SCHOOL_CONCURRENCY = 8;

export interface DailySummary {
  /** The school-local date the job ran for. */
  today: IsoDate;
  schools: number;
  /** Requests read (pending, alternative proposed, approved in the window). */
  requests: number;
  expired: number;
  /** Reminders queued by this run, by kind. */
  reminders: Record<ReminderKind, number>;
  /** Coming encounters newly put outside the rules, emailed to their careers lead (issue 11). */
  attention: number;
  /** Reminders due but queued by an earlier run (a second run the same day, a retry). */
  alreadyQueued: number;
  /** Requests that changed while the job ran (someone acted on them): left to the next run. */
  changed: number;
  /** Schools or requests that failed; the rest of the run went on. */
  failures: { urn: string; requestId?: string; message: string }[];
}

export interface DailyOptions {
  concurrency?: number;
}

/** Runs the job as on `now` (the handler passes the current time; tests pass chosen days). */
export async function runDailyJob(store: Store, now: Date = new Date(), options: DailyOptions = {}): Promise<DailySummary> {
  const summary: DailySummary = {
    today: londonDate(now.toISOString()),
    schools: 0,
    requests: 0,
    expired: 0,
    reminders: Object.fromEntries(REMINDER_KINDS.map((k) => [k, 0])) as Record<ReminderKind, number>,
    attention: 0,
    alreadyQueued: 0,
    changed: 0,
    failures: [],
  };
  const limit = Math.max(1, options.concurrency ?? SCHOOL_CONCURRENCY);
  const running = new Set<Promise<void>>();
  for await (const page of listAllSchools(store)) {
    for (const school of page) {
      summary.schools++;
      const job: Promise<void> = runForSchool(store, school, now, summary)
        .catch((err: unknown) => {
          summary.failures.push({ urn: school.urn, message: messageOf(err) });
          logger.error('daily job: school failed', { urn: school.urn, error: err as Error });
        })
        .finally(() => running.delete(job));
      running.add(job);
      if (running.size >= limit) await Promise.race(running);
    }
  }
  await Promise.all(running);
  // UK GDPR storage limitation: personal data past each school's retention is anonymised (shared/usecases/retention.ts).
  summary.failures.push(...(await anonymiseExpiredPersonalData(store, now)).failures);
  return summary;
}

async function runForSchool(store: Store, school: StoredSchool, now: Date, summary: DailySummary): Promise<void> {
  const window = approvedWindow(summary.today);
  const lists = await Promise.all([
    listAllRequestsOfSchoolByStatus(store, school.urn, 'pending'),
    listAllRequestsOfSchoolByStatus(store, school.urn, 'alternative_proposed'),
    listAllRequestsOfSchoolByStatus(store, school.urn, 'approved', window),
  ]);
  for (const request of lists.flat()) {
    summary.requests++;
    try {
      await actOn(store, school, request, now, summary);
    } catch (err) {
      summary.failures.push({ urn: school.urn, requestId: request.id, message: messageOf(err) });
      logger.error('daily job: request failed', { urn: school.urn, requestId: request.id, error: err as Error });
    }
  }
  await statementReviewReminderFor(store, school, now); // the statement's yearly review (S-REVIEW), once per review date
  await tellAttention(store, school, now, summary);
}

/** Issue 11: the school's coming approved encounters that break a rule now, told to the lead once per problem. */
async function tellAttention(store: Store, school: StoredSchool, now: Date, summary: DailySummary): Promise<void> {
  const coming = await listAllRequestsOfSchoolByStatus(store, school.urn, 'approved', { from: summary.today });
  if (coming.length === 0) return;
  const opportunities = coming.some((r) => r.slot) ? await listOpportunities(store, school.urn) : [];
  const flagged = coming.map((request) => ({ request, problems: attentionOf(school, opportunities, request, now) })).filter((f) => f.problems.length > 0);
  summary.attention += (await tellLeadOnce(store, school.urn, flagged, 'daily', now)).length;
}

async function actOn(store: Store, school: StoredSchool, request: StoredRequest, now: Date, summary: DailySummary): Promise<void> {
  const due = dailyAction(school, request, summary.today);
  if (!due) return;
  if (due.action === 'expire') {
    try {
      // One conditional transaction: status, event (the mailer tells both sides), the held place released.
      await applyAction(store, request, 'expire', DAILY_ACTOR, {}, now);
      summary.expired++;
    } catch (err) {
      if (!changedMeanwhile(err)) throw err;
      summary.changed++;
    }
    return;
  }
  const result = await queueReminderOnce(store, request, due.reminder, now);
  if (result === 'queued') summary.reminders[due.reminder]++;
  else if (result === 'already-queued') summary.alreadyQueued++;
  else summary.changed++;
}

/** The request was answered, withdrawn or moved after the job read it (the index can lag). */
function changedMeanwhile(err: unknown): boolean {
  return err instanceof DomainError && err.code === 'REQUEST_CHANGED';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
