/**
 * A bounded, streaming reader of RFC 4180 CSV (quoted fields may hold commas, doubled quotes and
 * newlines). It reads a file in chunks, checks the bytes are UTF-8 as it goes, and refuses a field
 * or a record beyond its limits as soon as the limit is passed, so memory and time stay bounded
 * whatever the input (a 100 MB field without its closing quote is refused after `maxFieldLength`
 * characters, without reading the rest).
 *
 * Hand-written because `csv-parse` is not among the project's dependencies yet; DESIGN.md wants one
 * CSV reader on a maintained streaming library, and this one keeps the same shape (chunks in,
 * records with their line out) so it can be swapped.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { AppError } from '../../../kernel/errors.js';
import { describeUtf8Problem, StrictUtf8Decoder, Utf8DecodeError } from '../../../kernel/utf8.js';

/** A CSV record with the line its first field starts on (1-based, the header is line 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Limits that keep a read bounded. */
export interface CsvLimits {
  /** Longest field, in characters. */
  maxFieldLength: number;
  /** Most fields in one record. */
  maxFields: number;
}

/**
 * Defaults: Pol.is statements are at most a few thousand characters, and `participants-votes.csv`
 * has one column per statement (a few thousand in the largest public conversations).
 */
export const DEFAULT_CSV_LIMITS: CsvLimits = { maxFieldLength: 100_000, maxFields: 100_000 };

/** Bytes read from a file at a time. */
const CHUNK_BYTES = 1 << 20;

/** Where a CSV comes from: a path on disk, bytes (an upload) or text (a JSON API body). */
export type CsvInput = { path: string } | { bytes: Uint8Array } | { text: string };

/**
 * The one error of a refused CSV: `file line N: reason`, with the file as the field; `code` is the
 * coded reason pages word in the reader's language.
 */
export function csvError(file: string, line: number, reason: string, code = 'file_line_invalid'): AppError {
  return new AppError('invalid_input', `${file} line ${line}: ${reason}`, {
    details: { file, line, reason },
    fields: { [file]: `line ${line}: ${reason}` },
    reasons: { [file]: { reason: code, values: { file, line } } },
    reason: { reason: code, values: { file, line } },
  });
}

const SPECIAL = /[,"\r\n]/g;

/**
 * A push parser: `push` text in any pieces, then `end`. Records go to `onRecord` as soon as they
 * end; blank lines are skipped. Throws `csvError` naming the file and line.
 */
export class CsvParser {
  private fields: string[] = [];
  /** The current field, in pieces (joined when it ends), and its length so far. */
  private parts: string[] = [];
  private length = 0;
  private line = 1;
  private recordLine = 1;
  private fieldLine = 1;
  /** start: at the start of a field; plain: in an unquoted field; quoted: inside quotes; quote: a quote seen inside quotes. */
  private state: 'start' | 'plain' | 'quoted' | 'quote' = 'start';
  /** A CR ended the last record: skip a LF that follows. */
  private afterCr = false;

  constructor(
    private readonly file: string,
    private readonly limits: CsvLimits,
    private readonly onRecord: (record: CsvRecord) => void,
  ) {}

  private fail(line: number, reason: string): never {
    throw csvError(this.file, line, reason);
  }

  private append(text: string): void {
    if (text === '') return;
    this.length += text.length;
    if (this.length > this.limits.maxFieldLength)
      this.fail(
        this.fieldLine,
        `a field longer than ${this.limits.maxFieldLength} characters${this.state === 'quoted' ? ' (a quote that is never closed?)' : ''}`,
      );
    this.parts.push(text);
  }

  private endField(): void {
    if (this.fields.length >= this.limits.maxFields) this.fail(this.recordLine, `more than ${this.limits.maxFields} fields in one record`);
    this.fields.push(this.parts.length === 1 ? this.parts[0] : this.parts.join(''));
    this.parts = [];
    this.length = 0;
    this.state = 'start';
    this.fieldLine = this.line;
  }

  private endRecord(): void {
    this.endField();
    const fields = this.fields;
    this.fields = [];
    if (!(fields.length === 1 && fields[0] === '')) this.onRecord({ line: this.recordLine, fields });
  }

  private newline(): void {
    this.line++;
    this.recordLine = this.line;
    this.fieldLine = this.line;
  }

  /** Parses the next piece of text. */
  push(text: string): void {
    let i = 0;
    const n = text.length;
    if (this.afterCr && n > 0) {
      this.afterCr = false;
      if (text[0] === '\n') i = 1;
    }
    while (i < n) {
      if (this.state === 'quoted') {
        const q = text.indexOf('"', i);
        const end = q < 0 ? n : q;
        const piece = text.slice(i, end);
        for (let k = piece.indexOf('\n'); k >= 0; k = piece.indexOf('\n', k + 1)) this.line++;
        this.append(piece);
        if (q < 0) return;
        this.state = 'quote';
        i = q + 1;
        continue;
      }
      if (this.state === 'quote') {
        const ch = text[i];
        if (ch === '"') {
          this.append('"');
          this.state = 'quoted';
          i++;
          continue;
        }
        if (ch !== ',' && ch !== '\r' && ch !== '\n') this.fail(this.line, 'text after the closing quote of a quoted field');
        this.state = 'plain';
      }
      if (this.state === 'start' && text[i] === '"') {
        this.state = 'quoted';
        this.fieldLine = this.line;
        i++;
        continue;
      }
      SPECIAL.lastIndex = i;
      const m = SPECIAL.exec(text);
      const at = m ? m.index : n;
      if (at > i) {
        this.state = 'plain';
        this.append(text.slice(i, at));
      }
      if (!m) return;
      const ch = m[0];
      i = at + 1;
      if (ch === '"') this.fail(this.line, 'a quote inside an unquoted field');
      if (ch === ',') {
        this.endField();
        continue;
      }
      this.endRecord();
      if (ch === '\r') {
        if (i < n) {
          if (text[i] === '\n') i++;
        } else this.afterCr = true;
      }
      this.newline();
    }
  }

  /** Ends the input: refuses an unclosed quote and emits the last record. */
  end(): void {
    if (this.state === 'quoted') this.fail(this.fieldLine, 'a quoted field is never closed (the file may be cut short)');
    if (this.state !== 'start' || this.parts.length > 0 || this.fields.length > 0) this.endRecord();
  }
}

/**
 * Reads a CSV from a path, bytes or text, in chunks, checking UTF-8 (a byte-order mark is dropped;
 * Latin-1, UTF-16 and NUL bytes are refused naming the byte and line) and the limits. Records go
 * to `onRecord` one by one, so a caller that keeps only what it needs stays bounded too.
 */
export function readCsv(input: CsvInput, file: string, onRecord: (record: CsvRecord) => void, limits: CsvLimits = DEFAULT_CSV_LIMITS): void {
  const parser = new CsvParser(file, limits, onRecord);
  if ('text' in input) {
    const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
    const nul = text.indexOf('\0');
    if (nul >= 0) throw csvError(file, text.slice(0, nul).split('\n').length, 'a NUL byte: this is not a text file', 'file_not_text');
    for (let i = 0; i < text.length; i += CHUNK_BYTES) parser.push(text.slice(i, i + CHUNK_BYTES));
    parser.end();
    return;
  }
  const decoder = new StrictUtf8Decoder();
  const decode = (chunk: Uint8Array, final: boolean) => {
    try {
      return decoder.decode(chunk, final);
    } catch (error) {
      if (error instanceof Utf8DecodeError) throw csvError(file, error.problem.line, describeUtf8Problem(error.problem), 'file_not_utf8');
      throw error;
    }
  };
  if ('bytes' in input) {
    for (let i = 0; i < input.bytes.length; i += CHUNK_BYTES) parser.push(decode(input.bytes.subarray(i, i + CHUNK_BYTES), false));
  } else {
    const fd = openSync(input.path, 'r');
    try {
      const buffer = new Uint8Array(CHUNK_BYTES);
      for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) parser.push(decode(buffer.subarray(0, read), false));
    } finally {
      closeSync(fd);
    }
  }
  parser.push(decode(new Uint8Array(0), true));
  parser.end();
}

/** Parses CSV text into records (small inputs and tests); the same limits and errors as `readCsv`. */
export function parseCsv(text: string, file: string, limits: CsvLimits = DEFAULT_CSV_LIMITS): CsvRecord[] {
  const records: CsvRecord[] = [];
  readCsv({ text }, file, (r) => records.push(r), limits);
  return records;
}
