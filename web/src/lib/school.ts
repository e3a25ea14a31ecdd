// Pieces the school and request pages share.
import { fill, h, type Child } from './dom.ts';
import { formatTimeRange, formatWhen } from './format.ts';

const DAYS: [string, string][] = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
];

/** "Monday to Thursday, 8:40am to 3:10pm; Friday, 8:40am to 2pm". */
export function describeSchoolDay(day: Record<string, { start: string; end: string }>): string {
  const runs: { first: string; last: string; times: string }[] = [];
  let previousIndex = -2;
  DAYS.forEach(([key, name], i) => {
    const t = day[key];
    if (!t) return;
    const times = formatTimeRange(t.start, t.end);
    const run = runs[runs.length - 1];
    if (run && run.times === times && previousIndex === i - 1) run.last = name;
    else runs.push({ first: name, last: name, times });
    previousIndex = i;
  });
  if (!runs.length) return 'Not published';
  return runs.map((r) => `${r.first === r.last ? r.first : `${r.first} to ${r.last}`}, ${r.times}`).join('; ');
}

/** A GOV.UK summary list (no actions). */
export function summaryList(rows: [string, Child][], extraClass = ''): HTMLElement {
  return h(
    'dl',
    { class: `govuk-summary-list ${extraClass}`.trim() },
    rows.map(([key, value]) => h('div', { class: 'govuk-summary-list__row' }, h('dt', { class: 'govuk-summary-list__key' }, key), h('dd', { class: 'govuk-summary-list__value' }, value))),
  );
}

export function notFound(page: HTMLElement): void {
  document.title = 'School not found – Provider access';
  fill(
    page,
    h('h1', { class: 'govuk-heading-l' }, 'We could not find that school'),
    h('p', { class: 'govuk-body' }, 'Check the link, or ', h('a', { class: 'govuk-link', href: '/' }, 'search for the school'), ' by name, URN, town or postcode.'),
  );
}

/** Points the back link at the search the user came from, when they came from one. */
export function backToSearch(): void {
  const back = document.getElementById('back-link');
  if (!back || !document.referrer) return;
  try {
    const from = new URL(document.referrer);
    if (from.origin === location.origin && from.pathname === '/schools/') back.setAttribute('href', from.pathname + from.search);
  } catch {
    // not a URL: keep the default
  }
}

/**
 * A request's history as a timeline, for the provider's page and the school's: what
 * happened, when and by whom (`by` words it for the reader), and any note as written.
 */
export function historyTimeline<E extends { at: string; note?: string | undefined }>(events: readonly E[], what: (e: E) => string, by: (e: E) => string): Child[] {
  return [
    h('h2', { class: 'govuk-heading-m' }, 'History'),
    h(
      'ol',
      { class: 'app-timeline', id: 'history' },
      events.map((e) =>
        h(
          'li',
          { class: 'app-timeline__item' },
          h('h3', { class: 'govuk-heading-s govuk-!-margin-bottom-1' }, what(e)),
          h('p', { class: 'govuk-body-s app-timeline__when app-wrap' }, formatWhen(e.at), by(e)),
          e.note ? h('p', { class: 'govuk-body app-pre-wrap' }, e.note) : null,
        ),
      ),
    ),
  ];
}
