// A provider's list of its requests (issue 15, item 3): which of them a set of filters keeps,
// in which order, and how many there are in each status. Pure: the use case reads the
// provider's own requests (one key range) and hands them here.
import { REQUEST_STATUSES, type IsoDate, type RequestStatus, type SessionType, type YearGroup } from './types.ts';

export const REQUEST_SORTS = ['date-desc', 'date-asc', 'school', 'status'] as const;
export type RequestSort = (typeof REQUEST_SORTS)[number];

/** Every filter is optional; a list filter keeps a request matching any of its values. */
export interface RequestListFilters {
  statuses?: readonly RequestStatus[];
  urn?: string;
  /** The encounter's date, from..to inclusive. */
  from?: IsoDate;
  to?: IsoDate;
  /** A request for any of these year groups. */
  yearGroups?: readonly YearGroup[];
  sessionTypes?: readonly SessionType[];
  sort?: RequestSort;
}

/** What the list needs of one request: the stored request's fields and its school's name. */
export interface ListedRequest {
  request: { id: string; urn: string; status: RequestStatus; date: IsoDate; start: string; yearGroups: readonly number[]; sessionType: SessionType };
  schoolName: string;
}

export type StatusCounts = Record<RequestStatus, number>;

export interface RequestList<T extends ListedRequest> {
  /** The requests every filter keeps, in the order asked for. */
  requests: T[];
  /**
   * How many requests are in each status among those the other filters keep (school, dates,
   * year groups, session type): what each status would show if chosen next.
   */
  counts: StatusCounts;
  /** Every school among all the requests, whatever the filters, by name: the school filter's choices. */
  schools: { urn: string; name: string }[];
}

function keptByAllButStatus(f: RequestListFilters, { request: r }: ListedRequest): boolean {
  if (f.urn && r.urn !== f.urn) return false;
  if (f.from && r.date < f.from) return false;
  if (f.to && r.date > f.to) return false;
  if (f.yearGroups?.length && !r.yearGroups.some((y) => f.yearGroups?.includes(y))) return false;
  if (f.sessionTypes?.length && !f.sessionTypes.includes(r.sessionType)) return false;
  return true;
}

const when = ({ request: r }: ListedRequest) => `${r.date}T${r.start}#${r.id}`;
const statusRank = (s: RequestStatus) => REQUEST_STATUSES.indexOf(s);

/** Ties go by date, soonest first, so that a school's or a status's requests read as a diary. */
export function compareRequests(sort: RequestSort): (a: ListedRequest, b: ListedRequest) => number {
  switch (sort) {
    case 'date-asc':
      return (a, b) => when(a).localeCompare(when(b));
    case 'date-desc':
      return (a, b) => when(b).localeCompare(when(a));
    case 'school':
      return (a, b) => a.schoolName.localeCompare(b.schoolName, 'en-GB', { sensitivity: 'base' }) || a.request.urn.localeCompare(b.request.urn) || when(a).localeCompare(when(b));
    case 'status':
      return (a, b) => statusRank(a.request.status) - statusRank(b.request.status) || when(a).localeCompare(when(b));
  }
}

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

/** The filtered, sorted list and the counts by status (latest date first unless asked). */
export function listRequests<T extends ListedRequest>(all: readonly T[], filters: RequestListFilters): RequestList<T> {
  const counts = emptyCounts();
  const requests: T[] = [];
  for (const item of all) {
    if (!keptByAllButStatus(filters, item)) continue;
    counts[item.request.status] += 1;
    if (!filters.statuses?.length || filters.statuses.includes(item.request.status)) requests.push(item);
  }
  requests.sort(compareRequests(filters.sort ?? 'date-desc'));
  const schools = new Map(all.map((r) => [r.request.urn, r.schoolName]));
  return { requests, counts, schools: [...schools].map(([urn, name]) => ({ urn, name })).sort((a, b) => a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' })) };
}

/** When the school answered the request (approved, declined or proposed another time), from its trail; undefined if it has not. */
export function schoolAnsweredAt(events: readonly { from: string | null; to: string; at: string; actor: { party: string } }[]): string | undefined {
  return events.find((e) => e.from === 'pending' && e.to !== 'pending' && e.actor.party === 'school')?.at;
}
