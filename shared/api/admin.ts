// The onboarding contract (platform admins): importing schools from a GIAS extract, and
// inviting a school's careers lead.
import * as z from 'zod';
import { line } from './fields.ts';

export interface ImportProblem {
  /** The line of the file (the header is line 1; a row whose quoted text spans lines: its last line). */
  line: number;
  urn?: string;
  message: string;
}

export interface ImportProgress {
  /** Rows read so far (the header not counted). */
  rows: number;
  created: number;
  updated: number;
  /** Closed establishments, and schools whose GIAS fields have not changed. */
  skipped: number;
  failed: number;
}

export interface ImportSummary extends ImportProgress {
  problems: ImportProblem[];
  /** More problems than were listed. */
  problemsNotListed: number;
}

/** The largest extract the API takes (API Gateway and Lambda limit a request to ~6 MB); the command takes any size. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The body of POST /api/admin/schools/import: the CSV text itself (Content-Type: text/csv). */
export const importCsvText = z.string().min(1, 'Send the GIAS extract as the request body, with Content-Type: text/csv.');

export const careersLeadBody = z.strictObject({
  name: line(120),
  email: z.email('Enter an email address in the right format, like careers@school.sch.uk.').max(254),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9 +()-]{7,20}$/, 'Enter a phone number, like 01632 960 000.')
    .optional(),
});
export type CareersLeadBody = z.output<typeof careersLeadBody>;

export interface ImportAnswer {
  summary: ImportSummary;
}

export interface CareersLeadAnswer {
  urn: string;
  careersLead: { name: string; email: string; phone?: string };
  message: string;
}
