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
