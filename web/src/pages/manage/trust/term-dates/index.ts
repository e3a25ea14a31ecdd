// One calendar for several schools of a trust (issue 17, item 2): /manage/trust/term-dates/?id=,
// linked from the trust's coverage page. The trust's schools come from its coverage answer.
// A question page (the council's .ics or the CSV template, and GOV.UK checkboxes of the
// schools) → POST …/trusts/{id}/term-dates/preview?schools= with the file as the body → a
// check page: what the file sets, then per school the bookings it would affect (with their
// rule ids), the opportunities left without slots, or why it cannot be applied there →
// "Save these term dates for N schools" POSTs each school's preview version, or "Go back" →
// each school's outcome (saved, unchanged, changed since you looked, refused and why).
import type { TrustSchoolPreview, TrustSchoolSaved, TrustTermDatesPreview, TrustTermDatesSaved } from '#shared/api/term-dates.ts';
import { ApiError, api } from '../../../../lib/api.ts';
import type { TrustCoverageAnswer } from '../../../../lib/coverage.ts';
import { byId, fill, h, href, param, ready, setTitle, type Child } from '../../../../lib/dom.ts';
import { clearErrors, showErrors, type FieldError } from '../../../../lib/errors.ts';
import { affectedAfterSave, bookingsText } from '../../../../lib/manage-affected.ts';
import { handleLoadError, loadMe, problem, setUpChrome, signInNeeded, successBanner, warningText } from '../../../../lib/manage.ts';
import { affectedList, chosenFile, dateRange, termDatesFileField, termDatesSet } from '../../../../lib/term-dates.ts';

const PATH = '/manage/trust/term-dates/';
const TITLE = 'Apply term dates to your trust’s schools';
const CHECK_TITLE = 'Check these term dates before you save them';
interface Trust {
  id: string;
  name: string;
  schools: { urn: string; name: string }[];
}
const trustUrl = (id: string) => href('/manage/trust/', { id });
const schoolsText = (n: number) => (n === 1 ? '1 school' : `${n} schools`);

function head(trust: Trust, back: HTMLElement, title: string): Child[] {
  return [back, h('span', { class: 'govuk-caption-l app-wrap', id: 'trust-name' }, trust.name), h('h1', { class: 'govuk-heading-l', id: 'page-heading', tabindex: -1 }, title)];
}

function schoolCheckboxes(trust: Trust, chosen: ReadonlySet<string>): HTMLElement {
  return h(
    'div',
    { class: 'govuk-form-group', id: 'schools-group', 'data-field': 'schools' },
    h(
      'fieldset',
      { class: 'govuk-fieldset', 'aria-describedby': 'schools-hint' },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--m' }, h('h2', { class: 'govuk-fieldset__heading' }, 'Which schools should have these term dates?')),
      h('div', { class: 'govuk-hint', id: 'schools-hint' }, 'Select all that apply. You can check each school before anything is saved.'),
      h(
        'div',
        { class: 'govuk-checkboxes', 'data-module': 'govuk-checkboxes' },
        trust.schools.map((s, i) =>
          h(
            'div',
            { class: 'govuk-checkboxes__item' },
            h('input', { class: 'govuk-checkboxes__input', id: i === 0 ? 'schools' : `schools-${i + 1}`, name: 'schools', type: 'checkbox', value: s.urn, checked: chosen.has(s.urn) }),
            h('label', { class: 'govuk-label govuk-checkboxes__label app-wrap', for: i === 0 ? 'schools' : `schools-${i + 1}` }, s.name),
          ),
        ),
      ),
    ),
  );
}

function renderChoose(page: HTMLElement, trust: Trust, chosen: ReadonlySet<string> = new Set()) {
  setTitle(TITLE);
  const summary = h('div', { id: 'error-summary', hidden: true });
  const { group, input } = termDatesFileField('An .ics calendar file from your council, or a CSV file made from our template (columns type, name, start, end).');
  const button = h('button', { type: 'submit', class: 'govuk-button', id: 'preview-term-dates' }, 'Continue');
  const form = h(
    'form',
    { id: 'term-dates-form', novalidate: true },
    group,
    schoolCheckboxes(trust, chosen),
    h('div', { class: 'govuk-button-group' }, button, h('a', { class: 'govuk-link', href: trustUrl(trust.id), id: 'cancel-import' }, 'Cancel')),
  );
  fill(
    page,
    summary,
    ...head(trust, h('a', { class: 'govuk-back-link', href: trustUrl(trust.id) }, 'Back'), TITLE),
    h('p', { class: 'govuk-body' }, 'The terms and INSET days in the file replace each chosen school’s for the dates the file covers. Terms outside those dates, exams and trips stay as they are.'),
    form,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const urns = [...form.querySelectorAll<HTMLInputElement>('input[name="schools"]:checked')].map((c) => c.value);
    const file = await chosenFile(input);
    const errors: FieldError[] = [];
    if ('error' in file) errors.push({ path: 'file', message: file.error });
    if (!urns.length) errors.push({ path: 'schools', message: 'Select at least one school.' });
    if (errors.length || 'error' in file) return showErrors(form, summary, errors, TITLE);
    clearErrors(form, summary, TITLE);
    button.disabled = true;
    try {
      const preview = await api<TrustTermDatesPreview>('POST', href(`/api/manage/trusts/${encodeURIComponent(trust.id)}/term-dates/preview`, { schools: urns.join(',') }), file);
      renderCheck(page, trust, preview);
    } catch (err) {
      button.disabled = false;
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 401) return signInNeeded(page);
      showErrors(form, summary, [err.fields.schools ? { path: 'schools', message: err.fields.schools } : { path: 'file', message: err.message }], TITLE);
    }
  });
}

/** One school of the preview: a GOV.UK summary card. */
function schoolCard(s: TrustSchoolPreview): HTMLElement {
  const rows: [string, Child][] = s.problems?.length
    ? [['Cannot be applied', h('ul', { class: 'govuk-list app-wrap' }, s.problems.map((p) => h('li', null, p)))]]
    : [
        ['Bookings', s.dryRun.affected.length ? [h('p', { class: 'govuk-body' }, `These term dates affect ${bookingsText(s.dryRun.affected.length)}:`), affectedList(s.dryRun.affected)] : 'No booking is affected.'],
        ...(s.dryRun.warnings?.length ? [['Opportunities', h('ul', { class: 'govuk-list app-wrap' }, s.dryRun.warnings.map((w) => h('li', null, w.message)))] as [string, Child]] : []),
      ];
  return h(
    'div',
    { class: 'govuk-summary-card', 'data-urn': s.urn },
    h('div', { class: 'govuk-summary-card__title-wrapper' }, h('h3', { class: 'govuk-summary-card__title app-wrap' }, s.name)),
    h(
      'div',
      { class: 'govuk-summary-card__content' },
      h(
        'dl',
        { class: 'govuk-summary-list' },
        rows.map(([key, value]) => h('div', { class: 'govuk-summary-list__row' }, h('dt', { class: 'govuk-summary-list__key' }, key), h('dd', { class: 'govuk-summary-list__value' }, value))),
      ),
    ),
  );
}

function renderCheck(page: HTMLElement, trust: Trust, preview: TrustTermDatesPreview) {
  setTitle(CHECK_TITLE);
  const { termDates } = preview;
  const ready = preview.schools.filter((s) => !s.problems?.length);
  const affected = ready.reduce((n, s) => n + s.dryRun.affected.length, 0);
  const summary = h('div', { id: 'error-summary', hidden: true });
  const back = h('button', { type: 'button', class: 'govuk-button govuk-button--secondary', id: 'go-back' }, 'Go back');
  const save = ready.length ? h('button', { type: 'button', class: affected ? 'govuk-button govuk-button--warning' : 'govuk-button', id: 'save-term-dates' }, `Save these term dates for ${schoolsText(ready.length)}`) : null;
  fill(
    page,
    summary,
    ...head(trust, h('a', { class: 'govuk-back-link', href: href(PATH, { id: trust.id }) }, 'Back'), CHECK_TITLE),
    h('p', { class: 'govuk-body' }, `The file covers ${dateRange(termDates.span.start, termDates.span.end)}. Nothing has been saved yet.`),
    ...termDatesSet(termDates),
    h('h2', { class: 'govuk-heading-m' }, 'Schools'),
    affected ? warningText(`These term dates affect ${bookingsText(affected)}. If you save, each school’s careers lead finds them flagged on their dashboard and gets one email listing them.`) : null,
    ready.length < preview.schools.length ? warningText(`The file cannot be applied to ${schoolsText(preview.schools.length - ready.length)} as it stands; ${ready.length ? 'the others can be saved.' : 'change the file or choose other schools.'}`) : null,
    h('div', { id: 'preview-schools' }, preview.schools.map(schoolCard)),
    h('div', { class: 'govuk-button-group' }, save, back),
  );
  byId('page-heading').focus();
  back.addEventListener('click', () => renderChoose(page, trust, new Set(preview.schools.map((s) => s.urn))));
  save?.addEventListener('click', async () => {
    save.setAttribute('disabled', '');
    try {
      const saved = await api<TrustTermDatesSaved>('POST', `/api/manage/trusts/${encodeURIComponent(trust.id)}/term-dates`, { body: { termDates, schools: ready.map((s) => ({ urn: s.urn, version: s.version })) } });
      renderSaved(page, trust, saved);
    } catch (err) {
      save.removeAttribute('disabled');
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 401) return signInNeeded(page);
      showErrors(page, summary, [{ message: err.message }], CHECK_TITLE);
    }
  });
}

const OUTCOME: Record<TrustSchoolSaved['outcome'], [string, string]> = {
  saved: ['Saved', 'govuk-tag--green'],
  unchanged: ['Unchanged', 'govuk-tag--grey'],
  changed: ['Changed since you looked', 'govuk-tag--yellow'],
  refused: ['Not saved', 'govuk-tag--red'],
};

function renderSaved(page: HTMLElement, trust: Trust, saved: TrustTermDatesSaved) {
  const done = saved.schools.filter((s) => s.outcome === 'saved' || s.outcome === 'unchanged').length;
  const all = done === saved.schools.length;
  const title = all ? `Term dates saved for ${schoolsText(done)}` : `Term dates saved for ${done} of ${schoolsText(saved.schools.length)}`;
  setTitle(title);
  fill(
    page,
    all ? successBanner(title) : null,
    h('span', { class: 'govuk-caption-l app-wrap', id: 'trust-name' }, trust.name),
    h('h1', { class: 'govuk-heading-l', id: 'page-heading', tabindex: -1 }, all ? 'What was saved' : title),
    all ? null : warningText('Some schools were not saved. A school changed since you looked has new settings: start again to check it as it is now.'),
    h(
      'dl',
      { class: 'govuk-summary-list', id: 'saved-schools' },
      saved.schools.map((s) => {
        const [text, colour] = OUTCOME[s.outcome];
        return h(
          'div',
          { class: 'govuk-summary-list__row', 'data-urn': s.urn, 'data-outcome': s.outcome },
          h('dt', { class: 'govuk-summary-list__key app-wrap' }, s.name),
          h('dd', { class: 'govuk-summary-list__value app-wrap' }, h('p', { class: 'govuk-body' }, h('strong', { class: `govuk-tag ${colour}` }, text)), h('p', { class: 'govuk-body' }, s.message), affectedAfterSave(s.affected, s.urn)),
        );
      }),
    ),
    h(
      'ul',
      { class: 'govuk-list' },
      h('li', null, h('a', { class: 'govuk-link', href: href(PATH, { id: trust.id }), id: 'start-again' }, 'Apply term dates to other schools')),
      h('li', null, h('a', { class: 'govuk-link', href: trustUrl(trust.id), id: 'back-to-trust' }, 'Back to trust coverage')),
    ),
  );
  (all ? byId('done-banner') : byId('page-heading')).focus();
}

ready(async () => {
  const page = byId('page');
  try {
    setUpChrome(true, (await loadMe()).schools[0]?.urn);
  } catch (err) {
    if (handleLoadError(page, err, TITLE)) return;
    throw err;
  }
  const id = param('id');
  if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(id)) return problem(page, 'Check the link to your trust', 'This link does not name a trust. Use the link on your trust’s coverage page.');
  let answer: TrustCoverageAnswer;
  try {
    answer = await api<TrustCoverageAnswer>('GET', `/api/manage/trusts/${encodeURIComponent(id)}/coverage`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) return problem(page, 'You are not an admin of this trust', err.message);
    if (handleLoadError(page, err, TITLE)) return;
    throw err;
  }
  renderChoose(page, { id: answer.trust.id, name: answer.trust.name, schools: answer.schools.map((s) => ({ urn: s.urn, name: s.schoolName })).sort((a, b) => a.name.localeCompare(b.name)) });
});
