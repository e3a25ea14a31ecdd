// Onboarding a school (platform admins): what importing a GIAS extract reports, and what
// inviting a school's careers lead answers.
import type { Person } from './types.ts';

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
  /** Closed establishments, those out of scope of s42B (R-SCOPE), and schools whose GIAS fields have not changed. */
  skipped: number;
  failed: number;
}

export interface ImportSummary extends ImportProgress {
  problems: ImportProblem[];
  /** More problems than were listed. */
  problemsNotListed: number;
}

export interface ImportAnswer {
  summary: ImportSummary;
}

export interface CareersLeadAnswer {
  urn: string;
  careersLead: Person;
  message: string;
}
