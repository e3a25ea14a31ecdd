// Field schemas every contract shares: dates, times and text a person typed, with
// messages that say what to change. Text never carries control characters; a single line
// never carries a line break (so it can never break an email header).
import * as z from 'zod';
import { isIsoDate } from '#shared/domain/dates.ts';

function hasControlCharacters(s: string, allowLineBreaks: boolean): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (allowLineBreaks && (c === 9 || c === 10 || c === 13)) continue;
    if (c < 32 || c === 127) return true;
  }
  return false;
}

export const isoDate = z.string().refine(isIsoDate, 'Enter a real date as YYYY-MM-DD, like 2027-01-12.');
export const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time on the 24-hour clock as HH:MM, like 09:30.');

/** One line of text (a name, a ground): trimmed, required, no line breaks. */
export const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Enter a value for this field.')
    .max(max)
    .refine((s) => !hasControlCharacters(s, false), 'Use one line, without line breaks or control characters.');

/** Free text, possibly empty: trimmed, line breaks allowed. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !hasControlCharacters(s, true), 'Remove the control characters from this text.');

/** Paragraphs of text that must be filled in. */
export const paragraphs = (max: number, required: string) => text(max).pipe(z.string().min(1, required));
