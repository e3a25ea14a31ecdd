// The careers lead's dashboard: /manage/?urn= (the first of the person's schools without
// one). GET /api/manage/me, then GET /api/manage/schools/{urn}/requests →
// { today, needsAttention, needsDecision, awaitingProvider, upcoming, statementReviewDue?,
// undeliverableSchoolAddresses?, suppressedAddresses?, coverageConcerns }. The cohorts short of
// encounters come first (issue 16, item 3), then "needs attention": bookings a
// later change of the school's calendar or opportunities put outside the rules (issue 11).
// With ?status=&from=&to= it is the history instead: the same route answers { requests }.
// Each row links to /manage/requests/view/?id=. After a fresh sign-in it forwards to the
// page the person was going to (an emailed link to one request).
import type { CoverageConcern } from '#shared/api/coverage.ts';
import type { ManagedRequestView, UndeliverableAddress } from '#shared/api/manage.ts';
import { coverageTag, phaseText } from '../../lib/coverage.ts';
import type { FoundRequestView } from '#shared/api/provider.ts';
import { SCHOOL_REQUEST_STATUSES } from '#shared/domain/types.ts';
import { ApiError, api } from '../../lib/api.ts';
import { byId, fill, h, href, param, ready, setTitle, type Child } from '../../lib/dom.ts';
import { clearErrors, showErrors, type FieldError } from '../../lib/errors.ts';
import { referenceBelow, referenceSearch } from '../../lib/reference.ts';
import { dateField, readDate, selectField } from '../../lib/form.ts';
import { formatDate, formatDateAbbreviated, formatWhen, formatTimeRange, formatYears, isIsoDate, sessionTypeLabel } from '../../lib/format.ts';
import {
  accountBar,
  cameFromSignIn,
  daysLeftTag,
  handleLoadError,
  importantBanner,
  loadMe,
  noSchools,
  notYourSchool,
  schoolFor,
  setFlash,
  setUpChrome,
  signInNeeded,
  STATUS_CHOICES,
  successBanner,
  statusTag,
  statusText,
  takeFlash,
  takeNext,
  warningText,
  type ManagedSchool,
  type Me,
} from '../../lib/manage.ts';

interface DashboardAnswer {
  today: string;
  needsAttention?: ManagedRequestView[];
  needsDecision: ManagedRequestView[];
  awaitingProvider: ManagedRequestView[];
  upcoming: ManagedRequestView[];
  /** The published statement is past its yearly review date. */
  statementReviewDue?: { version?: number; nextReviewOn?: string; message?: string };
  /** The school's own addresses (the careers lead's) the service no longer emails, and why. */
  undeliverableSchoolAddresses?: UndeliverableAddress[];
  /** Addresses the service no longer emails (bounced or complained). */
  suppressedAddresses?: string[];
  /** Issue 16, item 3: cohorts at risk (soonest window end first), then not met. */
  coverageConcerns?: CoverageConcern[];
}
interface HistoryAnswer {
  requests: ManagedRequestView[];
  suppressedAddresses?: string[];
}

const PATH = '/manage/';
const viewHref = (r: ManagedRequestView) => href('/manage/requests/view/', { id: r.id });

/** The provider's name as a link to the request, unique for a screen reader by its date. */
function providerLink(r: ManagedRequestView): Child {
  return [
    h(
      'a',
      { class: 'govuk-link', href: viewHref(r), 'data-request-id': r.id },
      r.provider.organisation,
      h('span', { class: 'govuk-visually-hidden' }, `, ${formatDateAbbreviated(r.date)}`),
    ),
    referenceBelow(r),
  ];
}

function table(id: string, labelledBy: string, headers: string[], rows: Child[][]): HTMLElement {
  return h(
    'div',
    { class: 'app-table-wrap' },
    h(
      'table',
      { class: 'govuk-table app-responsive-table', id, 'aria-labelledby': labelledBy },
      h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' }, headers.map((t) => h('th', { scope: 'col', class: 'govuk-table__header' }, t)))),
      h(
        'tbody',
        { class: 'govuk-table__body' },
        rows.map((cells) => h('tr', { class: 'govuk-table__row' }, cells.map((c, i) => h('td', { class: 'govuk-table__cell app-wrap', 'data-label': headers[i] }, c)))),
      ),
    ),
  );
}

function section(id: string, heading: string, list: ManagedRequestView[], empty: string, headers: string[], row: (r: ManagedRequestView) => Child[]): Child[] {
  const headingId = `${id}-heading`;
  return [
    h('h2', { class: 'govuk-heading-m', id: headingId }, `${heading} (${list.length})`),
    list.length ? table(id, headingId, headers, list.map(row)) : h('p', { class: 'govuk-body', id: `${id}-empty` }, empty),
  ];
}

const when = (r: { date: string; start: string; end: string }): Child => [formatDateAbbreviated(r.date), h('br'), formatTimeRange(r.start, r.end)];

/** Why the service stopped emailing one of the school's addresses, and what the school can do about it. */
function undeliverableBanner(a: UndeliverableAddress, urn: string): HTMLElement {
  const why =
    a.reason === 'complaint'
      ? `An email we sent to ${a.address} was reported as spam on ${formatWhen(a.since)}, so we have stopped emailing it.`
      : `Emails to ${a.address} bounced for good on ${formatWhen(a.since)} (the receiving mail server would not accept them), so we have stopped emailing it.`;
  return importantBanner(
    'undeliverable-banner',
    `We cannot email the careers lead, ${a.name}`,
    h('p', { class: 'govuk-body app-wrap' }, why),
    h('p', { class: 'govuk-body' }, 'New requests, reminders and sign-in links for this school are not reaching the careers lead. Keep an eye on this dashboard meanwhile.'),
    h('p', { class: 'govuk-body' }, 'To fix it:'),
    h(
      'ul',
      { class: 'govuk-list govuk-list--bullet app-wrap' },
      h('li', null, h('a', { class: 'govuk-notification-banner__link', href: `${href('/manage/settings/', { urn })}#lead-email` }, 'check the careers lead’s email address in your school settings'), ' and correct it if it is wrong'),
      h('li', null, `if the address is right, ask your IT team to allow email from ${a.sender}${a.reason === 'complaint' ? ' and to stop marking it as spam' : ''}`),
    ),
  );
}

/**
 * Issue 16, item 3: the cohorts whose encounters fall short, at the top of the dashboard:
 * how many more by which date, each with a link to its part of the coverage page.
 */
function coveragePanel(concerns: CoverageConcern[], urn: string): Child[] {
  if (!concerns.length) return [];
  const coverage = (yearGroup?: number) => `${href('/manage/coverage/', { urn })}${yearGroup ? `#cohort-${yearGroup}` : ''}`;
  const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;
  const what = (c: CoverageConcern) =>
    c.status === 'at_risk'
      ? `${plural(c.needed, 'more encounter')} needed by ${formatDate(c.byDate)} (${c.counted} of ${c.required} delivered${c.planned ? `, ${c.planned} booked` : ', none booked'}). A provider must ask by ${formatDate(c.askBy)}.`
      : `${c.counted} of ${c.required} delivered when the window closed on ${formatDate(c.byDate)}.`;
  return [
    h(
      'section',
      { class: 'govuk-!-margin-bottom-6', id: 'coverage-concerns', 'aria-labelledby': 'coverage-concerns-heading' },
      h('h2', { class: 'govuk-heading-m', id: 'coverage-concerns-heading' }, `Cohorts short of encounters (${concerns.length})`),
      h(
        'ul',
        { class: 'govuk-list' },
        concerns.map((c) =>
          h(
            'li',
            { 'data-cohort': c.yearGroup, 'data-status': c.status },
            h('p', { class: 'govuk-body govuk-!-margin-bottom-1' }, h('strong', null, `Year ${c.yearGroup}`), ' ', coverageTag(c.status), h('span', { class: 'govuk-body-s' }, ` ${phaseText(c.phase)}`)),
            h('p', { class: 'govuk-body govuk-!-margin-bottom-1 app-wrap' }, what(c)),
            h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: coverage(c.yearGroup) }, c.status === 'at_risk' ? 'What would close the gap' : 'See the encounters', h('span', { class: 'govuk-visually-hidden' }, ` for Year ${c.yearGroup}`))),
          ),
        ),
      ),
      h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: coverage(), id: 'coverage-link' }, 'See every cohort’s coverage')),
    ),
  ];
}

/** The time a booking stands at: the time the school proposed while the provider holds it. */
const standsAt = (r: ManagedRequestView) => (r.status === 'alternative_proposed' && r.alternative ? r.alternative : r);

/** Issue 11: bookings a change put outside the rules, first, with what each breaks now. */
function attentionSection(list: ManagedRequestView[]): Child[] {
  if (!list.length) return [];
  return [
    h(
      'div',
      { id: 'attention-section' },
      h('h2', { class: 'govuk-heading-m', id: 'needs-attention-heading' }, `Needs attention (${list.length})`),
      warningText(
        `A change to your school’s calendar or opportunities puts ${list.length === 1 ? 'this booking' : `these ${list.length} bookings`} outside your rules. Open each one to move it, cancel it, or keep it as it is with a reason.`,
      ),
      table('needs-attention', 'needs-attention-heading', ['Provider', 'Visit', 'Status', 'What changed'], list.map((r) => [
        providerLink(r),
        when(standsAt(r)),
        statusTag(r.status),
        r.attention.map((p, i) => [i ? h('br') : null, p.message]),
      ])),
    ),
  ];
}

/**
 * Issue 14, item 5: providers' asks to move approved encounters, each with the time asked
 * for and why; approved here in one press (both sides get the new invitation), or declined
 * with a reason on the request's page.
 */
function movesSection(upcoming: ManagedRequestView[], summary: HTMLElement): Child[] {
  const list = upcoming.filter((r) => r.move && r.allowedActions.includes('approve_move'));
  if (!list.length) return [];
  const approveButton = (r: ManagedRequestView) => {
    const form = h(
      'form',
      { novalidate: true, id: `approve-move-${r.id}` },
      h('button', { type: 'submit', class: 'govuk-button govuk-!-margin-bottom-1', 'data-module': 'govuk-button' }, 'Approve the move', h('span', { class: 'govuk-visually-hidden' }, ` of ${r.provider.organisation}, ${formatDateAbbreviated(r.date)}`)),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const submit = form.querySelector('button');
      if (submit) submit.disabled = true;
      api('POST', `/api/manage/requests/${encodeURIComponent(r.id)}/approve-move`, { body: {} })
        .then(() => {
          setFlash(location.pathname + location.search, `You approved ${r.provider.organisation}’s move: the encounter has its new time`);
          location.reload();
        })
        .catch((err: unknown) => {
          if (submit) submit.disabled = false;
          if (!(err instanceof ApiError)) throw err;
          showErrors(form, summary, [{ message: `${r.provider.organisation}: ${err.sentence}` }], document.title.replace(/^Error: /, '').replace(/ – Provider access$/, ''));
        });
    });
    return form;
  };
  return [
    h('h2', { class: 'govuk-heading-m', id: 'moves-asked-heading' }, `Moves to answer (${list.length})`),
    table('moves-asked', 'moves-asked-heading', ['Provider', 'Booked for', 'Asks to move to', 'Reason', 'Answer'], list.map((r) => [
      providerLink(r),
      when(r),
      r.move ? when(r.move) : '',
      h('span', { class: 'app-pre-wrap' }, r.move?.reason ?? ''),
      [approveButton(r), h('a', { class: 'govuk-link', href: `${viewHref(r)}#move-heading` }, 'Decline with a reason', h('span', { class: 'govuk-visually-hidden' }, `: ${r.provider.organisation}`))],
    ])),
  ];
}

function banners(
  answer: { statementReviewDue?: DashboardAnswer['statementReviewDue']; undeliverableSchoolAddresses?: UndeliverableAddress[]; suppressedAddresses?: string[] },
  urn: string,
): Child[] {
  const out: Child[] = [];
  const own = answer.undeliverableSchoolAddresses ?? [];
  out.push(...own.map((a) => undeliverableBanner(a, urn)));
  const review = answer.statementReviewDue;
  if (review) {
    out.push(
      importantBanner(
        'statement-banner',
        'Your provider access policy statement is due for review',
        review.message ? h('p', { class: 'govuk-body' }, review.message) : null,
        review.nextReviewOn && isIsoDate(review.nextReviewOn) ? h('p', { class: 'govuk-body' }, `It was due for review on ${formatDate(review.nextReviewOn)}.`) : null,
        h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-notification-banner__link', href: href('/manage/statement/', { urn }) }, 'Review and publish your statement')),
      ),
    );
  }
  // The school's own addresses have their banner above; the list is for the providers'.
  const ownAddresses = new Set(own.map((a) => a.address.toLowerCase()));
  const suppressed = (answer.suppressedAddresses ?? []).filter((e) => !ownAddresses.has(e.toLowerCase()));
  if (suppressed.length) {
    out.push(
      h(
        'div',
        { id: 'suppressed-warning' },
        warningText('We cannot email these addresses: earlier emails to them bounced or were reported as spam. Contact them another way.'),
        h('ul', { class: 'govuk-list govuk-list--bullet app-wrap' }, suppressed.map((e) => h('li', null, e))),
      ),
    );
  }
  return out;
}

/** The history filter: a status and optional visit dates; submitting goes to ?status=&from=&to=. */
function historyForm(urn: string, summary: HTMLElement, current: { status: string; from: string; to: string }): HTMLElement {
  const form = h(
    'form',
    { id: 'history-form', novalidate: true, method: 'get', action: PATH },
    selectField({
      id: 'status',
      label: 'Status',
      field: 'status query.status',
      options: [['', 'Choose a status'], ...STATUS_CHOICES],
      value: current.status,
    }),
    dateField({ id: 'from', legend: 'Visit date from (optional)', field: 'from query.from', value: isIsoDate(current.from) ? current.from : undefined }),
    dateField({ id: 'to', legend: 'Visit date to (optional)', field: 'to query.to', value: isIsoDate(current.to) ? current.to : undefined }),
    h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary', id: 'show-history' }, 'Show requests'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const status = byId<HTMLSelectElement>('status').value;
    const from = readDate('from');
    const to = readDate('to');
    const errors: FieldError[] = [];
    if (!status) errors.push({ path: 'status', message: 'Choose the status of the requests to show.' });
    if (from.state === 'invalid') errors.push({ path: 'from', message: 'The from date must be a real date, like 1 9 2026.' });
    if (to.state === 'invalid') errors.push({ path: 'to', message: 'The to date must be a real date, like 31 8 2027.' });
    if (from.state === 'ok' && to.state === 'ok' && to.iso < from.iso) errors.push({ path: 'to', message: 'The to date must be the same as or after the from date.' });
    if (errors.length) return showErrors(form, summary, errors, document.title.replace(/^Error: /, '').replace(/ – Provider access$/, ''));
    clearErrors(form, summary);
    location.assign(href(PATH, { urn, status, from: from.state === 'ok' ? from.iso : undefined, to: to.state === 'ok' ? to.iso : undefined }));
  });
  return form;
}

/** Issue 14, item 6: the request page of this school's request with that reference, or the API's refusal. */
async function findByReference(school: ManagedSchool, reference: string): Promise<string> {
  const { request } = await api<FoundRequestView>('GET', href(`/api/manage/schools/${encodeURIComponent(school.urn)}/requests`, { reference }));
  return href('/manage/requests/view/', { id: request.id });
}

async function showDashboard(page: HTMLElement, me: Me, school: ManagedSchool, flash: string | undefined) {
  let answer: DashboardAnswer;
  try {
    answer = await api<DashboardAnswer>('GET', `/api/manage/schools/${encodeURIComponent(school.urn)}/requests`);
  } catch (err) {
    if (handleLoadError(page, err, 'Requests', me, PATH)) return;
    throw err;
  }
  setTitle(`Requests – ${school.name}`);
  const summary = h('div', { id: 'error-summary', hidden: true });
  fill(
    page,
    flash ? successBanner(flash) : null,
    summary,
    accountBar(me, school, PATH),
    h('span', { class: 'govuk-caption-l' }, 'Provider access requests'),
    h('h1', { class: 'govuk-heading-l app-wrap', id: 'school-name' }, school.name),
    banners(answer, school.urn),
    coveragePanel(answer.coverageConcerns ?? [], school.urn),
    referenceSearch({ id: 'find', summary, title: `Requests – ${school.name}`, find: (reference) => findByReference(school, reference) }),
    attentionSection(answer.needsAttention ?? []),
    movesSection(answer.upcoming, summary),
    section(
      'needs-decision',
      'Requests needing a decision',
      answer.needsDecision,
      'There are no requests waiting for your decision.',
      ['Provider', 'Visit', 'Year groups', 'Answer by'],
      (r) => [providerLink(r), when(r), formatYears(r.yearGroups), [formatDateAbbreviated(r.responseDeadline), h('br'), daysLeftTag(r.schoolDaysLeft)]],
    ),
    section(
      'awaiting-provider',
      'Waiting for the provider',
      answer.awaitingProvider,
      'No provider is deciding on a time you proposed.',
      ['Provider', 'Time you proposed', 'They answer by', 'Asked for'],
      (r) => [providerLink(r), r.alternative ? when(r.alternative) : '', r.alternative?.respondBy ? formatDateAbbreviated(r.alternative.respondBy) : '', when(r)],
    ),
    section(
      'upcoming',
      'Upcoming encounters',
      answer.upcoming,
      'There are no approved visits to come.',
      ['Provider', 'Visit', 'Year groups', 'Session'],
      (r) => [providerLink(r), when(r), formatYears(r.yearGroups), sessionTypeLabel(r.sessionType)],
    ),
    h('h2', { class: 'govuk-heading-m', id: 'history-heading' }, 'Find past requests'),
    h('p', { class: 'govuk-body' }, 'See requests by status, for example those you declined or visits that were delivered.'),
    historyForm(school.urn, summary, { status: '', from: '', to: '' }),
  );
  if (flash) byId('done-banner').focus();
}

async function showHistory(page: HTMLElement, me: Me, school: ManagedSchool) {
  const status = param('status');
  const from = param('from');
  const to = param('to');
  const summary = h('div', { id: 'error-summary', hidden: true });
  const form = historyForm(school.urn, summary, { status, from, to });
  const title = `Requests: ${statusText(status)} – ${school.name}`;
  const heading = h('h1', { class: 'govuk-heading-l app-wrap', id: 'history-title' }, statusText(status));
  const head: Child[] = [summary, accountBar(me, school, PATH), h('span', { class: 'govuk-caption-l app-wrap' }, `${school.name}: past requests`), heading];
  const back = h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: href(PATH, { urn: school.urn }), id: 'back-to-dashboard' }, 'Back to the dashboard'));

  const problems: FieldError[] = [];
  if (!(SCHOOL_REQUEST_STATUSES as readonly string[]).includes(status)) problems.push({ path: 'status', message: 'Choose the status of the requests to show.' });
  if (from && !isIsoDate(from)) problems.push({ path: 'from', message: 'The from date must be a real date, like 1 9 2026.' });
  if (to && !isIsoDate(to)) problems.push({ path: 'to', message: 'The to date must be a real date, like 31 8 2027.' });
  if (problems.length) {
    setTitle('Past requests');
    heading.textContent = 'Past requests';
    fill(page, head, form, back);
    showErrors(form, summary, problems, 'Past requests');
    return;
  }

  let answer: HistoryAnswer;
  try {
    answer = await api<HistoryAnswer>('GET', href(`/api/manage/schools/${encodeURIComponent(school.urn)}/requests`, { status, from, to }));
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) {
      setTitle('Past requests');
      fill(page, head, form, back);
      const fields = err.fieldErrors();
      showErrors(form, summary, fields.length ? fields : [{ message: err.message }], 'Past requests');
      return;
    }
    if (handleLoadError(page, err, 'Past requests', me, PATH)) return;
    throw err;
  }
  setTitle(title);
  const range = from && to ? ` with visits from ${formatDate(from)} to ${formatDate(to)}` : from ? ` with visits from ${formatDate(from)}` : to ? ` with visits up to ${formatDate(to)}` : '';
  const list = [...answer.requests].sort((a, b) => `${b.date}${b.start}`.localeCompare(`${a.date}${a.start}`));
  fill(
    page,
    head,
    banners({ ...(answer.suppressedAddresses ? { suppressedAddresses: answer.suppressedAddresses } : {}) }, school.urn),
    h('p', { class: 'govuk-body', id: 'history-count' }, `${list.length} ${list.length === 1 ? 'request' : 'requests'}${range}, latest visit first.`),
    list.length
      ? table('history', 'history-title', ['Provider', 'Visit', 'Year groups', 'Status'], list.map((r) => [providerLink(r), when(r), formatYears(r.yearGroups), statusTag(r.status)]))
      : null,
    back,
    h('h2', { class: 'govuk-heading-m' }, 'Change the search'),
    form,
  );
}

ready(async () => {
  const page = byId('page');
  const flash = takeFlash();
  let me: Me;
  try {
    me = await loadMe();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return signInNeeded(page, flash === 'signed-out');
    if (handleLoadError(page, err, 'Requests')) return;
    throw err;
  }
  // Straight after signing in: on to the page the person was going to, if any.
  if (cameFromSignIn()) {
    const next = takeNext();
    if (next && next !== location.pathname + location.search) return location.replace(next);
  }
  const school = schoolFor(me);
  if (!school) {
    setUpChrome(true);
    return me.schools.length ? notYourSchool(page, me, PATH) : noSchools(page, me);
  }
  setUpChrome(true, school.urn);
  if (param('status') || param('from') || param('to')) return showHistory(page, me, school);
  return showDashboard(page, me, school, flash === 'signed-out' ? undefined : flash);
});
