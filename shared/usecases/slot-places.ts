// The places of one dated slot as a booking sees them (P-SLOT): the slot item's own
// capacity and places taken once it has been booked, the opportunity's before. Used when a
// provider requests a slot and when a transition takes a place in it.
import { expandOpportunity } from '#shared/domain/calendar.ts';
import type { SlotRef, SlotState } from '#shared/domain/rules.ts';
import { slotFull } from '#shared/domain/slot-places.ts';
import type { Actor } from '#shared/domain/state-machine.ts';
import type { Store } from '#shared/store/client.ts';
import { getOpportunity } from '#shared/store/opportunities.ts';
import type { SlotHold } from '#shared/domain/records.ts';
import { getSchoolProfile } from '#shared/store/schools.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import { ensureSlot, getSlot } from '#shared/store/slots.ts';

/**
 * The dated slot with its places taken, or undefined when the opportunity no longer offers
 * it on that date; `stored`: its item exists already (booked before). The item's capacity
 * wins over the opportunity's: it is what the conditional writes compare against.
 */
export type ResolvedSlot = SlotState & { stored: boolean };

export async function resolveSlot(store: Store, school: StoredSchool, ref: { opportunityId: string; date: string }): Promise<ResolvedSlot | undefined> {
  // Read by its key (issue 13, item 5), not found among all of the school's.
  const opportunity = await getOpportunity(store, school.urn, ref.opportunityId);
  if (!opportunity) return undefined;
  const [dated] = expandOpportunity(school, opportunity, ref.date, ref.date);
  if (!dated) return undefined;
  const stored = await getSlot(store, school.urn, dated.date, dated.start, dated.opportunityId);
  return { ...dated, capacity: stored?.capacity ?? dated.capacity, held: stored?.held ?? 0, stored: Boolean(stored) };
}

/**
 * The place a request without one is about to take in the slot it chose, with the slot
 * item written first if the slot was never booked. Throws SLOT_FULL at once when the
 * slot is full as read (the transaction's condition settles a race). Undefined when the
 * slot is no longer offered and was never booked: there are no places to count then.
 */
export async function placeToTake(store: Store, urn: string, ref: SlotRef, actor: Actor): Promise<{ hold: SlotHold; capacity: number } | undefined> {
  const hold: SlotHold = { date: ref.date, time: ref.start, opportunityId: ref.opportunityId };
  const stored = await getSlot(store, urn, ref.date, ref.start, ref.opportunityId);
  if (stored) {
    if (stored.held >= stored.capacity) throw slotFull(ref, stored.capacity, actor.party);
    return { hold, capacity: stored.capacity };
  }
  const school = await getSchoolProfile(store, urn);
  const dated = school ? await resolveSlot(store, school, ref) : undefined;
  if (!dated || dated.start !== ref.start) return undefined;
  await ensureSlot(store, { urn, ...hold, capacity: dated.capacity });
  return { hold, capacity: dated.capacity };
}
