// Issue 12, item 7: free text refuses C0 control characters (but line breaks and tabs in
// multi-line fields); single-line names also refuse bidirectional overrides; the message
// says which character was refused and where.
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { line, optionalLine, refusedCharacter, text } from './fields.ts';

const problem = (schema: z.ZodType, value: string) => {
  const out = schema.safeParse(value);
  return out.success ? undefined : out.error.issues[0]?.message;
};

describe('control characters (issue 12, item 7)', () => {
  it('a NUL in free text is refused, naming the character and where it is', () => {
    expect(problem(text(1000), 'Not enough\u0000 notice')).toBe('Remove the NUL (U+0000) at character 11; it cannot be part of this text.');
    expect(problem(text(1000), 'bell\u0007')).toBe('Remove the control character (U+0007) at character 5; it cannot be part of this text.');
    expect(problem(text(1000), 'esc\u001b[31m')).toMatch(/escape \(U\+001B\) at character 4/);
    expect(problem(text(1000), 'del\u007f')).toMatch(/delete \(U\+007F\)/);
  });

  it('free text keeps line breaks and tabs, and a browser textarea’s CRLF becomes LF', () => {
    expect(text(1000).parse('Park in bay 3.\r\nSign in at reception.\tThanks')).toBe('Park in bay 3.\nSign in at reception.\tThanks');
    expect(text(1000).parse('old Mac\rline')).toBe('old Mac\nline');
  });

  it('a single line refuses line breaks, tabs and every C0 character', () => {
    expect(problem(line(120), 'Riley\r\nBcc: victim@example.com')).toBe('Use one line: remove the line break at character 6; it cannot be part of this name or line.');
    expect(problem(line(120), 'Riley\tCarter')).toMatch(/tab \(U\+0009\) at character 6/);
    expect(problem(optionalLine(20), '1001\u00002345')).toMatch(/NUL \(U\+0000\) at character 5/);
  });

  it('a single line refuses text-direction overrides (U+202A–U+202E, U+2066–U+2069); free text keeps them out of names only', () => {
    for (const c of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      const ch = String.fromCodePoint(c);
      expect(problem(line(120), `Eastmouth ${ch}egelloC`)).toBe(
        `Remove the text-direction override (U+${c.toString(16).toUpperCase()}) at character 11; it cannot be part of this name or line.`,
      );
    }
    // Right-to-left text itself is fine (Arabic, Hebrew names), and so are emoji and accents.
    expect(line(120).parse('Zoë Ó Briain — مدرسة 🎓')).toBe('Zoë Ó Briain — مدرسة 🎓');
    expect(refusedCharacter('a\u202eb', 'text')).toBeUndefined();
  });

  it('counts characters as a person does (a character beyond the BMP is one)', () => {
    expect(refusedCharacter('🎓\u0000', 'line')).toMatch(/at character 2/);
  });
});
