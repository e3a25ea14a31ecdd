// Term dates from a file (issue 17, item 2): a council's or a school's calendar, read by
// shared/usecases/term-dates.ts from an .ics feed or the CSV template into entries, is
// mapped here to the school's own shape (R-HOURS): terms split at their half terms and
// holidays (a school's terms are the stretches it teaches, so a half term is the gap
// between two of them), INSET days as closures. Pure: no file formats, no I/O.
import { addDays, formatDate, isIsoDate } from './dates.ts';
import { SETTINGS_LIMITS } from './settings.ts';
import type { Closure, IsoDate, Term } from './types.ts';

/** What one event or row of a file is, once read: `start`..`end` inclusive school-local dates. */
export const TERM_DATE_KINDS = ['term', 'term-start', 'term-end', 'half-term', 'holiday', 'inset', 'closure', 'bank-holiday', 'unknown'] as const;
export type TermDateKind = (typeof TERM_DATE_KINDS)[number];

export interface TermDateEntry {
  kind: TermDateKind;
  name: string;
  start: IsoDate;
  end: IsoDate;
}

/** The file's calendar in the school's shape, and what was left out and why. */
export interface MappedTermDates {
  terms: Term[];
  /** INSET days (and other whole-school closures the file names), as closures. */
  closures: Closure[];
  /** First and last date the file speaks for: the school's terms and INSET days inside it are replaced. */
  span: { start: IsoDate; end: IsoDate };
  /** Sentences for the preview: what was read differently from how the file said it, or left out. */
  warnings: string[];
}

/**
 * The kind of an event from its title, as councils word them: "Autumn term starts",
 * "Autumn half term", "Christmas holiday", "INSET day", "Staff training day", "Teacher
 * training (PD) day", "Bank holiday". The order matters: "half term holiday" is a half
 * term, "Spring term ends" a marker, "INSET day (school closed)" an INSET day.
 */
export function kindOfTitle(title: string): TermDateKind {
  const t = title.toLowerCase();
  if (/\binset\b|in[- ]?service|staff (training|development)|teacher (training|development)|training day|\bpd day|professional development|non[- ]pupil/.test(t)) return 'inset';
  if (/bank holiday|may day|good friday|easter monday/.test(t)) return 'bank-holiday';
  if (/half[- ]?term/.test(t)) return 'half-term';
  if (/\bterm\b/.test(t) && /\b(starts?|begins?|opens?|first day|return)\b/.test(t)) return 'term-start';
  if (/\bterm\b/.test(t) && /\b(ends?|finish(es)?|closes?|last day|breaks? up)\b/.test(t)) return 'term-end';
  if (/holiday|break|vacation|recess/.test(t)) return 'holiday';
  if (/\bterm\b/.test(t)) return 'term';
  if (/closed|closure/.test(t)) return 'closure';
  return 'unknown';
}

/** A CSV template's `type` column → kind (the README documents these words). */
export const TEMPLATE_TYPES: Record<string, TermDateKind> = {
  term: 'term',
  'half-term': 'half-term',
  holiday: 'holiday',
  inset: 'inset',
  closure: 'closure',
};

const byStart = (a: { start: IsoDate; end: IsoDate }, b: { start: IsoDate; end: IsoDate }) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : 0);

/** "Autumn term 2027 starts" → "Autumn term 2027": the words a start and an end marker share. */
function markerName(title: string): string {
  return title
    .replace(/\b(starts?|begins?|opens?|ends?|finish(es)?|closes?|breaks? up|first day( of)?|last day( of)?|return)\b/gi, '')
    .replace(/[:–—-]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function pairMarkers(entries: readonly TermDateEntry[], warnings: string[]): TermDateEntry[] {
  const markers = entries.filter((e) => e.kind === 'term-start' || e.kind === 'term-end').sort(byStart);
  const out: TermDateEntry[] = [];
  let open: TermDateEntry | undefined;
  for (const m of markers) {
    if (m.kind === 'term-start') {
      if (open) warnings.push(`"${open.name}" on ${formatDate(open.start)} has no end before the next term starts, so it was left out.`);
      open = m;
    } else if (open) {
      out.push({ kind: 'term', name: markerName(open.name) || markerName(m.name) || 'Term', start: open.start, end: m.end });
      open = undefined;
    } else {
      warnings.push(`"${m.name}" on ${formatDate(m.end)} has no start before it, so it was left out.`);
    }
  }
  if (open) warnings.push(`"${open.name}" on ${formatDate(open.start)} has no end in the file, so it was left out.`);
  return out;
}

/** A term less its breaks: the stretches left, named "Autumn term 2027 (1)", "(2)" when it splits. */
function splitTerm(term: TermDateEntry, breaks: readonly TermDateEntry[]): Term[] {
  let pieces: { start: IsoDate; end: IsoDate }[] = [{ start: term.start, end: term.end }];
  for (const b of breaks) {
    pieces = pieces.flatMap((p) => {
      if (b.end < p.start || b.start > p.end) return [p];
      const left = b.start > p.start ? [{ start: p.start, end: addDays(b.start, -1) }] : [];
      const right = b.end < p.end ? [{ start: addDays(b.end, 1), end: p.end }] : [];
      return [...left, ...right];
    });
  }
  const max = 60;
  return pieces.map((p, i) => {
    const suffix = pieces.length > 1 ? ` (${i + 1})` : '';
    return { name: `${term.name.slice(0, max - suffix.length).trim()}${suffix}`, start: p.start, end: p.end };
  });
}

/**
 * The entries of a file in the school's shape. Terms come from term events (one event
 * spanning the term) or from start and end markers; half terms and holidays inside a
 * term split it; INSET days become closures (one per event, a run of days stays one);
 * bank holidays are left to the product's own list; anything else is named in a warning.
 * Throws nothing: an empty `terms` is for the caller to refuse.
 */
export function mapTermDates(entries: readonly TermDateEntry[]): MappedTermDates {
  const warnings: string[] = [];
  const usable = entries.filter((e) => {
    if (isIsoDate(e.start) && isIsoDate(e.end) && e.end >= e.start) return true;
    warnings.push(`"${e.name}" has no usable dates, so it was left out.`);
    return false;
  });
  const terms = [...usable.filter((e) => e.kind === 'term'), ...pairMarkers(usable, warnings)].sort(byStart);
  const breaks = usable.filter((e) => e.kind === 'half-term' || e.kind === 'holiday').sort(byStart);
  const split = terms.flatMap((t) => splitTerm(t, breaks)).sort(byStart);
  const closures: Closure[] = usable
    .filter((e) => e.kind === 'inset' || e.kind === 'closure')
    .sort(byStart)
    .map((e) => ({ start: e.start, end: e.end, reason: e.kind === 'inset' ? 'INSET' : 'OTHER', note: e.name.slice(0, 200) }));
  const bankHolidays = usable.filter((e) => e.kind === 'bank-holiday');
  if (bankHolidays.length) {
    warnings.push(`${bankHolidays.length === 1 ? '1 bank holiday was' : `${bankHolidays.length} bank holidays were`} left out: the service already knows the bank holidays of England and Wales.`);
  }
  for (const e of usable.filter((x) => x.kind === 'unknown')) {
    warnings.push(`"${e.name}" (${formatDate(e.start)}) is not a term, half term, holiday or INSET day, so it was left out.`);
  }
  if (split.length > SETTINGS_LIMITS.terms) warnings.push(`The file has ${split.length} terms; a school keeps at most ${SETTINGS_LIMITS.terms}, so remove past ones from the file.`);
  const dated = usable.filter((e) => e.kind !== 'unknown' && e.kind !== 'bank-holiday');
  const first = dated.map((e) => e.start).sort()[0];
  const last = dated.map((e) => e.end).sort().at(-1);
  return { terms: split, closures, span: { start: first ?? '', end: last ?? '' }, warnings };
}

/**
 * The school's calendar with a file's terms and INSET days in place: inside the file's
 * span its terms and INSET days are the file's; terms and INSET days outside it, and every
 * other closure (exams, trips), stay as they were.
 */
export function applyTermDates(current: { terms: readonly Term[]; closures: readonly Closure[] }, mapped: MappedTermDates): { terms: Term[]; closures: Closure[] } {
  const { start, end } = mapped.span;
  const outside = (x: { start: IsoDate; end: IsoDate }) => x.end < start || x.start > end;
  const terms = [...current.terms.filter(outside), ...mapped.terms].sort(byStart);
  const closures = [
    ...current.closures.filter((c) => (c.reason !== 'INSET' && !mapped.closures.some((m) => m.start === c.start && m.end === c.end)) || outside(c)),
    ...mapped.closures,
  ].sort(byStart);
  return { terms, closures };
}
