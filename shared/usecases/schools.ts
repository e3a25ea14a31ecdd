// What the public sees of a school: its profile and opportunities, and its dated slots
// with places left (recurring patterns expanded, closures and bank holidays skipped).
import { daysBetween } from '#shared/domain/dates.ts';
import { providerAccessYears } from '#shared/domain/year-groups.ts';
import type { PublicSchoolRead } from '#shared/domain/read-models.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import type { SchoolSummary } from '#shared/domain/school-summary.ts';
import type { OpenSlot } from '#shared/domain/slot-places.ts';
import { openSlotsOf } from '#shared/domain/school-month.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { Store } from '#shared/store/client.ts';
import { searchSchools } from '#shared/store/directory.ts';
import { listOpportunities } from '#shared/store/opportunities.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import { listSlotsOfSchool } from '#shared/store/slots.ts';

/** A slot listing covers at most about a term at a time. */
export const MAX_SLOT_RANGE_DAYS = 120;

export async function requireSchool(store: Store, urn: string): Promise<StoredSchool> {
  const school = await getSchoolProfile(store, urn);
  if (!school) throw new DomainError('SCHOOL_NOT_FOUND', `There is no school with URN ${urn}. Check the number, or search by name.`);
  return school;
}

export async function publicSchool(store: Store, urn: string): Promise<PublicSchoolRead> {
  const [school, opportunities] = await Promise.all([requireSchool(store, urn), listOpportunities(store, urn)]);
  return { school, opportunities };
}

/** A range of dates to look for slots in: in order, and at most MAX_SLOT_RANGE_DAYS long. */
export function checkSlotRange(from: string, to: string): void {
  const span = daysBetween(from, to);
  if (span < 0) throw new DomainError('DATE_RANGE_REVERSED', 'The "to" date is before the "from" date; swap them.', { fields: { 'query.to': 'Choose a date on or after the "from" date.' } });
  if (span > MAX_SLOT_RANGE_DAYS) {
    throw new DomainError('DATE_RANGE_TOO_LONG', `Ask for at most ${MAX_SLOT_RANGE_DAYS} days of slots at a time.`, {
      fields: { 'query.to': `Choose a date within ${MAX_SLOT_RANGE_DAYS} days of the "from" date.` },
    });
  }
}

export async function availableSlots(store: Store, urn: string, from: string, to: string): Promise<OpenSlot[]> {
  checkSlotRange(from, to);
  const [school, opportunities, booked] = await Promise.all([requireSchool(store, urn), listOpportunities(store, urn), listSlotsOfSchool(store, urn, from, to)]);
  if (providerAccessYears(school).length === 0) return [];
  return openSlotsOf(school, opportunities, booked, from, to);
}

/** The directory: schools by name, URN, town or postcode prefix. */
export async function findSchools(store: Store, query: string): Promise<SchoolSummary[]> {
  return searchSchools(store, query);
}

/**
 * The schools of a trust where the caller is a trust admin (a trust admin's role is per
 * school, so the trust is the schools whose profile names it and where the caller has that
 * role), by name; NOT_YOUR_TRUST with `refusal` when there is none.
 */
export async function trustSchoolsOf(
  store: Store,
  caller: { roles: readonly { urn: string; role: string }[] },
  trustId: string,
  refusal: string,
): Promise<{ trust: { id: string; name: string }; schools: StoredSchool[] }> {
  const urns = caller.roles.filter((r) => r.role === 'trust_admin').map((r) => r.urn);
  const profiles = await Promise.all(urns.map((urn) => getSchoolProfile(store, urn)));
  const schools = profiles.filter((s): s is StoredSchool => Boolean(s && s.trust?.id === trustId)).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const trust = schools[0]?.trust;
  if (!trust) throw new DomainError('NOT_YOUR_TRUST', refusal);
  return { trust: { id: trust.id, name: trust.name }, schools };
}
