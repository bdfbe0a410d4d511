import { AppError } from '../../../kernel/errors.js';
import { findJsonStructureExcess } from '../../../kernel/json-scan.js';
import { StrictUtf8Decoder, Utf8DecodeError } from '../../../kernel/utf8.js';

/**
 * Reading OCDS input as text, safely: UTF-8 only (checked, not guessed), no NUL bytes, lines and
 * items of bounded size, JSON of bounded depth. Every reader of the module (ingest, indicators,
 * prepare, compile, risk) goes through here, so one file gets one verdict whichever command reads it.
 */

/**
 * The largest JSON line or item (a release, a record, a package on one line) read by default, in
 * MiB of text. The largest item of the shared real data is a 440 KiB ProZorro record; an 8 MiB
 * release of dense OCDS (57k documents) takes `polity procurement ingest` to about 750 MB of memory
 * on PGlite, so 8 MiB keeps every accepted item within the 1 GB bound with room to spare.
 */
export const DEFAULT_MAX_ITEM_MIB = 8;

/**
 * JSON values allowed per character of the item limit: one per 16 (524,288 for 8 MiB; the densest
 * real item has about 22,000). Memory follows the number of values more than the bytes (2.8 million
 * empty arrays in 8 MiB took 1.8 GB), so this bounds what a small item of tiny values costs.
 */
const CHARS_PER_VALUE = 16;

/**
 * The deepest JSON nesting accepted in one item. Real OCDS releases nest about 8 levels (the
 * shared data: at most 11, packages included); the merge, the diff and PostgreSQL's jsonb recurse,
 * so a hostile file must not reach them.
 */
export const MAX_JSON_DEPTH = 64;

/** Limits on the text an OCDS reader accepts. */
export interface TextLimits {
  /** The longest line (JSON lines) or item (a streamed document's release or record), in characters. */
  maxItemChars: number;
}

/** The most JSON values (an array item, an object member, a container) one line or item may hold under `limits`. */
export function maxItemValues(limits: TextLimits): number {
  return Math.max(1000, Math.floor(limits.maxItemChars / CHARS_PER_VALUE));
}

/** The default limits: {@link DEFAULT_MAX_ITEM_MIB} MiB per line or item. */
export const DEFAULT_LIMITS: TextLimits = { maxItemChars: DEFAULT_MAX_ITEM_MIB * 2 ** 20 };

/** Describes a size in characters for messages ("32 MiB", "1.5 KiB"). */
export function describeSize(chars: number): string {
  const units: [string, number][] = [
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ];
  for (const [unit, size] of units) if (chars >= size) return `${Number((chars / size).toFixed(1))} ${unit}`;
  return `${chars} characters`;
}

/** Reads a `--max-item-size` option (MiB, a positive number) into limits; an invalid value is refused naming the option. */
export function readLimitsOption(maxItemMib: string | undefined): TextLimits {
  if (maxItemMib === undefined) return DEFAULT_LIMITS;
  const mib = Number(maxItemMib);
  if (!Number.isFinite(mib) || mib <= 0 || mib > 1024)
    throw new AppError('invalid_input', `--max-item-size must be a number of MiB between 0 and 1024, not ${maxItemMib}`, {
      fields: { 'max-item-size': 'a number of MiB (0 < n <= 1024)' },
    });
  return { maxItemChars: Math.max(1, Math.floor(mib * 2 ** 20)) };
}

/** Refuses the whole input: it is not text we can read faithfully (an encoding problem). */
function refuseText(line: number, reason: string): never {
  const message = `line ${line}: ${reason}`;
  throw new AppError('invalid_input', message, { fields: { file: message } });
}

function countNewlines(text: string, end = text.length): number {
  let n = 0;
  for (let p = text.indexOf('\n'); p >= 0 && p < end; p = text.indexOf('\n', p + 1)) n++;
  return n;
}

/**
 * Decodes UTF-8 byte chunks (strings pass through) into text, refusing what is not UTF-8 with the
 * line it happens on: a UTF-16 byte-order mark, an invalid byte sequence (Latin-1, random bytes),
 * a NUL character (UTF-16 without a mark; never valid in JSON text). A UTF-8 byte-order mark is
 * dropped. `onBytes` learns the running byte count (for progress bars).
 */
export async function* decodeUtf8Text(input: AsyncIterable<string | Uint8Array>, onBytes?: (bytes: number) => void): AsyncGenerator<string> {
  // The kernel's strict decoder finds the problem; this reader words it for OCDS files.
  const decoder = new StrictUtf8Decoder();
  let bytes = 0;
  let lines = 1;
  let first = true;
  const checkText = (text: string) => {
    const nul = text.indexOf('\u0000');
    if (nul >= 0)
      refuseText(lines + countNewlines(text, nul), 'a NUL character: this is not UTF-8 text (UTF-16 or binary?); convert the file to UTF-8');
    lines += countNewlines(text);
  };
  const decode = (chunk: Uint8Array, final: boolean): string => {
    try {
      return decoder.decode(chunk, final);
    } catch (err) {
      if (!(err instanceof Utf8DecodeError)) throw err;
      const { kind, offset, line } = err.problem;
      if (kind === 'utf16')
        refuseText(1, `a UTF-16 byte-order mark (${chunk[0] === 0xff ? 'FF FE' : 'FE FF'}): this is not UTF-8 text; convert the file to UTF-8`);
      if (kind === 'nul') refuseText(line, 'a NUL character: this is not UTF-8 text (UTF-16 or binary?); convert the file to UTF-8');
      if (final) refuseText(lines, 'not UTF-8 text: the input ends inside a multi-byte character (a file cut short?)');
      const byte = chunk[offset - (bytes - chunk.byteLength)] ?? 0;
      refuseText(
        line,
        `not UTF-8 text (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at offset ${offset}; Latin-1 or another encoding?); convert the file to UTF-8`,
      );
    }
  };
  for await (const chunk of input) {
    let text: string;
    if (typeof chunk === 'string') {
      bytes += Buffer.byteLength(chunk);
      text = first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    } else {
      if (chunk.byteLength === 0) continue;
      bytes += chunk.byteLength;
      text = decode(chunk, false);
    }
    first = false;
    onBytes?.(bytes);
    if (!text) continue;
    checkText(text);
    yield text;
  }
  const tail = decode(new Uint8Array(0), true);
  if (tail) {
    checkText(tail);
    yield tail;
  }
}

/** A line of text with its 1-based number, or a line longer than the limit (its text dropped, its length counted). */
export type TextLine = { line: number; text: string; tooLong?: undefined } | { line: number; text?: undefined; tooLong: number };

/**
 * Splits text chunks into lines (without `\n` or `\r\n`), in time linear in the input: a long
 * line is gathered from pieces once, never re-scanned. A line longer than `maxChars` is not kept:
 * its pieces are dropped as they come and it is yielded as `{line, tooLong}` once it ends, so
 * memory stays bounded by `maxChars` whatever the input.
 */
export async function* splitTextLines(chunks: AsyncIterable<string>, maxChars: number): AsyncGenerator<TextLine> {
  let pieces: string[] = [];
  let length = 0;
  let line = 0;
  let tooLong = false;
  const finish = (last: string): TextLine => {
    line += 1;
    if (tooLong || length + last.length > maxChars) {
      const total = length + last.length;
      pieces = [];
      length = 0;
      tooLong = false;
      return { line, tooLong: total };
    }
    let text = pieces.length === 0 ? last : pieces.join('') + last;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    pieces = [];
    length = 0;
    return { line, text };
  };
  for await (const chunk of chunks) {
    let from = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', from)) {
      yield finish(chunk.slice(from, nl));
      from = nl + 1;
    }
    if (from < chunk.length) {
      const rest = chunk.slice(from);
      length += rest.length;
      if (length > maxChars) tooLong = true;
      if (tooLong) pieces = [];
      else pieces.push(rest);
    }
  }
  if (length > 0 || tooLong) yield finish('');
}

/**
 * Why JSON `text` (a line or an answer) is too complex to read, or null: nested deeper than
 * {@link MAX_JSON_DEPTH}, or holding more than {@link maxItemValues} values (counted as commas and
 * opening brackets outside strings). One linear scan that stops at the first excess, so hostile text
 * is cheap to refuse and `JSON.parse` never builds, nor later code recurses into, such a structure.
 */
export function findJsonExcess(text: string, limits: TextLimits): string | null {
  const excess = findJsonStructureExcess(text, { maxDepth: MAX_JSON_DEPTH, maxValues: maxItemValues(limits) });
  if (!excess) return null;
  return excess.kind === 'depth' ? describeExcessNesting() : describeTooManyValues(limits);
}

/** The message for an item nested deeper than {@link MAX_JSON_DEPTH}. */
export function describeExcessNesting(): string {
  return `nested deeper than ${MAX_JSON_DEPTH} levels (OCDS needs about 10)`;
}

/** The message for an item holding more values than {@link maxItemValues}. */
export function describeTooManyValues(limits: TextLimits): string {
  return `holds more than ${maxItemValues(limits).toLocaleString('en')} JSON values, over the limit for ${describeSize(limits.maxItemChars)} items (--max-item-size)`;
}

/** The message for a line or item longer than the limit. */
export function describeTooLong(chars: number, limits: TextLimits, what = 'line'): string {
  return `this ${what} is ${describeSize(chars)} long, over the limit of ${describeSize(limits.maxItemChars)} per line or item (--max-item-size)`;
}
