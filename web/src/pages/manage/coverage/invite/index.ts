// Invite providers to book (issue 16, item 2): /manage/coverage/invite/?urn=&year=9, from a
// cohort at risk on the coverage page. GET …/coverage/invitations?year= → InvitationPlan:
// the providers who visited this school before (latest visit first), the open slots a
// provider could still book, and the email each would get. One question (which providers),
// the slots and the email below it, then POST …/coverage/invitations { yearGroup, providers }
// → 201 { invitation, message }; back on the coverage page with the message. Refusals (none
// chosen, invited this week, no slots) are shown at the question.
import type { InvitationPlan, InvitationSent, VisitedProvider } from '#shared/api/coverage.ts';
import { ApiError, api } from '../../../../lib/api.ts';
import { byId, fill, h, href, param, ready, setTitle, type Child } from '../../../../lib/dom.ts';
import { clearErrors, showErrors } from '../../../../lib/errors.ts';
import { checkboxesField, checkedValues } from '../../../../lib/form.ts';
import { formatDate, formatDateShort, formatTimeRange, formatYears } from '../../../../lib/format.ts';
import { accountBar, openSchoolPage, problem, setFlash, type ManagedSchool, type Me } from '../../../../lib/manage.ts';

const PATH = '/manage/coverage/invite/';
const TITLE = 'Invite providers to book';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function providerHint(p: VisitedProvider): string {
  const invited = p.invitedAt ? `; last invited ${formatDateShort(p.invitedAt.slice(0, 10))}` : '';
  return `Last visit ${formatDateShort(p.lastVisit)}; the email goes to ${p.contactName}${invited}`;
}

function slotList(plan: InvitationPlan): HTMLElement {
  return h(
    'ul',
    { class: 'govuk-list govuk-list--bullet', id: 'invite-slots' },
    plan.slots.map((s) =>
      h('li', { class: 'app-wrap', 'data-slot': `${s.opportunityId}:${s.date}` }, `${s.title}, ${formatDate(s.date)}, ${formatTimeRange(s.start, s.end)} (${formatYears(s.yearGroups)}; ${plural(s.placesLeft, 'place')} left)`),
    ),
  );
}

function render(page: HTMLElement, me: Me, school: ManagedSchool, plan: InvitationPlan) {
  const year = `Year ${plan.yearGroup}`;
  setTitle(`${TITLE}: ${year}`);
  const back = href('/manage/coverage/', { urn: school.urn });
  const summary = h('div', { id: 'error-summary', hidden: true });
  const head: Child[] = [
    h('a', { class: 'govuk-back-link', href: `${back}#cohort-${plan.yearGroup}` }, 'Back to coverage'),
    summary,
    accountBar(me, school, PATH),
  ];
  const can = plan.providers.filter((p) => !p.inviteAgainOn);
  const waiting = plan.providers.filter((p) => p.inviteAgainOn);
  const why = `${year} needs ${plural(plan.needed, 'more encounter')} by ${formatDate(plan.byDate)}; a provider must ask by ${formatDate(plan.askBy)}.`;
  const last = plan.lastInvitation ? h('p', { class: 'govuk-body', id: 'last-invited' }, `You invited ${plural(plan.lastInvitation.providers.length, 'provider')} on ${formatDateShort(plan.lastInvitation.sentAt.slice(0, 10))}: ${plan.lastInvitation.providers.join(', ')}.`) : null;

  if (plan.providers.length === 0 || plan.slots.length === 0) {
    setTitle(`${TITLE}: ${year}`);
    const reason =
      plan.providers.length === 0
        ? `No provider has visited ${plan.schoolName} yet, so there is nobody to invite. Providers find your open slots on your school’s page.`
        : `There are no open slots for ${year} that a provider could book before ${formatDate(plan.byDate)} with your notice period, so there is nothing to invite them to.`;
    fill(
      page,
      head,
      h('span', { class: 'govuk-caption-l' }, `Coverage: ${year}`),
      h('h1', { class: 'govuk-heading-l' }, TITLE),
      h('p', { class: 'govuk-body', id: 'invite-nothing' }, reason),
      last,
      plan.slots.length === 0 ? h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: href('/manage/opportunities/', { urn: school.urn }) }, `Add an opportunity for ${year} on the opportunities page`)) : null,
      h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: back }, 'Back to coverage')),
    );
    return;
  }

  const question = can.length
    ? checkboxesField({
        id: 'providers',
        name: 'providers',
        field: 'providers',
        legend: `Which providers do you want to invite to book for ${year}?`,
        legendClass: 'govuk-fieldset__legend--l',
        legendIsHeading: true,
        hint: `Providers who have visited ${plan.schoolName}, latest visit first. Each gets its own email, so no provider sees who else you invited. Select all that apply.`,
        options: can.map((p) => ({ value: p.id, label: p.organisation, hint: providerHint(p) })),
      })
    : h('h1', { class: 'govuk-heading-l' }, `Every provider who visited was invited this week`);
  const send = can.length ? h('button', { type: 'submit', class: 'govuk-button', 'data-module': 'govuk-button', id: 'send-invitations' }, 'Send invitations') : null;
  // One form: the question, then what will be sent (the slots and the email), then Send.
  const form = h(
    'form',
    { novalidate: true, id: 'invite-form' },
    h('span', { class: 'govuk-caption-l' }, `Coverage: ${year}`),
    question,
    h('p', { class: 'govuk-body', id: 'invite-why' }, why),
    last,
    waiting.length
      ? h(
          'div',
          { id: 'invited-this-week' },
          h('h2', { class: 'govuk-heading-m' }, 'Invited this week'),
          h('p', { class: 'govuk-body' }, 'To give them time to answer, each provider is invited at most once a week for a cohort.'),
          h('ul', { class: 'govuk-list govuk-list--bullet' }, waiting.map((p) => h('li', { class: 'app-wrap' }, `${p.organisation}: you can invite them again from ${formatDate(p.inviteAgainOn ?? plan.byDate)}`))),
        )
      : null,
    h('h2', { class: 'govuk-heading-m', id: 'slots-heading' }, `The ${plural(plan.slots.length, 'open slot')} in the email`),
    slotList(plan),
    h('h2', { class: 'govuk-heading-m', id: 'preview-heading' }, 'The email each provider gets'),
    h(
      'div',
      { class: 'govuk-inset-text', id: 'invite-preview', 'aria-labelledby': 'preview-heading', role: 'region' },
      h('p', { class: 'govuk-body govuk-!-font-weight-bold app-wrap', id: 'preview-subject' }, `Subject: ${plan.preview.subject}`),
      h('p', { class: 'govuk-body app-pre-wrap app-wrap', id: 'preview-text' }, plan.preview.text),
    ),
    send ?? h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: back }, 'Back to coverage')),
  );
  fill(page, head, form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!send) return;
    const providers = checkedValues(form, 'providers');
    if (providers.length === 0) return showErrors(form, summary, [{ path: 'providers', message: `Select at least one provider to invite to book for ${year}.` }], `${TITLE}: ${year}`);
    clearErrors(form, summary, `${TITLE}: ${year}`);
    send.disabled = true;
    try {
      const sent = await api<InvitationSent>('POST', `/api/manage/schools/${encodeURIComponent(school.urn)}/coverage/invitations`, { body: { yearGroup: plan.yearGroup, providers } });
      setFlash(back, sent.message);
      location.assign(`${back}#cohort-${plan.yearGroup}`);
    } catch (err) {
      send.disabled = false;
      if (!(err instanceof ApiError)) throw err;
      showErrors(form, summary, err.shownErrors(), `${TITLE}: ${year}`);
    }
  });
}

ready(async () => {
  const year = param('year');
  if (!/^(8|9|1[0-3])$/.test(year)) {
    return problem(byId('page'), 'Choose a cohort on the coverage page', 'This link does not name a year group. Open the coverage page and choose “Invite providers to book” under a cohort at risk.', [['/manage/coverage/', 'Go to coverage']]);
  }
  const opened = await openSchoolPage(TITLE, PATH, (urn) => api<InvitationPlan>('GET', href(`/api/manage/schools/${encodeURIComponent(urn)}/coverage/invitations`, { year })));
  if (!opened) return;
  render(opened.page, opened.me, opened.school, opened.answer);
});
