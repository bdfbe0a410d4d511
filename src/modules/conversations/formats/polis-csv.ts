/**
 * Reads a Pol.is open-data export folder (github.com/compdemocracy/openData): `comments.csv`,
 * `votes.csv`, and when present `participants-votes.csv` (with Pol.is's `group-id`) and
 * `summary.csv`. Malformed input raises an `invalid_input` AppError naming the file and line; each
 * file is streamed through the bounded CSV reader (csv-reader.ts), so hostile input (a 100 MB field,
 * Latin-1, UTF-16, random bytes) is refused early, in bounded memory.
 *
 * Sign convention: the CSV exports write agree = 1, disagree = -1; Pol.is's math (and Polity's
 * core) use agree = -1, disagree = +1, pass = 0 (compdemocracy/polis math/src/polismath/utils.clj).
 * The reader converts at this edge, so every `Vote` it returns is in the internal convention.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../kernel/errors.js';
import type { Statement, Vote } from '../core/types.js';
import { csvError, DEFAULT_CSV_LIMITS, readCsv, type CsvInput, type CsvLimits, type CsvRecord } from './csv-reader.js';

export { parseCsv, type CsvRecord, type CsvLimits, DEFAULT_CSV_LIMITS } from './csv-reader.js';

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

/** Options of the readers: the CSV limits (lower them to prove a bound in a test). */
export interface PolisReadOptions {
  limits?: CsvLimits;
}

function fail(file: string, line: number, reason: string): never {
  throw csvError(file, line, reason);
}

/** Largest Pol.is id Polity stores (PostgreSQL `integer`). */
const MAX_ID = 2_147_483_647;
/** Latest timestamp accepted: 9999-12-31, in milliseconds (later ones are not dates). */
const MAX_TIMESTAMP = 253_402_300_799_999;

/** The header of a CSV being streamed; `get`-style readers check presence and type and name file and line. */
class Columns {
  readonly index: Map<string, number>;
  constructor(
    readonly file: string,
    readonly header: string[],
  ) {
    this.index = new Map();
    header.forEach((h, i) => {
      const name = h.trim();
      if (this.index.has(name)) fail(file, 1, `the column "${name}" appears twice in the header`);
      this.index.set(name, i);
    });
  }
  has(column: string): boolean {
    return this.index.has(column);
  }
  require(columns: string[]): void {
    const missing = columns.filter((c) => !this.index.has(c));
    if (missing.length > 0) fail(this.file, 1, `missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}`);
  }
  /** Every record has exactly the header's fields: a short or long record is a cut or edited file. */
  check(r: CsvRecord): void {
    if (r.fields.length !== this.header.length)
      fail(this.file, r.line, `${r.fields.length} fields where the header has ${this.header.length} (the file may be cut short or edited)`);
  }
  text(r: CsvRecord, column: string): string {
    const at = this.index.get(column);
    return at === undefined ? '' : r.fields[at];
  }
  integer(r: CsvRecord, column: string, min: number, max: number): number {
    const raw = this.text(r, column).trim();
    if (!/^-?\d{1,16}$/.test(raw)) fail(this.file, r.line, `column "${column}" must be an integer, got "${raw.slice(0, 80)}"`);
    const value = Number(raw);
    if (value < min || value > max) fail(this.file, r.line, `column "${column}" must be from ${min} to ${max}, got ${raw}`);
    return value;
  }
  id(r: CsvRecord, column: string): number {
    return this.integer(r, column, 0, MAX_ID);
  }
  optionalId(r: CsvRecord, column: string): number | null {
    return this.text(r, column).trim() === '' ? null : this.id(r, column);
  }
  timestamp(r: CsvRecord, column: string): number {
    return this.integer(r, column, 0, MAX_TIMESTAMP);
  }
}

/** Where an export's files come from: a folder on disk, or files uploaded by name. */
type FileSource = (file: string) => CsvInput | null;

/**
 * Streams one file of the export: checks the header with `start`, then hands each record to the
 * returned function (records are never all held at once). Returns false when an optional file is absent.
 */
function streamTable(
  source: FileSource,
  where: string,
  file: string,
  required: boolean,
  limits: CsvLimits,
  start: (columns: Columns) => (r: CsvRecord) => void,
): boolean {
  const input = source(file);
  if (input === null) {
    if (required)
      throw new AppError('invalid_input', `${file}: not found in ${where}`, {
        details: { file },
        fields: { [file]: 'missing' },
        reasons: { [file]: { reason: 'file_missing', values: { file } } },
        reason: { reason: 'file_missing', values: { file } },
      });
    return false;
  }
  let row: ((r: CsvRecord) => void) | null = null;
  readCsv(
    input,
    file,
    (r) => {
      if (row === null) row = start(new Columns(file, r.fields));
      else row(r);
    },
    limits,
  );
  if (row === null) fail(file, 1, 'the file is empty (no header)');
  return true;
}

function readBoolean(table: Columns, r: CsvRecord, column: string): boolean {
  const raw = table.text(r, column).trim().toLowerCase();
  if (raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  return fail(table.file, r.line, `column "${column}" must be true or false, got "${raw.slice(0, 80)}"`);
}

function statementReader(out: PolisStatement[]): (table: Columns) => (r: CsvRecord) => void {
  return (table) => {
    table.require(['comment-id', 'moderated', 'comment-body']);
    const seen = new Map<number, number>();
    return (r) => {
      table.check(r);
      const id = table.id(r, 'comment-id');
      if (seen.has(id)) fail(table.file, r.line, `comment-id ${id} appears twice (also on line ${seen.get(id)})`);
      seen.set(id, r.line);
      const moderation = table.integer(r, 'moderated', -1, 1) as -1 | 0 | 1;
      const gic = table.has('group-informed-consensus') ? table.text(r, 'group-informed-consensus').trim() : '';
      if (gic !== '' && !(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(gic) && Number.isFinite(Number(gic))))
        fail(table.file, r.line, `column "group-informed-consensus" must be a number, got "${gic.slice(0, 80)}"`);
      out.push({
        id,
        authorId: table.has('author-id') ? table.optionalId(r, 'author-id') : null,
        createdAt: table.has('timestamp') && table.text(r, 'timestamp').trim() !== '' ? table.timestamp(r, 'timestamp') : null,
        moderation,
        isMeta: table.has('is-meta') ? readBoolean(table, r, 'is-meta') : false,
        isSeed: table.has('is-seed') ? readBoolean(table, r, 'is-seed') : false,
        publishedGroupInformedConsensus: gic === '' ? null : Number(gic),
        body: table.text(r, 'comment-body'),
      });
    };
  };
}

function voteReader(out: Vote[], statements: Set<number>): (table: Columns) => (r: CsvRecord) => void {
  return (table) => {
    table.require(['timestamp', 'comment-id', 'voter-id', 'vote']);
    return (r) => {
      table.check(r);
      const statementId = table.id(r, 'comment-id');
      if (!statements.has(statementId)) fail(table.file, r.line, `vote on comment-id ${statementId}, which comments.csv does not list`);
      const exported = table.integer(r, 'vote', -1, 1);
      // Export sign (agree = 1) to Pol.is's internal sign (agree = -1): utils.clj.
      out.push({
        participantId: table.id(r, 'voter-id'),
        statementId,
        value: (exported === 0 ? 0 : -exported) as -1 | 0 | 1,
        at: table.timestamp(r, 'timestamp'),
      });
    };
  };
}

function participantReader(out: (PolisParticipant & { line: number })[]): (table: Columns) => (r: CsvRecord) => void {
  return (table) => {
    table.require(['participant', 'group-id', 'n-votes']);
    const seen = new Map<number, number>();
    return (r) => {
      table.check(r);
      const id = table.id(r, 'participant');
      if (seen.has(id)) fail(table.file, r.line, `participant ${id} appears twice (also on line ${seen.get(id)})`);
      seen.set(id, r.line);
      out.push({
        id,
        xid: table.has('xid') ? table.text(r, 'xid') || null : null,
        groupId: table.optionalId(r, 'group-id'),
        nVotes: table.integer(r, 'n-votes', 0, MAX_ID),
        line: r.line,
      });
    };
  };
}

/**
 * `participants-votes.csv` counts each participant's votes (the latest per statement): a count
 * that `votes.csv` does not match means one of the two files was cut short or edited.
 */
function checkParticipantCounts(participants: (PolisParticipant & { line: number })[], votes: Vote[]): void {
  const latest = new Set<string>();
  const counts = new Map<number, number>();
  for (const v of votes) {
    const key = `${v.participantId}:${v.statementId}`;
    if (latest.has(key)) continue;
    latest.add(key);
    counts.set(v.participantId, (counts.get(v.participantId) ?? 0) + 1);
  }
  const listed = new Set<number>();
  for (const p of participants) {
    listed.add(p.id);
    const found = counts.get(p.id) ?? 0;
    if (found !== p.nVotes)
      fail(
        'participants-votes.csv',
        p.line,
        `participant ${p.id} has n-votes ${p.nVotes} but votes.csv holds ${found} of their votes (one of the files is cut short or edited)`,
      );
  }
  for (const id of counts.keys())
    if (!listed.has(id)) fail('participants-votes.csv', 1, `voter-id ${id} votes in votes.csv but is not listed (the file may be cut short)`);
}

/** Reads and checks a Pol.is open-data folder, streaming each file (bounded by `opts.limits`). */
export function readPolisFolder(dir: string, opts: PolisReadOptions = {}): PolisExport {
  return readPolisSource(
    (file) => {
      const full = path.join(dir, file);
      return existsSync(full) ? { path: full } : null;
    },
    dir,
    opts,
  );
}

/**
 * Reads and checks a Pol.is open-data export given as files by name: bytes (an upload, checked to
 * be UTF-8) or text (the JSON API). The same checks and messages as `readPolisFolder`.
 */
export function readPolisFiles(files: ReadonlyMap<string, string | Uint8Array>, opts: PolisReadOptions = {}): PolisExport {
  return readPolisSource(
    (file) => {
      const f = files.get(file);
      return f === undefined ? null : typeof f === 'string' ? { text: f } : { bytes: f };
    },
    'the uploaded files',
    opts,
  );
}

function readPolisSource(source: FileSource, where: string, opts: PolisReadOptions): PolisExport {
  const limits = opts.limits ?? DEFAULT_CSV_LIMITS;
  const statements: PolisStatement[] = [];
  streamTable(source, where, 'comments.csv', true, limits, statementReader(statements));
  const votes: Vote[] = [];
  streamTable(source, where, 'votes.csv', true, limits, voteReader(votes, new Set(statements.map((s) => s.id))));
  const participants: (PolisParticipant & { line: number })[] = [];
  const hasParticipants = streamTable(source, where, 'participants-votes.csv', false, limits, participantReader(participants));
  if (hasParticipants) checkParticipantCounts(participants, votes);
  let summary: Record<string, string> | null = null;
  streamTable(source, where, 'summary.csv', false, limits, (table) => {
    summary = {};
    const add = (r: CsvRecord) => {
      if (r.fields.length < 2) fail('summary.csv', r.line, 'expected "key,value"');
      summary![r.fields[0]] = r.fields[1];
    };
    add({ line: 1, fields: table.header });
    return add;
  });
  return {
    statements,
    votes,
    participants: hasParticipants ? participants.map(({ line: _line, ...p }) => p) : null,
    summary,
  };
}
