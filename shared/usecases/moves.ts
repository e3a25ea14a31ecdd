// Issue 14, item 5: a provider's new time for a request already made. Asking to move an
// approved encounter (the lead approves or declines the move: decisions.ts), and answering
// the school's proposed time with another (a counter-offer: back to the school, pending).
// Either time is checked by exactly the rules of creating a request (create-request.ts's
// checkProviderTime), and each change is one conditional transaction (transition.ts).
import { responseDeadline } from '#shared/domain/calendar.ts';
import type { StoredRequest, StoredSchool } from '#shared/domain/records.ts';
import type { Actor, TimeSlot } from '#shared/domain/state-machine.ts';
import type { Store } from '#shared/store/client.ts';
import { checkProviderTime } from './create-request.ts';
import { applyAction, checkMoveFits } from './transition.ts';

export interface NewTime extends Partial<TimeSlot> {
  /** A move's reason (required), or a counter-offer's message (optional). */
  reason?: string;
  message?: string;
}

function timeOf(input: NewTime): TimeSlot {
  return { date: input.date ?? '', start: input.start ?? '', end: input.end ?? '' };
}

/** The provider asks to move an approved encounter; it stays at its time until the school answers. */
export async function askToMove(store: Store, school: StoredSchool, request: StoredRequest, actor: Actor, input: NewTime, now = new Date()): Promise<StoredRequest> {
  const when = timeOf(input);
  // The state machine first: a request that cannot move (not approved, already started, a move waiting) says so before any rule.
  if (request.status === 'approved' && !request.move) {
    await checkProviderTime(store, school, request, when, now);
    await checkMoveFits(store, request, when);
  }
  return applyAction(store, request, 'ask_move', actor, { ...when, reason: input.reason ?? '' }, now);
}

/** The provider answers the school's proposed time with its own: pending again, the school's time to answer counted afresh. */
export async function counterOffer(store: Store, school: StoredSchool, request: StoredRequest, actor: Actor, input: NewTime, now = new Date()): Promise<StoredRequest> {
  const when = timeOf(input);
  if (request.status === 'alternative_proposed') await checkProviderTime(store, school, request, when, now);
  // Counted only for a time that passed the rules; otherwise the state machine refuses the counter as it stands.
  const deadline = request.status === 'alternative_proposed' ? responseDeadline(school, now.toISOString(), when.date) : request.responseDeadline;
  return applyAction(store, request, 'counter', actor, { ...when, responseDeadline: deadline, ...(input.message ? { message: input.message } : {}) }, now);
}
