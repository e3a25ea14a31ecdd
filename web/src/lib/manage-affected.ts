// Before a change of settings or opportunities is saved (issue 11): the page first PUTs the
// same body with `dryRun: true`, which saves nothing and answers the live bookings the
// change would put outside the rules. None: the page saves at once. Some: this warning
// lists each with its problem and asks "Save anyway" or "Go back", before any success.
import type { OpportunityWarning } from '#shared/api/settings.ts';
import { h, href } from './dom.ts';
import { formatDateAbbreviated, formatTimeRange, formatYears } from './format.ts';
import { statusText, warningText, type AffectedBooking, type DryRunAnswer } from './manage.ts';

export function bookingsText(n: number): string {
  return `${n} ${n === 1 ? 'booking' : 'bookings'}`;
}

/**
 * The warning, focused by the caller: `onSave` when the person saves anyway, `onBack` when
 * they go back to the form (which the caller keeps as it was, only hidden).
 */
export type CareersLeadChange = NonNullable<DryRunAnswer['careersLeadChange']>;

/** `warnings`: opportunities the change would leave without slots; `heading`: h1 when the warning is the page. */
export interface WarningOptions {
  warnings?: readonly OpportunityWarning[] | undefined;
  save?: string;
  back?: string;
  heading?: 'h1' | 'h2';
}

export function affectedWarning(
  affected: readonly AffectedBooking[],
  actions: { onSave: (button: HTMLButtonElement) => void; onBack: () => void },
  leadChange?: CareersLeadChange,
  options: WarningOptions = {},
): HTMLElement {
  const warnings = options.warnings ?? [];
  const save = h('button', { type: 'button', class: 'govuk-button govuk-button--warning', id: 'save-anyway' }, options.save ?? 'Save anyway');
  const back = h('button', { type: 'button', class: 'govuk-button govuk-button--secondary', id: 'go-back' }, options.back ?? 'Go back');
  save.addEventListener('click', () => actions.onSave(save));
  back.addEventListener('click', () => actions.onBack());
  return h(
    'div',
    { id: 'affected', role: 'region', 'aria-labelledby': 'affected-heading' },
    h(options.heading ?? 'h2', { class: 'govuk-heading-l', id: 'affected-heading', tabindex: -1 }, affectedTitle(affected)),
    // Issue 12, item 4: replacing the careers lead takes the old lead's access away, so ask first.
    leadChange
      ? [
          warningText(`You are making ${leadChange.to.name} (${leadChange.to.email}) the careers lead instead of ${leadChange.from.name} (${leadChange.from.email}).`),
          h(
            'p',
            { class: 'govuk-body app-wrap', id: 'lead-change' },
            `${leadChange.from.name} will lose access to this school’s pages at once and stop getting its request emails. ${leadChange.to.name} gets both, and can sign in with their email address.`,
          ),
        ]
      : null,
    affected.length ? warningText(`This change affects ${bookingsText(affected.length)}:`) : null,
    affected.length === 0
      ? null
      : h(
      'ul',
      { class: 'govuk-list govuk-list--bullet app-wrap', id: 'affected-list' },
      affected.map((a) =>
        h(
          'li',
          { 'data-request-id': a.id },
          h('strong', null, a.organisation),
          `, ${formatDateAbbreviated(a.date)}, ${formatTimeRange(a.start, a.end)}, ${formatYears(a.yearGroups)} (${statusText(a.status).toLowerCase()}): `,
          a.problems.map((p, i) => [i ? ' ' : '', p.message, ` (${p.rule})`]),
        ),
      ),
    ),
    affected.length === 0
      ? null
      : h(
      'p',
      { class: 'govuk-body' },
      'If you save, each one is listed under “Needs attention” on your dashboard and we email you the list. You can then move it to a new time, cancel it, or keep it as it is with a reason.',
    ),
    warnings.length
      ? [
          warningText(`This change leaves ${warnings.length === 1 ? 'an opportunity' : `${warnings.length} opportunities`} without slots:`),
          h('ul', { class: 'govuk-list govuk-list--bullet app-wrap', id: 'warnings-list' }, warnings.map((w) => h('li', { 'data-opportunity-id': w.opportunityId }, w.message))),
          h('p', { class: 'govuk-body' }, 'Providers cannot book ', warnings.length === 1 ? 'it' : 'them', ' until you change ', warnings.length === 1 ? 'it' : 'them', ' on your opportunities page or change this back.'),
        ]
      : null,
    h('p', { class: 'govuk-body' }, 'Nothing has been saved yet.'),
    h('div', { class: 'govuk-button-group' }, save, back),
  );
}

/** The warning's heading, and the page's title while it asks. */
export function affectedTitle(affected: readonly AffectedBooking[]): string {
  return affected.length ? 'Check the bookings this change affects' : 'Check this change before you save it';
}

/** "2 bookings need attention: see your dashboard", after a save that affected some. */
export function affectedAfterSave(affected: readonly AffectedBooking[] | undefined, urn: string): HTMLElement | null {
  if (!affected?.length) return null;
  return h(
    'span',
    null,
    `${bookingsText(affected.length)} ${affected.length === 1 ? 'needs' : 'need'} attention: `,
    h('a', { class: 'govuk-notification-banner__link', href: href('/manage/', { urn }), id: 'attention-link' }, 'see them on your dashboard'),
    '.',
  );
}
