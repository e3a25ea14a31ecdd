// The careers lead's decisions on a request, each one conditional transaction through the
// state machine: approve, decline with a reason, propose another time (the rules run on
// it), cancel, record delivery (or that it did not happen), and keep an encounter despite
// a later change. Every decision that books or offers a time checks the booking again
// against the school as it is now (issue 11, shared/usecases/attention.ts).
import { bookingOf } from '#shared/domain/recheck.ts';
import { checkProposedTime } from '#shared/domain/rules.ts';
import { DomainError, errorFromViolations } from '#shared/domain/errors.ts';
import type { Actor } from '#shared/domain/state-machine.ts';
import type { Decision, DecisionDetails } from '#shared/domain/decisions.ts';
import type { Store } from '#shared/store/client.ts';
import type { StoredRequest } from '#shared/domain/records.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import type { StaffRoleRecord } from '#shared/domain/records.ts';
import { bookingAttention, requireStillAllowed, slotOpportunity } from './attention.ts';
import { applyAction } from './transition.ts';

export function schoolActor(role: Pick<StaffRoleRecord, 'email' | 'name' | 'role'>): Actor {
  return { party: 'school', id: role.email, name: role.name, role: role.role };
}

function need<T>(value: T | undefined, field: string, message: string): T {
  if (value === undefined || value === '') throw new DomainError('FIELD_REQUIRED', message, { fields: { [field]: message } });
  return value;
}

/** A date and time the school offers: given, and school time (R-HOURS); the school may waive its own notice. */
function schoolTime(school: StoredSchool, body: DecisionDetails, now: Date) {
  const when = {
    date: need(body.date, 'date', 'Enter the new date.'),
    start: need(body.start, 'start', 'Enter the new start time.'),
    end: need(body.end, 'end', 'Enter the new end time.'),
  };
  const refusal = errorFromViolations(checkProposedTime(school, when, { now: now.toISOString(), minimumNotice: false }));
  if (refusal) throw refusal;
  return when;
}

export async function decide(
  store: Store,
  school: StoredSchool,
  request: StoredRequest,
  decision: Decision,
  body: DecisionDetails,
  actor: Actor,
  now = new Date(),
  options: { useToken?: string } = {},
): Promise<StoredRequest> {
  const o = options;
  switch (decision) {
    case 'approve':
      // The request was checked when the provider sent it; the school may have changed since.
      if (request.status === 'pending') await requireStillAllowed(store, school, bookingOf(request), now, 'Propose another time, or decline the request.');
      return applyAction(store, request, 'approve', actor, { ...(body.note ? { note: body.note } : {}), ...(body.venue ? { venue: body.venue } : {}), ...(body.split ? { split: body.split } : {}) }, now, o);
    case 'decline': {
      const reason = [body.reason, body.note].filter(Boolean).join(': ');
      return applyAction(store, request, 'decline', actor, { reason }, now, o);
    }
    case 'reschedule': {
      // Moving an approved encounter: the new time must be school time (R-HOURS); a reason is required by the state machine.
      const when = schoolTime(school, body, now);
      await requireStillAllowed(store, school, { ...when, yearGroups: request.yearGroups }, now, 'Choose another time, or cancel the encounter.');
      return applyAction(store, request, 'reschedule', actor, { ...when, reason: body.reason ?? '' }, now, o);
    }
    case 'propose': {
      const when = schoolTime(school, body, now);
      await requireStillAllowed(store, school, { ...when, yearGroups: request.yearGroups }, now, 'Decline the request instead.');
      return applyAction(
        store,
        request,
        'propose',
        actor,
        { ...when, ...(body.message ? { message: body.message } : {}), ...(body.respondBy ? { respondBy: body.respondBy } : {}) },
        now,
        o,
      );
    }
    case 'approve-move': {
      // The provider's time was checked by create's rules when asked; the school may have changed since (its own notice waived, as for reschedule).
      if (request.status === 'approved' && request.move) {
        await requireStillAllowed(store, school, { ...request.move, yearGroups: request.yearGroups }, now, 'Decline the move, or move the encounter to another time yourself.');
      }
      return applyAction(store, request, 'approve_move', actor, { ...(body.note ? { note: body.note } : {}) }, now, o);
    }
    case 'decline-move': {
      const reason = [body.reason, body.note].filter(Boolean).join(': ');
      return applyAction(store, request, 'decline_move', actor, { reason }, now, o);
    }
    case 'cancel':
      return applyAction(store, request, 'cancel', actor, { reason: body.reason ?? '' }, now, o);
    case 'keep': {
      // What is kept is what the lead sees now: the problems computed live, as on the request's page.
      const problems = request.status === 'approved' ? bookingAttention(school, await slotOpportunity(store, school.urn, request), request, now) : [];
      return applyAction(store, request, 'keep', actor, { reason: body.reason ?? '', problems: problems.map(({ key, rule, message }) => ({ key, rule, message })) }, now, o);
    }
    case 'deliver':
      if (body.happened === false) {
        return applyAction(store, request, 'not_delivered', actor, { ...(body.reason ? { reason: body.reason } : {}) }, now, o);
      }
      return applyAction(
        store,
        request,
        'deliver',
        actor,
        {
          content: body.content ?? { provider: false, careers: false, learning: false, questions: false },
          attendance: body.attendance ?? [],
          ...(body.split ? { split: body.split } : {}),
          ...(body.note ? { note: body.note } : {}),
        },
        now,
        o,
      );
  }
}
