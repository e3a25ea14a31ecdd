import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatReference, isReference, parseReference, REFERENCE_ALPHABET, REFERENCE_EXAMPLE, referenceFromBytes } from './reference.ts';

const symbol = fc.constantFrom(...REFERENCE_ALPHABET);
const symbols = fc.array(symbol, { minLength: 6, maxLength: 6 }).map((s) => s.join(''));

/** A byte source that hands out these bytes in turn. */
const bytesOf = (bytes: number[]) => {
  let i = 0;
  return () => {
    const b = bytes[i++];
    if (b === undefined) throw new Error('ran out of bytes');
    return b;
  };
};

describe('request references (issue 14, item 6)', () => {
  it('uses Crockford base 32: the digits and the letters but I, L, O and U, each once', () => {
    expect(REFERENCE_ALPHABET).toHaveLength(32);
    expect(new Set(REFERENCE_ALPHABET).size).toBe(32);
    for (const gone of 'ILOU') expect(REFERENCE_ALPHABET).not.toContain(gone);
    expect(REFERENCE_ALPHABET).toMatch(/^[0-9A-Z]+$/);
  });

  it('writes PA, four symbols and two, with dashes', () => {
    expect(formatReference('7K3MQ9')).toBe('PA-7K3M-Q9');
    expect(isReference(REFERENCE_EXAMPLE)).toBe(true);
  });

  it('draws each symbol from one byte, in order', () => {
    expect(referenceFromBytes(bytesOf([7, 19, 3, 20, 23, 9]))).toBe('PA-7K3M-Q9');
    // 32 divides 256: every byte is used, byte % 32.
    expect(referenceFromBytes(bytesOf([255, 32, 64, 96, 128, 160]))).toBe('PA-Z000-00');
  });

  it('refuses what is not a byte', () => {
    expect(() => referenceFromBytes(bytesOf([256]))).toThrow(RangeError);
    expect(() => referenceFromBytes(bytesOf([-1]))).toThrow(RangeError);
  });

  it('draws every symbol equally often over every byte (no bias)', () => {
    const counts = new Map<string, number>();
    // Each of the 256 bytes once in each of the six places.
    const all = Array.from({ length: 256 }, (_, b) => b);
    for (const b of all) {
      for (const c of referenceFromBytes(() => b).slice(3).replace('-', '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(32);
    expect(new Set(counts.values())).toEqual(new Set([(256 / 32) * 6]));
  });

  it('every drawn reference is a reference, and reads back as itself', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }), (bytes) => {
        const ref = referenceFromBytes(bytesOf(bytes));
        expect(isReference(ref)).toBe(true);
        expect(parseReference(ref)).toBe(ref);
      }),
    );
  });

  it.each([
    ['PA-7K3M-Q9', 'PA-7K3M-Q9'],
    ['pa-7k3m-q9', 'PA-7K3M-Q9'],
    [' PA 7K3M Q9 ', 'PA-7K3M-Q9'],
    ['PA7K3MQ9', 'PA-7K3M-Q9'],
    ['7K3M-Q9', 'PA-7K3M-Q9'],
    ['7k3mq9', 'PA-7K3M-Q9'],
    ['PA–7K3M–Q9', 'PA-7K3M-Q9'],
    ['PA.7K3M.Q9', 'PA-7K3M-Q9'],
    // Look-alikes: O is 0; I and L are 1.
    ['PA-OOOO-OO', 'PA-0000-00'],
    ['pa-i1l1-oq', 'PA-1111-0Q'],
    // Symbols that start with P and A need the prefix typed.
    ['PA-PA7K-3M', 'PA-PA7K-3M'],
  ])('reads %j as %s', (typed, expected) => {
    expect(parseReference(typed)).toBe(expected);
  });

  it.each(['', 'PA', 'PA-7K3M', 'PA-7K3M-Q9X', 'PA-7K3M-QU', 'XX-7K3M-Q9', 'PA-7K3M-Q!', '7K3M-Q9-PA', 'PA-7K3M-Q9-7K', 'PA7K3M'])('does not read %j as a reference', (typed) => {
    expect(parseReference(typed)).toBeUndefined();
  });

  it('reads any reference typed in lower case, without dashes or with spaces as itself', () => {
    fc.assert(
      fc.property(symbols, fc.constantFrom('', ' ', '-', '  '), fc.boolean(), fc.boolean(), (s, sep, lower, bare) => {
        const ref = formatReference(s);
        const prefix = !bare || s.startsWith('PA');
        const typed = `${prefix ? `PA${sep}` : ''}${s.slice(0, 4)}${sep}${s.slice(4)}`;
        expect(parseReference(lower ? typed.toLowerCase() : typed)).toBe(ref);
      }),
    );
  });

  it('only the canonical form is a reference as stored', () => {
    expect(isReference('pa-7k3m-q9')).toBe(false);
    expect(isReference('PA7K3MQ9')).toBe(false);
    expect(isReference('PA-OK3M-Q9')).toBe(false);
  });
});
