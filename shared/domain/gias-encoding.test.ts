import { describe, expect, it } from 'vitest';
import { decodeGiasBytes, encodeWindows1252, GiasDecoder, WINDOWS_1252_80_9F, windows1252FromLatin1 } from './gias-encoding.ts';

const NAMES = 'St Thomas à Becket Academy,Sainte Thérèse’s School,“Sacré Cœur” – Ashcombe €5';
const utf8 = (s: string) => new TextEncoder().encode(s);

/** Fed a byte at a time: every chunk boundary, including inside the first UTF-8 sequence. */
function byteByByte(bytes: Uint8Array): { text: string; encoding: string | undefined } {
  const d = new GiasDecoder();
  let text = '';
  for (const b of bytes) text += d.write(Uint8Array.of(b));
  return { text: text + d.end(), encoding: d.encoding };
}

describe('GIAS extract bytes → text', () => {
  it('Windows-1252, as DfE publishes it: à, é, ’, “ ”, –, œ and € exactly (0x80–0x9F are not Latin-1 controls)', () => {
    const bytes = encodeWindows1252(NAMES);
    expect(bytes.length).toBe(NAMES.length);
    expect(bytes[NAMES.indexOf('à')]).toBe(0xe0);
    expect(bytes).toContain(0x92); // ’
    expect(decodeGiasBytes(bytes)).toBe(NAMES);
    expect(byteByByte(bytes)).toEqual({ text: NAMES, encoding: 'windows-1252' });
  });

  it('where a runtime reads Windows-1252 as Latin-1 (Node 20 here does), its C1 controls are mapped afterwards', () => {
    expect(windows1252FromLatin1('St Mary\u0092s \u0093A\u0094 \u0096 \u0080 \u0081é')).toBe('St Mary’s “A” – € \u0081é');
  });

  it('every Windows-1252 byte round-trips', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = decodeGiasBytes(all);
    expect(text.length).toBe(256);
    expect(text.codePointAt(0x80)).toBe(0x20ac);
    expect(text.codePointAt(0x9c)).toBe(0x153);
    expect([...text.slice(0x80, 0xa0)].map((c) => c.codePointAt(0))).toEqual(WINDOWS_1252_80_9F);
    expect(encodeWindows1252(text)).toEqual(all);
  });

  it('UTF-8 as Excel saves it (with a BOM) and without one', () => {
    const bom = Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8(NAMES));
    expect(decodeGiasBytes(bom)).toBe(NAMES);
    expect(byteByByte(bom)).toEqual({ text: NAMES, encoding: 'utf-8' });
    expect(decodeGiasBytes(utf8(NAMES))).toBe(NAMES);
    expect(byteByByte(utf8(NAMES))).toEqual({ text: NAMES, encoding: 'utf-8' });
  });

  it('an ASCII-only file reads the same either way; a file ending inside its first non-ASCII byte is Windows-1252', () => {
    const d = new GiasDecoder();
    expect(d.write(utf8('URN,Town\r\n1,Ashcombe'))).toBe('URN,Town\r\n1,Ashcombe');
    expect(d.end()).toBe('');
    expect(d.encoding).toBeUndefined();
    expect(decodeGiasBytes(Uint8Array.of(0x41, 0xc3))).toBe('AÃ');
  });

  it('a UTF-8 file with a stray Windows-1252 byte later: U+FFFD, for the row check to report', () => {
    const mixed = Uint8Array.of(...utf8('é,'), 0xe9, ...utf8(',ok'));
    expect(decodeGiasBytes(mixed)).toBe('é,\uFFFD,ok');
  });

  it('refuses to write a character Windows-1252 has no byte for', () => {
    expect(() => encodeWindows1252('Ysgol Gŵyr')).toThrow(/U\+0175/);
  });
});
