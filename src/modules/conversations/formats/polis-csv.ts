/**
 * Reads a Pol.is open-data export folder (github.com/compdemocracy/openData): `comments.csv`,
 * `votes.csv`, and when present `participants-votes.csv` (with Pol.is's `group-id`) and
 * `summary.csv`. Malformed input raises an `invalid_input` AppError naming the file and line.
 *
 * Sign convention: the CSV exports write agree = 1, disagree = -1; Pol.is's math (and Polity's
 * core) use agree = -1, disagree = +1, pass = 0 (compdemocracy/polis math/src/polismath/utils.clj).
 * The reader converts at this edge, so every `Vote` it returns is in the internal convention.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../kernel/errors.js';
import type { Statement, Vote } from '../core/types.js';

/** A statement as Pol.is exports it: the core's fields plus the export's own. */
export interface PolisStatement extends Statement {
  authorId: number | null;
  createdAt: number | null;
  isSeed: boolean;
  /** Pol.is's `group-informed-consensus` column, when the export has it. */
  publishedGroupInformedConsensus: number | null;
  body: string;
}

/** A participant row of `participants-votes.csv`. */
export interface PolisParticipant {
  id: number;
  xid: string | null;
  /** Pol.is's opinion group; null when Pol.is did not cluster the participant. */
  groupId: number | null;
  nVotes: number;
}

/** A Pol.is open-data folder, read and checked. */
export interface PolisExport {
  statements: PolisStatement[];
  /** In the internal sign convention (agree = -1), in file order. */
  votes: Vote[];
  participants: PolisParticipant[] | null;
  summary: Record<string, string> | null;
}

/** A CSV record with the line its first field starts on (1-based, the header is line 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

function fail(file: string, line: number, reason: string): never {
  throw new AppError('invalid_input', `${file} line ${line}: ${reason}`, { details: { file, line }, fields: { [file]: `line ${line}: ${reason}` } });
}

/** Parses RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  let quoteLine = 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field !== '') fail(file, line, 'a quote inside an unquoted field');
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (quoted) fail(file, quoteLine, 'a quoted field is never closed');
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** A parsed CSV with named columns; `get` checks presence and type and names file and line on failure. */
class Table {
  readonly index: Map<string, number>;
  constructor(
    readonly file: string,
    readonly header: string[],
    readonly records: CsvRecord[],
  ) {
    this.index = new Map(header.map((h, i) => [h.trim(), i]));
  }
  has(column: string): boolean {
    return this.index.has(column);
  }
  require(columns: string[]): void {
    const missing = columns.filter((c) => !this.index.has(c));
    if (missing.length > 0) fail(this.file, 1, `missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}`);
  }
  text(r: CsvRecord, column: string): string {
    const at = this.index.get(column);
    if (at === undefined) return '';
    if (at >= r.fields.length) fail(this.file, r.line, `${r.fields.length} fields where the header has ${this.header.length} (no "${column}")`);
    return r.fields[at];
  }
  integer(r: CsvRecord, column: string): number {
    const raw = this.text(r, column).trim();
    if (!/^-?\d+$/.test(raw)) fail(this.file, r.line, `column "${column}" must be an integer, got "${raw}"`);
    return Number(raw);
  }
  optionalInteger(r: CsvRecord, column: string): number | null {
    return this.text(r, column).trim() === '' ? null : this.integer(r, column);
  }
}

/** Where an export's files come from: a folder on disk, or files uploaded by name. */
type FileSource = (file: string) => string | null;

function readTable(source: FileSource, where: string, file: string, required: boolean): Table | null {
  const text = source(file);
  if (text === null) {
    if (required) throw new AppError('invalid_input', `${file}: not found in ${where}`, { details: { file }, fields: { [file]: 'missing' } });
    return null;
  }
  const records = parseCsv(text, file);
  if (records.length === 0) fail(file, 1, 'the file is empty (no header)');
  return new Table(file, records[0].fields, records.slice(1));
}

function readBoolean(table: Table, r: CsvRecord, column: string): boolean {
  const raw = table.text(r, column).trim().toLowerCase();
  if (raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  return fail(table.file, r.line, `column "${column}" must be true or false, got "${raw}"`);
}

function readStatements(table: Table): PolisStatement[] {
  table.require(['comment-id', 'moderated', 'comment-body']);
  const seen = new Set<number>();
  return table.records.map((r) => {
    const id = table.integer(r, 'comment-id');
    if (seen.has(id)) fail(table.file, r.line, `comment-id ${id} appears twice`);
    seen.add(id);
    const moderation = table.integer(r, 'moderated');
    if (moderation < -1 || moderation > 1) fail(table.file, r.line, `column "moderated" must be -1, 0 or 1, got ${moderation}`);
    const gic = table.has('group-informed-consensus') ? table.text(r, 'group-informed-consensus').trim() : '';
    if (gic !== '' && !Number.isFinite(Number(gic))) fail(table.file, r.line, `column "group-informed-consensus" must be a number, got "${gic}"`);
    return {
      id,
      authorId: table.has('author-id') ? table.optionalInteger(r, 'author-id') : null,
      createdAt: table.has('timestamp') ? table.optionalInteger(r, 'timestamp') : null,
      moderation: moderation as -1 | 0 | 1,
      isMeta: table.has('is-meta') ? readBoolean(table, r, 'is-meta') : false,
      isSeed: table.has('is-seed') ? readBoolean(table, r, 'is-seed') : false,
      publishedGroupInformedConsensus: gic === '' ? null : Number(gic),
      body: table.text(r, 'comment-body'),
    };
  });
}

function readVotes(table: Table, statements: Set<number>): Vote[] {
  table.require(['timestamp', 'comment-id', 'voter-id', 'vote']);
  return table.records.map((r) => {
    const statementId = table.integer(r, 'comment-id');
    if (!statements.has(statementId)) fail(table.file, r.line, `vote on comment-id ${statementId}, which comments.csv does not list`);
    const exported = table.integer(r, 'vote');
    if (exported < -1 || exported > 1) fail(table.file, r.line, `column "vote" must be -1, 0 or 1, got ${exported}`);
    // Export sign (agree = 1) to Pol.is's internal sign (agree = -1): utils.clj.
    return {
      participantId: table.integer(r, 'voter-id'),
      statementId,
      value: (exported === 0 ? 0 : -exported) as -1 | 0 | 1,
      at: table.integer(r, 'timestamp'),
    };
  });
}

function readParticipants(table: Table): PolisParticipant[] {
  table.require(['participant', 'group-id', 'n-votes']);
  return table.records.map((r) => ({
    id: table.integer(r, 'participant'),
    xid: table.has('xid') ? table.text(r, 'xid') || null : null,
    groupId: table.optionalInteger(r, 'group-id'),
    nVotes: table.integer(r, 'n-votes'),
  }));
}

/** Reads and checks a Pol.is open-data folder. */
export function readPolisFolder(dir: string): PolisExport {
  return readPolisSource((file) => {
    const full = path.join(dir, file);
    return existsSync(full) ? readFileSync(full, 'utf8') : null;
  }, dir);
}

/**
 * Reads and checks a Pol.is open-data export given as files by name (an upload): the same checks
 * and messages as `readPolisFolder`.
 */
export function readPolisFiles(files: ReadonlyMap<string, string>): PolisExport {
  return readPolisSource((file) => files.get(file) ?? null, 'the uploaded files');
}

function readPolisSource(source: FileSource, where: string): PolisExport {
  const comments = readTable(source, where, 'comments.csv', true)!;
  const statements = readStatements(comments);
  const votes = readVotes(readTable(source, where, 'votes.csv', true)!, new Set(statements.map((s) => s.id)));
  const participantsTable = readTable(source, where, 'participants-votes.csv', false);
  const summaryTable = readTable(source, where, 'summary.csv', false);
  let summary: Record<string, string> | null = null;
  if (summaryTable) {
    summary = {};
    for (const r of [{ line: 1, fields: summaryTable.header }, ...summaryTable.records]) {
      if (r.fields.length < 2) fail('summary.csv', r.line, 'expected "key,value"');
      summary[r.fields[0]] = r.fields[1];
    }
  }
  return { statements, votes, participants: participantsTable ? readParticipants(participantsTable) : null, summary };
}
