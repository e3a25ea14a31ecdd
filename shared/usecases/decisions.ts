// The careers lead's decisions on a request, each one conditional transaction through the
// state machine: approve, decline with a reason, propose another time (the rules run on
// it), cancel, and record delivery (or that it did not happen).
import { checkProposedTime } from '#shared/domain/rules.ts';
import { errorFromViolations } from '#shared/domain/errors.ts';
import type { Actor } from '#shared/domain/state-machine.ts';
import type { Decision, DecisionBody } from '#shared/api/manage.ts';
import { AppError } from '#shared/errors.ts';
import type { Store } from '#shared/store/client.ts';
import type { StoredRequest } from '#shared/store/requests.ts';
import type { StoredSchool } from '#shared/store/schools.ts';
import type { StaffRoleRecord } from '#shared/store/staff.ts';
import { applyAction } from './transition.ts';

export function schoolActor(role: Pick<StaffRoleRecord, 'email' | 'name' | 'role'>): Actor {
  return { party: 'school', id: role.email, name: role.name, role: role.role };
}

function need<T>(value: T | undefined, field: string, message: string): T {
  if (value === undefined || value === '') throw new AppError(400, 'FIELD_REQUIRED', message, { fields: { [field]: message } });
  return value;
}

/** A date and time the school offers: given, and school time (R-HOURS); the school may waive its own notice. */
function schoolTime(school: StoredSchool, body: DecisionBody, now: Date) {
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
  body: DecisionBody,
  actor: Actor,
  now = new Date(),
  options: { useToken?: string } = {},
): Promise<StoredRequest> {
  const o = options;
  switch (decision) {
    case 'approve':
      return applyAction(store, request, 'approve', actor, { ...(body.note ? { note: body.note } : {}), ...(body.venue ? { venue: body.venue } : {}) }, now, o);
    case 'decline': {
      const reason = [body.reason, body.note].filter(Boolean).join(': ');
      return applyAction(store, request, 'decline', actor, { reason }, now, o);
    }
    case 'reschedule': {
      // Moving an approved encounter: the new time must be school time (R-HOURS); a reason is required by the state machine.
      const when = schoolTime(school, body, now);
      return applyAction(store, request, 'reschedule', actor, { ...when, reason: body.reason ?? '' }, now, o);
    }
    case 'propose': {
      const when = schoolTime(school, body, now);
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
    case 'cancel':
      return applyAction(store, request, 'cancel', actor, { reason: body.reason ?? '' }, now, o);
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
          ...(body.note ? { note: body.note } : {}),
        },
        now,
        o,
      );
  }
}
