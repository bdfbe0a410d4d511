/**
 * Strict UTF-8 decoding for files people hand us (importers). Text that is not UTF-8 is refused,
 * never "repaired" with U+FFFD: a Latin-1 name read as UTF-8 would be stored wrong without a word.
 * The problem says where: the byte offset (0-based) and the line (1-based, counted by LF bytes).
 */

/** Why bytes are not acceptable text. */
export type Utf8ProblemKind = 'utf16' | 'invalid' | 'nul';

/** Where and why the bytes are not UTF-8 text. */
export interface Utf8Problem {
  kind: Utf8ProblemKind;
  /** 0-based byte offset of the first bad byte. */
  offset: number;
  /** 1-based line of that byte. */
  line: number;
}

/** Thrown by `StrictUtf8Decoder`; importers turn it into their own error naming the file. */
export class Utf8DecodeError extends Error {
  constructor(readonly problem: Utf8Problem) {
    super(describeUtf8Problem(problem));
    this.name = 'Utf8DecodeError';
  }
}

/** An English sentence for a problem (command-line output and API messages). */
export function describeUtf8Problem(p: Utf8Problem): string {
  if (p.kind === 'utf16') return 'the file is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8: save it as UTF-8';
  if (p.kind === 'nul') return `the file holds a NUL byte (at byte ${p.offset}, line ${p.line}): it is not UTF-8 text (UTF-16 or binary?)`;
  return `the file is not UTF-8 (invalid byte at byte ${p.offset}, line ${p.line}; Latin-1 or Windows-1252?): save it as UTF-8`;
}

/**
 * Index of the start of the first ill-formed UTF-8 sequence (Unicode's well-formed
 * table: no overlongs, no surrogates, nothing above U+10FFFF), or -1. A sequence cut at the end
 * counts as invalid only when `final`; otherwise `incomplete` gives where it starts.
 */
export function findInvalidUtf8(bytes: Uint8Array, final: boolean): { invalid: number; incomplete: number } {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return { invalid: i, incomplete: -1 };
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return final ? { invalid: i, incomplete: -1 } : { invalid: -1, incomplete: i };
      const c = bytes[i + k];
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c < min || c > max) return { invalid: i, incomplete: -1 };
    }
    i += need + 1;
  }
  return { invalid: -1, incomplete: -1 };
}

function countLf(bytes: Uint8Array, end: number): number {
  let lines = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < end; i = bytes.indexOf(0x0a, i + 1)) lines++;
  return lines;
}

/**
 * A streaming decoder that refuses what is not UTF-8 text: a UTF-16 byte-order mark, an invalid
 * sequence (Latin-1, Windows-1252, random bytes) or a NUL byte. A UTF-8 byte-order mark is dropped.
 * Feed chunks in order with `decode(chunk)` and finish with `decode(empty, true)`.
 */
export class StrictUtf8Decoder {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** Bytes seen before the current chunk. */
  private offset = 0;
  /** LF bytes seen before the current chunk. */
  private lines = 0;
  /** The unfinished sequence at the end of the last chunk (at most 3 bytes). */
  private carry: Uint8Array = new Uint8Array(0);

  /** Decodes the next chunk; throws `Utf8DecodeError` naming the byte and line of the first problem. */
  decode(chunk: Uint8Array, final = false): string {
    if (this.offset === 0 && chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)))
      throw new Utf8DecodeError({ kind: 'utf16', offset: 0, line: 1 });
    let text: string | null;
    try {
      text = this.decoder.decode(chunk, { stream: !final });
    } catch {
      text = null;
    }
    const nul = chunk.indexOf(0);
    const joined = this.carry.length ? concat(this.carry, chunk) : chunk;
    if (text === null || nul >= 0) {
      let invalid = -1;
      if (text === null) {
        const found = findInvalidUtf8(joined, final).invalid;
        invalid = (found < 0 ? joined.length : found) - this.carry.length;
      }
      const [kind, at]: [Utf8ProblemKind, number] = nul >= 0 && (text !== null || nul < invalid) ? ['nul', nul] : ['invalid', invalid];
      throw new Utf8DecodeError({ kind, offset: this.offset + at, line: this.lines + (at > 0 ? countLf(chunk, at) : 0) + 1 });
    }
    this.carry = trailingIncomplete(joined);
    this.lines += countLf(chunk, chunk.length);
    this.offset += chunk.length;
    return text;
  }
}

/** The start of a sequence cut at the end of well-formed bytes (0 to 3 bytes). */
function trailingIncomplete(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  for (let k = 1; k <= Math.min(3, n); k++) {
    const b = bytes[n - k];
    if (b < 0x80) break;
    if (b >= 0xc0) return (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) > k ? bytes.slice(n - k) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Decodes a whole file strictly (see `StrictUtf8Decoder`); throws `Utf8DecodeError`. */
export function decodeUtf8Strict(bytes: Uint8Array): string {
  return new StrictUtf8Decoder().decode(bytes, true);
}
