import { AppError } from '../../../kernel/errors.js';
import type { LineIssue } from './json-lines.js';

type Obj = Record<string, unknown>;

/** One top-level item read from an OCDS file: a release, a record, a compiled release (or a package on a JSON line), with the line it starts on. */
export interface OcdsItem {
  line: number;
  value: unknown;
}

/** How the file was laid out: one JSON value per line, or one JSON document (a package, or an array) scanned element by element. */
export type OcdsLayout = 'json-lines' | 'document';

const NL = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJ = 123;
const CLOSE_OBJ = 125;
const OPEN_ARR = 91;
const CLOSE_ARR = 93;
const COMMA = 44;
const COLON = 58;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

interface Frame {
  kind: 'obj' | 'arr';
  /** Object frame: the next string is a key. */
  expectKey: boolean;
  /** Object frame: the key whose value comes next. */
  key: string | null;
  /** Array frame: its elements are items to yield. */
  items: boolean;
  /** Top-level object frame: an `ocid` key was seen (so it is a release or record, not a package). */
  sawOcid: boolean;
}

/**
 * Splits one JSON document into items without parsing it whole: memory is bounded by the largest
 * item. A top-level array yields its elements; a top-level object whose `releases` or `records`
 * array comes before any `ocid` key is a package and yields that array's elements (its metadata is
 * skipped); any other top-level object (a single release or record) is yielded whole. Several
 * documents one after the other are read in turn. Each item is parsed with `JSON.parse`; an item
 * that does not parse is reported with its line and skipped. A broken structure (unbalanced
 * brackets, text outside any value, end of input inside a value) throws `invalid_input` naming the line.
 */
export class JsonItemScanner {
  private buf = '';
  private pos = 0;
  private line = 1;
  private stack: Frame[] = [];
  private inString = false;
  private escape = false;
  /** Start (in `buf`) of the item being captured, or -1. */
  private itemStart = -1;
  private itemLine = 0;
  /** Depth of the frame whose elements (or whose whole self, at depth 0) are being captured. */
  private itemDepth = -1;
  /** Start of the string being read when it is an object key we must know. */
  private keyStart = -1;

  /** @param onIssue receives items that are not valid JSON */
  constructor(private readonly onIssue: (issue: LineIssue) => void) {}

  private fail(message: string): never {
    throw new AppError('invalid_input', `line ${this.line}: ${message}`, { fields: { file: `line ${this.line}: ${message}` } });
  }

  private emit(end: number, out: OcdsItem[]): void {
    const text = this.buf.slice(this.itemStart, end);
    try {
      out.push({ line: this.itemLine, value: JSON.parse(text) as unknown });
    } catch (e) {
      this.onIssue({ line: this.itemLine, error: `invalid JSON: ${(e as Error).message}` });
    }
    this.itemStart = -1;
  }

  /** Feeds the next piece of text; returns the items completed in it. */
  push(text: string): OcdsItem[] {
    const out: OcdsItem[] = [];
    // Keep only what an unfinished item or key still needs.
    const keep = Math.min(this.itemStart >= 0 ? this.itemStart : this.pos, this.keyStart >= 0 ? this.keyStart : this.pos);
    this.buf = this.buf.slice(keep) + text;
    this.pos -= keep;
    if (this.itemStart >= 0) this.itemStart -= keep;
    if (this.keyStart >= 0) this.keyStart -= keep;
    const buf = this.buf;
    const n = buf.length;
    for (let i = this.pos; i < n; i++) {
      const c = buf.charCodeAt(i);
      if (c === NL) this.line += 1;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.keyStart >= 0) {
            const top = this.stack[this.stack.length - 1];
            try {
              top.key = JSON.parse(buf.slice(this.keyStart, i + 1)) as string;
            } catch {
              top.key = null;
            }
            if (this.stack.length === 1 && top.key === 'ocid') top.sawOcid = true;
            this.keyStart = -1;
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      const depth = this.stack.length;
      const top = this.stack[depth - 1];
      if (depth === 0 && c !== OPEN_OBJ && c !== OPEN_ARR) this.fail(`unexpected '${String.fromCharCode(c)}' outside any JSON object or array`);
      const expectsKey = top?.kind === 'obj' && top.expectKey;
      const startsValue = c !== COMMA && c !== COLON && c !== CLOSE_ARR && c !== CLOSE_OBJ && !expectsKey;
      // An item starts: a top-level object, or an element of an array of items.
      if (startsValue && this.itemStart < 0 && (depth === 0 ? c === OPEN_OBJ : top.kind === 'arr' && top.items)) {
        this.itemStart = i;
        this.itemLine = this.line;
        this.itemDepth = depth;
      }
      if (c === QUOTE) {
        this.inString = true;
        if (expectsKey) {
          top.expectKey = false;
          if (depth === 1) this.keyStart = i;
        }
      } else if (c === OPEN_OBJ || c === OPEN_ARR) {
        const items =
          (depth === 0 && c === OPEN_ARR) ||
          (depth === 1 && c === OPEN_ARR && top.kind === 'obj' && !top.sawOcid && (top.key === 'releases' || top.key === 'records'));
        // A top-level array, or a package's releases/records: stream the elements, drop the capture of the whole.
        if (items) this.itemStart = -1;
        this.stack.push({ kind: c === OPEN_OBJ ? 'obj' : 'arr', expectKey: c === OPEN_OBJ, key: null, items, sawOcid: false });
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        if (!top || top.kind !== (c === CLOSE_OBJ ? 'obj' : 'arr')) this.fail(`unexpected '${String.fromCharCode(c)}'`);
        // A scalar element ends at the ']' of its array.
        if (this.itemStart >= 0 && depth === this.itemDepth) this.emit(i, out);
        this.stack.pop();
        // A container item has just closed.
        if (this.itemStart >= 0 && this.stack.length === this.itemDepth) this.emit(i + 1, out);
      } else if (c === COMMA) {
        if (this.itemStart >= 0 && depth === this.itemDepth) this.emit(i, out);
        if (top.kind === 'obj') top.expectKey = true;
      } else if (c === COLON) {
        if (top.kind !== 'obj') this.fail("unexpected ':'");
      }
    }
    this.pos = n;
    return out;
  }

  /** Ends the input; throws when a value is left open. */
  end(): void {
    if (this.inString || this.stack.length > 0) this.fail('the input ends inside a JSON value');
  }
}

/** Splits chunks of text into lines (without the line break). */
async function* splitLines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of chunks) {
    rest += chunk;
    let nl = rest.indexOf('\n');
    let from = 0;
    while (nl >= 0) {
      const text = rest.slice(from, nl);
      yield text.endsWith('\r') ? text.slice(0, -1) : text;
      from = nl + 1;
      nl = rest.indexOf('\n', from);
    }
    rest = rest.slice(from);
  }
  if (rest !== '') yield rest;
}

/** Decodes UTF-8 byte chunks (or passes strings through), counting the bytes read. */
async function* decode(input: AsyncIterable<string | Uint8Array>, onBytes?: (bytes: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  for await (const chunk of input) {
    if (typeof chunk === 'string') {
      bytes += Buffer.byteLength(chunk);
      onBytes?.(bytes);
      yield chunk;
    } else {
      bytes += chunk.byteLength;
      onBytes?.(bytes);
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** True when `text` (a first line) is a whole JSON object on its own, so the file is JSON lines. */
function isWholeObject(text: string): boolean {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return false;
  try {
    const v: unknown = JSON.parse(t);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/**
 * Reads the items of an OCDS file from a stream of chunks, whatever its layout, with memory bounded
 * by the largest item (or longest line): JSON lines of releases, compiled releases, records or
 * packages (the first non-blank line is a whole JSON object), or one JSON document (release package,
 * record package, a plain JSON array, a single release or record) scanned element by element.
 * Malformed lines or items are reported to `onIssue` with their line and skipped; a document whose
 * structure is broken throws `invalid_input`. `onLayout` learns the layout once it is known.
 */
export async function* readOcdsItems(
  input: AsyncIterable<string | Uint8Array>,
  onIssue: (issue: LineIssue) => void,
  opts: { onBytes?: (bytes: number) => void; onLayout?: (layout: OcdsLayout) => void } = {},
): AsyncGenerator<OcdsItem> {
  const chunks = decode(input, opts.onBytes)[Symbol.asyncIterator]();
  // Look at text up to the end of the first non-blank line (or 1 MiB) to choose the layout.
  let head = '';
  let done = false;
  const firstLine = (): string | null => {
    const m = /^\s*?([^\n]*\S[^\n]*)\n/.exec(head);
    return m ? m[1] : null;
  };
  while (!done && firstLine() === null && head.length < 1 << 20) {
    const next = await chunks.next();
    if (next.done) done = true;
    else head += next.value;
  }
  const rest = async function* (): AsyncGenerator<string> {
    if (head) yield head;
    if (done) return;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  };
  const first = firstLine() ?? (done ? head : null);
  if (first !== null && isWholeObject(first)) {
    opts.onLayout?.('json-lines');
    let line = 0;
    for await (const text of splitLines(rest())) {
      line += 1;
      if (text.trim() === '') continue;
      try {
        yield { line, value: JSON.parse(text) as unknown };
      } catch (e) {
        onIssue({ line, error: `invalid JSON: ${(e as Error).message}` });
      }
    }
    return;
  }
  opts.onLayout?.('document');
  const scanner = new JsonItemScanner(onIssue);
  for await (const text of rest()) yield* scanner.push(text);
  scanner.end();
}

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The longest ocid or release id accepted. */
export const MAX_ID_LENGTH = 500;

/** A record's embedded release is a full release (not a linked one: `{url, date, tag}` only). */
function isEmbeddedRelease(r: unknown): r is Obj {
  return isObject(r) && typeof r.ocid === 'string' && !(Object.hasOwn(r, 'url') && Object.keys(r).length <= 3);
}

/**
 * The releases an item carries: a release or compiled release is itself; a record gives its embedded
 * releases, or its `compiledRelease` when its releases are only linked; a package (on a JSON line)
 * gives its releases or its records' releases. Anything else is reported and gives nothing. A
 * release must have a string `ocid` and a string (or number) `id`.
 */
export function extractReleases(value: unknown, line: number, onIssue: (issue: LineIssue & { path?: string }) => void, path = ''): Obj[] {
  if (!isObject(value)) {
    onIssue({ line, path: path || '/', error: 'not a JSON object' });
    return [];
  }
  if (Array.isArray(value.records) && !Object.hasOwn(value, 'ocid'))
    return value.records.flatMap((r, i) => extractReleases(r, line, onIssue, `${path}/records/${i}`));
  if (Array.isArray(value.releases) && !Object.hasOwn(value, 'ocid') && !Object.hasOwn(value, 'compiledRelease'))
    return value.releases.flatMap((r, i) => extractReleases(r, line, onIssue, `${path}/releases/${i}`));
  if (Array.isArray(value.releases) || isObject(value.compiledRelease)) {
    const releases = Array.isArray(value.releases) ? value.releases : [];
    const embedded = releases.filter(isEmbeddedRelease);
    if (embedded.length > 0) return embedded.flatMap((r) => extractReleases(r, line, onIssue, `${path}/releases/${releases.indexOf(r)}`));
    if (isObject(value.compiledRelease)) return extractReleases(value.compiledRelease, line, onIssue, `${path}/compiledRelease`);
    onIssue({ line, path: path || '/', error: 'record without embedded releases or compiledRelease' });
    return [];
  }
  if (typeof value.ocid !== 'string' || value.ocid === '') {
    onIssue({ line, path: `${path}/ocid`, error: 'expected a non-empty string ocid' });
    return [];
  }
  if (typeof value.id !== 'string' && typeof value.id !== 'number') {
    onIssue({ line, path: `${path}/id`, error: 'expected a string release id' });
    return [];
  }
  // Identifiers are indexed: keep them to a sane length.
  if (value.ocid.length > MAX_ID_LENGTH || String(value.id).length > MAX_ID_LENGTH) {
    onIssue({ line, path: `${path}/${value.ocid.length > MAX_ID_LENGTH ? 'ocid' : 'id'}`, error: `longer than ${MAX_ID_LENGTH} characters` });
    return [];
  }
  return [value];
}
