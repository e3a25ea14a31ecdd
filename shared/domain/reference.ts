// A request's reference (issue 14, item 6): what a person reads out, types or writes on a
// note ("PA-7K3M-Q9"), where the ULID stays internal. Pure: the random symbols come in from
// the caller's byte source (shared/store/ids.ts reads node:crypto).
//
// The alphabet is Douglas Crockford's base 32: the digits and the letters without I, L, O
// and U. I, L and O are gone because they pass for 1 and 0 (so when someone types one, it
// is read as the digit it looks like), and U because it turns random strings into words.
// 32 symbols, so six carry 30 bits: about a thousand million references, and a new one
// that happens to be taken is simply drawn again (the store's create).

export const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Every reference starts with it, so a reference in an email or a note says whose it is. */
export const REFERENCE_PREFIX = 'PA';

/** Random symbols in a reference: four, a dash, two ("7K3M-Q9"): short groups are easier to read out and copy. */
export const REFERENCE_SYMBOLS = 6;
const GROUPS = [4, 2] as const;

/** The example every message gives. */
export const REFERENCE_EXAMPLE = 'PA-7K3M-Q9';

/** A reference as it is stored and shown, e.g. "PA-7K3M-Q9". */
export type RequestReference = string;

/** Look-alikes a person may type for a symbol of the alphabet. */
const LOOK_ALIKES: Record<string, string> = { O: '0', I: '1', L: '1' };

/** Written out in groups: "7K3MQ9" → "PA-7K3M-Q9". */
export function formatReference(symbols: string): RequestReference {
  const parts: string[] = [REFERENCE_PREFIX];
  let at = 0;
  for (const size of GROUPS) {
    parts.push(symbols.slice(at, at + size));
    at += size;
  }
  return parts.join('-');
}

/**
 * A new reference from a source of random bytes (0–255), drawing each symbol without bias:
 * a byte at or above the largest multiple of the alphabet's size below 256 is thrown away
 * and another drawn (rejection sampling), so every symbol is equally likely whatever the
 * alphabet's size (with 32 symbols no byte is ever thrown away, but the alphabet may change).
 */
export function referenceFromBytes(nextByte: () => number): RequestReference {
  const size = REFERENCE_ALPHABET.length;
  const limit = 256 - (256 % size);
  let symbols = '';
  while (symbols.length < REFERENCE_SYMBOLS) {
    const byte = nextByte();
    if (!Number.isInteger(byte) || byte < 0 || byte > 255) throw new RangeError(`Not a byte: ${byte}`);
    if (byte < limit) symbols += REFERENCE_ALPHABET[byte % size];
  }
  return formatReference(symbols);
}

/**
 * What a person typed as a reference, as it is stored, or undefined when it cannot be one.
 * Forgiving: any case, spaces, dashes or dots anywhere or none, the "PA" prefix or not, and
 * O for 0, I or L for 1. " pa 7k3m q9 ", "PA7K3MQ9" and "7K3M-Q9" are all "PA-7K3M-Q9". (The
 * one in 1,024 references whose symbols start with PA must be typed with the prefix.)
 */
export function parseReference(typed: string): RequestReference | undefined {
  const compact = typed.toUpperCase().replace(/[\s\-–—_.]/g, '');
  // With the prefix, the symbols after it; without, six symbols that do not start with it
  // (else "PA-7K3M", a reference cut short, would read as another one, "PA-PA7K-3M").
  const prefixed = compact.startsWith(REFERENCE_PREFIX);
  if (compact.length !== (prefixed ? REFERENCE_PREFIX.length : 0) + REFERENCE_SYMBOLS) return undefined;
  const code = prefixed ? compact.slice(REFERENCE_PREFIX.length) : compact;
  const symbols = [...code].map((c) => LOOK_ALIKES[c] ?? c).join('');
  return [...symbols].every((c) => REFERENCE_ALPHABET.includes(c)) ? formatReference(symbols) : undefined;
}

/** Whether a string is a reference exactly as stored (prefix, groups, alphabet). */
export function isReference(value: string): value is RequestReference {
  return parseReference(value) === value;
}

/** Why a typed reference was not understood, as every field that takes one says it. */
export const REFERENCE_FORMAT_MESSAGE = `A reference looks like ${REFERENCE_EXAMPLE}: PA, then 6 letters and numbers`;
