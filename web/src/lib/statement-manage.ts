// The careers lead's statement page: the answer types (restated from shared/api/statement.ts
// as types only) and where a publish error belongs.
export type { ManageStatementAnswer, StatementVersionLink } from '#shared/api/statement.ts';

/** Settings problems (settings.careersLead, settings.premises) are fixed on the settings page, not here. */
export function isSettingsField(path: string): boolean {
  return path.startsWith('settings.');
}
