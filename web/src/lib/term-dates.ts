// Pieces of the term-dates import shared by the one-school page (/manage/term-dates/) and
// the trust admin's page (/manage/trust/term-dates/): the file question, reading the chosen
// file for the preview POST, and what the file will set (terms, INSET days, what was read
// differently or left out).
import { h, type Child } from './dom.ts';
import { formatDateShort } from './format.ts';
import { summaryList } from './school.ts';
import { warningText, type DryRunAnswer } from './manage.ts';
import type { MappedTermDates } from '#shared/api/term-dates.ts';

/** As MAX_TERM_DATES_BYTES in the contract: refused here before the upload. */
const MAX_BYTES = 256 * 1024;

export const dateRange = (start: string, end: string): string => (start === end ? formatDateShort(start) : `${formatDateShort(start)} to ${formatDateShort(end)}`);

/** The Content-Type the API reads the file by: its extension says which kind it is. */
function typeOf(file: File): string {
  if (/\.ics$/i.test(file.name) || file.type === 'text/calendar') return 'text/calendar';
  return 'text/csv';
}

/** The GOV.UK file upload question (its group answers for the field `file`). */
export function termDatesFileField(hint: string): { group: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { class: 'govuk-file-upload', id: 'term-dates-file', name: 'file', type: 'file', accept: '.ics,.csv,text/calendar,text/csv', 'aria-describedby': 'term-dates-file-hint', 'data-error-before': true }) as HTMLInputElement;
  const group = h(
    'div',
    { class: 'govuk-form-group', id: 'file-group', 'data-field': 'file' },
    h('label', { class: 'govuk-label govuk-label--m', for: 'term-dates-file' }, 'Upload a term-dates file'),
    h('div', { class: 'govuk-hint', id: 'term-dates-file-hint' }, `${hint} Up to 256 KB.`),
    input,
  );
  return { group, input };
}

/** The chosen file as the preview's body, or the sentence to show at the field. */
export async function chosenFile(input: HTMLInputElement): Promise<{ file: { text: string; type: string } } | { error: string }> {
  const file = input.files?.[0];
  if (!file) return { error: 'Select an .ics or CSV file of term dates.' };
  if (file.size > MAX_BYTES) return { error: 'The selected file must be smaller than 256 KB.' };
  return { file: { text: await file.text(), type: typeOf(file) } };
}

/** What the file sets: its terms (a summary list), its INSET days, and its warnings. */
export function termDatesSet(termDates: MappedTermDates, headingClass = 'govuk-heading-m'): Child[] {
  const insetDays = termDates.closures.filter((c) => c.reason === 'INSET');
  return [
    h('h2', { class: headingClass }, 'Terms'),
    h('div', { id: 'preview-terms' }, summaryList(termDates.terms.map((t) => [t.name, dateRange(t.start, t.end)]), 'app-wrap')),
    h('h2', { class: headingClass }, 'INSET days'),
    insetDays.length
      ? h('ul', { class: 'govuk-list govuk-list--bullet', id: 'preview-inset' }, insetDays.map((c) => h('li', null, dateRange(c.start, c.end))))
      : h('p', { class: 'govuk-body', id: 'preview-inset' }, 'The file names no INSET days.'),
    termDates.warnings.length
      ? h('div', { id: 'preview-warnings' }, warningText('Some of the file was read differently or left out:'), h('ul', { class: 'govuk-list govuk-list--bullet app-wrap' }, termDates.warnings.map((w) => h('li', null, w))))
      : null,
  ];
}

/** The bookings a preview would put outside the rules, each with the rule ids it breaks. */
export function affectedList(affected: DryRunAnswer['affected']): HTMLElement {
  return h(
    'ul',
    { class: 'govuk-list govuk-list--bullet app-wrap' },
    affected.map((a) => h('li', { 'data-request-id': a.id }, h('strong', null, a.organisation), `, ${dateRange(a.date, a.date)}: `, a.problems.map((p) => `${p.message} (${p.rule})`).join(' '))),
  );
}
