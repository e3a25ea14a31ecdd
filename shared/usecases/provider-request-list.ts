// All of a provider's requests in one place (issue 15, item 3): the filtered, sorted list with
// counts by status, and the same list as a CSV file. "Whose requests" is one input, the
// owners: the signed-in provider's organisation (every request of it, whoever sent it) and
// the provider's own address (what it sent outside any organisation).
import { listRequests, schoolAnsweredAt, type RequestList, type RequestListFilters } from '#shared/domain/request-list.ts';
import type { ProviderRequestRead } from '#shared/domain/read-models.ts';
import { statusLabel, SESSION_TYPE_LABELS } from '#shared/domain/labels.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import { formatYearGroups } from '#shared/domain/year-groups.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import type { Store } from '#shared/store/client.ts';
import { spreadsheetCsv, type CsvFile } from './csv.ts';
import { listRequestEvents } from '#shared/store/request-events.ts';
import { findRequestOfOrganisation, findRequestOfProvider, listRequestsOfOrganisation, listRequestsOfProvider } from '#shared/store/requests.ts';
import { getSchoolNames } from '#shared/store/schools.ts';

/**
 * Whose requests a list shows: the organisation's (when there is one: every request stamped
 * with it, issue 15 item 1) and the addresses that sent them.
 */
export interface RequestOwners {
  organisationId?: string;
  emails: readonly string[];
}

export const ownRequests = (email: string): RequestOwners => ({ emails: [email] });

/** What the owners are built from: a provider route's caller (shared/http/access.ts ProviderCaller), read afresh on every call. */
export interface ProviderIdentity {
  session: { email: string };
  membership?: { organisationId: string };
}

/** The caller's requests: their organisation's, when they belong to one now, and their own address's. A removed member has only their own. */
export const ownersOf = (caller: ProviderIdentity): RequestOwners => ({
  ...(caller.membership ? { organisationId: caller.membership.organisationId } : {}),
  emails: [caller.session.email],
});

/** Every stored request of the owners, each once: one query of the organisation's partition (gsi3) and of each address's (gsi2), never a scan. */
async function storedRequestsOf(store: Store, owners: RequestOwners, now: Date): Promise<StoredRequest[]> {
  const lists = await Promise.all([
    ...(owners.organisationId ? [listRequestsOfOrganisation(store, owners.organisationId, now)] : []),
    ...[...new Set(owners.emails.map((e) => e.toLowerCase()))].map((email) => listRequestsOfProvider(store, email, 'every', now)),
  ]);
  const byId = new Map<string, StoredRequest>();
  for (const r of lists.flat()) if (ownedBy(owners, r)) byId.set(r.id, r);
  return [...byId.values()];
}

/**
 * Whether the owners hold a request they found: one of their organisation's, or one their
 * address sent that belongs to no organisation. A request of an organisation stays with it:
 * its sender, once removed (or moved to another), no longer sees it.
 */
const ownedBy = (owners: RequestOwners, r: StoredRequest): boolean => r.organisationId === undefined || r.organisationId === owners.organisationId;

/**
 * Every request of the owners, with its school's name (one batch read of the names: a
 * college writes to many schools, not a profile read per school in turn).
 */
export async function requestsOf(store: Store, owners: RequestOwners, now: Date): Promise<ProviderRequestRead[]> {
  const requests = await storedRequestsOf(store, owners, now);
  const names = await getSchoolNames(store, requests.map((r) => r.urn));
  return requests.map((r) => ({ request: r, schoolName: names.get(r.urn) ?? r.urn }));
}

/** One request of the owners by id, or undefined: the organisation's partition, then each address's. The lookup is the authorisation. */
export async function requestOfOwners(store: Store, owners: RequestOwners, id: string, now: Date): Promise<StoredRequest | undefined> {
  if (owners.organisationId) {
    const found = await findRequestOfOrganisation(store, owners.organisationId, id, now);
    if (found) return found;
  }
  for (const email of owners.emails) {
    const found = await findRequestOfProvider(store, email, id, now);
    if (found && ownedBy(owners, found)) return found;
  }
  return undefined;
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
