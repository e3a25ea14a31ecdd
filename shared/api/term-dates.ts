// Term dates from a file (issue 17, item 2): the contracts of the preview a member of staff
// asks for (the file itself as the body: text/calendar or text/csv), and of a trust admin
// applying one calendar to several schools of the trust. A school saves its preview through
// the settings PUT (shared/api/settings.ts) with the version the preview read.
import * as z from 'zod';
import { isoDate, line } from './fields.ts';
import type { MappedTermDates } from '#shared/domain/term-dates.ts';
import type { DryRunAnswer, SchoolSettings } from '#shared/domain/settings.ts';
import { SETTINGS_LIMITS } from '#shared/domain/settings.ts';

export type { MappedTermDates } from '#shared/domain/term-dates.ts';

/** A council's calendar for several years is a few tens of KB; this is room to spare. */
export const MAX_TERM_DATES_BYTES = 256 * 1024;

/** The file as the body: its text. */
export const termDatesText = z.string().min(1, 'Send the term-dates file (.ics or .csv) as the request body.');

const URN = /^\d{6,7}$/;

/** ?schools=100001,100002: the schools of the trust to preview (each where the caller is a trust admin). */
export const trustTermDatesQuery = z.strictObject({
  schools: z
    .string()
    .transform((s) => [...new Set(s.split(',').map((u) => u.trim()).filter(Boolean))])
    .pipe(z.array(z.string().regex(URN, 'A school URN is 6 or 7 digits.')).min(1, 'Choose at least one school.').max(50, 'Choose at most 50 schools at once.')),
});

const mappedSchema = z.strictObject({
  terms: z.array(z.strictObject({ name: line(60), start: isoDate, end: isoDate })).min(1).max(SETTINGS_LIMITS.terms),
  closures: z
    .array(z.strictObject({ start: isoDate, end: isoDate, reason: z.enum(['INSET', 'OTHER']), note: line(200).optional() }))
    .max(SETTINGS_LIMITS.closures),
  span: z.strictObject({ start: isoDate, end: isoDate }),
  warnings: z.array(z.string().max(500)).max(200),
});

/** POST …/trusts/{trustId}/term-dates: the calendar the preview mapped, and each chosen school at the version its preview read. */
export const trustTermDatesSaveBody = z.strictObject({
  termDates: mappedSchema,
  schools: z
    .array(z.strictObject({ urn: z.string().regex(URN, 'A school URN is 6 or 7 digits.'), version: z.number().int().min(0) }))
    .min(1, 'Choose at least one school.')
    .max(50, 'Choose at most 50 schools at once.'),
});
export type TrustTermDatesSaveBody = z.infer<typeof trustTermDatesSaveBody>;

/** POST …/schools/{urn}/term-dates/preview: nothing saved. */
export interface TermDatesPreview {
  termDates: MappedTermDates;
  /** The school's settings with the file's terms and INSET days in place: PUT them with `version` to save. */
  settings: SchoolSettings;
  version: number;
  /** The settings dry run of these settings (issue 9): the bookings they would put outside the rules. */
  dryRun: DryRunAnswer;
}

/** One school of a trust preview. */
export interface TrustSchoolPreview {
  urn: string;
  name: string;
  version: number;
  dryRun: DryRunAnswer;
  /** The file cannot be applied here as it stands (e.g. a term overlapping one the school keeps). */
  problems?: string[];
}

export interface TrustTermDatesPreview {
  trust: { id: string; name: string };
  termDates: MappedTermDates;
  schools: TrustSchoolPreview[];
}

/** Each school's save, its own conditional write. */
export interface TrustSchoolSaved {
  urn: string;
  name: string;
  outcome: 'saved' | 'unchanged' | 'changed' | 'refused';
  message: string;
  affected: DryRunAnswer['affected'];
}

export interface TrustTermDatesSaved {
  trust: { id: string; name: string };
  schools: TrustSchoolSaved[];
}
