import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { DEFAULT_LIMITS, decodeUtf8Text, describeTooLong, findJsonExcess, splitTextLines, type TextLimits, type TextLine } from './text-input.js';

/** A line that could not be used, with its 1-based line number. */
export interface LineIssue {
  line: number;
  error: string;
}

/** One parsed JSON line with its 1-based line number. */
export interface JsonLine {
  line: number;
  value: unknown;
}

/**
 * Streams a JSON-lines file one line at a time (memory bounded by the line limit, default
 * {@link DEFAULT_LIMITS}), yielding each parsed value. A malformed line, a line over the limit and
 * a line too deep or with too many values ({@link findJsonExcess}) are passed to `onIssue` with their line number
 * and skipped; blank lines are skipped silently, as Cardinal does. Input that is not UTF-8 text
 * (Latin-1, UTF-16, random bytes) throws `invalid_input` naming the line: no line of it can be trusted.
 */
export async function* readJsonLines(
  source: string | Readable | AsyncIterable<string | Uint8Array>,
  onIssue: (issue: LineIssue) => void,
  opts: { limits?: TextLimits } = {},
): AsyncGenerator<JsonLine> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const input = typeof source === 'string' ? createReadStream(source) : (source as AsyncIterable<string | Uint8Array>);
  yield* parseJsonLines(splitTextLines(decodeUtf8Text(input), limits.maxItemChars), limits, onIssue);
}

/**
 * Parses lines of text as JSON values, one per line, under the item limits: a line over the
 * limit, too deep or with too many values, or malformed is passed to `onIssue` and skipped; blank
 * lines are skipped silently. Shared by JSON-lines files and documents found to be JSON lines.
 */
export async function* parseJsonLines(
  lines: AsyncIterable<TextLine>,
  limits: TextLimits,
  onIssue: (issue: LineIssue) => void,
): AsyncGenerator<JsonLine> {
  for await (const l of lines) {
    if (l.tooLong !== undefined) {
      onIssue({ line: l.line, error: describeTooLong(l.tooLong, limits) });
      continue;
    }
    if (l.text.trim() === '') continue;
    const excess = findJsonExcess(l.text, limits);
    if (excess) {
      onIssue({ line: l.line, error: excess });
      continue;
    }
    try {
      yield { line: l.line, value: JSON.parse(l.text) as unknown };
    } catch (e) {
      onIssue({ line: l.line, error: `invalid JSON: ${(e as Error).message}` });
    }
  }
}
