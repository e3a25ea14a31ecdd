// Before a change of settings or opportunities is saved (issue 11): the page first PUTs the
// same body with `dryRun: true`, which saves nothing and answers the live bookings the
// change would put outside the rules. None: the page saves at once. Some: this warning
// lists each with its problem and asks "Save anyway" or "Go back", before any success.
import { h, href } from './dom.ts';
import { formatDateAbbreviated, formatTimeRange } from './format.ts';
import { statusText, warningText, type AffectedBooking, type DryRunAnswer } from './manage.ts';

export function bookingsText(n: number): string {
  return `${n} ${n === 1 ? 'booking' : 'bookings'}`;
}

/**
 * The warning, focused by the caller: `onSave` when the person saves anyway, `onBack` when
 * they go back to the form (which the caller keeps as it was, only hidden).
 */
export type CareersLeadChange = NonNullable<DryRunAnswer['careersLeadChange']>;

export function affectedWarning(
  affected: readonly AffectedBooking[],
  actions: { onSave: (button: HTMLButtonElement) => void; onBack: () => void },
  leadChange?: CareersLeadChange,
): HTMLElement {
  const save = h('button', { type: 'button', class: 'govuk-button govuk-button--warning', id: 'save-anyway' }, 'Save anyway');
  const back = h('button', { type: 'button', class: 'govuk-button govuk-button--secondary', id: 'go-back' }, 'Go back');
  save.addEventListener('click', () => actions.onSave(save));
  back.addEventListener('click', () => actions.onBack());
  return h(
    'div',
    { id: 'affected', role: 'region', 'aria-labelledby': 'affected-heading' },
    h('h2', { class: 'govuk-heading-l', id: 'affected-heading', tabindex: -1 }, affected.length ? 'Check the bookings this change affects' : 'Check this change before you save it'),
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
          `, ${formatDateAbbreviated(a.date)}, ${formatTimeRange(a.start, a.end)} (${statusText(a.status).toLowerCase()}): `,
          a.problems.map((p, i) => [i ? ' ' : '', p.message]),
        ),
      ),
    ),
    affected.length === 0
      ? null
      : h(
      'p',
      { class: 'govuk-body' },
      'If you save anyway, each one is listed under “Needs attention” on your dashboard and we email you the list. You can then move it to a new time, cancel it, or keep it as it is with a reason. Nothing has been saved yet.',
    ),
    h('div', { class: 'govuk-button-group' }, save, back),
  );
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
