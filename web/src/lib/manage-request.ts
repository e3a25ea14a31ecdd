// One request as the school sees it, shared by its page (/manage/requests/view/) and the
// decision pages (/manage/requests/decide/): GET /api/manage/requests/{id} →
// { request: ManagedRequestView, groundsForRefusing }, the decisions the state machine
// allows now, and the summary of what the provider sent.
import type { ManagedRequestView } from '#shared/api/manage.ts';
import { CONTENT_ITEMS } from '#shared/domain/labels.ts';
import { api } from './api.ts';
import { h, href, type Child } from './dom.ts';
import { referenceRows } from './reference.ts';
import { warningText } from './manage.ts';
import { contentItemLabel, formatDate, formatWhen, formatTimeRange, formatYears, providerTypeLabel, sessionTypeLabel } from './format.ts';

export interface ManagedRequestAnswer {
  request: ManagedRequestView;
  groundsForRefusing: string[];
}

export function loadRequest(id: string): Promise<ManagedRequestAnswer> {
  return api<ManagedRequestAnswer>('GET', `/api/manage/requests/${encodeURIComponent(id)}`);
}

export type DecisionPage = 'approve' | 'decline' | 'propose' | 'reschedule' | 'keep' | 'cancel' | 'deliver';

export const DECISION_PAGES: Record<DecisionPage, { title: string; link: string; variant: '' | 'secondary' | 'warning'; needs: string[]; done: string }> = {
  approve: { title: 'Approve this request', link: 'Approve', variant: '', needs: ['approve'], done: 'You approved the request' },
  decline: { title: 'Decline this request', link: 'Decline', variant: 'secondary', needs: ['decline'], done: 'You declined the request' },
  propose: { title: 'Propose another time', link: 'Propose another time', variant: 'secondary', needs: ['propose'], done: 'You proposed another time' },
  reschedule: { title: 'Move the encounter to a new time', link: 'Move to a new time', variant: 'secondary', needs: ['reschedule'], done: 'You moved the encounter to a new time' },
  keep: { title: 'Keep the encounter as it is', link: 'Keep it as it is', variant: 'secondary', needs: ['keep'], done: 'You kept the encounter as it is' },
  deliver: { title: 'Record what happened', link: 'Record what happened', variant: '', needs: ['deliver', 'not_delivered'], done: 'You recorded what happened' },
  cancel: { title: 'Cancel this encounter', link: 'Cancel the encounter', variant: 'warning', needs: ['cancel'], done: 'You cancelled the encounter' },
};

export function isDecisionPage(value: string): value is DecisionPage {
  return Object.hasOwn(DECISION_PAGES, value);
}

/** Whether the state machine allows this decision now (allowedActions from the API); keeping needs something to keep it despite. */
export function decisionAllowed(r: ManagedRequestView, page: DecisionPage): boolean {
  if (page === 'keep' && !(r.attention ?? []).length) return false;
  return DECISION_PAGES[page].needs.some((a) => r.allowedActions.includes(a));
}

/** Issue 11: what the booking breaks now, as a GOV.UK warning naming each rule and what changed. */
export function attentionWarning(r: ManagedRequestView): HTMLElement | null {
  const problems = r.attention ?? [];
  if (!problems.length) return null;
  const next =
    r.status === 'approved'
      ? 'Move it to a new time, cancel it with a reason, or keep it as it is with a reason.'
      : r.status === 'pending'
        ? 'It cannot be approved as it is: propose another time, or decline it with a reason.'
        : 'The provider cannot accept the time you proposed as it is. They can withdraw the request, or it expires if they do not answer.';
  return h(
    'div',
    { id: 'attention' },
    warningText(
      'This booking needs attention: ',
      problems.map((p, i) => [i ? ' ' : '', `${p.message} (${p.rule})`]),
    ),
    h('p', { class: 'govuk-body' }, next),
  );
}

export const viewHref = (id: string) => href('/manage/requests/view/', { id });
export const decideHref = (id: string, action: DecisionPage) => href('/manage/requests/decide/', { id, action });

const FACILITY_TEXT: Record<string, string> = {
  hall: 'Hall',
  classroom: 'Classroom',
  projector: 'Projector and screen',
  internet: 'Internet access',
  microphone: 'Microphone',
};

export const facilityText = (f: string) => FACILITY_TEXT[f] ?? f;

/** Rows of a GOV.UK summary list: everything the provider sent, and when. */
export function requestRows(r: ManagedRequestView): [string, Child][] {
  const rows: [string, Child][] = [
    ['Provider', r.provider.organisation],
    ['Type of provider', providerTypeLabel(r.provider.type)],
  ];
  if (r.provider.ukprn) rows.push(['UKPRN', r.provider.ukprn]);
  rows.push(
    ['Contact', [r.contact.name, h('br'), r.contact.email, h('br'), r.contact.phone]],
    ['Date', formatDate(r.date)],
    ['Time', formatTimeRange(r.start, r.end)],
    ['Year groups', formatYears(r.yearGroups)],
    // R-WHOLE: one session of a carousel, as the lead said when approving (coverage counts the set once).
    ...(r.split && !r.delivery ? [['Sessions', `Session ${r.split.session} of ${r.split.sessions} that together reach the whole year group`] as [string, Child]] : []),
    ['Type of session', sessionTypeLabel(r.sessionType)],
    ['Staff attending', String(r.staffCount)],
    ['Facilities needed', r.facilities.length ? r.facilities.map(facilityText).join(', ') : 'None'],
    [
      'What the session will cover',
      h(
        'ul',
        { class: 'govuk-list govuk-list--bullet' },
        CONTENT_ITEMS.map((item) => h('li', null, contentItemLabel(item), r.content[item] ? '' : ' (not confirmed by the provider)')),
      ),
    ],
    ['Notes from the provider', r.notes ? h('span', { class: 'app-pre-wrap' }, r.notes) : 'None'],
    ['Received', formatWhen(r.createdAt)],
  );
  if (r.status === 'pending') rows.push(['Answer by', formatDate(r.responseDeadline)]);
  rows.push(...referenceRows(r));
  return rows;
}

/** The few rows a decision page repeats so the lead knows which request it is. */
export function shortRows(r: ManagedRequestView): [string, Child][] {
  return [
    ['Provider', r.provider.organisation],
    ['Date', formatDate(r.date)],
    ['Time', formatTimeRange(r.start, r.end)],
    ['Year groups', formatYears(r.yearGroups)],
    ['Type of session', sessionTypeLabel(r.sessionType)],
  ];
}
