// A school's requests for its staff (GET /api/manage/schools/{urn}/requests): the dashboard
// lists, or one status's history within dates, and which of the addresses on it the
// service sends nothing to (SES reported them bouncing for good or complaining), so the
// careers lead reaches those people another way.
import type { ManagedRequest, SchoolBoard } from '#shared/domain/read-models.ts';
import type { SchoolRequestStatus } from '#shared/domain/types.ts';
import type { Store } from '#shared/store/client.ts';
import { suppressedAmong } from '#shared/store/suppressions.ts';
import { dashboard, requestHistory } from './dashboard.ts';
import { requireSchool } from './schools.ts';

export type SchoolRequests = ({ board: SchoolBoard } | { history: ManagedRequest[] }) & {
  /** In lower case: the school's lead's and the listed providers' addresses the service no longer emails. */
  suppressedAddresses: string[];
};

export async function schoolRequests(store: Store, urn: string, query: { status?: SchoolRequestStatus | undefined; from?: string | undefined; to?: string | undefined }): Promise<SchoolRequests> {
  const school = await requireSchool(store, urn);
  const read: { board: SchoolBoard } | { history: ManagedRequest[] } = query.status
    ? { history: await requestHistory(store, school, query.status, query) }
    : { board: await dashboard(store, school) };
  const listed = 'history' in read ? read.history : [...read.board.needsDecision, ...read.board.awaitingProvider, ...read.board.upcoming];
  const suppressedAddresses = await suppressedAmong(store, [school.careersLead.email, ...listed.map((r) => r.request.contact.email)]);
  return { ...read, suppressedAddresses };
}
