// Coverage as the school sees it: the words and GOV.UK tags for a cohort's status (always
// in words as well as colour), and the phase names.
import type { CoverageStatus, KeyPhase } from '#shared/api/coverage.ts';
import { h } from './dom.ts';

export type { CohortCoverage, CohortInvitation, CoverageTotals, SchoolCoverageAnswer, TrustCoverageAnswer } from '#shared/api/coverage.ts';

const STATUS: Record<CoverageStatus, { text: string; tag: string }> = {
  met: { text: 'Met', tag: 'govuk-tag--green' },
  on_track: { text: 'On track', tag: 'govuk-tag--blue' },
  at_risk: { text: 'At risk', tag: 'govuk-tag--yellow' },
  not_met: { text: 'Not met', tag: 'govuk-tag--red' },
  not_started: { text: 'Not started', tag: 'govuk-tag--grey' },
};

export const COVERAGE_STATUSES = Object.keys(STATUS) as CoverageStatus[];

export function coverageStatusText(status: CoverageStatus): string {
  return STATUS[status]?.text ?? status.replaceAll('_', ' ');
}

export function coverageTag(status: CoverageStatus): HTMLElement {
  const s = STATUS[status] ?? { text: coverageStatusText(status), tag: 'govuk-tag--grey' };
  return h('strong', { class: `govuk-tag ${s.tag}`, 'data-coverage-status': status }, s.text);
}

const PHASE: Record<KeyPhase, string> = {
  1: 'Key phase 1 (Years 8 and 9)',
  2: 'Key phase 2 (Years 10 and 11)',
  3: 'Key phase 3 (Years 12 and 13)',
};

export function phaseText(phase: KeyPhase): string {
  return PHASE[phase] ?? `Key phase ${phase}`;
}

/** "2 met, 1 on track, 0 at risk, 3 not met, 0 not started". */
export function totalsText(totals: Record<CoverageStatus, number>): string {
  return COVERAGE_STATUSES.map((s) => `${totals[s] ?? 0} ${coverageStatusText(s).toLowerCase()}`).join(', ');
}
