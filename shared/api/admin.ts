// The onboarding contract (platform admins): importing schools from a GIAS extract, and
// inviting a school's careers lead.
import * as z from 'zod';
import type { Person } from '#shared/domain/types.ts';
import { line, parsesTo } from './fields.ts';

export type { CareersLeadAnswer, ImportAnswer, ImportProblem, ImportProgress, ImportSummary } from '#shared/domain/onboarding.ts';

/** The largest extract the API takes (API Gateway and Lambda limit a request to ~6 MB); the command takes any size. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The body of POST /api/admin/schools/import: the CSV text itself (Content-Type: text/csv). */
export const importCsvText = z.string().min(1, 'Send the GIAS extract as the request body, with Content-Type: text/csv.');

export const careersLeadBody = parsesTo<Person>()(z.strictObject({
  name: line(120),
  email: z.email('Enter an email address in the right format, like careers@school.sch.uk.').max(254),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9 +()-]{7,20}$/, 'Enter a phone number, like 01632 960 000.')
    .optional(),
}));
export type CareersLeadBody = z.output<typeof careersLeadBody>;

/**
 * The body of POST /api/admin/schools/imports: the file the admin chose, by name and size
 * (issue 17, item 1). The file itself goes to the upload address the answer gives.
 */
export const importUploadBody = z.strictObject({
  fileName: z.string().trim().min(1, 'Choose the CSV file you downloaded from GIAS.').max(255, 'The file name is too long: rename the file and choose it again.'),
  bytes: z.number().int('The size is a whole number of bytes.').min(1, 'The file is empty: choose the CSV file you downloaded from GIAS.').max(Number.MAX_SAFE_INTEGER),
});
export type ImportUploadBody = z.output<typeof importUploadBody>;

/** GET /api/admin/schools/imports/{id}: a run's id, as the upload's answer gave it. */
export const importRunPath = z.strictObject({ id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'An import id is 26 letters and digits, as the upload gave it.') });

export type { ImportRun, ImportRunStatus } from '#shared/domain/onboarding.ts';
export { MAX_UPLOAD_BYTES } from '#shared/domain/onboarding.ts';
