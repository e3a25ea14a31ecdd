// A school's coverage of the key phases: /manage/coverage/?urn=. GET
// /api/manage/schools/{urn}/coverage → SchoolCoverageAnswer. At the top, a table of the
// cohorts in Years 8–13 with each one's key phase and status (a tag in words as well as
// colour, with the window's end); then per cohort the encounters counted, providers,
// warnings, phase 3 offered against delivered and what would close a gap. Then the
// encounters CSV (GET …/encounters.csv?from=&to=, a plain link) and a new calendar
// subscription address (POST …/calendar-feed → 201 { url, message }, shown once). A cohort
// at risk with open slots offers "Invite providers to book" (/manage/coverage/invite/) and
// says when providers were last invited.
import { ApiError, api } from '../../../lib/api.ts';
import { byId, fill, h, href, ready, setTitle, type Child } from '../../../lib/dom.ts';
import { clearErrors, showErrors, type FieldError } from '../../../lib/errors.ts';
import { coverageTag, phaseText, totalsText, type CohortCoverage, type CohortInvitation, type SchoolCoverageAnswer } from '../../../lib/coverage.ts';
import { dateField, readDate } from '../../../lib/form.ts';
import { formatDate, formatDateShort, formatTimeRange, formatYears } from '../../../lib/format.ts';
import {
  accountBar,
  buttonLink,
  successBanner,
  takeFlash,
  warningText,
  type ManagedSchool,
  type Me,
  openSchoolPage,
} from '../../../lib/manage.ts';
import type { CalendarFeedAnswer } from '#shared/api/exports.ts';

const PATH = '/manage/coverage/';
const TITLE = 'Coverage';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const th = (text: Child, attrs: Record<string, string> = {}) => h('th', { scope: 'col', class: 'govuk-table__header', ...attrs }, text);
const td = (label: string, ...children: Child[]) => h('td', { class: 'govuk-table__cell', 'data-label': label }, children);

function cohortId(c: CohortCoverage) {
  return `cohort-${c.yearGroup}`;
}

function grid(answer: SchoolCoverageAnswer): HTMLElement {
  return h(
    'div',
    { class: 'app-table-wrap' },
    h(
      'table',
      { class: 'govuk-table app-responsive-table', id: 'coverage-grid' },
      h('caption', { class: 'govuk-table__caption govuk-table__caption--m' }, `Cohorts in ${answer.academicYear}`),
      h(
        'thead',
        { class: 'govuk-table__head' },
        h('tr', { class: 'govuk-table__row' }, th('Cohort'), th('Key phase'), th('Status'), th('Encounters counted'), th('Window ends')),
      ),
      h(
        'tbody',
        { class: 'govuk-table__body' },
        answer.cohorts.map((c) =>
          h(
            'tr',
            { class: 'govuk-table__row', 'data-cohort': c.yearGroup },
            h('th', { scope: 'row', class: 'govuk-table__header', 'data-label': 'Cohort' }, h('a', { class: 'govuk-link', href: `#${cohortId(c)}` }, `Year ${c.yearGroup}`)),
            td('Key phase', phaseText(c.phase), c.attendance === 'optional' ? ', offered' : ''),
            td('Status', coverageTag(c.status)),
            td('Encounters counted', `${c.counted} of ${c.required}`, c.planned ? ` (${c.planned} booked)` : ''),
            td('Window ends', formatDateShort(c.window.end)),
          ),
        ),
      ),
    ),
  );
}

function summaryRow(key: string, ...value: Child[]) {
  return h('div', { class: 'govuk-summary-list__row' }, h('dt', { class: 'govuk-summary-list__key' }, key), h('dd', { class: 'govuk-summary-list__value' }, value));
}

/** Each delivered or booked encounter: whether it counts (R-RANGE), its sessions (R-WHOLE) and who took part (R-ATTEND). */
function encounterList(c: CohortCoverage): HTMLElement {
  return h(
    'ul',
    { class: 'govuk-list' },
    c.encounters.map((e) => {
      const notes = [
        e.state === 'planned' ? 'booked' : 'delivered',
        e.sessions > 1 ? `${e.sessions} sessions` : '',
        e.tookPart !== undefined ? `${e.tookPart}${e.onRoll === undefined ? '' : ` of ${e.onRoll}`} took part` : '',
        e.counts ? '' : 'not counted: the same provider as another encounter (pupils must hear from a range of providers)',
      ].filter(Boolean);
      return h('li', { class: 'app-wrap', 'data-encounter': e.id, 'data-counts': String(e.counts) }, `${formatDateShort(e.date)}, ${e.provider} (${notes.join('; ')})`);
    }),
  );
}

/** "Invited 3 providers on 1 December": the cohort's latest invitation (issue 16, item 2). */
function invitedText(invitation: CohortInvitation): string {
  const n = invitation.providers.length;
  return `Invited ${plural(n, 'provider')} on ${formatDateShort(invitation.sentAt.slice(0, 10))}: ${invitation.providers.join(', ')}.`;
}

function cohortSection(urn: string, c: CohortCoverage, invitation: CohortInvitation | undefined): HTMLElement {
  const providers = c.providers.length
    ? h('ul', { class: 'govuk-list' }, c.providers.map((p) => h('li', { class: 'app-wrap' }, `${p.name}: ${plural(p.encounters, 'encounter')}`)))
    : 'None yet';
  const rows: HTMLElement[] = [
    summaryRow('Status', h('p', { class: 'govuk-body govuk-!-margin-bottom-1' }, coverageTag(c.status)), h('p', { class: 'govuk-body govuk-!-margin-0' }, c.statusText)),
    summaryRow('Window', `${formatDateShort(c.window.start)} to ${formatDateShort(c.window.end)}`),
    summaryRow('Encounters counted', `${c.counted} of ${c.required} delivered`, c.planned ? `, ${c.planned} booked` : '', ` (${c.required} needed)`),
    summaryRow('Providers', providers),
  ];
  if (c.encounters.length) rows.push(summaryRow('Encounters', encounterList(c)));
  if (c.phase3) rows.push(summaryRow('Offered and delivered', `${c.phase3.offered} offered, ${c.phase3.delivered} delivered`));
  const warnings = c.warnings.map((w) => warningText(w.message));
  let fix: Child = null;
  if (c.fix) {
    fix = h(
      'div',
      { class: 'govuk-inset-text', 'data-fix': c.yearGroup },
      h('h4', { class: 'govuk-heading-s' }, 'What would close the gap'),
      h('p', { class: 'govuk-body' }, c.fix.message),
      c.fix.openSlots.length
        ? h(
            'ul',
            { class: 'govuk-list govuk-list--bullet' },
            c.fix.openSlots.map((s) =>
              h(
                'li',
                null,
                h('a', { class: 'govuk-link', href: href('/school/', { urn, from: s.date }) }, `${s.title}, ${formatDate(s.date)}, ${formatTimeRange(s.start, s.end)}`),
                ` (${formatYears(s.yearGroups)}; ${plural(s.placesLeft, 'place')} left)`,
              ),
            ),
          )
        : h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: c.fix.opportunitiesPath }, `Add an opportunity for Year ${c.yearGroup} on the opportunities page`)),
      invitation ? h('p', { class: 'govuk-body', 'data-invited': c.yearGroup }, invitedText(invitation)) : null,
      // Issue 16, item 2: ask the providers who came before to book these slots.
      c.fix.openSlots.length ? buttonLink('Invite providers to book', href('/manage/coverage/invite/', { urn, year: String(c.yearGroup) }), 'secondary', `invite-${c.yearGroup}`) : null,
    );
  }
  return h(
    'section',
    { class: 'govuk-!-margin-bottom-8', id: cohortId(c), 'aria-labelledby': `${cohortId(c)}-heading` },
    h('h3', { class: 'govuk-heading-m', id: `${cohortId(c)}-heading` }, `Year ${c.yearGroup}`, h('span', { class: 'govuk-caption-m' }, `${phaseText(c.phase)}, ${c.cohort}`)),
    h('dl', { class: 'govuk-summary-list' }, rows),
    warnings,
    fix,
  );
}

function csvForm(urn: string, summary: HTMLElement): HTMLElement {
  const form = h(
    'form',
    { id: 'csv-form', novalidate: true },
    h('h2', { class: 'govuk-heading-m' }, 'Download encounters'),
    h('p', { class: 'govuk-body app-measure' }, 'A CSV file of encounters for your careers hub or Compass+. Leave the dates empty for this academic year.'),
    dateField({ id: 'csv-from', legend: 'From', field: 'from' }),
    dateField({ id: 'csv-to', legend: 'To', field: 'to' }),
    h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary', id: 'csv-download' }, 'Download encounters (CSV)'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const errors: FieldError[] = [];
    const from = readDate('csv-from');
    const to = readDate('csv-to');
    if (from.state === 'invalid') errors.push({ path: 'from', message: 'Enter a real “from” date, like 1 9 2026.' });
    if (to.state === 'invalid') errors.push({ path: 'to', message: 'Enter a real “to” date, like 31 7 2027.' });
    if (from.state === 'ok' && to.state === 'ok' && from.iso > to.iso) errors.push({ path: 'to', message: 'The “to” date must be the same as or after the “from” date.' });
    if (errors.length) return showErrors(form, summary, errors, TITLE);
    clearErrors(form, summary, TITLE);
    location.assign(
      href(`/api/manage/schools/${encodeURIComponent(urn)}/encounters.csv`, {
        from: from.state === 'ok' ? from.iso : undefined,
        to: to.state === 'ok' ? to.iso : undefined,
      }),
    );
  });
  return form;
}

function calendarSection(urn: string): HTMLElement {
  const result = h('div', { id: 'feed-result', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary', id: 'new-feed' }, 'Get a new calendar subscription address');
  const form = h('form', { novalidate: true }, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      const answer = await api<CalendarFeedAnswer>('POST', `/api/manage/schools/${encodeURIComponent(urn)}/calendar-feed`, { body: {} });
      fill(
        result,
        successBanner('Your new calendar subscription address', answer.message),
        h('p', { class: 'govuk-body' }, 'Copy it now: it will not be shown again.'),
        h('pre', { class: 'app-pre-wrap app-wrap govuk-body', id: 'feed-url' }, h('code', null, answer.url)),
      );
      byId('done-banner').focus();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      fill(result, h('p', { class: 'govuk-error-message', role: 'alert' }, err.sentence));
    } finally {
      button.disabled = false;
    }
  });
  return h(
    'section',
    { 'aria-labelledby': 'feed-heading', id: 'calendar-feed' },
    h('h2', { class: 'govuk-heading-m', id: 'feed-heading' }, 'Calendar subscription'),
    h(
      'p',
      { class: 'govuk-body app-measure' },
      'Approved visits appear in your calendar through a private address. A new address replaces the old one: calendars subscribed to the old address stop updating, so subscribe again with the new one.',
    ),
    form,
    result,
  );
}

function render(page: HTMLElement, me: Me, school: ManagedSchool, answer: SchoolCoverageAnswer, flash: string | undefined) {
  setTitle(TITLE);
  const summary = h('div', { id: 'error-summary', hidden: true });
  fill(
    page,
    flash ? successBanner(flash) : null,
    summary,
    accountBar(me, school, PATH),
    h('span', { class: 'govuk-caption-l app-wrap', id: 'school-name' }, answer.schoolName),
    h('h1', { class: 'govuk-heading-l' }, TITLE),
    h(
      'p',
      { class: 'govuk-body app-measure' },
      `Every pupil must meet providers at least ${answer.required === 2 ? 'twice' : `${answer.required} times`} in each of key phases 1 and 2, with more than one provider, and be offered ${answer.required} encounters in key phase 3. Only delivered and booked encounters count towards a cohort’s status: time left alone does not. Today is ${formatDate(answer.today)}.`,
    ),
    h('p', { class: 'govuk-body', id: 'totals' }, `This year: ${totalsText(answer.totals)}.`),
    school.trust
      ? h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: `/manage/trust/?id=${encodeURIComponent(school.trust.id)}` }, `Coverage across ${school.trust.name}`))
      : '',
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: href('/manage/evidence-pack/', { urn: answer.urn }), id: 'evidence-pack-link' }, 'Evidence pack for governors and Ofsted (printable)')),
    grid(answer),
    h('h2', { class: 'govuk-heading-l' }, 'Each cohort'),
    answer.cohorts.map((c) => cohortSection(answer.urn, c, answer.invitations.find((i) => i.year8AcademicYear === c.year8AcademicYear))),
    csvForm(answer.urn, summary),
    calendarSection(answer.urn),
  );
  if (flash) byId('done-banner').focus();
}

ready(async () => {
  const opened = await openSchoolPage(TITLE, PATH, (urn) => api<SchoolCoverageAnswer>('GET', `/api/manage/schools/${encodeURIComponent(urn)}/coverage`));
  if (!opened) return;
  render(opened.page, opened.me, opened.school, opened.answer, takeFlash());
});
