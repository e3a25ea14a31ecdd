// The policy statement contract: the public statement (HTML page and JSON), publishing a
// new version, and what the careers lead's statement page reads (pages import only types).
import * as z from 'zod';
import type { StatementApproval } from '#shared/domain/statement.ts';
import { isoDate, line, parsesTo } from './fields.ts';

export type {
  ManageStatementAnswer,
  RedactedStatementContact,
  StatementAnswer,
  StatementApproval,
  StatementContact,
  StatementContent,
  StatementEmbed,
  StatementPhase,
  StatementVersionLink,
} from '#shared/domain/statement.ts';

/** `?version=3` for an earlier version; left out for the latest. */
export const statementQuery = z.strictObject({
  version: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, 'A statement version is a whole number from 1, like 3.')
    .transform(Number)
    .optional(),
});

export const publishStatementBody = parsesTo<StatementApproval>()(z.strictObject({
  /** Who approved it (S-REVIEW), for example "the governing board" or "the trust board of Northfield Learning Trust". */
  approvedBy: line(200),
  /** The date of that approval: not in the future, and within the last year. */
  approvedOn: isoDate,
}));
export type PublishStatementBody = z.output<typeof publishStatementBody>;
