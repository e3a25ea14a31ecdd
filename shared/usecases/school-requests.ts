// A school's requests for its staff (GET /api/manage/schools/{urn}/requests): the dashboard
// lists, or one status's history within dates, and which of the addresses on it the
// service sends nothing to (SES reported them bouncing for good or complaining), so the
// careers lead reaches those people another way.
import type { DashboardQuery } from '#shared/api/manage.ts';
import type { Store } from '#shared/store/client.ts';
import { suppressedAmong } from '#shared/store/suppressions.ts';
import { dashboard, requestHistory } from './dashboard.ts';
import { requireSchool } from './schools.ts';

export async function schoolRequests(store: Store, urn: string, query: DashboardQuery) {
  const school = await requireSchool(store, urn);
  const body = query.status ? { requests: await requestHistory(store, school, query.status, query) } : await dashboard(store, school);
  const listed = 'requests' in body ? body.requests : [...body.needsDecision, ...body.awaitingProvider, ...body.upcoming];
  // In lower case: the school's lead's and the listed providers' addresses.
  const suppressedAddresses = await suppressedAmong(store, [school.careersLead.email, ...listed.map((r) => r.contact.email)]);
  return { ...body, suppressedAddresses };
}
