/**
 * The one input rule for text (DESIGN.md): text is valid UTF-8 without NUL bytes. PostgreSQL
 * refuses 0x00 in text, and bytes that are not UTF-8 would be stored as replacement characters,
 * so both are refused at the edge with the field named, never passed on to fail later.
 */

/** The reason given for a value holding a NUL byte. */
export const NUL_REASON = 'must not contain NUL bytes';
/** The reason given for bytes (or a string with a lone surrogate) that are not UTF-8 text. */
export const UTF8_REASON = 'is not valid UTF-8';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text (a NUL, or a lone surrogate that has no UTF-8 form), or null. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return NUL_REASON;
  if (LONE_SURROGATE.test(value)) return UTF8_REASON;
  return null;
}

/** Why bytes meant as text cannot be stored (a NUL byte, or not UTF-8), or null. */
export function bytesProblem(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return NUL_REASON;
  try {
    strictUtf8.decode(bytes);
  } catch {
    return UTF8_REASON;
  }
  return null;
}

/** Decodes bytes known to be valid UTF-8 (see `bytesProblem`). */
export function decodeUtf8(bytes: Uint8Array): string {
  return strictUtf8.decode(bytes);
}

/**
 * Percent-decodes a URL component (`+` as a space when `plus` is set) to its bytes, so the bytes
 * can be checked before anything decodes them to a string. Malformed escapes stay as they are.
 */
export function percentDecodeBytes(value: string, plus = false): Uint8Array {
  const out: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    if (ch === 0x25 /* % */ && i + 2 < value.length && isHex(value.charCodeAt(i + 1)) && isHex(value.charCodeAt(i + 2))) {
      out.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (plus && ch === 0x2b /* + */) {
      out.push(0x20);
    } else if (ch < 0x80) {
      out.push(ch);
    } else {
      // A raw non-ASCII character: its UTF-8 bytes (a lone surrogate becomes U+FFFD here, so it is caught by textProblem instead).
      const cp = value.codePointAt(i)!;
      const s = String.fromCodePoint(cp);
      if (cp > 0xffff) i++;
      for (const b of encoder.encode(s)) out.push(b);
      if (textProblem(s)) out.push(0xff); // keep it invalid as UTF-8
    }
  }
  return Uint8Array.from(out);
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
