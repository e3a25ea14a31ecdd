// The provider's evidence (issue 15, item 6): GET /api/provider/evidence with the period in
// this page's address → each school asked, its stated response time and how it answered.
// The schools are a table where it fits (a wide window: one row per school, to compare them)
// and a summary card each where it does not (a summary list stacks at 320 px, where eight
// columns could not fit); the stylesheet shows one of the two (.app-evidence-table,
// .app-evidence-cards). "Download as CSV" asks /api/provider/evidence.csv with the same
// period. The period is two GET forms (an academic year, or dates in GOV.UK date inputs,
// checked here and sent as from= and to=), so a period is an
// address that can be kept. Not signed in (401) → a link to /sign-in/.
import type { ProviderEvidenceView, SchoolEvidenceView } from '#shared/api/evidence.ts';
import { academicYearLabel, academicYearOf } from '#shared/domain/academic-year.ts';
import { EVIDENCE_FIRST_YEAR, type EvidenceCounts, type GroundsCount } from '#shared/domain/evidence.ts';
import { ApiError, api } from '../../../lib/api.ts';
import { byId, fill, h, href, ready, setTitle } from '../../../lib/dom.ts';
import { showErrors, type FieldError } from '../../../lib/errors.ts';
import { dateField, dateInputProblem, readDate } from '../../../lib/form.ts';
import { formatDate, todayInLondon } from '../../../lib/format.ts';
import { showSignedIn } from '../../../lib/signed-in.ts';

const TITLE = 'How schools answered your requests';

/** The period the page was opened with, as the API takes it (only the parameters it knows). */
function periodQuery(): URLSearchParams {
  const given = new URLSearchParams(location.search);
  const q = new URLSearchParams();
  for (const name of ['academicYear', 'from', 'to']) {
    const v = given.get(name)?.trim();
    if (v) q.set(name, v);
  }
  return q;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function purpose(): HTMLElement[] {
  return [
    h(
      'p',
      { class: 'govuk-body' },
      'This is your own record of how each school you asked answered your requests, measured against the response time the school itself publishes in its provider access policy statement.',
    ),
    h(
      'p',
      { class: 'govuk-body' },
      'Schools must give providers access to pupils in Years 8 to 13 and follow their published policy (the Baker Clause, section 42B of the Education Act 1997). If a school does not, you can use this record when you raise its non-compliance with the Department for Education (DfE). Only you can see it: it is never published.',
    ),
  ];
}

/** The period's dates: GOV.UK date inputs (day, month, year), either end may stay open. */
const PERIOD_DATES = [
  { id: 'from', legend: 'From', what: 'The first date', example: '1 9 2026' },
  { id: 'to', legend: 'To', what: 'The last date', example: '31 7 2027' },
] as const;

/**
 * Checks the dates as typed (each at its own field, in the error summary) and, when both
 * can be sent, puts them in the address as the API takes them; an empty end is left out.
 */
function wireDatesForm(form: HTMLFormElement, summary: HTMLElement): void {
  form.addEventListener('submit', (event) => {
    const errors: FieldError[] = [];
    for (const d of PERIOD_DATES) {
      const problem = dateInputProblem(d.id, d.what, d.example);
      if (problem) errors.push({ path: d.id, ...problem });
    }
    if (errors.length) {
      event.preventDefault();
      showErrors(form, summary, errors, TITLE);
      return;
    }
    for (const d of PERIOD_DATES) {
      const read = readDate(d.id);
      const hidden = byId<HTMLInputElement>(`${d.id}-value`);
      hidden.value = read.state === 'ok' ? read.iso : '';
      hidden.disabled = hidden.value === '';
    }
    // The day, month and year boxes are what a person types, not what the address keeps.
    for (const part of partInputs()) part.disabled = true;
  });
  const partInputs = () => PERIOD_DATES.flatMap((d) => ['day', 'month', 'year'].map((k) => byId<HTMLInputElement>(`${d.id}-${k}`)));
  // Back from the next page (bfcache): the boxes can be typed in and both ends sent again.
  window.addEventListener('pageshow', () => {
    for (const d of PERIOD_DATES) byId<HTMLInputElement>(`${d.id}-value`).disabled = false;
    for (const part of partInputs()) part.disabled = false;
  });
}

function periodForms(q: URLSearchParams, shown: ProviderEvidenceView['period'] | undefined): HTMLElement {
  const current = academicYearOf(todayInLondon());
  const chosenYear = q.get('academicYear') ?? (q.has('from') || q.has('to') ? '' : String(current));
  const years: number[] = [];
  for (let y = current; y >= EVIDENCE_FIRST_YEAR; y--) years.push(y);
  const datesOpen = q.has('from') || q.has('to');
  return h(
    'div',
    { id: 'period' },
    h('h2', { class: 'govuk-heading-m' }, 'Period'),
    shown ? h('p', { class: 'govuk-body', id: 'period-shown' }, periodSentence(shown)) : null,
    h(
      'form',
      { id: 'year-form', method: 'get', action: '/provider/evidence/', novalidate: true },
      h(
        'div',
        { class: 'govuk-form-group', 'data-field': 'academicYear' },
        h('label', { class: 'govuk-label', for: 'academicYear' }, 'Academic year the requests were sent in'),
        h(
          'select',
          { class: 'govuk-select', id: 'academicYear', name: 'academicYear' },
          years.map((y) => h('option', { value: String(y), ...(String(y) === chosenYear ? { selected: true } : {}) }, academicYearLabel(y))),
        ),
      ),
      h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary' }, 'Show this year'),
    ),
    h(
      'details',
      { class: 'govuk-details', ...(datesOpen ? { open: true } : {}) },
      h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, 'Choose dates instead')),
      h(
        'div',
        { class: 'govuk-details__text' },
        h(
          'form',
          { id: 'dates-form', method: 'get', action: '/provider/evidence/', novalidate: true },
          h('p', { class: 'govuk-body' }, 'Requests sent between these dates, both included. Leave one empty to leave that end open.'),
          // GOV.UK date inputs; the address gets from= and to= (YYYY-MM-DD), as the API takes them.
          PERIOD_DATES.map((d) => [dateField({ id: d.id, legend: d.legend, field: d.id, hint: `For example, ${d.example}`, value: q.get(d.id) ?? '' }), h('input', { type: 'hidden', id: `${d.id}-value`, name: d.id })]),
          h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary' }, 'Show these dates'),
        ),
      ),
    ),
  );
}

function periodSentence(p: ProviderEvidenceView['period']): string {
  if (p.academicYear !== undefined) return `Requests sent in the academic year ${p.label} (${formatDate(p.from ?? '')} to ${formatDate(p.to)}).`;
  return p.from ? `Requests sent from ${p.label}.` : `Requests sent ${p.label}.`;
}

function groundsList(grounds: readonly GroundsCount[], size = ''): HTMLElement | null {
  if (grounds.length === 0) return null;
  return h(
    'ul',
    { class: `govuk-list govuk-list--bullet app-wrap${size}` },
    grounds.map((g) => h('li', null, `${g.grounds}${g.count > 1 ? ` (${g.count})` : ''}`)),
  );
}

function row(key: string, ...value: (HTMLElement | string | null)[]): HTMLElement {
  return h('div', { class: 'govuk-summary-list__row' }, h('dt', { class: 'govuk-summary-list__key' }, key), h('dd', { class: 'govuk-summary-list__value' }, ...value));
}

function countRows(c: EvidenceCounts, grounds: readonly GroundsCount[]): HTMLElement[] {
  return [
    row('Requests sent', String(c.sent)),
    row('Answered in time', String(c.answeredInTime)),
    row('Answered late', String(c.answeredLate)),
    row('Approved', String(c.approved)),
    row('Declined', String(c.declined), c.declined ? h('p', { class: 'govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-1' }, 'Grounds given:') : null, groundsList(grounds)),
    row('Unanswered past the deadline', String(c.unansweredPastDeadline)),
    row('Waiting, deadline not passed', String(c.waiting)),
  ];
}

function schoolCard(s: SchoolEvidenceView): HTMLElement {
  return h(
    'div',
    { class: 'govuk-summary-card', 'data-urn': s.urn },
    h(
      'div',
      { class: 'govuk-summary-card__title-wrapper' },
      h('h3', { class: 'govuk-summary-card__title app-wrap' }, s.name),
      h(
        'ul',
        { class: 'govuk-summary-card__actions' },
        h(
          'li',
          { class: 'govuk-summary-card__action' },
          h('a', { class: 'govuk-link', href: href('/requests/', { urn: s.urn }) }, 'See the requests', h('span', { class: 'govuk-visually-hidden' }, ` to ${s.name}`)),
        ),
      ),
    ),
    h(
      'div',
      { class: 'govuk-summary-card__content' },
      h('dl', { class: 'govuk-summary-list' }, row('Stated response time', plural(s.responseSchoolDays, 'school day')), row('URN', s.urn), ...countRows(s.counts, s.grounds)),
    ),
  );
}

/** The table's counts (those still waiting inside their deadline are in the totals, each card and the CSV: they say nothing yet of the school). */
const TABLE_COLUMNS = ['Sent', 'Answered in time', 'Answered late', 'Approved', 'Declined', 'Unanswered past the deadline'] as const;

const countsInOrder = (c: EvidenceCounts) => [c.sent, c.answeredInTime, c.answeredLate, c.approved, c.declined, c.unansweredPastDeadline];

function schoolsTable(schools: readonly SchoolEvidenceView[]): HTMLElement {
  const th = (text: string, numeric = true, extra = '') => h('th', { scope: 'col', class: `govuk-table__header${numeric ? ' govuk-table__header--numeric' : ''}${extra ? ` ${extra}` : ''}` }, text);
  return h(
    'table',
    { class: 'govuk-table app-evidence-table', id: 'schools-table' },
    h('caption', { class: 'govuk-table__caption govuk-visually-hidden' }, 'Each school: its stated response time, the requests sent to it and how it answered'),
    h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' }, th('School', false, 'app-evidence-table__school'), TABLE_COLUMNS.map((t) => th(t)), th('Grounds given for declining', false, 'app-evidence-table__grounds'))),
    h(
      'tbody',
      { class: 'govuk-table__body' },
      schools.map((s) =>
        h(
          'tr',
          { class: 'govuk-table__row', 'data-urn': s.urn },
          h(
            'th',
            { scope: 'row', class: 'govuk-table__header app-evidence-table__words' },
            h('a', { class: 'govuk-link', href: href('/requests/', { urn: s.urn }) }, s.name, h('span', { class: 'govuk-visually-hidden' }, ': see the requests')),
            h('span', { class: 'govuk-body-s app-evidence-table__hint' }, `URN ${s.urn}. Answers within ${plural(s.responseSchoolDays, 'school day')}`),
          ),
          countsInOrder(s.counts).map((n) => h('td', { class: 'govuk-table__cell govuk-table__cell--numeric' }, String(n))),
          h('td', { class: 'govuk-table__cell app-evidence-table__words' }, s.grounds.length ? groundsList(s.grounds, ' govuk-!-font-size-16') : h('span', { class: 'govuk-visually-hidden' }, 'None')),
        ),
      ),
    ),
  );
}

function howCounted(): HTMLElement {
  return h(
    'details',
    { class: 'govuk-details', id: 'how-counted' },
    h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text' }, 'How these are counted')),
    h(
      'div',
      { class: 'govuk-details__text' },
      h('p', { class: 'govuk-body' }, 'A request is sent when it reaches the school. Its deadline is the date the school was given then: its stated response time in school days from that day, and never later than the day before the visit. A later change to the school’s response time does not change it.'),
      h('p', { class: 'govuk-body' }, 'In time means the school approved, declined or proposed another time on or before the deadline. Approved includes a time the school proposed and you accepted.'),
      h('p', { class: 'govuk-body' }, 'Unanswered past the deadline means the school had not answered by then: the request is still waiting, expired, or you withdrew it after the deadline.'),
    ),
  );
}

/** Text reads best at two thirds of a wide window; only the schools' table takes the full width. */
function narrow(...children: (HTMLElement | HTMLElement[] | null)[]): HTMLElement {
  return h('div', { class: 'govuk-grid-row' }, h('div', { class: 'govuk-grid-column-two-thirds' }, ...children));
}

ready(async () => {
  const page = byId('page');
  const q = periodQuery();
  const query = q.toString() ? `?${q.toString()}` : '';
  let answer: ProviderEvidenceView;
  try {
    answer = await api<ProviderEvidenceView>('GET', `/api/provider/evidence${query}`);
    showSignedIn();
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
      setTitle(TITLE);
      fill(
        page,
        narrow(
          h('h1', { class: 'govuk-heading-l' }, TITLE),
          h('p', { class: 'govuk-body' }, 'Sign in to see your record of how schools answered your requests.'),
          h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '/sign-in/', id: 'sign-in-link' }, 'Get a sign-in link')),
        ),
      );
      return;
    }
    if (err instanceof ApiError && err.status === 400) {
      // A period the API refused (a date mistyped, an address edited by hand): what was wrong, and the forms to choose again.
      const summary = h('div', { id: 'error-summary', hidden: true });
      fill(page, narrow(summary, h('h1', { class: 'govuk-heading-l' }, TITLE), periodForms(q, undefined)));
      wireDatesForm(byId<HTMLFormElement>('dates-form'), summary);
      showErrors(page, summary, Object.entries(err.fields).map(([path, message]) => ({ path, message })), TITLE);
      return;
    }
    if (err instanceof ApiError) {
      fill(page, narrow(h('h1', { class: 'govuk-heading-l' }, TITLE), h('p', { class: 'govuk-body' }, err.message)));
      return;
    }
    throw err;
  }
  const { schools, totals, grounds, period, asOf } = answer;
  const summary = h('div', { id: 'error-summary', hidden: true });
  fill(
    page,
    narrow(
      summary,
      h('h1', { class: 'govuk-heading-l' }, TITLE),
      ...purpose(),
        periodForms(q, period),
        h('h2', { class: 'govuk-heading-m', id: 'totals-heading' }, 'All schools'),
        h('p', { class: 'govuk-body', id: 'shown', role: 'status' }, schools.length ? `${plural(schools.length, 'school')} asked. Counted on ${formatDate(asOf)}.` : 'You sent no requests in this period.'),
        schools.length ? h('dl', { class: 'govuk-summary-list', id: 'totals' }, ...countRows(totals, grounds)) : null,
        schools.length ? h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', id: 'csv', href: `/api/provider/evidence.csv${query}`, download: '' }, 'Download as CSV'), ' (a row for each school and one for each request)') : null,
        howCounted(),
    ),
    schools.length ? h('h2', { class: 'govuk-heading-m' }, 'Each school') : null,
    schools.length ? schoolsTable(schools) : null,
    h('div', { id: 'schools', class: 'app-evidence-cards' }, schools.map(schoolCard)),
  );
  wireDatesForm(byId<HTMLFormElement>('dates-form'), summary);
});
