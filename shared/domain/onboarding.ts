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

/**
 * The whole GIAS file through S3 (issue 17, item 1): a platform admin asks for an upload,
 * puts the file straight into the imports bucket, and the function S3 triggers imports it.
 * waiting-for-upload → running → finished | failed (refused, or stopped by an error).
 */
export type ImportRunStatus = 'waiting-for-upload' | 'running' | 'finished' | 'failed';

export interface ImportRun {
  id: string;
  status: ImportRunStatus;
  /** The file's name on the admin's computer, as they chose it (shown back to them only). */
  fileName: string;
  /** The size the admin's browser declared; the upload is signed for exactly this many bytes. */
  bytes: number;
  requestedBy: string;
  createdAt: string;
  /** Until then the upload address works (15 minutes). */
  uploadBy: string;
  startedAt?: string;
  /** The uploaded object's ETag the run started on: a re-delivered event for it does nothing. */
  objectTag?: string;
  updatedAt?: string;
  progress?: ImportProgress;
  summary?: ImportSummary;
  finishedAt?: string;
  /** Why the file was refused or the run stopped, in words for the admin. */
  failure?: string;
}

/**
 * The largest file the upload takes. DfE's "all establishment data" is about 60 MB for
 * some 50,000 rows; four times that leaves room for growth, and no more memory is needed
 * for a large file than a small one (the import streams).
 */
export const MAX_UPLOAD_BYTES = 250 * 1024 * 1024;

/** How long the upload address works, and how long the bucket keeps a file (lifecycle rule). */
export const UPLOAD_URL_MINUTES = 15;
export const UPLOAD_KEPT_DAYS = 7;

/** The content type the upload is signed for (and that S3 stores with the object). */
export const UPLOAD_CONTENT_TYPE = 'text/csv';

/** The words the admin sees when the file is too large (at the request, and from the bucket). */
export const tooLargeMessage = (bytes: number) =>
  `The file is ${Math.ceil(bytes / (1024 * 1024))} MB: the largest file the import takes is ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB. Check it is GIAS's "all establishment data" CSV.`;

export const NOT_CSV_MESSAGE = 'The file must be a CSV file (.csv): download "all establishment data" from GIAS as CSV, and choose that file.';

/** The refusal of a file before it is imported, or undefined: the same checks at the request and on the uploaded object. */
export function uploadRefusal(file: { name?: string; bytes: number; contentType?: string }): { code: 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'BODY_REQUIRED'; message: string } | undefined {
  if (file.name !== undefined && !/\.csv$/i.test(file.name.trim())) return { code: 'UNSUPPORTED_MEDIA_TYPE', message: NOT_CSV_MESSAGE };
  if (file.contentType !== undefined && !/^(text\/csv|application\/csv|text\/plain|application\/vnd\.ms-excel)\b/i.test(file.contentType)) {
    return { code: 'UNSUPPORTED_MEDIA_TYPE', message: NOT_CSV_MESSAGE };
  }
  if (file.bytes > MAX_UPLOAD_BYTES) return { code: 'PAYLOAD_TOO_LARGE', message: tooLargeMessage(file.bytes) };
  if (file.bytes <= 0) return { code: 'BODY_REQUIRED', message: 'The file is empty: choose the CSV file you downloaded from GIAS.' };
  return undefined;
}
