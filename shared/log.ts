import { Logger } from '@aws-lambda-powertools/logger';

// One structured JSON logger for every function (Powertools): level from
// POWERTOOLS_LOG_LEVEL, service name from POWERTOOLS_SERVICE_NAME.
//
// No log line holds an email address (issue 12, item 10). The code logs roles, item keys,
// counts and SES message ids instead; and as a net for what it does not choose to log,
// every string of every line is passed through `withoutAddresses` as it is written: error
// messages and their causes (SES's "the following identities failed the check: …"), SDK
// error attributes, any key of a logged object. Log groups are kept for a month (a year in
// prod), longer than the personal data they could otherwise leak would be.

/** Anything shaped like an address (local part, @, a domain with a dot), in any script. */
const ADDRESS = /[\p{L}\p{N}._%+!#$&'*=?^~|-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const HAS_ADDRESS = new RegExp(ADDRESS.source, 'u');

/** `text` with every address in it replaced by `<address>`. */
export function withoutAddresses(text: string): string {
  return text.replace(ADDRESS, '<address>');
}

/** The JSON replacer of every log line: Powertools calls it for each value before its own rules (errors become objects, whose strings come back here). */
function noAddresses(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return withoutAddresses(value);
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Error) && Object.keys(value).some((k) => HAS_ADDRESS.test(k))) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutAddresses(k), v]));
  }
  return value;
}

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'provider-access', jsonReplacerFn: noAddresses });
