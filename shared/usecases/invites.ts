// "Add to calendar" on either side's request page (issue 14, item 5): an approved encounter
// as an .ics file, built by the same code as the emailed invitations (shared/mail/calendar.ts)
// with the same UID and the SEQUENCE last sent, so a calendar that already has the emailed
// invitation keeps one entry. Each side gets its own copy (where to go, or who is coming).
import { DomainError } from '#shared/domain/errors.ts';
import type { StoredRequest, StoredSchool } from '#shared/domain/records.ts';
import { buildInvite } from '#shared/mail/calendar.ts';
import type { Store } from '#shared/store/client.ts';
import { requireSchool } from './schools.ts';
import { venueOf } from './venue.ts';

export interface InviteFile {
  filename: string;
  ics: string;
}

/** The encounter's .ics for one side; refused (404) while the request is not approved. */
export async function inviteFile(store: Store, request: StoredRequest, audience: 'lead' | 'provider', now = new Date(), known?: StoredSchool): Promise<InviteFile> {
  if (request.status !== 'approved' || request.calendarSequence === undefined) {
    throw new DomainError('CALENDAR_NOT_FOUND', 'This request is not an approved encounter, so there is nothing to add to a calendar yet.');
  }
  const [school, venue] = await Promise.all([known ?? requireSchool(store, request.urn), venueOf(store, request)]);
  const ics = buildInvite({ request, school, method: 'PUBLISH', sequence: request.calendarSequence, now, audience, ...(venue ? { venue } : {}) });
  return { filename: `provider-access-${request.date}.ics`, ics };
}
