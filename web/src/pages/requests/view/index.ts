// One request: /requests/view/?id=. GET /api/requests/{id} → { request: RequestView };
// actions by status: withdraw (reason required), and for an alternative the school
// proposed, accept or turn it down (reason optional). Each POST answers { request }.
// Issue 14, item 5: an approved visit leads with "Add to calendar" (GET
// /api/requests/{id}/invite.ics) and "Ask to move" (/requests/move/), withdrawing comes
// last; a proposed time can be answered with another (/requests/counter/).
import type { RequestView } from '#shared/api/provider.ts';
import { ApiError, api } from '../../../lib/api.ts';
import { byId, fill, h, href, param, ready, setTitle, type Child } from '../../../lib/dom.ts';
import { referenceRows } from '../../../lib/reference.ts';
import { clearErrors, showErrors } from '../../../lib/errors.ts';
import { actorText, eventText, formatDate, formatWhen, formatTimeRange, formatYears, sessionTypeLabel } from '../../../lib/format.ts';
import { historyTimeline, summaryList } from '../../../lib/school.ts';
import { signInNeeded, statusTag } from '../../../lib/request.ts';
import { NEW_TIME_DONE } from '../../../lib/new-time.ts';

/** A link that looks like a button (GOV.UK): it goes somewhere, it does not act. */
function buttonLink(text: string, to: string, variant: '' | 'secondary', id: string, download?: boolean): HTMLElement {
  return h('a', { class: `govuk-button${variant ? ` govuk-button--${variant}` : ''}`, href: to, draggable: 'false', id, ...(download ? { download: '' } : {}) }, text);
}

/** An approved visit's first actions: into the calendar, or ask to move it; a move waiting for the school says so instead. */
function visitActions(r: RequestView): Child[] {
  const path = encodeURIComponent(r.id);
  const out: Child[] = [h('h2', { class: 'govuk-heading-m', id: 'visit-heading' }, 'Your visit')];
  if (r.move) {
    out.push(
      h(
        'div',
        { class: 'govuk-inset-text', id: 'move-waiting' },
        h('p', { class: 'govuk-body' }, `You asked to move this visit to ${formatDate(r.move.date)}, ${formatTimeRange(r.move.start, r.move.end)}. The school has not answered yet; until it does, the visit stays at ${formatDate(r.date)}, ${formatTimeRange(r.start, r.end)}.`),
        h('p', { class: 'govuk-body app-wrap' }, `Your reason: ${r.move.reason}`),
      ),
    );
  }
  out.push(
    h(
      'div',
      { class: 'govuk-button-group', id: 'visit-actions' },
      buttonLink('Add to calendar', `/api/requests/${path}/invite.ics`, '', 'add-to-calendar', true),
      r.move ? null : buttonLink('Ask to move', href('/requests/move/', { id: r.id }), 'secondary', 'ask-to-move'),
    ),
  );
  return out;
}

const WITHDRAWABLE = new Set(['pending', 'alternative_proposed', 'approved']);
const TITLE = 'Your request';

type Action = 'withdraw' | 'accept' | 'reject';
const DONE: Record<Action, string> = {
  withdraw: 'You have withdrawn your request',
  accept: 'You have accepted the new time',
  reject: 'You have turned down the new time',
};

function reasonGroup(id: string, label: string, hint: string): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group', id: `${id}-group`, 'data-field': 'reason' },
    h('label', { class: 'govuk-label govuk-label--s', for: id }, label),
    h('div', { class: 'govuk-hint', id: `${id}-hint` }, hint),
    h('textarea', { class: 'govuk-textarea', id, name: 'reason', rows: 3, 'aria-describedby': `${id}-hint` }),
  );
}

ready(async () => {
  const page = byId('page');
  const id = param('id');
  const summary = h('div', { id: 'error-summary', hidden: true });

  const load = async (): Promise<RequestView | undefined> => {
    try {
      const { request } = await api<{ request: RequestView }>('GET', `/api/requests/${encodeURIComponent(id)}`);
      return request;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 401 || err.status === 403) signInNeeded(page, 'Sign in to see this request');
      else if (err.status === 404 || err.status === 400)
        fill(page, h('h1', { class: 'govuk-heading-l' }, 'We could not find that request'), h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '/requests/' }, 'See all your requests')));
      else fill(page, h('h1', { class: 'govuk-heading-l' }, TITLE), h('p', { class: 'govuk-body' }, err.message));
      return undefined;
    }
  };

  const act = async (action: Action, form: HTMLFormElement, body: Record<string, unknown>) => {
    const button = form.querySelector('button');
    if (button) button.disabled = true;
    try {
      const { request } = await api<{ request: RequestView }>('POST', `/api/requests/${encodeURIComponent(id)}/${action}`, { body });
      render(request, DONE[action]);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      showErrors(form, summary, err.shownErrors(), TITLE);
    } finally {
      if (button) button.disabled = false;
    }
  };

  const render = (r: RequestView, done?: string) => {
    setTitle(done ?? TITLE);
    const banner = done
      ? h(
          'div',
          { class: 'govuk-notification-banner govuk-notification-banner--success', role: 'alert', 'aria-labelledby': 'banner-title', tabindex: -1, id: 'done-banner' },
          h('div', { class: 'govuk-notification-banner__header' }, h('h2', { class: 'govuk-notification-banner__title', id: 'banner-title' }, 'Success')),
          h('div', { class: 'govuk-notification-banner__content' }, h('h3', { class: 'govuk-notification-banner__heading' }, done)),
        )
      : null;

    const parts: Child[] = [
      banner,
      summary,
      h('span', { class: 'govuk-caption-l app-wrap' }, r.schoolName),
      h('h1', { class: 'govuk-heading-l' }, TITLE),
      h('p', { class: 'govuk-body' }, 'Status: ', statusTag(r.status)),
    ];

    if (r.status === 'unconfirmed') {
      parts.push(
        h(
          'div',
          { class: 'govuk-inset-text', id: 'confirm-first' },
          `Confirm this request with the link in the email we sent to ${r.contactEmail}${r.confirmBy ? ` by ${formatWhen(r.confirmBy)}` : ''}. Until then the school does not see it and it holds no place.`,
        ),
      );
    }
    if (r.status === 'alternative_proposed' && r.alternative) {
      const accept = h('form', { id: 'accept-form', novalidate: true }, h('button', { type: 'submit', class: 'govuk-button' }, 'Accept the new time'));
      accept.addEventListener('submit', (e) => {
        e.preventDefault();
        void act('accept', accept, {});
      });
      const reject = h(
        'form',
        { id: 'reject-form', novalidate: true },
        reasonGroup('reject-reason', 'Why does the new time not suit you? (optional)', 'The school will see this'),
        h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary' }, 'Turn down the new time'),
      );
      reject.addEventListener('submit', (e) => {
        e.preventDefault();
        const reason = (byId<HTMLTextAreaElement>('reject-reason').value ?? '').trim();
        void act('reject', reject, reason ? { reason } : {});
      });
      parts.push(
        h('h2', { class: 'govuk-heading-m' }, 'The school has proposed another time'),
        summaryList([
          ['Date', formatDate(r.alternative.date)],
          ['Time', formatTimeRange(r.alternative.start, r.alternative.end)],
          ...(r.alternative.respondBy ? [['Answer by', formatWhen(r.alternative.respondBy)] as [string, Child]] : []),
          ...(r.alternative.note ? [['Note from the school', h('span', { class: 'app-wrap' }, r.alternative.note)] as [string, Child]] : []),
        ]),
        accept,
        h('p', { class: 'govuk-body' }, 'If neither time suits you, offer the school another.'),
        buttonLink('Offer another time', href('/requests/counter/', { id: r.id }), 'secondary', 'offer-another-time'),
        reject,
      );
    }
    if (r.status === 'approved') parts.push(...visitActions(r));
    if (r.decision?.reason || r.decision?.note) {
      parts.push(
        h('h2', { class: 'govuk-heading-m' }, 'What the school said'),
        r.decision.reason ? h('p', { class: 'govuk-body app-wrap' }, r.decision.reason) : null,
        r.decision.note ? h('p', { class: 'govuk-body app-wrap' }, r.decision.note) : null,
      );
    }

    const rows: [string, Child][] = [
      ['School', r.schoolName],
      ['Date', formatDate(r.date)],
      ['Time', formatTimeRange(r.start, r.end)],
      ['Year groups', formatYears(r.yearGroups)],
      ['Type of session', sessionTypeLabel(r.sessionType)],
      ['Organisation', r.organisation],
      ['Contact', [r.contactName, h('br'), r.contactEmail]],
      ...referenceRows(r),
    ];
    if (r.responseDueBy && r.status === 'pending') rows.splice(5, 0, ['School answers by', formatWhen(r.responseDueBy)]);
    parts.push(h('h2', { class: 'govuk-heading-m' }, 'Request details'), summaryList(rows, 'app-wrap'));

    if (r.flags.length) {
      parts.push(
        h('h2', { class: 'govuk-heading-m' }, 'Points the school will look at'),
        h('ul', { class: 'govuk-list govuk-list--bullet' }, r.flags.map((f) => h('li', null, f.message))),
      );
    }

    if (r.history.length) parts.push(...historyTimeline(r.history, (e) => eventText(e.type), (e) => (e.actor ? ` · ${actorText(e.actor)}` : '')));

    if (WITHDRAWABLE.has(r.status)) {
      const withdraw = h(
        'form',
        { id: 'withdraw-form', novalidate: true },
        reasonGroup('withdraw-reason', 'Why are you withdrawing?', 'The school will see this'),
        h('button', { type: 'submit', class: 'govuk-button govuk-button--warning' }, 'Withdraw request'),
      );
      withdraw.addEventListener('submit', (e) => {
        e.preventDefault();
        const reason = byId<HTMLTextAreaElement>('withdraw-reason').value.trim();
        if (!reason) return showErrors(withdraw, summary, [{ path: 'reason', message: 'Enter why you are withdrawing the request.' }], TITLE);
        clearErrors(withdraw, summary);
        void act('withdraw', withdraw, { reason });
      });
      parts.push(
        h('h2', { class: 'govuk-heading-m' }, 'Withdraw your request'),
        h('p', { class: 'govuk-body' }, r.status === 'approved' ? 'If you can no longer come, tell the school now so they can offer the time to someone else.' : 'If you no longer need this visit, withdraw the request so the school can offer the time to someone else.'),
        withdraw,
      );
    }
    parts.push(h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '/requests/' }, 'See all your requests')));
    fill(page, ...parts);
    if (done) byId('done-banner').focus();
  };

  if (!id) {
    fill(page, h('h1', { class: 'govuk-heading-l' }, 'We could not find that request'), h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '/requests/' }, 'See all your requests')));
    return;
  }
  const request = await load();
  // Shown once: the address loses ?done= so a reload does not say it again.
  const done = param('done');
  if (done) history.replaceState(null, '', href('/requests/view/', { id }));
  if (request) render(request, Object.hasOwn(NEW_TIME_DONE, done) ? NEW_TIME_DONE[done] : undefined);
});
