// The evidence pack for governors and Ofsted (issue 16, item 5): /manage/evidence-pack/?urn=&year=.
// GET /api/manage/schools/{urn}/evidence-pack?year= → EvidencePack. One academic year on one
// printable page: each cohort's status (coverage's own words and tags) with the encounters
// behind it, the policy statement version in force, and the decisions on providers'
// requests with their grounds. The year is a plain GET form, so a year is an address; the
// Print button prints the page (the stylesheet's print rules: A4, navigation hidden, rows
// never cut, tags outlined so they read in black and white).
import type { EvidenceDecision, EvidencePack } from '#shared/api/exports.ts';
import type { CohortCoverage } from '#shared/api/coverage.ts';
import { academicYearLabel, academicYearOf } from '#shared/domain/academic-year.ts';
import { EVIDENCE_FIRST_YEAR } from '#shared/domain/evidence.ts';
import { DECISION_LABELS } from '#shared/domain/evidence-pack.ts';
import { api } from '../../../lib/api.ts';
import { fill, h, ready, setTitle, type Child } from '../../../lib/dom.ts';
import { coverageTag, phaseText, totalsText } from '../../../lib/coverage.ts';
import { formatDate, formatDateShort, formatTimeRange, formatYears, todayInLondon } from '../../../lib/format.ts';
import { accountBar, type ManagedSchool, type Me, openSchoolPage } from '../../../lib/manage.ts';

const PATH = '/manage/evidence-pack/';
const TITLE = 'Evidence pack';

const th = (text: Child) => h('th', { scope: 'col', class: 'govuk-table__header' }, text);
const td = (label: string, ...children: Child[]) => h('td', { class: 'govuk-table__cell', 'data-label': label }, children);

function table(id: string, caption: string, headers: string[], rows: HTMLElement[]): HTMLElement {
  return h(
    'div',
    { class: 'app-table-wrap' },
    h(
      'table',
      { class: 'govuk-table app-responsive-table', id },
      h('caption', { class: 'govuk-table__caption govuk-table__caption--m' }, caption),
      h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' }, headers.map(th))),
      h('tbody', { class: 'govuk-table__body' }, rows),
    ),
  );
}

function summaryRow(key: string, ...value: Child[]) {
  return h('div', { class: 'govuk-summary-list__row' }, h('dt', { class: 'govuk-summary-list__key' }, key), h('dd', { class: 'govuk-summary-list__value' }, value));
}

/** The year chooser (a GET form: the year is part of the address) and the Print button. */
function controls(urn: string, pack: EvidencePack): HTMLElement {
  const current = academicYearOf(todayInLondon());
  const years: number[] = [];
  for (let y = current; y >= EVIDENCE_FIRST_YEAR; y--) years.push(y);
  const print = h('button', { type: 'button', class: 'govuk-button govuk-button--secondary', id: 'print' }, 'Print this page');
  print.addEventListener('click', () => window.print());
  return h(
    'div',
    { class: 'app-no-print', id: 'controls' },
    h(
      'form',
      { id: 'year-form', method: 'get', action: PATH, novalidate: true },
      h('input', { type: 'hidden', name: 'urn', value: urn }),
      h(
        'div',
        { class: 'govuk-form-group' },
        h('label', { class: 'govuk-label', for: 'year' }, 'Academic year'),
        h(
          'select',
          { class: 'govuk-select', id: 'year', name: 'year' },
          years.map((y) => h('option', { value: String(y), ...(y === pack.academicYear.startYear ? { selected: true } : {}) }, academicYearLabel(y))),
        ),
      ),
      h('button', { type: 'submit', class: 'govuk-button govuk-button--secondary' }, 'Show this year'),
    ),
    h(
      'div',
      { class: 'govuk-button-group' },
      print,
      h('a', { class: 'govuk-link', href: pack.compassCsvPath, id: 'compass-csv' }, `Download the Compass+ CSV for ${pack.academicYear.label}`),
    ),
  );
}

function cohortsTable(pack: EvidencePack): HTMLElement {
  return table(
    'pack-cohorts',
    `Cohorts in ${pack.academicYear.label}`,
    ['Cohort', 'Key phase', 'Status', 'Encounters counted', 'Window'],
    pack.cohorts.map((c) =>
      h(
        'tr',
        { class: 'govuk-table__row', 'data-cohort': c.yearGroup },
        h('th', { scope: 'row', class: 'govuk-table__header', 'data-label': 'Cohort' }, `Year ${c.yearGroup}`),
        td('Key phase', phaseText(c.phase), c.attendance === 'optional' ? ', offered' : ''),
        td('Status', coverageTag(c.status)),
        td('Encounters counted', `${c.counted} of ${c.required}`, c.planned ? ` (${c.planned} booked)` : '', c.phase3 ? `; ${c.phase3.offered} offered` : ''),
        td('Window', `${formatDateShort(c.window.start)} to ${formatDateShort(c.window.end)}`),
      ),
    ),
  );
}

function encounterText(e: CohortCoverage['encounters'][number]): string {
  return [
    e.state === 'planned' ? 'booked' : 'delivered',
    e.sessions > 1 ? `${e.sessions} sessions` : '',
    e.tookPart !== undefined ? `${e.tookPart}${e.onRoll === undefined ? '' : ` of ${e.onRoll}`} pupils took part` : '',
    e.counts ? '' : 'not counted: the same provider as another encounter',
  ]
    .filter(Boolean)
    .join('; ');
}

function cohortDetail(c: CohortCoverage): HTMLElement {
  const encounters = c.encounters.length
    ? h(
        'ul',
        { class: 'govuk-list' },
        c.encounters.map((e) => h('li', { class: 'app-wrap', 'data-encounter': e.id }, `${formatDateShort(e.date)}, ${e.provider} (${encounterText(e)})`)),
      )
    : 'None';
  const rows = [summaryRow('Status', h('p', { class: 'govuk-body govuk-!-margin-0' }, c.statusText)), summaryRow('Encounters', encounters)];
  if (c.catchUps.length) rows.push(summaryRow('Catch-ups owed', h('ul', { class: 'govuk-list' }, c.catchUps.map((k) => h('li', { class: 'app-wrap' }, `${k.missed} of ${k.onRoll} pupils missed ${k.providerName} on ${formatDateShort(k.date)}`)))));
  return h(
    'section',
    { class: 'app-keep-together govuk-!-margin-bottom-6', id: `pack-cohort-${c.yearGroup}`, 'aria-labelledby': `pack-cohort-${c.yearGroup}-heading` },
    h('h3', { class: 'govuk-heading-s govuk-!-margin-bottom-1', id: `pack-cohort-${c.yearGroup}-heading` }, `Year ${c.yearGroup} `, coverageTag(c.status)),
    h('p', { class: 'govuk-body-s govuk-!-margin-bottom-2' }, `${phaseText(c.phase)}, ${c.cohort}`),
    h('dl', { class: 'govuk-summary-list govuk-summary-list--no-border' }, rows),
  );
}

function statementSection(pack: EvidencePack): HTMLElement {
  const s = pack.statement;
  const body: Child = s.inForce
    ? [
        h(
          'dl',
          { class: 'govuk-summary-list', id: 'pack-statement' },
          summaryRow('Version in force', h('a', { class: 'govuk-link', href: s.inForce.url }, `Version ${s.inForce.version}`), ` on ${formatDate(pack.asAt)}`),
          summaryRow('Approved by', s.inForce.approvedBy ?? 'not recorded'),
          summaryRow('Approved on', formatDate(s.inForce.approvedOn)),
          summaryRow('Published on', formatDate(s.inForce.publishedAt.slice(0, 10))),
          s.inForce.nextReviewOn ? summaryRow('Next review', formatDate(s.inForce.nextReviewOn)) : null,
          s.duringYear.length > 1
            ? summaryRow(
                'In force during the year',
                h('ul', { class: 'govuk-list' }, s.duringYear.map((v) => h('li', null, `Version ${v.version}, from ${formatDateShort(v.from)} (approved ${formatDateShort(v.approvedOn)})`))),
              )
            : null,
        ),
      ]
    : h('p', { class: 'govuk-body', id: 'pack-statement' }, `No provider access policy statement was published on this service by ${formatDate(pack.asAt)}.`);
  return h('section', { class: 'app-keep-together', 'aria-labelledby': 'pack-statement-heading' }, h('h2', { class: 'govuk-heading-m', id: 'pack-statement-heading' }, 'Policy statement'), body);
}

function decisionRow(d: EvidenceDecision): HTMLElement {
  return h(
    'tr',
    { class: 'govuk-table__row', 'data-decision': d.kind, 'data-request': d.requestId },
    td('Decided', formatDateShort(d.on)),
    td('Decision', DECISION_LABELS[d.kind], d.by === 'provider' ? ' by the provider' : d.by === 'school' ? ' by the school' : ''),
    td('Provider', h('span', { class: 'app-wrap' }, d.provider), d.reference ? h('br') : null, d.reference ? h('span', { class: 'govuk-body-s' }, d.reference) : null),
    td('Encounter', `${formatDateShort(d.encounter.date)}, ${formatTimeRange(d.encounter.start, d.encounter.end)}, ${formatYears(d.yearGroups)}`),
    td('Grounds', h('span', { class: 'app-wrap' }, d.grounds), d.outcome ? h('span', { class: 'app-wrap' }, ` (${d.outcome})`) : null),
  );
}

function decisionsSection(pack: EvidencePack): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'pack-decisions-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'pack-decisions-heading' }, 'Decisions and their grounds'),
    pack.decisions.length
      ? table('pack-decisions', `Requests for ${pack.academicYear.label} declined, moved to another time or cancelled`, ['Decided', 'Decision', 'Provider', 'Encounter', 'Grounds'], pack.decisions.map(decisionRow))
      : h('p', { class: 'govuk-body', id: 'pack-decisions' }, `No request for an encounter in ${pack.academicYear.label} was declined, moved to another time or cancelled.`),
  );
}

function render(page: HTMLElement, me: Me, school: ManagedSchool, pack: EvidencePack) {
  const title = `${TITLE} ${pack.academicYear.label}`;
  setTitle(title);
  const asAt = pack.asAt === pack.today ? `Statuses are as at today, ${formatDate(pack.asAt)}.` : `Statuses are as at ${formatDate(pack.asAt)}, the last day of the year; produced on ${formatDate(pack.today)}.`;
  fill(
    page,
    h('div', { class: 'app-no-print' }, accountBar(me, school, PATH)),
    h('span', { class: 'govuk-caption-l app-wrap', id: 'school-name' }, `${pack.schoolName} (URN ${pack.urn})`),
    h('h1', { class: 'govuk-heading-l' }, `Provider access evidence, ${pack.academicYear.label}`),
    h(
      'p',
      { class: 'govuk-body app-measure' },
      `For governors and Ofsted: how the school gave providers of technical education and apprenticeships access to pupils in Years 8 to 13 (section 42B of the Education Act 1997). ${asAt}`,
    ),
    controls(pack.urn, pack),
    h(
      'section',
      { 'aria-labelledby': 'pack-cohorts-heading' },
      h('h2', { class: 'govuk-heading-m', id: 'pack-cohorts-heading' }, 'Each cohort’s encounters'),
      h('p', { class: 'govuk-body', id: 'pack-totals' }, `${totalsText(pack.totals)}. Each key phase needs ${pack.required} encounters, each with all four content items; phase 3 encounters must be offered.`),
      cohortsTable(pack),
      pack.cohorts.map(cohortDetail),
    ),
    statementSection(pack),
    decisionsSection(pack),
  );
}

ready(async () => {
  const year = new URLSearchParams(location.search).get('year')?.trim();
  const opened = await openSchoolPage(TITLE, PATH, (urn) =>
    api<EvidencePack>('GET', `/api/manage/schools/${encodeURIComponent(urn)}/evidence-pack${year ? `?year=${encodeURIComponent(year)}` : ''}`),
  );
  if (!opened) return;
  render(opened.page, opened.me, opened.school, opened.answer);
});
