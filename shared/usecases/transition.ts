// Applying one action of the state machine to a stored request, with what it implies in
// the table: the slot place it gives back or takes, and the year-group days it books or
// frees. An approval (or a move onto the slot's time) of a request that holds no place
// takes one only while the slot has room (P-SLOT), so approved encounters and waiting
// requests that hold a place never exceed a slot's capacity: the loser of a race for the
// last place gets SLOT_FULL. A concurrent change of a year-group day re-reads and
// re-checks, so two overlapping approvals cannot both succeed (the loser gets YEAR_GROUP_BUSY).
import { transition, type ActionInputs, type Actor, type RequestAction } from '#shared/domain/state-machine.ts';
import { slotFull, takesSlotPlace } from '#shared/domain/slot-places.ts';
import { bookingChange, bookYearGroups, keepsSlotPlace, releaseYearGroups, slotKey } from '#shared/domain/year-group-days.ts';
import type { Store } from '#shared/store/client.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import { saveTransition, SlotFullError, StaleDayError, type TransitionWrite } from '#shared/store/transitions.ts';
import { getYearGroupDays, type StoredYearGroupDay } from '#shared/store/year-group-days.ts';
import { placeToTake } from './slot-places.ts';

const MAX_ATTEMPTS = 8;

export async function applyAction<A extends RequestAction>(
  store: Store,
  request: StoredRequest,
  action: A,
  actor: Actor,
  input: ActionInputs[A],
  now = new Date(),
  options: { useToken?: string } = {},
): Promise<StoredRequest> {
  for (let attempt = 1; ; attempt++) {
    const result = transition(request, action, actor, input, now.toISOString());
    const after: StoredRequest = { ...result.request };
    const write: TransitionWrite = { before: request, after, event: { ...result.event, urn: request.urn } };
    let taking: Awaited<ReturnType<typeof placeToTake>>;
    if (request.heldSlot && !keepsSlotPlace(after, request.heldSlot)) {
      write.releaseSlot = request.heldSlot;
      delete after.heldSlot;
    } else if (!request.heldSlot && request.slot && takesSlotPlace(after, request.slot)) {
      // Before the year-group days: a full slot is the answer even when the time is taken too.
      taking = await placeToTake(store, request.urn, request.slot, actor);
      if (taking) write.takeSlot = after.heldSlot = taking.hold;
    }
    try {
      write.days = await dayWrites(store, request, after);
    } catch (err) {
      // The winner of a race for the last place also took its year groups' time: the full slot is the answer then.
      if (taking && request.slot) await placeToTake(store, request.urn, request.slot, actor);
      throw err;
    }
    if (options.useToken) write.useToken = { secret: options.useToken, purpose: 'action', now };
    try {
      return await saveTransition(store, write);
    } catch (err) {
      if (err instanceof SlotFullError && taking && request.slot) throw slotFull(request.slot, taking.capacity, actor.party);
      if (!(err instanceof StaleDayError) || attempt >= MAX_ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}

async function dayWrites(store: Store, before: StoredRequest, after: StoredRequest): Promise<TransitionWrite['days']> {
  const change = bookingChange(before, after);
  const writes = new Map<string, { read: StoredYearGroupDay; intervals: StoredYearGroupDay['intervals'] }>();
  const key = (d: { date: string; yearGroup: number }) => `${d.date}|${d.yearGroup}`;
  if (change.release) {
    const read = await getYearGroupDays(store, before.urn, change.release.date, change.release.yearGroups);
    releaseYearGroups(read, before.id).forEach((d, i) => writes.set(key(d), { read: read[i]!, intervals: d.intervals }));
  }
  if (change.book) {
    const read = await getYearGroupDays(store, after.urn, change.book.date, change.book.yearGroups);
    // A day also being released (same day, new time) is checked as it will be after the release.
    const current = read.map((d) => ({ ...d, intervals: writes.get(key(d))?.intervals ?? d.intervals }));
    // On its slot's time, an encounter shares the time with the slot's other encounters (a careers fair).
    const onSlot = after.heldSlot && keepsSlotPlace(after, after.heldSlot) ? { slot: slotKey(after.heldSlot) } : {};
    const booked = bookYearGroups(current, { start: change.book.start, end: change.book.end, requestId: after.id, ...onSlot });
    booked.forEach((d, i) => writes.set(key(d), { read: read[i]!, intervals: d.intervals }));
  }
  return [...writes.values()];
}

/**
 * Whether an approved encounter could move to `when` as the year-group days stand now
 * (YEAR_GROUP_BUSY at the date otherwise): the check a move's approval makes in its
 * transaction, made early so a provider asking for a taken time hears so at once. Writes nothing.
 */
export async function checkMoveFits(store: Store, request: StoredRequest, when: { date: string; start: string; end: string }): Promise<void> {
  await dayWrites(store, request, { ...request, ...when });
}
