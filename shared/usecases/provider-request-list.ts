// All of a provider's requests in one place (issue 15, item 3): the filtered, sorted list with
// counts by status, and the same list as a CSV file. "Whose requests" is one input, the
// owners: today the signed-in provider's own address; with organisation accounts, every
// member's address (or the organisation's own index partition), read the same way.
import { listRequests, schoolAnsweredAt, type RequestList, type RequestListFilters } from '#shared/domain/request-list.ts';
import type { ProviderRequestRead } from '#shared/domain/read-models.ts';
import { statusLabel, SESSION_TYPE_LABELS } from '#shared/domain/labels.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { formatYearGroups } from '#shared/domain/year-groups.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import type { Store } from '#shared/store/client.ts';
import { spreadsheetCsv, type CsvFile } from './csv.ts';
import { listRequestEvents } from '#shared/store/request-events.ts';
import { listRequestsOfProvider } from '#shared/store/requests.ts';
import { getSchoolNames } from '#shared/store/schools.ts';

/** Whose requests a list shows: the addresses that sent them (a signed-in provider: its own). */
export interface RequestOwners {
  emails: readonly string[];
}

export const ownRequests = (email: string): RequestOwners => ({ emails: [email] });

/**
 * Every request of the owners, with its school's name: one query of each address's own key
 * range on the provider index (every page), never a scan; a request is listed once.
 */
export async function requestsOf(store: Store, owners: RequestOwners, now: Date): Promise<ProviderRequestRead[]> {
  const lists = await Promise.all([...new Set(owners.emails.map((e) => e.toLowerCase()))].map((email) => listRequestsOfProvider(store, email, 'every', now)));
  const byId = new Map<string, StoredRequest>();
  for (const r of lists.flat()) byId.set(r.id, r);
  const requests = [...byId.values()];
  // One batch read of the schools' names (a college writes to many schools), not a profile read per school in turn.
  const names = await getSchoolNames(store, requests.map((r) => r.urn));
  return requests.map((r) => ({ request: r, schoolName: names.get(r.urn) ?? r.urn }));
}

export async function providerRequestList(store: Store, owners: RequestOwners, filters: RequestListFilters, now = new Date()): Promise<RequestList<ProviderRequestRead>> {
  return listRequests(await requestsOf(store, owners, now), filters);
}

export const REQUESTS_CSV_COLUMNS = [
  'Reference',
  'School',
  'URN',
  'Date',
  'Start',
  'End',
  'Year groups',
  'Session type',
  'Status',
  'Answered on',
  'Reason',
  'Organisation',
  'Contact',
  'Contact email',
] as const;

/** How many requests' trails are read at once for "Answered on": a bounded fan-out, not one read per request in turn. */
const TRAIL_READS_AT_ONCE = 8;

async function answeredOn(store: Store, requests: readonly StoredRequest[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  // A request still waiting, or withdrawn or expired unanswered, has no answer to look for:
  // only the statuses a school's answer leads to are read.
  const answered = requests.filter((r) => !['unconfirmed', 'pending', 'withdrawn', 'expired'].includes(r.status));
  for (let i = 0; i < answered.length; i += TRAIL_READS_AT_ONCE) {
    await Promise.all(
      answered.slice(i, i + TRAIL_READS_AT_ONCE).map(async (r) => {
        const at = schoolAnsweredAt(await listRequestEvents(store, r.urn, r.id));
        if (at) out.set(r.id, londonDate(at));
      }),
    );
  }
  return out;
}

export function requestsCsvRow({ request: r, schoolName }: ProviderRequestRead, answered: string | undefined): string[] {
  return [
    r.reference ?? '',
    schoolName,
    r.urn,
    r.date,
    r.start,
    r.end,
    formatYearGroups(r.yearGroups),
    SESSION_TYPE_LABELS[r.sessionType] ?? r.sessionType,
    statusLabel(r.status, 'provider'),
    answered ?? '',
    r.reason ?? '',
    r.provider.organisation,
    r.contact.name,
    r.contact.email,
  ];
}

/**
 * The list as a file, every request the filters keep. Written by csv-stringify as the
 * encounters export is (exports.ts): RFC 4180 quoting, CRLF, a BOM, and formula injection
 * neutralised (a cell starting with =, +, -, @, tab or CR gets a leading single quote).
 */
export async function providerRequestsCsv(store: Store, owners: RequestOwners, filters: RequestListFilters, now = new Date()): Promise<CsvFile> {
  const { requests } = await providerRequestList(store, owners, filters, now);
  const answered = await answeredOn(store, requests.map((r) => r.request));
  const csv = spreadsheetCsv(
    requests.map((r) => requestsCsvRow(r, answered.get(r.request.id))),
    REQUESTS_CSV_COLUMNS,
  );
  return { filename: `requests-${londonDate(now.toISOString())}.csv`, csv };
}
