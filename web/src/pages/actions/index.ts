// A careers lead's emailed link: /actions/#token=<raw> (approve, decline or propose another
// time; approve or decline a provider's ask to move an approved encounter, issue 14 item 5). The token is in the fragment, so no server receives or logs it, and it leaves the
// address bar at once (issue 12, item 3). Opening the page changes nothing (mail scanners
// open links): it asks POST /api/actions/view { token } what the link is for and shows the
// request with the decision's questions; the button POSTs /api/actions { token, …fields }.
// The page is served with Referrer-Policy: no-referrer (web/secret-pages.ts).
import type { ActionDoneView, ActionLinkView, LinkDecision } from '#shared/api/manage.ts';
import { ApiError, api } from '../../lib/api.ts';
import { byId, fill, h, href, ready, setTitle, type Child } from '../../lib/dom.ts';
import { referenceCaption } from '../../lib/reference.ts';
import { clearErrors, showErrors } from '../../lib/errors.ts';
import { takeLinkToken } from '../../lib/link-token.ts';
import { dateField, radiosField, textareaField, textField } from '../../lib/form.ts';
import { formatDate, formatTimeRange, formatYears, sessionTypeLabel } from '../../lib/format.ts';
import { summaryList } from '../../lib/school.ts';

const TITLES: Record<LinkDecision, string> = {
  approve: 'Approve this request',
  decline: 'Decline this request',
  propose: 'Propose another time',
  'approve-move': 'Approve the move',
  'decline-move': 'Decline the move',
};
const BUTTONS: Record<LinkDecision, string> = {
  approve: 'Approve request',
  decline: 'Decline request',
  propose: 'Send the new time',
  'approve-move': 'Approve the move',
  'decline-move': 'Decline the move',
};
const DONE: Record<LinkDecision, string> = {
  approve: 'Request approved',
  decline: 'Request declined',
  propose: 'New time sent',
  'approve-move': 'Move approved',
  'decline-move': 'Move declined',
};

/** The link problems the API names (shared/usecases/action-links.ts): a heading, and what to do instead. */
const PROBLEMS: Record<string, [string, string | undefined]> = {
  // The API says what was done with it, by whom and when (issue 14, item 7).
  TOKEN_USED: ['This link has already been used', undefined],
  TOKEN_EXPIRED: ['This link has expired', 'The links in a request email work for 14 days. You can still decide the request in your dashboard.'],
  TOKEN_REPLACED: ['This link has been replaced', 'A newer email about this request has its own links. Use those, or decide the request in your dashboard.'],
  TOKEN_INVALID: ['This link does not work', 'Check that you copied the whole link from the email. You can also decide any request in your dashboard.'],
  // The API's own words: who manages the school now.
  NO_LONGER_STAFF: ['This link cannot be used', undefined],
  ALREADY_DECIDED: ['This request has already been answered', undefined],
};

// The link's token, kept for this tab only (lib/link-token.ts); forgotten once the link has acted or cannot.
let forgetToken: () => void = () => undefined;

function problem(page: HTMLElement, code: string, message: string) {
  forgetToken();
  const [title, text] = PROBLEMS[code] ?? PROBLEMS.TOKEN_INVALID!;
  setTitle(title);
  const heading = h('h1', { class: 'govuk-heading-l', id: 'problem-heading', tabindex: '-1' }, title);
  fill(
    page,
    heading,
    h('p', { class: 'govuk-body', id: 'problem-text' }, text ?? message),
    h(
      'p',
      { class: 'govuk-body' },
      h('a', { class: 'govuk-link', href: '/manage/' }, 'Go to your dashboard'),
      ' (you may need to ',
      h('a', { class: 'govuk-link', href: '/sign-in/' }, 'get a sign-in link'),
      ').',
    ),
  );
  heading.focus();
}

const value = (id: string) => byId<HTMLInputElement | HTMLTextAreaElement>(id).value.trim();
const optional = (key: string, text: string) => (text ? { [key]: text } : {});

interface Questions {
  fields: Child[];
  /** The form's fields as POST /api/actions takes them (the emailed form's names). */
  read: () => Record<string, string>;
}

function questions(link: ActionLinkView): Questions {
  // Issue 14, item 5: the provider's ask to move an approved encounter.
  if (link.action === 'approve-move') {
    return { fields: [h('p', { class: 'govuk-body' }, 'The encounter moves to the new time. Both of you will get an updated calendar invitation that replaces the old one.')], read: () => ({}) };
  }
  if (link.action === 'decline-move') {
    return {
      fields: [
        h('p', { class: 'govuk-body' }, 'The encounter stays at its time. We will email the provider your reason.'),
        textareaField({ id: 'reason', name: 'reason', label: 'Why can it not move?', labelClass: 'govuk-label--m', field: 'reason', rows: 3 }),
      ],
      read: () => optional('reason', value('reason')),
    };
  }
  if (link.action === 'approve') {
    return {
      fields: [
        h('p', { class: 'govuk-body' }, 'Both of you will get a calendar invitation.'),
        textareaField({ id: 'note', label: 'Message to the provider (optional)', hint: 'For example, where to sign in and park, and what to bring', field: 'note', rows: 3 }),
      ],
      read: () => optional('note', value('note')),
    };
  }
  if (link.action === 'decline') {
    return {
      fields: [
        h('p', { class: 'govuk-body' }, 'We will email the provider with your reason.'),
        radiosField({
          id: 'reason',
          name: 'reason',
          legend: 'Why are you declining?',
          legendClass: 'govuk-fieldset__legend--m',
          field: 'reason',
          options: [
            ...link.groundsForRefusing.map((g) => ({ value: g, label: g })),
            {
              value: 'other',
              label: 'Another reason',
              dividerBefore: 'or',
              conditional: textareaField({ id: 'other-reason', name: 'otherReason', label: 'Your reason', field: 'otherReason', rows: 3 }),
            },
          ],
        }),
        textareaField({ id: 'note', label: 'Anything else to tell the provider (optional)', field: 'note', rows: 3 }),
      ],
      read: () => {
        const chosen = document.querySelector<HTMLInputElement>('input[name="reason"]:checked')?.value ?? '';
        return { ...optional('reason', chosen), ...(chosen === 'other' ? optional('otherReason', value('other-reason')) : {}), ...optional('note', value('note')) };
      },
    };
  }
  return {
    fields: [
      h('p', { class: 'govuk-body' }, 'The provider can accept the new time or turn it down. It must be a school day, within your school’s session times.'),
      // The inputs are date-day, date-month and date-year: the names the link's form has always posted.
      dateField({ id: 'date', legend: 'Date you propose', legendClass: 'govuk-fieldset__legend--m', field: 'date-day date-month date-year date proposed.date', hint: 'For example, 12 1 2027' }),
      textField({ id: 'start', label: 'Start time', hint: 'Use the 24-hour clock, for example 09:30', field: 'start proposed.start', width: 'govuk-input--width-5', spellcheck: false }),
      textField({ id: 'end', label: 'End time', hint: 'For example, 10:15', field: 'end proposed.end', width: 'govuk-input--width-5', spellcheck: false }),
      textareaField({ id: 'message', label: 'Message to the provider (optional)', hint: 'For example, why the time they asked for does not work', field: 'message', rows: 3 }),
    ],
    read: () => ({
      'date-day': value('date-day'),
      'date-month': value('date-month'),
      'date-year': value('date-year'),
      start: value('start'),
      end: value('end'),
      ...optional('message', value('message')),
    }),
  };
}

function requestRows(r: ActionLinkView['request']): [string, Child][] {
  return [
    ['Provider', r.provider.organisation],
    ['Contact', `${r.contact.name}, ${r.contact.email}, ${r.contact.phone}`],
    ['Session', sessionTypeLabel(r.sessionType)],
    ['Year groups', formatYears(r.yearGroups)],
    ['Date and time', `${formatDate(r.date)}, ${formatTimeRange(r.start, r.end)}`],
    ...(r.notes ? [['Notes', r.notes] as [string, Child]] : []),
  ];
}

function done(page: HTMLElement, d: ActionDoneView) {
  forgetToken();
  setTitle(DONE[d.action]);
  const next =
    d.action === 'approve'
      ? `We have emailed ${d.contact.name} with a calendar invitation, and sent one to you.`
      : d.action === 'decline'
        ? `We have told ${d.contact.name} and given your reason.`
        : d.action === 'propose'
          ? `We have asked ${d.contact.name} to accept or decline the new time.`
          : d.action === 'approve-move'
            ? `We have emailed ${d.contact.name} the new time with an updated calendar invitation, and sent one to you.`
            : `We have told ${d.contact.name} the encounter stays at its time, and given your reason.`;
  const title = h('h1', { class: 'govuk-panel__title', id: 'done-title', tabindex: '-1' }, DONE[d.action]);
  fill(
    page,
    h('div', { class: 'govuk-panel govuk-panel--confirmation' }, title, h('div', { class: 'govuk-panel__body app-wrap' }, `${d.provider.organisation}, ${formatDate(d.date)}`)),
    h('p', { class: 'govuk-body' }, next),
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: href('/manage/', { urn: d.school.urn }) }, `Go to the ${d.school.name} dashboard`)),
  );
  title.focus();
}

function render(page: HTMLElement, token: string, link: ActionLinkView) {
  const title = TITLES[link.action];
  setTitle(title);
  const q = questions(link);
  const summary = h('div', { id: 'error-summary', hidden: true });
  const submit = h('button', { type: 'submit', class: 'govuk-button', id: 'submit-decision' }, BUTTONS[link.action]);
  const form = h('form', { id: 'confirm-form', novalidate: true }, q.fields, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary, title);
    submit.disabled = true;
    try {
      const answer = await api<{ done: ActionDoneView }>('POST', '/api/actions', { body: { token, ...q.read() } });
      done(page, answer.done);
    } catch (err) {
      submit.disabled = false;
      if (!(err instanceof ApiError)) throw err;
      if (err.code in PROBLEMS) return problem(page, err.code, err.message);
      showErrors(form, summary, err.shownErrors(), title);
    }
  });
  fill(
    page,
    summary,
    h('span', { class: 'govuk-caption-l app-wrap' }, link.school.name, referenceCaption(link.request)),
    h('h1', { class: 'govuk-heading-l' }, title),
    summaryList(requestRows(link.request), 'app-wrap'),
    link.move
      ? summaryList(
          [
            ['Asks to move it to', h('strong', null, `${formatDate(link.move.date)}, ${formatTimeRange(link.move.start, link.move.end)}`)],
            ['Reason given', link.move.reason],
          ],
          'app-wrap',
        )
      : null,
    link.request.flags.length
      ? h(
          'div',
          { class: 'govuk-warning-text' },
          h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
          h('strong', { class: 'govuk-warning-text__text' }, h('span', { class: 'govuk-visually-hidden' }, 'Warning'), link.request.flags.join(' ')),
        )
      : null,
    form,
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: href('/manage/requests/view/', { id: link.request.id }), id: 'dashboard-link' }, 'Open it in your dashboard instead')),
  );
}

ready(async () => {
  const taken = takeLinkToken('action-token');
  const { token } = taken;
  forgetToken = taken.forget;
  const page = byId('page');
  if (!token) return problem(page, 'TOKEN_INVALID', '');
  let link: ActionLinkView;
  try {
    link = (await api<{ link: ActionLinkView }>('POST', '/api/actions/view', { body: { token } })).link;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.code in PROBLEMS) return problem(page, err.code, err.message);
    if (err.status === 400) return problem(page, 'TOKEN_INVALID', '');
    if (err.isNetworkError || err.status === 429 || err.status >= 500) {
      setTitle('Sorry, there is a problem');
      const message = err.sentence;
      return fill(page, h('h1', { class: 'govuk-heading-l' }, 'Sorry, there is a problem'), h('p', { class: 'govuk-body' }, message), h('p', { class: 'govuk-body' }, 'Reload the page to try again.'));
    }
    throw err;
  }
  render(page, token, link);
});
