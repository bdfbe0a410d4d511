import { AppError } from '../../../kernel/errors.js';
import { parseJsonLines, type LineIssue } from './json-lines.js';
import {
  DEFAULT_LIMITS,
  decodeUtf8Text,
  describeExcessNesting,
  describeTooLong,
  describeTooManyValues,
  findJsonExcess,
  maxItemValues,
  MAX_JSON_DEPTH,
  splitTextLines,
  type TextLimits,
} from './text-input.js';

type Obj = Record<string, unknown>;

/** One top-level item read from an OCDS file: a release, a record, a compiled release (or a package on a JSON line), with the line it starts on and its JSON path in the file (`releases[3]`, `[0]`; empty for a whole line or document). */
export interface OcdsItem {
  line: number;
  path: string;
  value: unknown;
}

/** A line or item of an OCDS file that was refused, with its line, its JSON path when known, and why. */
export interface OcdsIssue extends LineIssue {
  path?: string;
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

/** Keys longer than this are not ones the scanner looks for (`releases`, `records`, `ocid`): they are not kept. */
const MAX_KEY_CHARS = 256;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

interface Frame {
  kind: 'obj' | 'arr';
  /** Object frame: the next string is a key. */
  expectKey: boolean;
  /** Object frame: the key whose value comes next. */
  key: string | null;
  /** Array frame: its elements are items to yield; the name it has in the item paths (`releases`, `records`, or '' for a top-level array). */
  items: string | null;
  /** Items array: the index of the next element. */
  index: number;
  /** Top-level object frame: an `ocid` key was seen (so it is a release or record, not a package). */
  sawOcid: boolean;
}

/**
 * Splits one JSON document into items without parsing it whole: memory is bounded by the largest
 * item, and time is linear in the input (each chunk is scanned once, an item's text gathered from
 * pieces). A top-level array yields its elements; a top-level object whose `releases` or `records`
 * array comes before any `ocid` key is a package and yields that array's elements (its metadata is
 * skipped); any other top-level object (a single release or record) is yielded whole. Several
 * documents one after the other are read in turn, each starting on a new line. Each item is parsed
 * with `JSON.parse`; an item that does not parse, is longer than `limits.maxItemChars`, holds more
 * than {@link maxItemValues} values or nests deeper than {@link MAX_JSON_DEPTH} is reported with its line and path and skipped (without being
 * kept in memory). A broken structure (unbalanced brackets, text outside any value, two documents on
 * one line, end of input inside a value) throws `invalid_input` naming the line.
 */
export class JsonItemScanner {
  private line = 1;
  private stack: Frame[] = [];
  /** Levels opened past the depth limit inside a refused item: counted, not kept as frames. */
  private overflow = 0;
  private inString = false;
  private escape = false;
  /** A top-level document has ended and no line break has come since. */
  private afterDocument = false;
  /** The item being read: its start line, path, frame depth, and its text so far (pieces of earlier chunks). */
  private item: {
    line: number;
    path: string;
    depth: number;
    parts: string[];
    chars: number;
    values: number;
    tooLong: boolean;
    refused: string | null;
  } | null = null;
  /** Where the item's text starts in the current chunk (0 when it began in an earlier one). */
  private itemFrom = 0;
  /** The top-level key being read (pieces of earlier chunks), or null. */
  private keyText: string | null = null;
  private keyFrom = 0;

  /**
   * @param onIssue receives the items refused (invalid JSON, too long, too deep)
   * @param limits the largest item accepted
   */
  constructor(
    private readonly onIssue: (issue: OcdsIssue) => void,
    private readonly limits: TextLimits = DEFAULT_LIMITS,
  ) {
    this.maxValues = maxItemValues(limits);
  }

  private readonly maxValues: number;

  /** Counts one more value in the item; past the limit its text is no longer kept. */
  private countValue(): void {
    const item = this.item;
    if (item === null || ++item.values <= this.maxValues || item.refused !== null) return;
    item.refused = describeTooManyValues(this.limits);
    item.parts = [];
  }

  private fail(message: string): never {
    throw new AppError('invalid_input', `line ${this.line}: ${message}`, { fields: { file: `line ${this.line}: ${message}` } });
  }

  private refuse(issue: { line: number; path: string; error: string }): void {
    this.onIssue(issue.path ? issue : { line: issue.line, error: issue.error });
  }

  private startItem(line: number, path: string, depth: number, at: number): void {
    this.item = { line, path, depth, parts: [], chars: 0, values: 0, tooLong: false, refused: null };
    this.itemFrom = at;
  }

  /** Ends the item at `end` (exclusive) in `chunk`: parses it, or reports why it is refused. */
  private endItem(chunk: string, end: number, out: OcdsItem[]): void {
    const item = this.item!;
    this.item = null;
    const chars = item.chars + (end - this.itemFrom);
    if (item.refused === null && (item.tooLong || chars > this.limits.maxItemChars)) item.refused = describeTooLong(chars, this.limits, 'item');
    if (item.refused !== null) return this.refuse({ line: item.line, path: item.path, error: item.refused });
    const tail = chunk.slice(this.itemFrom, end);
    const text = item.parts.length === 0 ? tail : item.parts.join('') + tail;
    try {
      out.push({ line: item.line, path: item.path, value: JSON.parse(text) as unknown });
    } catch (e) {
      this.refuse({ line: item.line, path: item.path, error: `invalid JSON: ${(e as Error).message}` });
    }
  }

  /** Feeds the next piece of text; returns the items completed in it. */
  push(chunk: string): OcdsItem[] {
    const out: OcdsItem[] = [];
    const n = chunk.length;
    this.itemFrom = 0;
    this.keyFrom = 0;
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (c === NL) {
        this.line += 1;
        this.afterDocument = false;
      }
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.keyText !== null) {
            const top = this.stack[this.stack.length - 1];
            const text = this.keyText + chunk.slice(this.keyFrom, i + 1);
            this.keyText = null;
            try {
              top.key = text.length > MAX_KEY_CHARS ? null : (JSON.parse(text) as string);
            } catch {
              top.key = null;
            }
            if (top.key === 'ocid') top.sawOcid = true;
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (this.overflow > 0) {
        // Inside a refused item nested past the limit: only the brackets matter, to find its end.
        if (c === QUOTE) this.inString = true;
        else if (c === OPEN_OBJ || c === OPEN_ARR) this.overflow += 1;
        else if (c === CLOSE_OBJ || c === CLOSE_ARR) this.overflow -= 1;
        continue;
      }
      const depth = this.stack.length;
      const top = this.stack[depth - 1];
      if (depth === 0) {
        if (c !== OPEN_OBJ && c !== OPEN_ARR) this.fail(`unexpected '${String.fromCharCode(c)}' outside any JSON object or array`);
        if (this.afterDocument)
          this.fail(
            'a second JSON document starts on the line where the previous one ends: give one document per file, or one per line (JSON lines)',
          );
      }
      const expectsKey = top?.kind === 'obj' && top.expectKey;
      const startsValue = c !== COMMA && c !== COLON && c !== CLOSE_ARR && c !== CLOSE_OBJ && !expectsKey;
      // An item starts: a top-level object, or an element of an array of items.
      if (startsValue && this.item === null && (depth === 0 ? c === OPEN_OBJ : top.items !== null)) {
        const path = depth === 0 ? '' : `${top.items}[${top.index}]`;
        if (depth > 0) top.index += 1;
        this.startItem(this.line, path, depth, i);
      }
      if (c === QUOTE) {
        this.inString = true;
        if (expectsKey) {
          top.expectKey = false;
          if (depth === 1) {
            this.keyText = '';
            this.keyFrom = i;
          }
        }
      } else if (c === OPEN_OBJ || c === OPEN_ARR) {
        const itemsName =
          depth === 0 && c === OPEN_ARR
            ? ''
            : depth === 1 && c === OPEN_ARR && top.kind === 'obj' && !top.sawOcid && (top.key === 'releases' || top.key === 'records')
              ? top.key
              : null;
        // A top-level array, or a package's releases/records: stream the elements, drop the capture of the whole.
        if (itemsName !== null) this.item = null;
        const itemDepth = this.item === null ? 0 : depth + 1 - this.item.depth;
        if (this.item !== null && itemDepth > MAX_JSON_DEPTH) {
          this.item.refused ??= describeExcessNesting();
          this.overflow = 1;
          continue;
        }
        if (this.item === null && depth + 1 > MAX_JSON_DEPTH + 2) this.fail(describeExcessNesting());
        this.stack.push({ kind: c === OPEN_OBJ ? 'obj' : 'arr', expectKey: c === OPEN_OBJ, key: null, items: itemsName, index: 0, sawOcid: false });
        this.countValue();
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        if (!top || top.kind !== (c === CLOSE_OBJ ? 'obj' : 'arr')) this.fail(`unexpected '${String.fromCharCode(c)}'`);
        // A scalar element ends at the ']' of its array.
        if (this.item !== null && depth === this.item.depth) this.endItem(chunk, i, out);
        this.stack.pop();
        // A container item has just closed.
        if (this.item !== null && this.stack.length === this.item.depth) this.endItem(chunk, i + 1, out);
        if (this.stack.length === 0) this.afterDocument = true;
      } else if (c === COMMA) {
        if (this.item !== null && depth === this.item.depth) this.endItem(chunk, i, out);
        else this.countValue();
        if (top.kind === 'obj') top.expectKey = true;
      } else if (c === COLON) {
        if (top.kind !== 'obj') this.fail("unexpected ':'");
      }
    }
    // Keep what an unfinished item or key still needs, and nothing of a refused item.
    if (this.item !== null) {
      const piece = n - this.itemFrom;
      if (this.item.chars + piece > this.limits.maxItemChars) this.item.tooLong = true;
      if (this.item.refused === null && !this.item.tooLong) this.item.parts.push(chunk.slice(this.itemFrom));
      else this.item.parts = [];
      this.item.chars += piece;
    }
    if (this.keyText !== null) this.keyText = this.keyText.length > MAX_KEY_CHARS ? this.keyText : this.keyText + chunk.slice(this.keyFrom);
    return out;
  }

  /** Ends the input; throws when a value is left open. */
  end(): void {
    if (this.inString || this.stack.length > 0 || this.overflow > 0) this.fail('the input ends inside a JSON value (a file cut short?)');
  }
}

/** True when `text` (a first line) is a whole JSON object on its own, so the file is JSON lines. */
function isWholeObject(text: string, limits: TextLimits): boolean {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}') || findJsonExcess(t, limits)) return false;
  try {
    const v: unknown = JSON.parse(t);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/**
 * Reads the items of an OCDS file from a stream of chunks, whatever its layout, in bounded memory
 * (the largest item or line, at most `limits.maxItemChars`) and linear time: JSON lines of
 * releases, compiled releases, records or packages (the first non-blank line is a whole JSON
 * object), or one JSON document (release package, record package, a plain JSON array, a single
 * release or record) scanned element by element. Lines or items that are malformed, too long or too
 * deep are reported to `onIssue` with their line (and path) and skipped; input that is not UTF-8
 * text, and a document whose structure is broken, throw `invalid_input` naming the line. `onLayout`
 * learns the layout once it is known.
 */
export async function* readOcdsItems(
  input: AsyncIterable<string | Uint8Array>,
  onIssue: (issue: OcdsIssue) => void,
  opts: { onBytes?: (bytes: number) => void; onLayout?: (layout: OcdsLayout) => void; limits?: TextLimits } = {},
): AsyncGenerator<OcdsItem> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const chunks = decodeUtf8Text(input, opts.onBytes)[Symbol.asyncIterator]();
  // Look at text up to the end of the first non-blank line (or the item limit) to choose the layout.
  const head: string[] = [];
  let headChars = 0;
  let done = false;
  let start = -1;
  let first: string | null = null;
  while (!done && first === null && headChars <= limits.maxItemChars) {
    const next = await chunks.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    if (start < 0) {
      const m = /\S/.exec(next.value);
      if (m) start = headChars + m.index;
    }
    headChars += next.value.length;
    if (start >= 0) {
      const from = Math.max(0, start - (headChars - next.value.length));
      const nl = next.value.indexOf('\n', from);
      if (nl >= 0) first = head.join('').slice(start, headChars - next.value.length + nl);
    }
  }
  if (first === null && done && start >= 0) first = head.join('').slice(start);
  const rest = async function* (): AsyncGenerator<string> {
    yield* head;
    head.length = 0;
    if (done) return;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  };
  if (first !== null && isWholeObject(first, limits)) {
    first = null;
    opts.onLayout?.('json-lines');
    for await (const { line, value } of parseJsonLines(splitTextLines(rest(), limits.maxItemChars), limits, onIssue)) yield { line, path: '', value };
    return;
  }
  first = null;
  opts.onLayout?.('document');
  const scanner = new JsonItemScanner(onIssue, limits);
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

/** `base` followed by a key (`base.key`) or an index (`base[i]`): the JSON paths of messages, as in `releases[0].tender.value.amount`. */
export function joinJsonPath(base: string, key: string | number): string {
  return typeof key === 'number' ? `${base}[${key}]` : base ? `${base}.${key}` : key;
}

/** A release found in an item, with its JSON path in the file (`releases[2]`, `records[0].releases[1]`; empty when the item is the release). */
export interface FoundRelease {
  path: string;
  release: Obj;
}

/**
 * The releases an item carries: a release or compiled release is itself; a record gives its embedded
 * releases, or its `compiledRelease` when its releases are only linked; a package (on a JSON line)
 * gives its releases or its records' releases. Anything else is reported (with its JSON path from
 * `path`, the item's path in the file) and gives nothing. A release must have a non-empty string
 * `ocid` and a string (or number) `id`, each at most {@link MAX_ID_LENGTH} characters.
 */
export function findReleases(value: unknown, line: number, onIssue: (issue: OcdsIssue) => void, path = ''): FoundRelease[] {
  const note = (at: string, error: string) => onIssue(at ? { line, path: at, error } : { line, error });
  if (!isObject(value)) {
    note(path, 'not a JSON object (expected a release, a record or a package)');
    return [];
  }
  if (Array.isArray(value.records) && !Object.hasOwn(value, 'ocid'))
    return value.records.flatMap((r, i) => findReleases(r, line, onIssue, joinJsonPath(joinJsonPath(path, 'records'), i)));
  if (Array.isArray(value.releases) && !Object.hasOwn(value, 'ocid') && !Object.hasOwn(value, 'compiledRelease'))
    return value.releases.flatMap((r, i) => findReleases(r, line, onIssue, joinJsonPath(joinJsonPath(path, 'releases'), i)));
  if (Array.isArray(value.releases) || isObject(value.compiledRelease)) {
    const releases = Array.isArray(value.releases) ? value.releases : [];
    const found: FoundRelease[] = [];
    let embedded = 0;
    releases.forEach((r, i) => {
      if (!isEmbeddedRelease(r)) return;
      embedded += 1;
      found.push(...findReleases(r, line, onIssue, joinJsonPath(joinJsonPath(path, 'releases'), i)));
    });
    if (embedded > 0) return found;
    if (isObject(value.compiledRelease)) return findReleases(value.compiledRelease, line, onIssue, joinJsonPath(path, 'compiledRelease'));
    note(path, 'a record without embedded releases or compiledRelease');
    return [];
  }
  if (typeof value.ocid !== 'string' || value.ocid === '') {
    note(joinJsonPath(path, 'ocid'), 'must be a non-empty string (every release has an ocid)');
    return [];
  }
  if (typeof value.id !== 'string' && typeof value.id !== 'number') {
    note(joinJsonPath(path, 'id'), 'must be a string (every release has an id)');
    return [];
  }
  // Identifiers are indexed: keep them to a sane length.
  if (value.ocid.length > MAX_ID_LENGTH || String(value.id).length > MAX_ID_LENGTH) {
    note(joinJsonPath(path, value.ocid.length > MAX_ID_LENGTH ? 'ocid' : 'id'), `longer than ${MAX_ID_LENGTH} characters`);
    return [];
  }
  return [{ path, release: value }];
}

/** The releases an item carries, as {@link findReleases} finds them, without their paths. */
export function extractReleases(value: unknown, line: number, onIssue: (issue: OcdsIssue) => void, path = ''): Obj[] {
  return findReleases(value, line, onIssue, path).map((f) => f.release);
}
