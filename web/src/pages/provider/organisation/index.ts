// The provider's organisation account (issue 15, item 1). GET /api/provider/organisation:
// 404 → the question page that sets it up (PUT creates it, its author its admin); 200 → its
// details as a summary list with Change links (admins), its members, "Invite a colleague"
// (POST …/members) and Remove (DELETE …/members/{email}), which always asks to confirm first.
// "Your calendar feed" (issue 15, item 3): POST /api/provider/calendar-feed makes the private
// subscription address, shown once (copy-able, a webcal: link, how to add it to Outlook and
// Google); making a new one when there is one asks to confirm first (the old one stops working).
// Not signed in (401) → a link to /sign-in/. The API's field messages show in the GOV.UK
// error summary and beside each field.
import type { CalendarFeedAnswer } from '#shared/api/exports.ts';
import type { OrganisationInput, OrganisationReply, MemberView } from '#shared/api/organisation.ts';
import { PROVIDER_TYPES } from '#shared/domain/types.ts';
import { ApiError, api } from '../../../lib/api.ts';
import { byId, fill, h, ready, setTitle, type Child } from '../../../lib/dom.ts';
import { showErrors } from '../../../lib/errors.ts';
import { button, checkedValue, radiosField, textField } from '../../../lib/form.ts';
import { formatDate, providerTypeLabel } from '../../../lib/format.ts';
import { noteMembership } from '../../../lib/organisation.ts';
import { signInNeeded } from '../../../lib/request.ts';
import { showSignedIn } from '../../../lib/signed-in.ts';

const PATH = '/api/provider/organisation';
const TITLE = 'Your organisation';

let page: HTMLElement;

function errorSummary(): HTMLElement {
  return h('div', { id: 'error-summary', hidden: true, 'data-module': 'govuk-error-summary' });
}

function banner(message: string): HTMLElement {
  return h(
    'div',
    { class: 'govuk-notification-banner govuk-notification-banner--success', role: 'alert', 'aria-labelledby': 'done-banner-title', tabindex: -1, id: 'done-banner' },
    h('div', { class: 'govuk-notification-banner__header' }, h('h2', { class: 'govuk-notification-banner__title', id: 'done-banner-title' }, 'Success')),
    h('div', { class: 'govuk-notification-banner__content' }, h('p', { class: 'govuk-notification-banner__heading app-wrap' }, message)),
  );
}

/** What went wrong with a call that has no form of its own (e.g. removing a member). */
function failed(err: unknown): void {
  if (err instanceof ApiError && (err.status === 401 || err.status === 403) && err.code === 'SIGN_IN_REQUIRED') return signInNeeded(page, TITLE);
  throw err;
}

// ---- setting it up, and changing it --------------------------------------------------

/** The question page: every field of the profile, filled from `current` when changing it. */
function showProfileForm(current: OrganisationReply['organisation'] | undefined, focus?: string): void {
  const title = current ? 'Change your organisation’s details' : 'Set up your organisation';
  setTitle(title);
  const summary = errorSummary();
  const contact = current?.defaultContact;
  const form = h(
    'form',
    { id: 'organisation-form', novalidate: true },
    textField({ id: 'name', field: 'name', label: 'Organisation name', value: current?.name, autocomplete: 'organization', spellcheck: false }),
    radiosField({
      id: 'type',
      name: 'type',
      field: 'type',
      legend: 'Type of provider',
      options: PROVIDER_TYPES.map((t) => ({ value: t, label: providerTypeLabel(t) })),
      checked: current ? [current.type] : [],
    }),
    textField({ id: 'ukprn', field: 'ukprn', label: 'UK provider reference number (UKPRN)', hint: '8 digits starting with 1', value: current?.ukprn, width: 'govuk-input--width-10', inputmode: 'numeric', spellcheck: false }),
    textField({ id: 'website', field: 'website', label: 'Website (optional)', hint: 'For example, https://www.college.ac.uk', value: current?.website, type: 'url', autocomplete: 'url', spellcheck: false }),
    h(
      'fieldset',
      { class: 'govuk-fieldset' },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--m' }, h('h2', { class: 'govuk-fieldset__heading' }, 'Default contact')),
      h('p', { class: 'govuk-body' }, 'Who schools reply to. We fill in the request form with these details; you can change them on each request.'),
      textField({ id: 'contact-name', field: 'defaultContact.name', label: 'Full name', value: contact?.name, autocomplete: 'name', spellcheck: false }),
      textField({ id: 'contact-email', field: 'defaultContact.email', label: 'Email address', value: contact?.email, type: 'email', autocomplete: 'email', spellcheck: false }),
      textField({ id: 'contact-phone', field: 'defaultContact.phone', label: 'Phone number', value: contact?.phone, type: 'tel', autocomplete: 'tel', width: 'govuk-input--width-20' }),
    ),
    h(
      'div',
      { class: 'govuk-button-group' },
      button(current ? 'Save changes' : 'Save and continue', { id: 'save-organisation', type: 'submit' }),
      current ? h('a', { class: 'govuk-link', href: '#', id: 'cancel-change', onclick: (e: Event) => (e.preventDefault(), void load()) }, 'Cancel') : null,
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (id: string) => byId<HTMLInputElement>(id).value.trim();
    const body: OrganisationInput = {
      name: value('name'),
      type: checkedValue(form, 'type') as OrganisationInput['type'],
      ukprn: value('ukprn'),
      website: value('website'),
      defaultContact: { name: value('contact-name'), email: value('contact-email'), phone: value('contact-phone') },
      ...(current ? { version: current.version } : {}),
    };
    const save = byId<HTMLButtonElement>('save-organisation');
    save.disabled = true;
    api<OrganisationReply>('PUT', PATH, { body })
      .then((reply) => showAccount(reply, current ? 'Your organisation’s details are saved.' : `${reply.organisation.name} is set up. You are its admin.`))
      .catch((err: unknown) => {
        save.disabled = false;
        if (!(err instanceof ApiError)) throw err;
        if (err.code === 'SIGN_IN_REQUIRED') return signInNeeded(page, TITLE);
        showErrors(form, summary, err.shownErrors(), title);
      });
  });
  fill(
    page,
    summary,
    h('h1', { class: 'govuk-heading-l' }, title),
    current ? null : h('p', { class: 'govuk-body' }, 'Set up your organisation once: your colleagues can then join it, see every request it sends, and start each request with these details filled in.'),
    form,
  );
  if (focus) byId(focus).focus();
}

// ---- the account --------------------------------------------------------------------

function summaryRow(key: string, value: Child, change: { field: string; what: string } | undefined, current: OrganisationReply['organisation']): HTMLElement {
  return h(
    'div',
    { class: 'govuk-summary-list__row' },
    h('dt', { class: 'govuk-summary-list__key' }, key),
    h('dd', { class: 'govuk-summary-list__value' }, value),
    change
      ? h(
          'dd',
          { class: 'govuk-summary-list__actions' },
          h(
            'a',
            { class: 'govuk-link', href: `#${change.field}`, 'data-change': change.field, onclick: (e: Event) => (e.preventDefault(), showProfileForm(current, change.field)) },
            'Change',
            h('span', { class: 'govuk-visually-hidden' }, ` ${change.what}`),
          ),
        )
      : null,
  );
}

function joined(m: MemberView): string {
  return m.joinedAt ? formatDate(m.joinedAt.slice(0, 10)) : 'Invited, not signed in yet';
}

function membersTable(reply: OrganisationReply, admin: boolean): HTMLElement {
  return h(
    'table',
    { class: 'govuk-table app-responsive-table', id: 'members' },
    h('caption', { class: 'govuk-table__caption govuk-table__caption--m' }, 'Members'),
    h(
      'thead',
      { class: 'govuk-table__head' },
      h(
        'tr',
        { class: 'govuk-table__row' },
        h('th', { class: 'govuk-table__header', scope: 'col' }, 'Email address'),
        h('th', { class: 'govuk-table__header', scope: 'col' }, 'Role'),
        h('th', { class: 'govuk-table__header', scope: 'col' }, 'Joined'),
        admin ? h('th', { class: 'govuk-table__header', scope: 'col' }, h('span', { class: 'govuk-visually-hidden' }, 'Actions')) : null,
      ),
    ),
    h(
      'tbody',
      { class: 'govuk-table__body' },
      reply.members.map((m) =>
        h(
          'tr',
          { class: 'govuk-table__row', 'data-member': m.email },
          h('td', { class: 'govuk-table__cell app-wrap', 'data-label': 'Email address' }, m.email, m.email === reply.you.email ? ' (you)' : ''),
          h('td', { class: 'govuk-table__cell', 'data-label': 'Role' }, m.role === 'admin' ? 'Admin' : 'Member'),
          h('td', { class: 'govuk-table__cell', 'data-label': 'Joined' }, joined(m)),
          admin
            ? h(
                'td',
                { class: 'govuk-table__cell' },
                m.email === reply.you.email
                  ? ''
                  : h(
                      'a',
                      { class: 'govuk-link', href: '#', 'data-remove': m.email, onclick: (e: Event) => (e.preventDefault(), confirmRemove(reply, m)) },
                      'Remove',
                      h('span', { class: 'govuk-visually-hidden' }, ` ${m.email}`),
                    ),
              )
            : null,
        ),
      ),
    ),
  );
}

function inviteForm(summary: HTMLElement): HTMLFormElement {
  const form = h(
    'form',
    { id: 'invite-form', novalidate: true },
    h('h2', { class: 'govuk-heading-m' }, 'Invite a colleague'),
    h('p', { class: 'govuk-body' }, 'We email them a link to sign in. They join when they first use it.'),
    textField({ id: 'invite-email', field: 'email', label: 'Email address', type: 'email', autocomplete: 'off', spellcheck: false }),
    radiosField({
      id: 'invite-role',
      name: 'role',
      field: 'role',
      legend: 'Role',
      small: true,
      options: [
        { value: 'member', label: 'Member', hint: 'Sends requests and sees every request of the organisation' },
        { value: 'admin', label: 'Admin', hint: 'Also changes the organisation’s details and its members' },
      ],
      checked: ['member'],
    }),
    button('Send invitation', { id: 'send-invite', type: 'submit' }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const email = byId<HTMLInputElement>('invite-email').value.trim();
    if (!email) return showErrors(form, summary, [{ path: 'email', message: 'Enter your colleague’s email address.' }], TITLE);
    const send = byId<HTMLButtonElement>('send-invite');
    send.disabled = true;
    api<OrganisationReply>('POST', `${PATH}/members`, { body: { email, role: checkedValue(form, 'role') } })
      .then((reply) => showAccount(reply, `We have emailed ${email} a link to join ${reply.organisation.name}.`))
      .catch((err: unknown) => {
        send.disabled = false;
        if (!(err instanceof ApiError)) throw err;
        if (err.code === 'SIGN_IN_REQUIRED') return signInNeeded(page, TITLE);
        // The last action's success banner no longer describes the page.
        document.getElementById('done-banner')?.remove();
        // A refusal about the address itself (already a member) belongs at the email field.
        const errors = err.fieldErrors().length ? err.fieldErrors() : [{ path: err.code === 'ALREADY_A_MEMBER' ? 'email' : undefined, message: err.sentence }];
        showErrors(form, summary, errors, TITLE);
      });
  });
  return form;
}

function showAccount(reply: OrganisationReply, done?: string): void {
  noteMembership(true);
  const o = reply.organisation;
  const admin = reply.you.role === 'admin';
  const change = (field: string, what: string) => (admin ? { field, what } : undefined);
  const summary = errorSummary();
  setTitle(TITLE);
  fill(
    page,
    done ? banner(done) : null,
    summary,
    h('span', { class: 'govuk-caption-l' }, TITLE),
    h('h1', { class: 'govuk-heading-l', id: 'organisation-name' }, o.name),
    h('h2', { class: 'govuk-heading-m' }, 'Organisation details'),
    h(
      'dl',
      { class: 'govuk-summary-list', id: 'organisation-details' },
      summaryRow('Name', o.name, change('name', 'organisation name'), o),
      summaryRow('Type of provider', providerTypeLabel(o.type), change('type', 'type of provider'), o),
      summaryRow('UKPRN', o.ukprn, change('ukprn', 'UKPRN'), o),
      summaryRow('Website', o.website || 'Not given', change('website', 'website'), o),
      summaryRow(
        'Default contact',
        h('span', { class: 'app-wrap' }, o.defaultContact.name, h('br'), o.defaultContact.email, h('br'), o.defaultContact.phone),
        change('contact-name', 'default contact'),
        o,
      ),
    ),
    admin ? null : h('p', { class: 'govuk-body', id: 'ask-an-admin' }, 'Only your organisation’s admins can change these details and its members.'),
    membersTable(reply, admin),
    admin ? inviteForm(summary) : null,
    calendarSection(reply),
  );
  if (done) byId('done-banner').focus();
}

// ---- the calendar feed ----------------------------------------------------------------

const FEED_PATH = '/api/provider/calendar-feed';

/** The same address for calendar apps that open webcal: links (Outlook, Apple Calendar). */
const webcal = (url: string) => url.replace(/^https?:\/\//, 'webcal://');

function howTo(summary: string, id: string, steps: string[]): HTMLElement {
  return h(
    'details',
    { class: 'govuk-details', id },
    h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, summary)),
    h('div', { class: 'govuk-details__text' }, h('ol', { class: 'govuk-list govuk-list--number' }, steps.map((s) => h('li', null, s)))),
  );
}

/** The new address, this once: to copy, to open in a calendar app, and how to add it to Outlook and Google. */
function feedAddress(answer: CalendarFeedAnswer): HTMLElement[] {
  const input = h('input', { class: 'govuk-input', id: 'feed-url', name: 'feed-url', type: 'text', readonly: true, spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'feed-url-hint' });
  input.value = answer.url;
  input.addEventListener('focus', () => input.select());
  const copy = button('Copy address', { id: 'copy-feed', type: 'button' }, 'secondary');
  const copied = h('p', { class: 'govuk-body', id: 'feed-copied', 'aria-live': 'polite' });
  copy.addEventListener('click', () => {
    input.select();
    navigator.clipboard
      ?.writeText(answer.url)
      .then(() => fill(copied, 'Address copied.'))
      .catch(() => fill(copied, 'Select the address and copy it yourself.'));
  });
  return [
    banner('Your calendar feed’s new address is ready'),
    h('p', { class: 'govuk-body app-measure' }, answer.message),
    h(
      'div',
      { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label govuk-label--s', for: 'feed-url' }, 'Subscription address'),
      h('div', { class: 'govuk-hint', id: 'feed-url-hint' }, 'Copy it now: it will not be shown again.'),
      input,
    ),
    h('div', { class: 'govuk-button-group' }, copy, h('a', { class: 'govuk-link', href: webcal(answer.url), id: 'feed-webcal' }, 'Open in your calendar app')),
    copied,
    howTo('How to add it in Outlook', 'feed-outlook', [
      'In Outlook on the web or the new Outlook, open Calendar and choose Add calendar.',
      'Choose Subscribe from web and paste the address.',
      'Give the calendar a name, for example “School visits”, and choose Import.',
    ]),
    howTo('How to add it in Google Calendar', 'feed-google', [
      'In Google Calendar on a computer, next to Other calendars, choose the plus sign (+) and then From URL.',
      'Paste the address and choose Add calendar.',
      'Google checks the address every few hours, so a visit approved today may take until tomorrow to appear.',
    ]),
  ];
}

function makeFeed(reply: OrganisationReply, result: HTMLElement, trigger: HTMLButtonElement): void {
  trigger.disabled = true;
  api<CalendarFeedAnswer>('POST', FEED_PATH, { body: {} })
    .then((answer) => {
      showAccount({ ...reply, calendarFeed: { createdAt: answer.createdAt, createdBy: reply.you.email } });
      fill(byId('feed-result'), ...feedAddress(answer));
      byId('done-banner').focus();
    })
    .catch((err: unknown) => {
      trigger.disabled = false;
      if (!(err instanceof ApiError)) throw err;
      if (err.code === 'SIGN_IN_REQUIRED') return signInNeeded(page, TITLE);
      fill(result, h('p', { class: 'govuk-error-message', role: 'alert' }, err.sentence));
    });
}

/** A new address stops the old one at once, for every colleague subscribed: never one click. */
function confirmRotate(reply: OrganisationReply): void {
  const title = 'Make a new calendar feed address?';
  setTitle(title);
  const result = h('div', { id: 'feed-result' });
  const yes = button('Yes, make a new address', { id: 'confirm-rotate', type: 'button' }, 'warning');
  yes.addEventListener('click', () => makeFeed(reply, result, yes));
  fill(
    page,
    h('h1', { class: 'govuk-heading-l' }, title),
    h(
      'p',
      { class: 'govuk-body app-measure' },
      `The current address stops working at once. Every calendar subscribed to it, yours and your colleagues’, stops showing ${reply.organisation.name}’s visits until it is subscribed to the new address.`,
    ),
    h(
      'div',
      { class: 'govuk-button-group' },
      yes,
      h('a', { class: 'govuk-link', href: '#', id: 'cancel-rotate', onclick: (e: Event) => (e.preventDefault(), showAccount(reply)) }, 'No, keep the current address'),
    ),
    result,
  );
  byId('confirm-rotate').focus();
}

function calendarSection(reply: OrganisationReply): HTMLElement {
  const feed = reply.calendarFeed;
  const result = h('div', { id: 'feed-result' });
  const make = button(feed ? 'Make a new address' : 'Get your calendar feed address', { id: 'make-feed', type: 'button' }, 'secondary');
  make.addEventListener('click', () => (feed ? confirmRotate(reply) : makeFeed(reply, result, make)));
  return h(
    'section',
    { 'aria-labelledby': 'feed-heading', id: 'calendar-feed' },
    h('h2', { class: 'govuk-heading-m', id: 'feed-heading' }, 'Your calendar feed'),
    h(
      'p',
      { class: 'govuk-body app-measure' },
      `Every visit a school has approved for ${reply.organisation.name}, whoever sent the request, can appear in your own calendar through a private subscription address. A moved visit moves; a cancelled one disappears.`,
    ),
    h('p', { class: 'govuk-body app-measure' }, 'Anyone with the address can see the visits, so share it only with colleagues.'),
    feed
      ? h(
          'p',
          { class: 'govuk-body app-measure', id: 'feed-status' },
          `The current address was made on ${formatDate(feed.createdAt.slice(0, 10))} by ${feed.createdBy}. It is shown only when it is made: if nobody has it any more, make a new one.`,
        )
      : h('p', { class: 'govuk-body', id: 'feed-status' }, 'Your organisation has no calendar feed yet.'),
    make,
    result,
  );
}

/** Removing someone is never one click: this page asks first. */
function confirmRemove(reply: OrganisationReply, member: MemberView): void {
  const title = `Remove ${member.email} from ${reply.organisation.name}?`;
  setTitle(title);
  const summary = errorSummary();
  const yes = button('Yes, remove them', { id: 'confirm-remove', type: 'button' }, 'warning');
  yes.addEventListener('click', () => {
    yes.disabled = true;
    api<{ removed: string }>('DELETE', `${PATH}/members/${encodeURIComponent(member.email)}`)
      .then(() => load(`${member.email} no longer has access to ${reply.organisation.name}.`))
      .catch((err: unknown) => {
        yes.disabled = false;
        if (!(err instanceof ApiError)) throw err;
        if (err.code === 'SIGN_IN_REQUIRED') return signInNeeded(page, TITLE);
        showErrors(page, summary, [{ message: err.sentence }], title);
      });
  });
  fill(
    page,
    summary,
    h('h1', { class: 'govuk-heading-l' }, title),
    h('p', { class: 'govuk-body' }, 'They lose access at once: they can no longer see the organisation’s requests or send requests as part of it. Requests they sent stay with the organisation.'),
    h(
      'div',
      { class: 'govuk-button-group' },
      yes,
      h('a', { class: 'govuk-link', href: '#', id: 'cancel-remove', onclick: (e: Event) => (e.preventDefault(), showAccount(reply)) }, 'No, keep them'),
    ),
  );
  byId('confirm-remove').focus();
}

async function load(done?: string): Promise<void> {
  try {
    const answer = await api<OrganisationReply>('GET', PATH);
    showSignedIn();
    showAccount(answer, done);
  } catch (err) {
    if (err instanceof ApiError) noteMembership(false);
    if (err instanceof ApiError && err.code === 'ORGANISATION_NOT_FOUND') {
      showSignedIn();
      return showProfileForm(undefined);
    }
    failed(err);
  }
}

ready(async () => {
  page = byId('page');
  await load();
});
