// Search results: GET /api/schools?q= → { schools: SchoolSummary[] }, or the near search
// (issue 15, item 4) GET /api/schools?near=&radius=&year=&phase= → NearSearchView: the
// schools by distance and the API's sentence on how approximately the place was put.
import type { NearSchoolView, NearSearchView, SchoolSummary } from '#shared/api/provider.ts';
import { ApiError, api } from '../../lib/api.ts';
import { byId, fill, h, href, param, ready, setTitle } from '../../lib/dom.ts';
import { clearErrors, showErrors, type FieldError } from '../../lib/errors.ts';
import { dateInputProblem, readDate, setDate } from '../../lib/form.ts';
import { distanceWords, formatYears, slotsCheckedSentence } from '../../lib/format.ts';
import { SEARCH_TOO_SHORT } from '../../lib/search.ts';

/** The API's own words for a too-short place (schoolSearchQuery in shared/api/provider.ts). */
const NEAR_TOO_SHORT = 'Enter a postcode (like ZZ1 1AB), a postcode district (like ZZ1) or a town.';

/** The near form's fields left out of the address when empty (from and to: the dates' hidden values). */
const OPTIONAL_FILTERS = ['year', 'phase', 'from-value', 'to-value'];

/** The open-slots dates: GOV.UK date inputs (day, month, year), sent as from= and to= (YYYY-MM-DD). */
const SLOT_DATES = [
  { id: 'from', what: 'The first date', example: '1 3 2027', missing: 'Enter the first date, or leave both dates empty.' },
  { id: 'to', what: 'The last date', example: '31 3 2027', missing: 'Enter the last date, or leave both dates empty.' },
] as const;

/** What is wrong with the dates as typed, each at its own field (the API judges their order and span). */
function slotDateErrors(): FieldError[] {
  const errors: FieldError[] = [];
  const typed = SLOT_DATES.map((d) => readDate(d.id).state !== 'empty');
  SLOT_DATES.forEach((d, i) => {
    const problem = dateInputProblem(d.id, d.what, d.example);
    if (problem) errors.push({ path: d.id, ...problem });
    else if (!typed[i] && typed[1 - i]) errors.push({ path: d.id, message: d.missing });
  });
  return errors;
}

function schoolItem(school: SchoolSummary | NearSchoolView): HTMLElement {
  const takesRequests = school.providerAccessYears.length > 0;
  const km = 'distanceKm' in school ? school.distanceKm : undefined;
  return h(
    'li',
    { class: 'app-result-list__item' },
    h('h2', { class: 'govuk-heading-s app-result-list__title' }, h('a', { class: 'govuk-link', href: href('/school/', { urn: school.urn }) }, school.name)),
    km === undefined ? null : h('p', { class: 'govuk-body-s govuk-!-font-weight-bold app-result-list__meta', 'data-distance': true }, distanceWords(km)),
    'openSlots' in school && school.openSlots !== undefined ? h('p', { class: 'govuk-body-s app-result-list__meta', 'data-open-slots': true }, `${school.openSlots} open ${school.openSlots === 1 ? 'slot' : 'slots'} between the dates`) : null,
    h('p', { class: 'govuk-body-s app-result-list__meta' }, `${school.town}, ${school.postcode} · ${school.phase} · URN ${school.urn}`),
    school.trust ? h('p', { class: 'govuk-body-s app-result-list__meta' }, school.trust) : null,
    takesRequests
      ? h('p', { class: 'govuk-body-s' }, `Provider access for ${formatYears(school.providerAccessYears)}`)
      : h(
          'p',
          { class: 'govuk-body-s' },
          h('strong', { class: 'govuk-tag govuk-tag--grey' }, 'No provider access'),
          ' This school takes no provider access requests: it teaches no pupils in Years 8 to 13.',
        ),
  );
}

/** The API's field errors (or its message) as the error summary's list. */
function apiErrors(err: ApiError): FieldError[] {
  const fields = Object.entries(err.fields);
  return fields.length ? fields.map(([path, message]) => ({ path, message })) : [{ message: err.message }];
}

function selectValue(id: string, value: string) {
  const select = byId<HTMLSelectElement>(id);
  if ([...select.options].some((o) => o.value === value)) select.value = value;
}

ready(async () => {
  const form = byId<HTMLFormElement>('search-form');
  const nearForm = byId<HTMLFormElement>('near-form');
  const input = byId<HTMLInputElement>('q');
  const nearInput = byId<HTMLInputElement>('near');
  const summary = byId('error-summary');
  const results = byId('results');
  const main = byId('main-content');
  const q = param('q');
  const near = param('near');
  input.value = q;
  nearInput.value = near;
  selectValue('radius', param('radius'));
  selectValue('year', param('year'));
  selectValue('phase', param('phase'));
  for (const { id } of SLOT_DATES) setDate(id, param(id));

  form.addEventListener('submit', (event) => {
    if (input.value.trim().length < 2) {
      event.preventDefault();
      fill(results);
      clearErrors(main, summary);
      showErrors(form, summary, [{ path: 'q', message: SEARCH_TOO_SHORT }], 'Find a school');
    }
  });
  nearForm.addEventListener('submit', (event) => {
    if (nearInput.value.trim().length < 2) {
      event.preventDefault();
      fill(results);
      clearErrors(main, summary);
      showErrors(nearForm, summary, [{ path: 'near', message: NEAR_TOO_SHORT }], 'Find a school');
      return;
    }
    const dateErrors = slotDateErrors();
    if (dateErrors.length) {
      event.preventDefault();
      fill(results);
      clearErrors(main, summary);
      showErrors(nearForm, summary, dateErrors, 'Find a school');
      return;
    }
    for (const { id } of SLOT_DATES) {
      const read = readDate(id);
      byId<HTMLInputElement>(`${id}-value`).value = read.state === 'ok' ? read.iso : '';
    }
    // An unchosen optional filter is left out of the address rather than sent empty.
    for (const id of OPTIONAL_FILTERS) {
      const field = byId<HTMLSelectElement | HTMLInputElement>(id);
      if (field.value === '') field.disabled = true;
    }
  });
  // Back from the results page (bfcache): the filters are usable again.
  window.addEventListener('pageshow', () => {
    for (const id of OPTIONAL_FILTERS) byId<HTMLSelectElement | HTMLInputElement>(id).disabled = false;
  });

  if (near) await nearSearch(nearForm, summary, results, near);
  else if (q) await nameSearch(form, summary, results, q);
});

async function nameSearch(form: HTMLFormElement, summary: HTMLElement, results: HTMLElement, q: string) {
  if (q.length < 2) {
    showErrors(form, summary, [{ path: 'q', message: SEARCH_TOO_SHORT }], 'Find a school');
    return;
  }
  fill(results, h('p', { class: 'govuk-body app-loading' }, 'Searching…'));
  try {
    const { schools } = await api<{ schools: SchoolSummary[] }>('GET', href('/api/schools', { q }));
    clearErrors(form, summary);
    setTitle(`Schools matching ‘${q}’`);
    const count = schools.length;
    fill(
      results,
      h('p', { class: 'govuk-body govuk-!-font-weight-bold', id: 'result-count' }, `${count === 0 ? 'No' : count} ${count === 1 ? 'school' : 'schools'} found for ‘${q}’`),
      count === 0
        ? h('p', { class: 'govuk-body' }, 'Check the spelling, or search by the school’s URN, town or the start of its postcode.')
        : h('ul', { class: 'app-result-list' }, schools.map(schoolItem)),
    );
  } catch (err) {
    fill(results);
    if (!(err instanceof ApiError)) throw err;
    showErrors(form, summary, apiErrors(err), 'Find a school');
  }
}

async function nearSearch(form: HTMLFormElement, summary: HTMLElement, results: HTMLElement, near: string) {
  if (near.length < 2) {
    showErrors(form, summary, [{ path: 'near', message: NEAR_TOO_SHORT }], 'Find a school');
    return;
  }
  fill(results, h('p', { class: 'govuk-body app-loading' }, 'Searching…'));
  try {
    const query = { near, radius: param('radius'), year: param('year'), phase: param('phase'), from: param('from'), to: param('to') };
    const found = await api<NearSearchView>('GET', href('/api/schools', query));
    clearErrors(form, summary);
    setTitle(`Schools within ${found.radiusKm} km of ${found.place.searched}`);
    const count = found.schools.length;
    fill(
      results,
      h('p', { class: 'govuk-body govuk-!-font-weight-bold', id: 'result-count' }, `${count === 0 ? 'No' : count} ${count === 1 ? 'school' : 'schools'} within ${found.radiusKm} km of ${found.place.searched}`),
      h('div', { class: 'govuk-inset-text', id: 'placed' }, found.place.approximate),
      found.openSlots ? h('p', { class: 'govuk-body', id: 'slots-checked' }, slotsCheckedSentence(found.openSlots)) : null,
      count === 0
        ? h('p', { class: 'govuk-body' }, 'Choose a wider distance, or leave out the year group or phase.')
        : h('ul', { class: 'app-result-list' }, found.schools.map(schoolItem)),
    );
  } catch (err) {
    fill(results);
    if (!(err instanceof ApiError)) throw err;
    showErrors(form, summary, apiErrors(err), 'Find a school');
  }
}
