// Places in a slot (P-SLOT): for every slot, at all times, the approved encounters and the
// waiting requests that hold a place together never exceed its capacity, whatever the
// school's "a request waiting for your answer holds its place" setting. The store keeps
// one `held` count per slot item (every place taken, held or approved); these pure rules
// say when a request takes a place, what a full slot answers, and which capacity changes
// would leave a slot with more places taken than it has.
import { formatDate, formatTime } from './dates.ts';
import { DomainError, type RuleViolation } from './errors.ts';
import type { Party } from './state-machine.ts';
import type { IsoDate, LocalTime, Opportunity } from './types.ts';

/** A dated slot of an opportunity with the places it has left (GET /api/schools/{urn}/slots, a coverage gap's fix). */
export interface OpenSlot {
  opportunityId: string;
  title: string;
  sessionType: string;
  yearGroups: number[];
  date: string;
  start: string;
  end: string;
  capacity: number;
  placesLeft: number;
  venue: string;
}

type Timed = { status: string; date: IsoDate; start: LocalTime };

/**
 * Whether a request in state `after` must take a place in the slot it chose, given that it
 * holds none: an approved request on the slot's date and start time (approved from waiting,
 * an accepted alternative at the slot's time, or moved back onto it). A request that holds
 * a place keeps it by `keepsSlotPlace`; this is only for one that does not.
 */
export function takesSlotPlace(after: Timed, slot: { date: IsoDate; start: LocalTime }): boolean {
  return after.status === 'approved' && after.date === slot.date && after.start === slot.start;
}

const places = (n: number) => `${n} ${n === 1 ? 'place' : 'places'}`;

/** SLOT_FULL for a change that would take a place in a full slot, worded for who acts. */
export function slotFull(slot: { date: IsoDate; start: LocalTime }, capacity: number, party: Party): DomainError {
  const when = `${formatDate(slot.date)} at ${formatTime(slot.start)}`;
  const message =
    party === 'school'
      ? `The slot on ${when} has no places left: its ${places(capacity)} ${capacity === 1 ? 'is' : 'are'} taken by approved or waiting requests. ` +
        "Decline this request, propose another time, or raise the opportunity's capacity in your settings and then approve it."
      : `The slot on ${when} has no places left, so this time cannot be booked. Ask the school for another time, or withdraw the request.`;
  return new DomainError('SLOT_FULL', message, { rule: 'P-SLOT', field: 'slot', fields: { slot: `The slot on ${when} has no places left.` } });
}

/** A slot item's places as the store counts them. */
export interface TakenPlaces {
  opportunityId: string;
  date: IsoDate;
  time: LocalTime;
  held: number;
}

/**
 * CAPACITY_BELOW_TAKEN for each opportunity whose capacity a save lowers below the places
 * already taken in one of its coming slots, at `<index>.capacity` of the saved list, naming
 * each such slot and its places taken. Raising a capacity, or lowering it to what is taken,
 * is always allowed.
 */
export function capacityBelowTaken(before: readonly Opportunity[], wanted: readonly Opportunity[], coming: readonly TakenPlaces[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  wanted.forEach((o, index) => {
    const previous = before.find((b) => b.id === o.id);
    if (!previous || o.capacity >= previous.capacity) return;
    const over = coming
      .filter((s) => s.opportunityId === o.id && s.held > o.capacity)
      .sort((a, b) => `${a.date}T${a.time}`.localeCompare(`${b.date}T${b.time}`));
    if (over.length === 0) return;
    const most = Math.max(...over.map((s) => s.held));
    const named = over.map((s) => `${s.held} on ${formatDate(s.date)} at ${formatTime(s.time)}`).join('; ');
    out.push({
      code: 'CAPACITY_BELOW_TAKEN',
      rule: 'P-SLOT',
      field: `${index}.capacity`,
      message:
        `"${o.title}" already has more than ${places(o.capacity)} taken in ${over.length === 1 ? 'a coming slot' : `${over.length} coming slots`} (${named}). ` +
        `Keep its capacity at ${most} or more, or first decline, cancel or move requests in ${over.length === 1 ? 'that slot' : 'those slots'}.`,
    });
  });
  return out;
}
