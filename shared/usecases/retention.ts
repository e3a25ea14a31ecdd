// Storage limitation (UK GDPR Art. 5(1)(e)): the personal data of an encounter is kept for
// the school's retention period (`personalDataRetentionYears`, default six years after the
// end of the academic year of the encounter), then anonymised by the daily job: the
// contact's name, email and phone, the free text, and in the audit trail every person's
// email and name (party and role stay). What happened stays for the school's records and
// coverage: types, dates, statuses, organisations. Found per school on gsi1 (each status,
// encounters up to the cutoff, not yet anonymised), never a scan; safe to run again.
import { londonDate } from '#shared/domain/timezone.ts';
import { retentionCutoff, retentionYearsOf } from '#shared/domain/personal-data.ts';
import { REQUEST_STATUSES } from '#shared/domain/types.ts';
import { logger } from '#shared/log.ts';
import type { Store } from '#shared/store/client.ts';
import { listRequestsToAnonymise } from '#shared/store/personal-data.ts';
import { listAllSchools } from '#shared/store/schools.ts';
import { anonymiseRequest, erasedAddress } from './anonymise.ts';

export interface RetentionSummary {
  schools: number;
  requests: number;
  events: number;
  failures: { urn: string; requestId?: string; message: string }[];
}

/**
 * How many schools are looked at together: at national scale (3,500 schools) one school after
 * another, a query per status each, was most of the daily job's time (bench "Daily job at
 * national scale"); a few at once, and their statuses' queries at once, keep within Lambda's.
 */
const SCHOOLS_AT_ONCE = 8;

async function anonymiseSchool(store: Store, school: { urn: string } & Parameters<typeof retentionYearsOf>[0], today: string, now: Date, summary: RetentionSummary): Promise<void> {
  summary.schools++;
  const cutoff = retentionCutoff(today, retentionYearsOf(school));
  try {
    const due = (await Promise.all(REQUEST_STATUSES.map((status) => listRequestsToAnonymise(store, school.urn, status, cutoff)))).flat();
    for (const request of due) {
      try {
        // Every person in an expired trail (provider contact, staff): only the system stays named.
        const events = await anonymiseRequest(store, request, (actor) => actor.party !== 'system', erasedAddress(`retention:${request.id}`), now);
        if (events === undefined) continue;
        summary.requests++;
        summary.events += events;
      } catch (err) {
        summary.failures.push({ urn: school.urn, requestId: request.id, message: (err as Error).message });
      }
    }
  } catch (err) {
    summary.failures.push({ urn: school.urn, message: (err as Error).message });
  }
}

export async function anonymiseExpiredPersonalData(store: Store, now: Date = new Date()): Promise<RetentionSummary> {
  const summary: RetentionSummary = { schools: 0, requests: 0, events: 0, failures: [] };
  const today = londonDate(now.toISOString());
  for await (const page of listAllSchools(store)) {
    for (let i = 0; i < page.length; i += SCHOOLS_AT_ONCE) {
      await Promise.all(page.slice(i, i + SCHOOLS_AT_ONCE).map((school) => anonymiseSchool(store, school, today, now, summary)));
    }
  }
  if (summary.requests > 0 || summary.failures.length > 0) logger.info('personal data past retention anonymised', { ...summary, failures: summary.failures.length });
  return summary;
}
