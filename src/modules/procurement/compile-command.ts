import { createReadStream, statSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../kernel/errors.js';
import { compileReleases } from './core/merge.js';
import type { LineIssue } from './formats/json-lines.js';
import { readOcdsItems, type OcdsIssue } from './formats/ocds-stream.js';
import { DEFAULT_MAX_ITEM_MIB, readLimitsOption, type TextLimits } from './formats/text-input.js';

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

/**
 * Compiles a file of release packages, record packages, records, a JSON array, or JSON lines of
 * releases, read by the ingest's streaming reader (so the same limits apply: UTF-8 only, lines and
 * items up to `limits`, bounded nesting). A malformed line or item is reported and skipped; input that
 * is not UTF-8 text or a broken document throws `invalid_input`, and so does a file none of whose
 * items could be read. Releases of one ocid are held until the end, as a later line may update them.
 */
export async function compileFile(file: string, onIssue: (issue: LineIssue) => void, opts: { limits?: TextLimits } = {}): Promise<Obj[]> {
  const compiler = new Compiler(onIssue);
  let items = 0;
  let refused: OcdsIssue | null = null;
  const report = (issue: OcdsIssue) => {
    refused ??= issue;
    onIssue(issue.path ? { line: issue.line, error: `${issue.path}: ${issue.error}` } : issue);
  };
  try {
    for await (const { line, value } of readOcdsItems(createReadStream(file), report, { limits: opts.limits })) {
      items += 1;
      compiler.add(value, line);
    }
  } catch (e) {
    if (e instanceof AppError) throw new AppError(e.code, `${file}: ${e.message}`, { fields: e.fields });
    throw new AppError('invalid_input', `cannot read ${file}: ${(e as Error).message}`, { fields: { file: 'unreadable' } });
  }
  if (items === 0 && refused !== null) {
    const first: OcdsIssue = refused;
    throw new AppError('invalid_input', `${file} holds no readable JSON item (line ${first.line}: ${first.error})`, {
      fields: { file: `line ${first.line}: ${first.error}` },
    });
  }
  return [...compiler.finish()];
}

/** Adds `polity procurement compile FILE`: one compiled release per line on standard output. */
export function registerCompileCommand(procurement: Command): void {
  procurement
    .command('compile')
    .description('merge OCDS releases into compiled releases (OCDS 1.1 merge rules), one JSON object per line')
    .argument('<file>', 'release packages, record packages, a JSON array, or JSON lines of releases (UTF-8)')
    .option('--max-item-size <MiB>', `the longest JSON line, release or record read, in MiB (default ${DEFAULT_MAX_ITEM_MIB})`)
    .action(async (file: string, opts: { maxItemSize?: string }) => {
      const limits = readLimitsOption(opts.maxItemSize);
      try {
        if (!statSync(file).isFile()) throw new Error('not a file');
      } catch (e) {
        throw new AppError('invalid_input', `cannot read ${file}: ${(e as Error).message}`, { fields: { file: 'unreadable' } });
      }
      const compiled = await compileFile(file, (issue) => void process.stderr.write(`line ${issue.line}: ${issue.error}\n`), { limits });
      for (const release of compiled) process.stdout.write(JSON.stringify(release) + '\n');
    });
}
