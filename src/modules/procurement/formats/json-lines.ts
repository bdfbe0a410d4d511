import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

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
 * Streams a JSON-lines file one line at a time (memory bounded by the longest line), yielding each
 * parsed value. A malformed line is passed to `onIssue` with its line number and skipped; blank
 * lines are skipped silently, as Cardinal does. Never stops at a bad line.
 */
export async function* readJsonLines(source: string | Readable, onIssue: (issue: LineIssue) => void): AsyncGenerator<JsonLine> {
  const input = typeof source === 'string' ? createReadStream(source, { encoding: 'utf8' }) : source;
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) as unknown };
    } catch (e) {
      onIssue({ line, error: `invalid JSON: ${(e as Error).message}` });
    }
  }
}
