// Field schemas every contract shares: dates, times and text a person typed, with
// messages that say what to change. Text never carries C0 control characters (issue 12,
// item 7): a single line none at all, so it can never break an email header, and no
// bidirectional override either, so a name cannot display reversed (a "Trojan Source"
// trick in a list of names); free text only line breaks and tabs.
import * as z from 'zod';
import { isIsoDate } from '#shared/domain/dates.ts';
import { EVIDENCE_FIRST_YEAR, EVIDENCE_LAST_YEAR } from '#shared/domain/evidence.ts';
import { parseReference, REFERENCE_FORMAT_MESSAGE } from '#shared/domain/reference.ts';

const CONTROL_NAMES: Record<number, string> = { 0: 'NUL', 8: 'backspace', 9: 'tab', 10: 'line break', 11: 'vertical tab', 12: 'form feed', 13: 'carriage return', 27: 'escape', 127: 'delete' };
const isBidiControl = (c: number) => (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);

/** The first character a field may not hold, said so a person can find it; undefined when none. */
export function refusedCharacter(s: string, kind: 'line' | 'text'): string | undefined {
  let position = 0;
  for (const ch of s) {
    position++;
    const c = ch.codePointAt(0) ?? 0;
    if (kind === 'text' && (c === 9 || c === 10)) continue;
    const control = c < 32 || c === 127;
    if (!control && !(kind === 'line' && isBidiControl(c))) continue;
    const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    const name = control ? (CONTROL_NAMES[c] ?? 'control character') : 'text-direction override';
    const what = kind === 'line' && (c === 10 || c === 13) ? 'Use one line: remove the line break' : `Remove the ${name} (${code})`;
    return `${what} at character ${position}; it cannot be part of this ${kind === 'line' ? 'name or line' : 'text'}.`;
  }
  return undefined;
}

/** A zod check that refuses what `refusedCharacter` finds, with its sentence. */
export function noRefusedCharacter(kind: 'line' | 'text') {
  return (s: string, ctx: z.RefinementCtx) => {
    const problem = refusedCharacter(s, kind);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };
}

/**
 * A request's reference as a person typed it (issue 14, item 6), read as stored: any case,
 * spaces or dashes or none, O for 0, I or L for 1. What cannot be one says what one looks like.
 */
export const requestReference = z
  .string()
  .max(40, REFERENCE_FORMAT_MESSAGE)
  .transform((typed, ctx) => {
    const reference = parseReference(typed);
    if (reference) return reference;
    ctx.addIssue({ code: 'custom', message: REFERENCE_FORMAT_MESSAGE });
    return z.NEVER;
  });

export const isoDate = z.string().refine(isIsoDate, 'Enter a real date as YYYY-MM-DD, like 2027-01-12.');
/** An academic year by the calendar year it starts in (`2026` is 2026/27), in a query: the provider's evidence, the school's Compass+ CSV and evidence pack. */
export const academicYearParam = z
  .string()
  .regex(/^\d{4}$/, 'Give the academic year by the year it starts, like 2026 for 2026/27.')
  .transform(Number)
  .refine((y) => y >= EVIDENCE_FIRST_YEAR && y <= EVIDENCE_LAST_YEAR, `Choose an academic year from ${EVIDENCE_FIRST_YEAR}/${String((EVIDENCE_FIRST_YEAR + 1) % 100)} on.`);

export const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time on the 24-hour clock as HH:MM, like 09:30.');

/** One line of text (a name, a ground): trimmed, required, no control character or direction override. */
export const line = (max: number) => z.string().trim().min(1, 'Enter a value for this field.').max(max).superRefine(noRefusedCharacter('line'));

/** One line that may be left empty (a UKPRN, a search). */
export const optionalLine = (max: number) => z.string().trim().max(max).superRefine(noRefusedCharacter('line'));

/**
 * Free text, possibly empty: trimmed, line breaks and tabs allowed. A browser sends a
 * textarea's line breaks as CRLF, so CRLF (and a lone CR) becomes LF before the check.
 */
export const text = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\r\n?/g, '\n'))
    .pipe(z.string().trim().max(max).superRefine(noRefusedCharacter('text')));

/** Paragraphs of text that must be filled in. */
export const paragraphs = (max: number, required: string) => text(max).pipe(z.string().min(1, required));

/** True only when A and B are the very same type (not merely assignable one way or both). */
export type Same<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;

/**
 * The schema as it is, checked at compile time to parse to exactly the domain type `T` that
 * the use case takes: a field added, dropped or retyped on either side fails the build, so
 * the contract and the domain cannot drift.
 */
export const parsesTo =
  <T>() =>
  <S extends z.ZodType>(schema: S, ..._same: Same<z.output<S>, T> extends true ? [] : [error: 'the schema does not parse to the domain type']): S =>
    schema;
