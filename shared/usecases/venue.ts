// Where an encounter takes place: the venue the careers lead gave when approving, else the
// venue of the slot's opportunity (a request on a slot), else none (the school's address
// alone). Emails and invitations are given it from here, so both sides see the same place.
import type { StoredRequest } from '#shared/domain/records.ts';
import type { Store } from '#shared/store/client.ts';
import { getOpportunity } from '#shared/store/opportunities.ts';

export async function venueOf(store: Store, request: Pick<StoredRequest, 'urn' | 'venue' | 'slot'>): Promise<string | undefined> {
  if (request.venue) return request.venue;
  if (!request.slot) return undefined;
  return (await getOpportunity(store, request.urn, request.slot.opportunityId))?.venue || undefined;
}
