// The careers lead's emailed links (approve / decline / propose). Opening one only reads:
// the page asks what the link is for (describeActionLink) and shows a confirmation.
// Confirming acts, once: the token is used up in the same transaction as the decision, and
// only while the lead still has a role there. Each request reads the link (its token, the
// request, the lead's roles, the school) once: acting decides with what describing read. The token reaches the API in a POST body
// (/api/actions/view, /api/actions), or in the path for links sent before issue 12 item 3.
import { MOVE_LINK_DECISIONS, type ActionForm, type DecisionDetails, type LinkDecision } from '#shared/domain/decisions.ts';
import type { StoredRequest, StoredSchool, TokenRecord } from '#shared/domain/records.ts';
import { realDate } from '#shared/domain/dates.ts';
import { FormRefusal, LINK_PROBLEM_CODES, LinkRefusal, type LinkProblemCode } from '#shared/domain/errors.ts';
import type { Store } from '#shared/store/client.ts';
import { getRequest } from '#shared/store/requests.ts';
import type { StaffRoleRecord } from '#shared/domain/records.ts';
import { listRolesOfUser } from '#shared/store/staff.ts';
import { readToken, tokenMessage } from '#shared/store/tokens.ts';
import { listRequestEvents } from '#shared/store/request-events.ts';
import { answeredWords } from '#shared/domain/state-machine.ts';
import { formatWhen } from '#shared/domain/timezone.ts';
import { decide, schoolActor } from './decisions.ts';
import { requireSchool } from './schools.ts';

export type { ActionForm } from '#shared/domain/decisions.ts';

export const LINK_PROBLEMS: ReadonlySet<string> = new Set(LINK_PROBLEM_CODES);

export type ActionLink =
  | { ok: true; token: TokenRecord; action: LinkDecision; request: StoredRequest; school: StoredSchool; role: StaffRoleRecord }
  | { ok: false; code: LinkProblemCode; message: string; request?: StoredRequest };

const LINK_ACTIONS: readonly string[] = ['approve', 'decline', 'propose', ...MOVE_LINK_DECISIONS];
const isMoveLink = (action: string) => (MOVE_LINK_DECISIONS as readonly string[]).includes(action);

/** What a link is for and whether it can still act. Never writes. */
export async function describeActionLink(store: Store, secret: string, now = new Date()): Promise<ActionLink> {
  const state = await readToken(store, secret, 'action', now);
  if (!state.ok) {
    const done = state.code === 'TOKEN_USED' ? await whatWasDone(store, state.token) : undefined;
    return { ok: false, code: state.code, message: done ? `${done} Each link works once; you can see the request in your dashboard.` : tokenMessage(state.code) };
  }
  const { token } = state;
  const { requestId, urn, action } = token.data;
  if (!requestId || !urn || !action || !LINK_ACTIONS.includes(action)) return { ok: false, code: 'TOKEN_INVALID', message: tokenMessage('TOKEN_INVALID') };
  const [request, roles] = await Promise.all([getRequest(store, urn, requestId), listRolesOfUser(store, token.email)]);
  if (!request) return { ok: false, code: 'TOKEN_INVALID', message: tokenMessage('TOKEN_INVALID') };
  const role = roles.find((r) => r.urn === urn);
  if (!role) {
    return { ok: false, code: 'NO_LONGER_STAFF', message: 'This link was sent to someone who no longer manages this school. Ask the careers lead to act on the request.' };
  }
  // A move's link answers the one ask it was sent for: while it waits, never a later one (issue 14, item 5).
  if (isMoveLink(action)) {
    if (request.status !== 'approved' || !request.move || request.move.askedAt !== token.data.askedAt) {
      const done = await whatWasDone(store, token);
      return { ok: false, code: 'ALREADY_DECIDED', message: `${done ?? 'This ask to move the encounter has already been answered, or the encounter has changed since.'} So this link no longer applies; you can see the request in your dashboard.`, request };
    }
    return { ok: true, token, action: action as LinkDecision, request, school: await requireSchool(store, urn), role };
  }
  if (request.status !== 'pending') {
    const done = await whatWasDone(store, token);
    return { ok: false, code: 'ALREADY_DECIDED', message: done ? `${done} So this link no longer applies; you can see the request in your dashboard.` : 'This request has already been answered, so the link no longer applies.', request };
  }
  return { ok: true, token, action: action as LinkDecision, request, school: await requireSchool(store, urn), role };
}

/** What answered the link's request, who and when ("You approved this request on …"); read only on a link that can no longer act. */
async function whatWasDone(store: Store, token: TokenRecord): Promise<string | undefined> {
  const { requestId, urn, action, askedAt } = token.data;
  if (!requestId || !urn) return undefined;
  const events = await listRequestEvents(store, urn, requestId);
  if (action && isMoveLink(action)) {
    // The answer to this link's ask: the move approved or declined after it was asked.
    const answer = events.find((e) => (e.type === 'MOVE_APPROVED' || e.type === 'MOVE_DECLINED') && askedAt !== undefined && e.at >= askedAt);
    if (!answer) return undefined;
    const who = answer.actor.id.toLowerCase() === token.email.toLowerCase() ? 'You' : (answer.actor.name ?? 'The school');
    return `${who} ${answer.type === 'MOVE_APPROVED' ? 'approved' : 'declined'} this move on ${formatWhen(answer.at)}.`;
  }
  return answeredWords(events, token.email, formatWhen);
}

/** Why a link cannot act, as the API says it: the link itself is what was asked for (not found, or gone). */
export function linkProblem(link: Extract<ActionLink, { ok: false }>): LinkRefusal {
  return new LinkRefusal(link.code, link.message);
}

/** A link that can still act (for its confirmation page), or why it cannot. Never writes. */
export async function viewActionLink(store: Store, secret: string, now = new Date()): Promise<Extract<ActionLink, { ok: true }>> {
  const link = await describeActionLink(store, secret, now);
  if (!link.ok) throw linkProblem(link);
  return link;
}

/** The form's fields as a decision, with a message at each field that needs one. */
export function decisionFromForm(action: LinkDecision, form: ActionForm, school: StoredSchool): DecisionDetails {
  if (action === 'approve' || action === 'approve-move') return { ...(form.note ? { note: form.note } : {}) };
  if (action === 'decline-move') {
    if (!form.reason) throw new FormRefusal('DECLINE_REASON_REQUIRED', 'Write why the encounter cannot move.', { reason: 'Write why the encounter cannot move.' });
    return { reason: form.reason };
  }
  if (action === 'decline') {
    const chosen = form.reason === 'other' ? form.otherReason : form.reason;
    if (!chosen) {
      const field = form.reason === 'other' ? 'otherReason' : 'reason';
      throw new FormRefusal('DECLINE_REASON_REQUIRED', 'Choose a reason for declining, or write your own.', {
        [field]: form.reason === 'other' ? 'Write the reason for declining.' : 'Choose a reason for declining.',
      });
    }
    if (form.reason !== 'other' && !school.groundsForRefusing.includes(chosen)) {
      throw new FormRefusal('DECLINE_REASON_UNKNOWN', 'Choose one of the listed reasons, or write your own.', { reason: 'Choose one of the listed reasons.' });
    }
    return { reason: chosen, ...(form.note ? { note: form.note } : {}) };
  }
  const [d, m, y] = [form['date-day'], form['date-month'], form['date-year']].map((v) => Number(v));
  const date = d && m && y && y >= 2000 && y <= 2100 ? realDate(y, m, d) : undefined;
  const fields: Record<string, string> = {};
  if (!date) fields['date-day'] = 'Enter a real date, for example 12 1 2027.';
  if (!form.start || !/^\d{2}:\d{2}$/.test(form.start)) fields.start = 'Enter a start time like 09:30.';
  if (!form.end || !/^\d{2}:\d{2}$/.test(form.end)) fields.end = 'Enter an end time like 10:15.';
  if (Object.keys(fields).length) throw new FormRefusal('VALIDATION_FAILED', 'Check the date and times you propose.', fields);
  return { date, start: form.start, end: form.end, ...(form.message ? { message: form.message } : {}) };
}

export async function useActionLink(store: Store, secret: string, form: ActionForm, now = new Date()) {
  const link = await describeActionLink(store, secret, now);
  if (!link.ok) throw linkProblem(link);
  const body = decisionFromForm(link.action, form, link.school);
  // The lead's role as describing read it, moments ago; the token is used up in the decision's transaction.
  const after = await decide(store, link.school, link.request, link.action, body, schoolActor(link.role), now, { useToken: secret });
  return { ...link, request: after };
}
