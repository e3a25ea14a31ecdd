// The policy statement contract: the public statement (HTML page and JSON), publishing a
// new version, and what the careers lead's statement page reads (pages import only types).
import * as z from 'zod';
import type { StatementContent } from '#shared/domain/statement.ts';
import { isoDate, line } from './fields.ts';

export type { RedactedStatementContact, StatementContact, StatementContent, StatementPhase } from '#shared/domain/statement.ts';

/** `?version=3` for an earlier version; left out for the latest. */
export const statementQuery = z.strictObject({
  version: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, 'A statement version is a whole number from 1, like 3.')
    .transform(Number)
    .optional(),
});

export const publishStatementBody = z.strictObject({
  /** Who approved it (S-REVIEW), for example "the governing board" or "the trust board of Northfield Learning Trust". */
  approvedBy: line(200),
  /** The date of that approval: not in the future, and within the last year. */
  approvedOn: isoDate,
});
export type PublishStatementBody = z.output<typeof publishStatementBody>;

export interface StatementVersionLink {
  version: number;
  publishedAt: string;
  approvedOn: string;
  /** The version's own address (HTML page). */
  url: string;
}

/** GET /api/schools/{urn}/statement: one published version and the list of all of them. */
export interface StatementAnswer {
  urn: string;
  schoolName: string;
  version: number;
  publishedAt: string;
  latestVersion: number;
  isLatest: boolean;
  /** The latest version has passed its review date and no newer one is published. */
  reviewDue: boolean;
  /** This version's own address, and the address that always shows the latest. */
  url: string;
  latestUrl: string;
  content: StatementContent;
  /**
   * When this version's careers lead contact was removed (content.procedure.careersLead is
   * then the redaction): the school named another lead, or the lead's data was erased.
   */
  redaction?: { at: string; reason: 'careers-lead-replaced' | 'erased' };
  versions: StatementVersionLink[];
}

/** HTML to paste into the school's website. */
export interface StatementEmbed {
  url: string;
  link: string;
  iframe: string;
}

/** GET (and POST, after publishing) /api/manage/schools/{urn}/statement. */
export interface ManageStatementAnswer {
  urn: string;
  published?: {
    version: number;
    publishedAt: string;
    approvedBy: string;
    approvedOn: string;
    nextReviewOn: string;
    reviewDue: boolean;
    url: string;
  };
  /** A review warning sentence when the latest version is due for review. */
  reviewMessage?: string;
  /** What publishing now would publish (approval as today, by the last approver), to preview. */
  draft: StatementContent;
  embed: StatementEmbed;
  versions: StatementVersionLink[];
}
