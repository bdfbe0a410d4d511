import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { AppError } from '../../kernel/errors.js';
import { compileReleases } from './core/merge.js';
import { readJsonLines, type LineIssue } from './formats/json-lines.js';

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A record's embedded release is a full release (not a linked one: `{url, date, tag}` only). */
function isEmbeddedRelease(r: unknown): r is Obj {
  return isObject(r) && typeof r.ocid === 'string' && !(Object.hasOwn(r, 'url') && Object.keys(r).length <= 3);
}

/**
 * Groups releases by `ocid` in order of first appearance and compiles each group. Records contribute
 * their embedded releases; a record whose releases are only linked contributes its own `compiledRelease`.
 * Anything else is reported (`onIssue`) and skipped.
 */
export class Compiler {
  private readonly groups = new Map<string, Obj[] | Obj>();
  /** @param onIssue receives each item that is neither a release nor a record */
  constructor(private readonly onIssue: (issue: LineIssue) => void) {}

  /** Adds one release, record or package; `line` locates it in reports. */
  add(value: unknown, line: number): void {
    if (!isObject(value)) return this.onIssue({ line, error: 'not a JSON object' });
    if (Array.isArray(value.records)) return value.records.forEach((r) => this.add(r, line));
    if (Array.isArray(value.releases) && !Object.hasOwn(value, 'ocid') && !Object.hasOwn(value, 'compiledRelease'))
      return value.releases.forEach((r) => this.add(r, line));
    if (Array.isArray(value.releases)) {
      const embedded = value.releases.filter(isEmbeddedRelease);
      if (embedded.length > 0) return embedded.forEach((r) => this.add(r, line));
      if (isObject(value.compiledRelease) && typeof value.compiledRelease.ocid === 'string') {
        this.groups.set(value.compiledRelease.ocid, value.compiledRelease);
        return;
      }
      return this.onIssue({ line, error: 'record without embedded releases or compiledRelease' });
    }
    if (typeof value.ocid !== 'string') return this.onIssue({ line, error: 'release without a string ocid' });
    const group = this.groups.get(value.ocid);
    if (Array.isArray(group)) group.push(value);
    else this.groups.set(value.ocid, [value]);
  }

  /** The compiled releases, one per ocid, in order of first appearance. */
  *finish(): Generator<Obj> {
    for (const group of this.groups.values()) yield Array.isArray(group) ? compileReleases(group) : group;
  }
}

/** True when the file's first non-blank line is a JSON object on its own that is not a package (so: JSON lines). */
async function isJsonLinesOfReleases(file: string): Promise<boolean> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  try {
    for await (const text of lines) {
      if (text.trim() === '') continue;
      try {
        const value: unknown = JSON.parse(text);
        return isObject(value) && !Array.isArray(value.records) && !(Array.isArray(value.releases) && !Object.hasOwn(value, 'ocid'));
      } catch {
        return false;
      }
    }
    return false;
  } finally {
    lines.close();
  }
}

/**
 * Compiles a file of release packages, record packages, records, a JSON array, or JSON lines of
 * releases. JSON lines are streamed line by line (a malformed line is reported and skipped); other
 * files are parsed whole. Releases of one ocid are held until the end, as a later line may update them.
 */
export async function compileFile(file: string, onIssue: (issue: LineIssue) => void): Promise<Obj[]> {
  const compiler = new Compiler(onIssue);
  if (await isJsonLinesOfReleases(file)) {
    for await (const { line, value } of readJsonLines(createReadStream(file, { encoding: 'utf8' }), onIssue)) compiler.add(value, line);
  } else {
    let whole: unknown;
    try {
      whole = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new AppError('invalid_input', `${file} is neither JSON lines nor one JSON document: ${(e as Error).message}`, {
        fields: { file: 'invalid JSON' },
      });
    }
    if (Array.isArray(whole)) whole.forEach((item) => compiler.add(item, 1));
    else compiler.add(whole, 1);
  }
  return [...compiler.finish()];
}

/** Adds `polity procurement compile FILE`: one compiled release per line on standard output. */
export function registerCompileCommand(procurement: Command): void {
  procurement
    .command('compile')
    .description('merge OCDS releases into compiled releases (OCDS 1.1 merge rules), one JSON object per line')
    .argument('<file>', 'release packages, record packages, a JSON array, or JSON lines of releases')
    .action(async (file: string) => {
      try {
        if (!statSync(file).isFile()) throw new Error('not a file');
      } catch (e) {
        throw new AppError('invalid_input', `cannot read ${file}: ${(e as Error).message}`, { fields: { file: 'unreadable' } });
      }
      const compiled = await compileFile(file, (issue) => void process.stderr.write(`line ${issue.line}: ${issue.error}\n`));
      for (const release of compiled) process.stdout.write(JSON.stringify(release) + '\n');
    });
}
