// The careers lead's emailed links (approve / decline / propose). Opening one only reads:
// the page asks what the link is for (describeActionLink) and shows a confirmation.
// Confirming acts, once: the token is used up in the same transaction as the decision, and
// only while the lead still has a role there. Each request reads the link (its token, the
// request, the lead's roles, the school) once: acting decides with what describing read. The token reaches the API in a POST body
// (/api/actions/view, /api/actions), or in the path for links sent before issue 12 item 3.
import type { z } from 'zod';
import type { ActionDoneView, actionFormBody, ActionLinkView, DecisionBody, LinkDecision } from '#shared/api/manage.ts';
import { daysInMonth, makeDate } from '#shared/domain/dates.ts';
import { AppError } from '#shared/errors.ts';
import type { Store } from '#shared/store/client.ts';
import { getRequest, type StoredRequest } from '#shared/store/requests.ts';
import type { StaffRoleRecord } from '#shared/domain/records.ts';
import type { StoredSchool } from '#shared/store/schools.ts';
import { listRolesOfUser } from '#shared/store/staff.ts';
import { readToken, tokenMessage, type TokenRecord } from '#shared/store/tokens.ts';
import { decide, schoolActor } from './decisions.ts';
import { requireSchool } from './schools.ts';

export type ActionForm = z.output<typeof actionFormBody>;
export type LinkAction = LinkDecision;

/** Why a link cannot act: never a real link, used, expired, replaced, its lead gone, or the request answered. */
const LINK_PROBLEM_CODES = ['TOKEN_INVALID', 'TOKEN_USED', 'TOKEN_EXPIRED', 'TOKEN_REPLACED', 'NO_LONGER_STAFF', 'ALREADY_DECIDED'] as const;
type LinkProblem = (typeof LINK_PROBLEM_CODES)[number];
export const LINK_PROBLEMS: ReadonlySet<string> = new Set(LINK_PROBLEM_CODES);

export type ActionLink =
  | { ok: true; token: TokenRecord; action: LinkAction; request: StoredRequest; school: StoredSchool; role: StaffRoleRecord }
  | { ok: false; code: LinkProblem; message: string; request?: StoredRequest };

const LINK_ACTIONS: readonly string[] = ['approve', 'decline', 'propose'];

/** What a link is for and whether it can still act. Never writes. */
export async function describeActionLink(store: Store, secret: string, now = new Date()): Promise<ActionLink> {
  const state = await readToken(store, secret, 'action', now);
  if (!state.ok) return { ok: false, code: state.code, message: tokenMessage(state.code) };
  const { token } = state;
  const { requestId, urn, action } = token.data;
  if (!requestId || !urn || !action || !LINK_ACTIONS.includes(action)) return { ok: false, code: 'TOKEN_INVALID', message: tokenMessage('TOKEN_INVALID') };
  const [request, roles] = await Promise.all([getRequest(store, urn, requestId), listRolesOfUser(store, token.email)]);
  if (!request) return { ok: false, code: 'TOKEN_INVALID', message: tokenMessage('TOKEN_INVALID') };
  const role = roles.find((r) => r.urn === urn);
  if (!role) {
    return { ok: false, code: 'NO_LONGER_STAFF', message: 'This link was sent to someone who no longer manages this school. Ask the careers lead to act on the request.' };
  }
  if (request.status !== 'pending') {
    return { ok: false, code: 'ALREADY_DECIDED', message: 'This request has already been answered, so the link no longer applies.', request };
  }
  return { ok: true, token, action: action as LinkAction, request, school: await requireSchool(store, urn), role };
}

/** Why a link cannot act, as the API says it: 404 for a link that never worked, 410 for one that no longer does. */
export function linkProblem(link: Extract<ActionLink, { ok: false }>): AppError {
  return new AppError(link.code === 'TOKEN_INVALID' ? 404 : 410, link.code, link.message);
}

/** What the confirmation page shows for a link, or why the link cannot act. Never writes. */
export async function viewActionLink(store: Store, secret: string, now = new Date()): Promise<ActionLinkView> {
  const link = await describeActionLink(store, secret, now);
  if (!link.ok) throw linkProblem(link);
  return actionLinkView(link);
}

/** The form's fields as a decision, with a message at each field that needs one. */
export function decisionFromForm(action: LinkAction, form: ActionForm, school: StoredSchool): DecisionBody {
  if (action === 'approve') return { ...(form.note ? { note: form.note } : {}) };
  if (action === 'decline') {
    const chosen = form.reason === 'other' ? form.otherReason : form.reason;
    if (!chosen) {
      const field = form.reason === 'other' ? 'otherReason' : 'reason';
      throw new AppError(400, 'DECLINE_REASON_REQUIRED', 'Choose a reason for declining, or write your own.', {
        fields: { [field]: form.reason === 'other' ? 'Write the reason for declining.' : 'Choose a reason for declining.' },
      });
    }
    if (form.reason !== 'other' && !school.groundsForRefusing.includes(chosen)) {
      throw new AppError(400, 'DECLINE_REASON_UNKNOWN', 'Choose one of the listed reasons, or write your own.', { fields: { reason: 'Choose one of the listed reasons.' } });
    }
    return { reason: chosen, ...(form.note ? { note: form.note } : {}) };
  }
  const [d, m, y] = [form['date-day'], form['date-month'], form['date-year']].map((v) => Number(v));
  const date = d && m && y ? makeDateSafe(y, m, d) : undefined;
  const fields: Record<string, string> = {};
  if (!date) fields['date-day'] = 'Enter a real date, for example 12 1 2027.';
  if (!form.start || !/^\d{2}:\d{2}$/.test(form.start)) fields.start = 'Enter a start time like 09:30.';
  if (!form.end || !/^\d{2}:\d{2}$/.test(form.end)) fields.end = 'Enter an end time like 10:15.';
  if (Object.keys(fields).length) throw new AppError(400, 'VALIDATION_FAILED', 'Check the date and times you propose.', { fields });
  return { date, start: form.start, end: form.end, ...(form.message ? { message: form.message } : {}) };
}

/** A real calendar date from day, month and year as typed, or undefined (31 February is not). */
function makeDateSafe(y: number, m: number, d: number): string | undefined {
  if (!Number.isInteger(y) || y < 2000 || y > 2100 || !Number.isInteger(m) || m < 1 || m > 12) return undefined;
  if (!Number.isInteger(d) || d < 1 || d > daysInMonth(y, m)) return undefined;
  return makeDate(y, m, d);
}

export async function useActionLink(store: Store, secret: string, form: ActionForm, now = new Date()) {
  const link = await describeActionLink(store, secret, now);
  if (!link.ok) throw linkProblem(link);
  const body = decisionFromForm(link.action, form, link.school);
  // The lead's role as describing read it, moments ago; the token is used up in the decision's transaction.
  const after = await decide(store, link.school, link.request, link.action, body, schoolActor(link.role), now, { useToken: secret });
  return { ...link, request: after };
}

/** The confirmation page's content for a link that can still act (the JSON of POST /api/actions/view). */
export function actionLinkView(link: Extract<ActionLink, { ok: true }>): ActionLinkView {
  const { action, request: r, school } = link;
  return {
    action,
    school: { urn: school.urn, name: school.name },
    request: {
      id: r.id,
      provider: { organisation: r.provider.organisation },
      contact: { name: r.contact.name, email: r.contact.email, phone: r.contact.phone },
      sessionType: r.sessionType,
      yearGroups: r.yearGroups,
      date: r.date,
      start: r.start,
      end: r.end,
      ...(r.notes ? { notes: r.notes } : {}),
      flags: r.flags.map((f) => f.message),
    },
    groundsForRefusing: action === 'decline' ? school.groundsForRefusing : [],
  };
}

/** What the done page says once a link has acted (the JSON of POST /api/actions). */
export function actionDoneView(done: Awaited<ReturnType<typeof useActionLink>>): ActionDoneView {
  return {
    action: done.action,
    status: done.request.status,
    requestId: done.request.id,
    school: { urn: done.school.urn, name: done.school.name },
    provider: { organisation: done.request.provider.organisation },
    contact: { name: done.request.contact.name },
    date: done.request.date,
  };
}
