// zod issues → the contract's `fields`: one sentence per field, keyed by its dotted path,
// worded for a person (no "Invalid input").
import type { z } from 'zod';

export function fieldErrors(error: z.ZodError, where: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        fields[join(where, [...issue.path, key])] = 'This field is not accepted here; remove it.';
      }
      continue;
    }
    const name = join(where, issue.path);
    fields[name] ??= issue.message;
  }
  return fields;
}

function join(where: string, path: PropertyKey[]): string {
  // Body fields are named as the client sent them; path and query fields say where they were.
  const parts = path.map((p) => String(p));
  if (where === 'body') return parts.length ? parts.join('.') : 'body';
  return [where, ...parts].join('.');
}

/**
 * Sentences for zod's built-in checks, so a schema without its own message still tells a
 * person what to change. Installed once by importing this module.
 */
export function humanMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Enter a value for this field.';
      return `This must be ${article(issue.expected)}.`;
    case 'too_big':
      if (issue.origin === 'string') return `Use ${issue.maximum} characters or fewer.`;
      if (issue.origin === 'array') return `Choose no more than ${issue.maximum}.`;
      return `This must be ${issue.maximum} or less.`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'Enter a value for this field.' : `Use at least ${issue.minimum} characters.`;
      if (issue.origin === 'array') return `Choose at least ${issue.minimum}.`;
      return `This must be ${issue.minimum} or more.`;
    case 'invalid_format':
      if (issue.format === 'email') return 'Enter an email address in the right format, like name@example.org.';
      return `Enter this in the right format (${issue.format}).`;
    case 'invalid_value':
      return `Choose one of: ${issue.values.map(String).join(', ')}.`;
    default:
      return undefined;
  }
}

function article(expected: string): string {
  const names: Record<string, string> = { string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'an object' };
  return names[expected] ?? `a ${expected}`;
}
