// Term dates from a file (issue 17, item 2): a council's .ics feed (read with ical.js) or
// the CSV template (csv-parse), mapped to the school's terms and INSET days by the domain
// (shared/domain/term-dates.ts), previewed with the settings dry run (issue 9: the same
// saveSettings, `dryRun: true`, so nothing is written) and saved through the settings save
// with the version the preview read. A trust admin previews one file for several schools
// of the trust and saves each school's settings, each its own conditional write.
import ICAL from 'ical.js';
import { parse } from 'csv-parse/sync';
import { addDays, isIsoDate, realDate } from '#shared/domain/dates.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { settingsOf, type DryRunAnswer, type SchoolSettings } from '#shared/domain/settings.ts';
import { applyTermDates, kindOfTitle, mapTermDates, TEMPLATE_TYPES, type MappedTermDates, type TermDateEntry } from '#shared/domain/term-dates.ts';
import { londonDate } from '#shared/domain/timezone.ts';
import type { StoredSchool } from '#shared/domain/records.ts';
import type { IsoDate } from '#shared/domain/types.ts';
import type { Store } from '#shared/store/client.ts';
import { versionOf } from '#shared/store/schools.ts';
import { requireSchool, trustSchoolsOf } from './schools.ts';
import { saveSettings, type Editor } from './settings.ts';

export type TermDatesFormat = 'ics' | 'csv';

/** The format from the Content-Type, or the file's first line when a browser sent none that says. */
export function termDatesFormat(contentType: string, text: string): TermDatesFormat {
  if (/^text\/calendar\b/i.test(contentType)) return 'ics';
  if (/^(text\/csv|application\/csv|application\/vnd\.ms-excel)\b/i.test(contentType)) return 'csv';
  if (/^(text\/plain|application\/octet-stream)\b/i.test(contentType) || contentType === '') {
    return /^\uFEFF?\s*BEGIN:VCALENDAR/i.test(text) ? 'ics' : 'csv';
  }
  throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the term dates as an .ics file (Content-Type: text/calendar) or the CSV template (Content-Type: text/csv).');
}

const unreadable = (message: string) => new DomainError('TERM_DATES_UNREADABLE', message);

/** An .ics time as a school-local date; an all-day event's DTEND is the day after it ends (RFC 5545). */
function icsDate(time: ICAL.Time, isEnd: boolean): IsoDate {
  if (time.isDate) {
    const date = time.toString().slice(0, 10);
    return isEnd ? addDays(date, -1) : date;
  }
  const instant = time.toJSDate().getTime() - (isEnd ? 1 : 0);
  return londonDate(new Date(instant).toISOString());
}

/** Every VEVENT of an .ics file as an entry; repeating and cancelled events are said, not guessed. */
export function readIcs(text: string): { entries: TermDateEntry[]; warnings: string[] } {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text.replace(/^\uFEFF/, '')) as unknown[]);
  } catch (err) {
    throw unreadable(`This is not an .ics file this service can read (${err instanceof Error ? err.message : 'unreadable'}). Download the calendar file again, or use the CSV template.`);
  }
  const warnings: string[] = [];
  const entries: TermDateEntry[] = [];
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    const name = (event.summary || '').trim() || 'An event with no title';
    if (String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') continue;
    if (!event.startDate) {
      warnings.push(`"${name}" has no start date, so it was left out.`);
      continue;
    }
    const start = icsDate(event.startDate, false);
    const endTime = component.hasProperty('dtend') || component.hasProperty('duration') ? event.endDate : undefined;
    const end = endTime ? icsDate(endTime, true) : start;
    if (event.isRecurring()) warnings.push(`"${name}" repeats; only its first date (${start}) was read.`);
    // Some feeds say the kind in CATEGORIES rather than the title.
    const categories = component.getAllProperties('categories').flatMap((p) => p.getValues().map(String)).join(' ');
    const kind = kindOfTitle(name) === 'unknown' && categories ? kindOfTitle(categories) : kindOfTitle(name);
    entries.push({ kind, name: name.slice(0, 200), start, end: end < start ? start : end });
  }
  return { entries, warnings };
}

/** "2027-09-02" or the UK's "02/09/2027" as a date. */
function templateDate(value: string): IsoDate | undefined {
  const v = value.trim();
  if (isIsoDate(v)) return v;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  return m ? realDate(Number(m[3]), Number(m[2]), Number(m[1])) : undefined;
}

export const TEMPLATE_COLUMNS = ['type', 'name', 'start', 'end'] as const;

/** The CSV template (README "Term dates from a file"): type,name,start,end, one row per term, half term, holiday, INSET day or closure. */
export function readTemplate(text: string): { entries: TermDateEntry[]; warnings: string[] } {
  let rows: Record<string, string>[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (err) {
    throw unreadable(`This CSV cannot be read (${err instanceof Error ? err.message : 'unreadable'}). Save it again as CSV from the template.`);
  }
  const first = rows[0];
  const missing = TEMPLATE_COLUMNS.filter((c) => c !== 'end' && !(first && c in first));
  if (!first || missing.length) {
    throw unreadable(`The CSV needs the columns ${TEMPLATE_COLUMNS.join(',')} in its first line${missing.length && first ? `; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing` : ''}. Start from the template in the README.`);
  }
  const problems: string[] = [];
  const entries: TermDateEntry[] = [];
  rows.forEach((row, i) => {
    const line = i + 2;
    const kind = TEMPLATE_TYPES[(row.type ?? '').toLowerCase()];
    const start = templateDate(row.start ?? '');
    const end = row.end ? templateDate(row.end) : start;
    if (!kind) problems.push(`line ${line}: the type "${row.type ?? ''}" is not one of ${Object.keys(TEMPLATE_TYPES).join(', ')}`);
    else if (!start || !end) problems.push(`line ${line}: give start${row.end ? ' and end' : ''} as YYYY-MM-DD or DD/MM/YYYY`);
    else if (end < start) problems.push(`line ${line}: the end ${end} is before the start ${start}`);
    else entries.push({ kind, name: (row.name || row.type || '').slice(0, 200), start, end });
  });
  if (problems.length) throw unreadable(`Some lines of the CSV cannot be used: ${problems.slice(0, 10).join('; ')}${problems.length > 10 ? `; and ${problems.length - 10} more` : ''}. Correct them and upload it again.`);
  return { entries, warnings: [] };
}

/** The file mapped to terms and INSET days; TERM_DATES_UNREADABLE, or NO_TERMS_IN_FILE when it names no term. */
export function termDatesFrom(text: string, contentType: string): MappedTermDates {
  const read = termDatesFormat(contentType, text) === 'ics' ? readIcs(text) : readTemplate(text);
  const mapped = mapTermDates(read.entries);
  if (mapped.terms.length === 0) {
    throw new DomainError(
      'NO_TERMS_IN_FILE',
      'The file names no terms: it needs an event for each term (like "Autumn term 2027", or "Autumn term starts" and "Autumn term ends"), or term rows in the CSV template.',
      { rule: 'R-HOURS' },
    );
  }
  return { ...mapped, warnings: [...read.warnings, ...mapped.warnings] };
}

/** The school's settings with the file's terms and INSET days in place. */
function settingsWith(school: StoredSchool, termDates: MappedTermDates): SchoolSettings {
  const settings = settingsOf(school);
  return { ...settings, ...applyTermDates(settings, termDates) };
}

/** POST …/schools/{urn}/term-dates/preview: the mapped file and the settings dry run; nothing saved. */
export async function previewTermDates(store: Store, urn: string, editor: Editor, text: string, contentType: string, now = new Date()) {
  const termDates = termDatesFrom(text, contentType);
  const school = await requireSchool(store, urn);
  const version = versionOf(school, 'version');
  const settings = settingsWith(school, termDates);
  const dryRun = (await saveSettings(store, urn, editor, { version, settings, dryRun: true }, now)) as DryRunAnswer;
  return { termDates, settings, version, dryRun };
}

const NOT_TRUST_ADMIN = 'You are not a trust admin of this trust. Open the term dates of a trust you administer, or ask the trust to add you.';

/** The chosen schools of the trust, each where the caller is a trust admin; any other is NOT_YOUR_TRUST. */
async function chosenSchools(store: Store, caller: { email: string; roles: readonly { urn: string; role: string }[] }, trustId: string, urns: readonly string[]) {
  const { trust, schools } = await trustSchoolsOf(store, caller, trustId, NOT_TRUST_ADMIN);
  const byUrn = new Map(schools.map((s) => [s.urn, s]));
  const stranger = urns.find((u) => !byUrn.has(u));
  if (stranger) throw new DomainError('NOT_YOUR_TRUST', `You are not a trust admin of school ${stranger} in this trust. Choose schools of the trust you administer.`);
  return { trust, schools: urns.map((u) => byUrn.get(u) as StoredSchool) };
}

/** A refusal of saveSettings as sentences for one school of many. */
function problemsOf(err: unknown): string[] {
  if (!(err instanceof DomainError)) throw err;
  return err.violations.length ? err.violations.map((v) => v.message) : [err.message];
}

/** POST …/trusts/{trustId}/term-dates/preview?schools=: the file, and each chosen school's dry run. */
export async function previewTrustTermDates(
  store: Store,
  caller: { email: string; roles: readonly { urn: string; role: string }[] },
  trustId: string,
  urns: readonly string[],
  text: string,
  contentType: string,
  now = new Date(),
) {
  const termDates = termDatesFrom(text, contentType);
  const { trust, schools } = await chosenSchools(store, caller, trustId, urns);
  const editor: Editor = { email: caller.email, role: 'trust_admin' };
  const previews = await Promise.all(
    schools.map(async (school) => {
      const version = versionOf(school, 'version');
      try {
        const dryRun = (await saveSettings(store, school.urn, editor, { version, settings: settingsWith(school, termDates), dryRun: true }, now)) as DryRunAnswer;
        return { urn: school.urn, name: school.name, version, dryRun };
      } catch (err) {
        return { urn: school.urn, name: school.name, version, dryRun: { dryRun: true as const, affected: [] }, problems: problemsOf(err) };
      }
    }),
  );
  return { trust, termDates, schools: previews };
}

/** POST …/trusts/{trustId}/term-dates: each school's settings saved at the version its preview read; one school's refusal stops no other. */
export async function saveTrustTermDates(
  store: Store,
  caller: { email: string; roles: readonly { urn: string; role: string }[] },
  trustId: string,
  body: { termDates: MappedTermDates; schools: readonly { urn: string; version: number }[] },
  now = new Date(),
) {
  const { trust, schools } = await chosenSchools(store, caller, trustId, body.schools.map((s) => s.urn));
  const editor: Editor = { email: caller.email, role: 'trust_admin' };
  const results = [];
  // One after another: each is its own transaction, and a school's lead gets at most one email.
  for (const [i, school] of schools.entries()) {
    const version = body.schools[i]?.version ?? 0;
    try {
      const answer = await saveSettings(store, school.urn, editor, { version, settings: settingsWith(school, body.termDates) }, now);
      const affected = 'affected' in answer && answer.affected ? answer.affected : [];
      // A save that changes nothing answers without `affected` (saveSettings writes nothing then).
      const unchanged = !('affected' in answer);
      results.push({ urn: school.urn, name: school.name, outcome: unchanged ? ('unchanged' as const) : ('saved' as const), message: unchanged ? 'Already had these term dates.' : 'Term dates saved.', affected });
    } catch (err) {
      const changed = err instanceof DomainError && err.code === 'SETTINGS_CHANGED';
      results.push({ urn: school.urn, name: school.name, outcome: changed ? ('changed' as const) : ('refused' as const), message: problemsOf(err).join(' '), affected: [] });
    }
  }
  return { trust, schools: results };
}
