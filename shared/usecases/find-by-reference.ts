// Finding a request by the reference a person reads out or types (issue 14, item 6): the
// careers lead among their school's requests, a provider among their own and their organisation's. A reference of
// any other request is not found, with the same answer as one nobody has, so a search
// tells nobody what exists elsewhere. The edge has already read the typed reference
// (shared/domain/reference.ts forgives case, spaces, missing dashes and look-alikes).
import { DomainError } from '#shared/domain/errors.ts';
import type { RequestReference } from '#shared/domain/reference.ts';
import type { Store } from '#shared/store/client.ts';
import { getRequest, requestIdByReference } from '#shared/store/requests.ts';
import { requestOfOwners, type RequestOwners } from './provider-request-list.ts';
import { requireSchool } from './schools.ts';

/** What a search answers: where to go. */
export interface FoundRequest {
  id: string;
  reference: RequestReference;
}

const notFound = (message: string) => new DomainError('REQUEST_NOT_FOUND', message, { fields: { reference: message } });

/** The request of school `urn` with this reference; a request still waiting for its provider to confirm is not the school's yet. */
export async function findSchoolRequestByReference(store: Store, urn: string, reference: RequestReference): Promise<FoundRequest> {
  const [school, found] = await Promise.all([requireSchool(store, urn), requestIdByReference(store, reference)]);
  const request = found && found.urn === urn ? await getRequest(store, urn, found.id) : undefined;
  if (!request || request.status === 'unconfirmed') throw notFound(`No request at ${school.name} has the reference ${reference}. Check it against the email about the request.`);
  return { id: request.id, reference };
}

/** The request with this reference, only if it is one of the owners' (the lookup is the authorisation, as for an id). */
export async function findProviderRequestByReference(store: Store, owners: RequestOwners, reference: RequestReference, now = new Date()): Promise<FoundRequest> {
  const found = await requestIdByReference(store, reference);
  const request = found ? await requestOfOwners(store, owners, found.id, now) : undefined;
  if (!request) throw notFound(`None of your requests has the reference ${reference}. Check it against the email about the request.`);
  return { id: request.id, reference };
}
