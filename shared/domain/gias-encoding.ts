// The bytes of a GIAS extract → text. DfE publishes "all establishment data" in Windows-1252;
// an admin who opens it in Excel and saves it again may send UTF-8 (with or without a BOM).
// The encoding is decided at the file's first non-ASCII byte: everything before it reads the
// same either way, and a Windows-1252 name ("é" alone, 0xE9) is almost never also a valid
// UTF-8 sequence, while UTF-8 text always is. So it works a chunk at a time, and a 50 MB
// file never needs to be held whole.

/**
 * What Windows-1252 puts at 0x80–0x9F (WHATWG's table), where Latin-1 has C1 controls; the
 * five unassigned bytes stay as themselves. Every other byte is its own code point.
 */
export const WINDOWS_1252_80_9F: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

const C1 = /[\u0080-\u009f]/g;
const fromC1 = (c: string) => String.fromCodePoint(WINDOWS_1252_80_9F[c.charCodeAt(0) - 0x80] ?? c.charCodeAt(0));

/** Text a Latin-1 reading gave → the Windows-1252 reading: C1 controls become ’ “ ” – € and the rest. */
export function windows1252FromLatin1(text: string): string {
  return text.replace(C1, fromC1);
}

/**
 * TextDecoder('windows-1252') is exact on Node 24 (WHATWG, full ICU), but some builds read it
 * as Latin-1 and give C1 controls for 0x80–0x9F (this machine's Node 20 does). Mapping those
 * afterwards makes it exact on either: a correct decoder leaves only the five unassigned.
 */
function windows1252(bytes: Uint8Array, decoder: TextDecoder): string {
  const text = decoder.decode(bytes, { stream: true });
  return DECODER_IS_EXACT ? text : windows1252FromLatin1(text);
}

/** Whether this runtime's decoder already gives '€' for 0x80 (then a 50 MB file is not scanned again). */
const DECODER_IS_EXACT = new TextDecoder('windows-1252').decode(Uint8Array.of(0x80, 0x92)) === '\u20ac\u2019';

export type GiasEncoding = 'utf-8' | 'windows-1252';

/** The length of the UTF-8 sequence its lead byte announces, or 0 if it cannot start one. */
function utf8Length(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Whether bytes[i..] is a whole UTF-8 sequence (true/false), or too short to say (undefined). */
function startsUtf8(bytes: Uint8Array, i: number): boolean | undefined {
  const n = utf8Length(bytes[i] ?? 0);
  if (n === 0) return false;
  for (let k = 1; k < n; k++) {
    if (i + k >= bytes.length) return undefined;
    const b = bytes[i + k] ?? 0;
    if (b < 0x80 || b > 0xbf) return false;
  }
  return true;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Decodes a GIAS extract chunk by chunk (write each, then end), choosing the encoding as it goes. */
export class GiasDecoder {
  #encoding: GiasEncoding | undefined;
  #decoder: TextDecoder | undefined;
  /** Bytes from the first non-ASCII one, held until a chunk says which encoding it is. */
  #held: Uint8Array = new Uint8Array(0);

  /** The encoding chosen, once a non-ASCII byte has been seen (an ASCII-only file has none). */
  get encoding(): GiasEncoding | undefined {
    return this.#encoding;
  }

  write(chunk: Uint8Array): string {
    if (this.#encoding) return this.#decode(chunk);
    const bytes = concat(this.#held, chunk);
    this.#held = new Uint8Array(0);
    const i = bytes.findIndex((b) => b >= 0x80);
    if (i < 0) return ascii(bytes);
    const utf8 = startsUtf8(bytes, i);
    if (utf8 === undefined) {
      this.#held = bytes.slice(i);
      return ascii(bytes.subarray(0, i));
    }
    this.#choose(utf8 ? 'utf-8' : 'windows-1252');
    return ascii(bytes.subarray(0, i)) + this.#decode(bytes.subarray(i));
  }

  end(): string {
    if (!this.#encoding) {
      // The file ends inside its first non-ASCII sequence: not UTF-8.
      if (this.#held.length === 0) return '';
      this.#choose('windows-1252');
      const rest = this.#held;
      this.#held = new Uint8Array(0);
      return this.#decode(rest);
    }
    return this.#encoding === 'utf-8' ? (this.#decoder?.decode() ?? '') : '';
  }

  #choose(encoding: GiasEncoding): void {
    this.#encoding = encoding;
    // UTF-8: a byte that cannot be read becomes U+FFFD, which the row check reports (parseGiasRecord).
    this.#decoder = new TextDecoder(encoding);
  }

  #decode(bytes: Uint8Array): string {
    const decoder = this.#decoder as TextDecoder;
    return this.#encoding === 'utf-8' ? decoder.decode(bytes, { stream: true }) : windows1252(bytes, decoder);
  }
}

const ASCII = new TextDecoder('utf-8');
function ascii(bytes: Uint8Array): string {
  return ASCII.decode(bytes);
}

/** A whole extract's bytes → its text. */
export function decodeGiasBytes(bytes: Uint8Array): string {
  const decoder = new GiasDecoder();
  return decoder.write(bytes) + decoder.end();
}

/**
 * Text → Windows-1252 bytes, as DfE writes the extract (for test files and the bench). A
 * character Windows-1252 cannot hold is refused, not replaced, so a fixture cannot lie.
 */
export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else {
      const at = WINDOWS_1252_80_9F.indexOf(c);
      if (at < 0) throw new RangeError(`"${text[i]}" (U+${c.toString(16).toUpperCase().padStart(4, '0')}) has no Windows-1252 byte.`);
      out[i] = 0x80 + at;
    }
  }
  return out;
}
