// One request in full for the school: /manage/requests/view/?id= (the careers lead's
// emailed link). GET /api/manage/me and GET /api/manage/requests/{id} → { request,
// groundsForRefusing }: everything the provider sent, the rule flags (R-WHOLE…) as a
// warning, the time proposed, the decision or delivery recorded, the audit trail, and a
// button for each decision the state machine allows now (each on its own page,
// /manage/requests/decide/?id=&action=, which comes back here with a success banner).
// A booking a later change of the school's calendar put outside the rules (issue 11) shows
// what changed first, and the ways to resolve it: move, cancel or decline, or keep it.
// Issue 14, item 5: an approved encounter leads with "Add to calendar" (GET
// /api/manage/requests/{id}/invite.ics) and "Move to a new time"; cancelling is apart,
// below. A provider's ask to move it is answered here: approve the move, or decline it
// with a reason (POST …/approve-move, …/decline-move).
import type { ManagedRequestView } from '#shared/api/manage.ts';
import { CONTENT_ITEMS } from '#shared/domain/labels.ts';
import { ApiError, api } from '../../../../lib/api.ts';
import { clearErrors, showErrors } from '../../../../lib/errors.ts';
import { button, textareaField } from '../../../../lib/form.ts';
import { byId, fill, h, href, param, ready, setTitle, type Child } from '../../../../lib/dom.ts';
import { contentItemLabel, formatDate, formatWhen, formatTimeRange, formatYears, todayInLondon } from '../../../../lib/format.ts';
import {
  buttonLink,
  daysLeftTag,
  handleLoadError,
  loadMe,
  manageEventText,
  problem,
  setUpChrome,
  signInNeeded,
  statusTag,
  successBanner,
  takeFlash,
  warningText,
  whoText,
  type Me,
} from '../../../../lib/manage.ts';
import { attentionWarning, DECISION_PAGES, decideHref, decisionAllowed, loadRequest, requestRows, type DecisionPage } from '../../../../lib/manage-request.ts';
import { historyTimeline, summaryList } from '../../../../lib/school.ts';

function notFound(page: HTMLElement) {
  problem(page, 'We could not find that request', 'Check that you copied the whole link from the email. The request may belong to a school you do not manage.');
}

function decisions(r: ManagedRequestView): Child[] {
  const today = todayInLondon();
  const order: DecisionPage[] = ['approve', 'decline', 'propose', 'reschedule', 'keep', 'deliver', 'cancel'];
  // A booking that breaks a rule now cannot be approved as it is (the API answers 422): no button for it.
  const flagged = r.attention.length > 0;
  const shown = order.filter((p) => decisionAllowed(r, p) && (p !== 'deliver' || r.date <= today) && !(p === 'approve' && flagged));
  // An approved encounter: into the calendar first, and the one that ends it apart, last.
  const approved = r.status === 'approved';
  const main = approved ? shown.filter((p) => p !== 'cancel') : shown;
  const out: Child[] = [];
  if (shown.length || approved) {
    out.push(
      h('h2', { class: 'govuk-heading-m', id: 'decide-heading' }, r.status === 'pending' ? 'Your decision' : 'What you can do now'),
      h(
        'div',
        { class: 'govuk-button-group', id: 'decisions' },
        approved ? h('a', { class: 'govuk-button', href: `/api/manage/requests/${encodeURIComponent(r.id)}/invite.ics`, draggable: 'false', id: 'add-to-calendar', download: '' }, 'Add to calendar') : null,
        main.map((p) => buttonLink(DECISION_PAGES[p].link, decideHref(r.id, p), approved ? 'secondary' : DECISION_PAGES[p].variant, `decide-${p}`)),
      ),
    );
  }
  if (decisionAllowed(r, 'deliver') && r.date > today) {
    out.push(
      h('div', { class: 'govuk-inset-text', id: 'deliver-later' }, `After the visit on ${formatDate(r.date)}, record whether it took place, what it covered and how many pupils came.`),
    );
  }
  if (approved && shown.includes('cancel')) {
    out.push(h('div', { class: 'govuk-button-group', id: 'cancel-group' }, buttonLink(DECISION_PAGES.cancel.link, decideHref(r.id, 'cancel'), 'warning', 'decide-cancel')));
  }
  return out;
}

/**
 * The provider's ask to move an approved encounter: the time asked for and why, approve
 * (both sides get the new time and an updated invitation) or decline with a reason (the
 * provider is told; the encounter stays at its time).
 */
function moveAsked(r: ManagedRequestView, answered: (after: ManagedRequestView, done: string) => void): Child[] {
  const move = r.move;
  if (!move || !r.allowedActions.includes('approve_move')) return [];
  const summary = h('div', { id: 'move-error-summary', hidden: true });
  const title = `Request from ${r.provider.organisation}`;
  const post = async (form: HTMLFormElement, action: 'approve-move' | 'decline-move', body: Record<string, string>, done: string) => {
    const submit = form.querySelector('button');
    if (submit) submit.disabled = true;
    try {
      const { request } = await api<{ request: ManagedRequestView }>('POST', `/api/manage/requests/${encodeURIComponent(r.id)}/${action}`, { body });
      answered(request, done);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      showErrors(form, summary, err.shownErrors(), title);
    } finally {
      if (submit) submit.disabled = false;
    }
  };
  const approve = h(
    'form',
    { id: 'approve-move-form', novalidate: true },
    h('p', { class: 'govuk-body' }, `We will email ${r.provider.organisation} and you the new time, each with an updated calendar invitation that replaces the old one.`),
    button('Approve the move', { id: 'approve-move' }),
  );
  approve.addEventListener('submit', (e) => {
    e.preventDefault();
    void post(approve, 'approve-move', {}, 'You approved the move: the encounter has its new time');
  });
  const decline = h(
    'form',
    { id: 'decline-move-form', novalidate: true },
    textareaField({ id: 'decline-move-reason', name: 'reason', label: 'If it cannot move, why not?', hint: `${r.provider.organisation} will be emailed this reason. The encounter stays at its time.`, field: 'reason', labelClass: 'govuk-label--s', rows: 3 }),
    button('Decline the move', { id: 'decline-move' }, 'secondary'),
  );
  decline.addEventListener('submit', (e) => {
    e.preventDefault();
    const reason = (byId<HTMLTextAreaElement>('decline-move-reason').value ?? '').trim();
    if (!reason) return showErrors(decline, summary, [{ path: 'reason', message: 'Enter why the encounter cannot move.' }], title);
    clearErrors(decline, summary, title);
    void post(decline, 'decline-move', { reason }, 'You declined the move: the encounter stays at its time');
  });
  return [
    summary,
    h('h2', { class: 'govuk-heading-m', id: 'move-heading' }, `${r.provider.organisation} asks to move this encounter`),
    summaryList(
      [
        ['Booked for', `${formatDate(r.date)}, ${formatTimeRange(r.start, r.end)}`],
        ['Asks to move it to', h('strong', null, `${formatDate(move.date)}, ${formatTimeRange(move.start, move.end)}`)],
        ['Reason', h('span', { class: 'app-pre-wrap' }, move.reason)],
        ['Asked', formatWhen(move.askedAt)],
      ],
      'app-wrap',
    ),
    approve,
    decline,
  ];
}

function render(page: HTMLElement, me: Me, r: ManagedRequestView, done?: string) {
  const school = me.schools.find((s) => s.urn === r.urn);
  const title = `Request from ${r.provider.organisation}`;
  setTitle(title);
  setUpChrome(true, r.urn);
  const back = document.getElementById('back-link');
  if (back) back.setAttribute('href', href('/manage/', { urn: r.urn }));

  const parts: Child[] = [
    done ? successBanner(done) : null,
    h('span', { class: 'govuk-caption-l app-wrap' }, school?.name ?? `School ${r.urn}`),
    h('h1', { class: 'govuk-heading-l app-wrap' }, title),
    h('p', { class: 'govuk-body app-tag-line', id: 'status' }, 'Status: ', statusTag(r.status)),
  ];
  if (r.status === 'pending') {
    parts.push(h('p', { class: 'govuk-body app-tag-line', id: 'answer-by' }, `Answer by ${formatDate(r.responseDeadline)} `, daysLeftTag(r.schoolDaysLeft)));
  }
  parts.push(attentionWarning(r));
  if (r.flags.length) {
    parts.push(
      h(
        'div',
        { id: 'flags' },
        warningText(
          'Check this before you decide: ',
          r.flags.map((f, i) => [i ? h('br') : null, f.message]),
        ),
      ),
    );
  }
  parts.push(moveAsked(r, (after, message) => render(page, me, after, message)));
  parts.push(decisions(r));

  if (r.alternative) {
    parts.push(
      h('h2', { class: 'govuk-heading-m' }, r.status === 'alternative_proposed' ? 'The time you proposed' : 'The time the school proposed'),
      summaryList(
        [
          ['Date', formatDate(r.alternative.date)],
          ['Time', formatTimeRange(r.alternative.start, r.alternative.end)],
          ['Provider answers by', formatDate(r.alternative.respondBy)],
          ...(r.alternative.message ? [['Your message', h('span', { class: 'app-pre-wrap' }, r.alternative.message)] as [string, Child]] : []),
        ],
        'app-wrap',
      ),
    );
  }
  if (r.reason && ['declined', 'cancelled', 'withdrawn', 'expired', 'not_delivered'].includes(r.status)) {
    parts.push(h('h2', { class: 'govuk-heading-m' }, 'Reason'), h('p', { class: 'govuk-body app-pre-wrap', id: 'reason' }, r.reason));
  }
  if (r.delivery) {
    parts.push(
      h('h2', { class: 'govuk-heading-m' }, 'What happened'),
      summaryList(
        [
          ['Covered', h('ul', { class: 'govuk-list govuk-list--bullet' }, CONTENT_ITEMS.filter((i) => r.delivery?.content[i]).map((i) => h('li', null, contentItemLabel(i))))],
          [
            'Pupils who took part',
            h('ul', { class: 'govuk-list' }, r.delivery.attendance.map((a) => h('li', null, `${formatYears([a.yearGroup])}: ${a.pupils}${a.onRoll === undefined ? '' : ` of ${a.onRoll} on roll`}`))),
          ],
          ...(r.delivery.split ? [['Sessions', `Session ${r.delivery.split.session} of ${r.delivery.split.sessions} that together reach the whole year group`] as [string, Child]] : []),
          ...(r.delivery.note ? [['Note', h('span', { class: 'app-pre-wrap' }, r.delivery.note)] as [string, Child]] : []),
          ['Recorded', formatWhen(r.delivery.recordedAt)],
        ],
        'app-wrap',
      ),
    );
  }

  parts.push(h('h2', { class: 'govuk-heading-m' }, 'What the provider sent'), summaryList(requestRows(r), 'app-wrap'));

  if (r.history.length) parts.push(...historyTimeline(r.history, (e) => manageEventText(e.type), (e) => ` by ${whoText(e, r.provider.organisation)}`));
  parts.push(h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: href('/manage/', { urn: r.urn }) }, 'Back to the dashboard')));
  fill(page, ...parts);
  if (done) byId('done-banner').focus();
}

ready(async () => {
  const page = byId('page');
  const id = param('id');
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)) return notFound(page);
  const flash = takeFlash();
  let me: Me;
  let request: ManagedRequestView;
  try {
    [me, { request }] = await Promise.all([loadMe(), loadRequest(id)]);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return signInNeeded(page);
    if (err instanceof ApiError && (err.status === 404 || err.status === 400)) {
      setUpChrome(true);
      return notFound(page);
    }
    if (handleLoadError(page, err, 'Request')) return;
    throw err;
  }
  render(page, me, request, flash);
});
