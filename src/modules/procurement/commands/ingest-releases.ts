import { createHash } from 'node:crypto';
import { inTransaction, type Db } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { AppError, type FieldReasons } from '../../../kernel/errors.js';
import { compileReleases, sortReleasesByDate } from '../core/merge.js';
import { createPreparePlan, prepareRelease, type PreparePlan } from '../core/prepare.js';
import { readProcessFields } from '../core/process-fields.js';
import { canonicalJson, diffReleases } from '../core/release-diff.js';
import { checkRelease } from '../core/release-checks.js';
import { readCardinalSettings } from '../formats/cardinal-ini.js';
import { findReleases, readOcdsItems, type OcdsIssue, type OcdsLayout } from '../formats/ocds-stream.js';
import type { TextLimits } from '../formats/text-input.js';
import { scheduleRiskRefresh } from '../jobs/risk-refresh.js';
import { loadProcesses, loadReleasesOf } from '../store/releases.js';
import {
  createIngest,
  findConflictingReleases,
  findStoredReleaseKeys,
  finishIngest,
  lockSiteIngest,
  insertNewReleases,
  insertVersions,
  replaceCorrections,
  upsertProcesses,
  type CorrectionWrite,
  type NewRelease,
  type NewVersion,
  type ProcessWrite,
} from '../store/release-writes.js';
import type { IngestSummary } from '../store/tables.js';

type Obj = Record<string, unknown>;

/** At most this many issues are kept in an ingest's summary (the count goes on); an all-or-nothing ingest stops reading after as many. */
export const MAX_ISSUES = 1000;

/** Where an ingest run stands, for progress bars. */
export interface IngestProgress {
  ingestId: string;
  bytes: number;
  items: number;
  releases: number;
  inserted: number;
  duplicates: number;
  issues: number;
}

/** What the releases of a run are attributed to, and the `prepare` plan applied to the compiled releases. */
export interface IngestTarget {
  sourceId: string | null;
  ingestId: string | null;
  plan: PreparePlan;
}

/** The `prepare` plan of a source's Cardinal INI settings (empty settings: Cardinal's defaults). */
export function createSourcePlan(settings: string): PreparePlan {
  return createPreparePlan(readCardinalSettings(settings).prepare);
}

/** An empty summary. */
export function createIngestSummary(): IngestSummary {
  return { items: 0, releases: 0, inserted: 0, duplicates: 0, processesChanged: 0, corrections: 0, skipped: 0, issues: [] };
}

/** The identity of a release: ocid, id, SHA-256 of its canonical JSON. */
export function identifyRelease(input: Obj): NewRelease {
  let text = canonicalJson(input);
  let release = input;
  // PostgreSQL's jsonb cannot hold U+0000; it is dropped from strings (before hashing, so the identity stays stable).
  if (text.includes('\\u0000')) {
    release = JSON.parse(JSON.stringify(input).replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1')) as Obj;
    text = canonicalJson(release);
  }
  const hash = createHash('sha256').update(text).digest('hex');
  return {
    ocid: release.ocid as string,
    releaseId: String(release.id as string | number),
    hash,
    date: typeof release.date === 'string' ? release.date : null,
    tag: Array.isArray(release.tag) ? release.tag.filter((t): t is string => typeof t === 'string') : null,
    data: release,
  };
}

/** Adds an issue to a summary (keeping at most MAX_ISSUES). */
function noteIssue(summary: IngestSummary, issue: { line: number; path?: string; error: string }): void {
  if (summary.issues.length < MAX_ISSUES) summary.issues.push(issue);
}

/**
 * Stores a batch of releases in `db` (a transaction; it takes the site's ingest lock until it ends): inserts the new ones (same ocid + id + hash
 * are skipped), then for every process that got a new release recompiles it by the OCDS merge,
 * writes one version per new release (the fields it changed, in date order), applies the source's
 * `prepare` to the compiled release and logs its corrections per field. Returns what changed.
 */
export async function storeReleases(
  db: Db,
  siteId: string,
  releases: Obj[],
  target: IngestTarget,
  now: Date,
): Promise<{ inserted: number; duplicates: number; processesChanged: number; corrections: number }> {
  return storeIdentifiedReleases(db, siteId, releases.map(identifyRelease), target, now);
}

/** {@link storeReleases} for releases already identified (ocid, id, hash). */
async function storeIdentifiedReleases(
  db: Db,
  siteId: string,
  identified: NewRelease[],
  target: IngestTarget,
  now: Date,
): Promise<{ inserted: number; duplicates: number; processesChanged: number; corrections: number }> {
  const byKey = new Map<string, NewRelease>();
  for (const n of identified) byKey.set(`${n.ocid}\u0000${n.releaseId}\u0000${n.hash}`, n);
  await lockSiteIngest(db, siteId);
  // Ask first which are stored already, so a re-ingest does not ship their data to the database.
  const known = await findStoredReleaseKeys(db, siteId, [...byKey.values()]);
  const candidates = [...byKey].filter(([key]) => !known.has(key)).map(([, r]) => r);
  const inserted = await insertNewReleases(db, siteId, candidates, { sourceId: target.sourceId, ingestId: target.ingestId, now });
  const result = { inserted: inserted.length, duplicates: identified.length - inserted.length, processesChanged: 0, corrections: 0 };
  if (inserted.length === 0) return result;
  const ocids = [...new Set(inserted.map((r) => r.ocid))];
  // Only the releases stored before this batch come from the database; the new ones are in hand.
  const [stored, processes] = await Promise.all([
    loadReleasesOf(
      db,
      siteId,
      ocids,
      inserted.map((r) => r.id),
    ),
    loadProcesses(db, siteId, ocids),
  ]);
  const addedByOcid = new Map<string, { releaseId: string; data: Obj }[]>();
  for (const r of inserted) {
    const n = byKey.get(`${r.ocid}\u0000${r.releaseId}\u0000${r.hash}`)!;
    const list = addedByOcid.get(r.ocid);
    if (list) list.push({ releaseId: r.releaseId, data: n.data });
    else addedByOcid.set(r.ocid, [{ releaseId: r.releaseId, data: n.data }]);
  }
  const versions: NewVersion[] = [];
  const writes: ProcessWrite[] = [];
  const corrections: CorrectionWrite[] = [];
  for (const ocid of ocids) {
    const old = (stored.get(ocid) ?? []).map((r) => r.data);
    const newOnes = addedByOcid.get(ocid) ?? [];
    const added = sortReleasesByDate(newOnes.map((r) => ({ ...r.data, __releaseId: r.releaseId })));
    const process = processes.get(ocid);
    let version = process?.version ?? 0;
    let previous: Obj | null = old.length > 0 ? compileReleases(old) : null;
    const acc = [...old];
    for (const release of added) {
      const { __releaseId: releaseId, ...data } = release as Obj;
      acc.push(data);
      const current = compileReleases(acc);
      version += 1;
      versions.push({
        ocid,
        version,
        releaseId: releaseId as string,
        releaseDate: typeof data.date === 'string' ? data.date : null,
        changes: previous === null ? [] : diffReleases(previous, current),
      });
      previous = current;
    }
    const prepared = prepareRelease(previous ?? {}, 0, target.plan);
    for (const row of prepared.corrections)
      corrections.push({ ocid, path: row.path, indexes: row.indexes, value: row.value, correction: row.error, kind: 'correction' });
    for (const row of prepared.issues)
      corrections.push({ ocid, path: row.path, indexes: row.indexes, value: row.value, correction: row.error, kind: 'issue' });
    result.corrections += prepared.corrections.length;
    const compiled = JSON.parse(JSON.stringify(prepared.release)) as Obj;
    writes.push({
      ocid,
      compiled,
      sourceId: target.sourceId,
      ...readProcessFields(compiled),
      releaseCount: old.length + newOnes.length,
      version,
      changeSeq: 0,
      updatedAt: now,
    });
  }
  const seqs = await insertVersions(db, siteId, versions, { sourceId: target.sourceId, now });
  for (const w of writes) w.changeSeq = seqs.get(w.ocid) ?? 0;
  await upsertProcesses(db, siteId, writes);
  await replaceCorrections(db, siteId, ocids, corrections, { sourceId: target.sourceId, now });
  result.processesChanged = ocids.length;
  return result;
}

/** Options of one ingest run. */
export interface IngestOptions {
  sourceId?: string | null;
  /** The `prepare` settings (Cardinal INI) applied to compiled releases; default none. */
  settings?: string;
  /** What to call the run (a file name, a URL). */
  label: string;
  /** Releases stored per batch (default 500; an item's releases stay in one batch). */
  batchSize?: number;
  /**
   * Store the valid items and refuse only the invalid ones (reported; the run returns with
   * `summary.skipped` > 0). Default: all or nothing, the whole file is refused when any item is.
   */
  keepGoing?: boolean;
  /** The largest line or item read (default {@link DEFAULT_LIMITS}). */
  limits?: TextLimits;
  /** Receives every refused item's problems as they are found (the summary keeps the first {@link MAX_ISSUES}). */
  onIssue?: (issue: OcdsIssue) => void;
  onProgress?: (progress: IngestProgress) => void;
  onLayout?: (layout: OcdsLayout) => void;
}

/** `base` followed by a relative JSON path (`tender.value.amount`, `[0].date`). */
function appendJsonPath(base: string, relative: string): string {
  if (!base) return relative;
  if (!relative) return base;
  return relative.startsWith('[') ? base + relative : `${base}.${relative}`;
}

/** The items read but not stored yet: their releases, identified, with the line and path of each item. */
interface PendingItem {
  line: number;
  path: string;
  releases: { path: string; identity: NewRelease }[];
}

/**
 * Ingests one file (a stream of chunks) into the database: release packages, record packages, JSON
 * lines of releases, compiled releases or records, plain JSON arrays; memory bounded by the batch and
 * the largest item (`limits`), time linear in the input.
 *
 * Policy: a file is ALL OR NOTHING. The batches are written in one transaction, so nothing is
 * visible until the whole file is read; an item (a JSON line, or a release or record of a package)
 * is refused when it is not valid JSON, is too long or too deep, has no ocid or id, gives a release
 * id twice with different content, or holds a value that cannot be read faithfully (see
 * {@link checkRelease}: impossible dates, negative or non-numeric prices, wrong types). One refused
 * item rolls the whole file back: storing stops, reading goes on (to report every problem, up to
 * {@link MAX_ISSUES}), and the run throws `invalid_input` saying nothing was stored. With `keepGoing`
 * the refused items are reported and left out and the valid ones are stored (`summary.skipped`
 * counts the refused items). Input that is not UTF-8, a broken document structure, a file cut short
 * inside a document, or a database error always roll the whole file back. The run is recorded in
 * `procurement_ingests` (status `failed` with its issues when refused).
 */
export async function ingestReleaseStream(
  deps: Deps,
  siteId: string,
  input: AsyncIterable<string | Uint8Array>,
  opts: IngestOptions,
): Promise<{ ingestId: string; summary: IngestSummary; bytes: number }> {
  const sourceId = opts.sourceId ?? null;
  const ingestId = await createIngest(deps.db, siteId, { sourceId, label: opts.label, now: deps.clock.now() });
  const summary = createIngestSummary();
  const progress: IngestProgress = { ingestId, bytes: 0, items: 0, releases: 0, inserted: 0, duplicates: 0, issues: 0 };
  const memoKey = `procurement.ingest.${ingestId}`;
  deps.memo.set(memoKey, progress);
  const target: IngestTarget = { sourceId, ingestId, plan: createSourcePlan(opts.settings ?? '') };
  const batchSize = opts.batchSize ?? 500;
  const keepGoing = opts.keepGoing === true;
  let lastLine = 0;
  /** A refused item: its problems are reported, it counts once. */
  const refuse = (problems: OcdsIssue[]) => {
    summary.skipped += 1;
    for (const issue of problems) {
      progress.issues += 1;
      noteIssue(summary, issue);
      opts.onIssue?.(issue);
    }
  };
  /** In all-or-nothing mode, reading stops once this many problems are known: the file is refused anyway. */
  const enough = () => !keepGoing && progress.issues >= MAX_ISSUES;
  try {
    await inTransaction(deps.db, async (tx) => {
      let batch: PendingItem[] = [];
      let batchReleases = 0;
      const flush = async () => {
        const items = batch;
        batch = [];
        batchReleases = 0;
        // Once an item is refused (all or nothing), the file will be rolled back: nothing more is written.
        if (items.length > 0 && (keepGoing || summary.skipped === 0)) {
          const stored = await refuseConflicts(tx, siteId, ingestId, items, refuse);
          if (stored.length > 0 && (keepGoing || summary.skipped === 0)) {
            const r = await storeIdentifiedReleases(tx, siteId, stored, target, deps.clock.now());
            summary.inserted += r.inserted;
            summary.duplicates += r.duplicates;
            summary.processesChanged += r.processesChanged;
            summary.corrections += r.corrections;
          }
        }
        progress.inserted = summary.inserted;
        progress.duplicates = summary.duplicates;
        opts.onProgress?.({ ...progress });
      };
      const items = readOcdsItems(input, (issue) => refuse([issue]), {
        onBytes: (b) => {
          progress.bytes = b;
        },
        onLayout: opts.onLayout,
        limits: opts.limits,
      });
      for await (const { line, path, value } of items) {
        lastLine = line;
        summary.items += 1;
        progress.items = summary.items;
        const problems: OcdsIssue[] = [];
        const found = findReleases(value, line, (issue) => problems.push(issue), path);
        for (const f of found) for (const p of checkRelease(f.release)) problems.push({ line, path: appendJsonPath(f.path, p.path), error: p.error });
        summary.releases += found.length;
        progress.releases = summary.releases;
        if (problems.length > 0) refuse(problems);
        else if (found.length > 0) {
          batch.push({ line, path, releases: found.map((f) => ({ path: f.path, identity: identifyRelease(f.release) })) });
          batchReleases += found.length;
        }
        if (enough()) break;
        if (batchReleases >= batchSize || (!keepGoing && summary.skipped > 0 && batch.length > 0)) await flush();
      }
      await flush();
      if (!keepGoing && summary.skipped > 0) {
        const first = summary.issues[0];
        const stopped = enough() ? `; reading stopped at line ${lastLine} after ${MAX_ISSUES} problems` : '';
        throw new AppError(
          'invalid_input',
          `${summary.skipped} ${summary.skipped === 1 ? 'item was' : 'items were'} refused (first: ${describeIssue(first)})${stopped}. ` +
            'A file is stored whole or not at all: fix the file, or store only its valid items (--keep-going; keepGoing=true in the API).',
          {
            fields: { file: describeIssue(first) },
            reasons: { file: { reason: 'items_refused', values: { count: summary.skipped, detail: describeIssue(first) } } },
            details: { issues: summary.issues.slice(0, 100) },
          },
        );
      }
      // The risk assessment of the changed processes is refreshed by a job, queued with the data it reads.
      if (summary.processesChanged > 0) await scheduleRiskRefresh(tx, deps.clock, siteId);
    });
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    summary.issues.sort((a, b) => a.line - b.line);
    await finishIngest(deps.db, siteId, ingestId, { status: 'failed', bytes: progress.bytes, summary, error, now: deps.clock.now() });
    deps.memo.delete(memoKey);
    const message = `Nothing was stored from ${opts.label}: ${error}`;
    // Coded for pages: nothing was stored from the file, and why (the reader's detail stays the source's words).
    const reason = { reason: 'nothing_stored', values: { file: opts.label } };
    if (e instanceof AppError) {
      // A file the readers refused (bad JSON, too deep...) says so, with the reader's detail.
      const unreadable: FieldReasons =
        e.fields.file && !e.reasons.file ? { file: { reason: 'unreadable_file', values: { detail: e.fields.file } } } : {};
      throw new AppError(e.code, message, { fields: e.fields, reasons: { ...unreadable, ...e.reasons }, reason, details: e.details });
    }
    throw new AppError('invalid_input', message, {
      fields: { file: error },
      reasons: { file: { reason: 'unreadable_file', values: { detail: error } } },
      reason,
    });
  }
  summary.issues.sort((a, b) => a.line - b.line);
  await finishIngest(deps.db, siteId, ingestId, { status: 'done', bytes: progress.bytes, summary, now: deps.clock.now() });
  deps.memo.delete(memoKey);
  return { ingestId, summary, bytes: progress.bytes };
}

/** `line 17 releases[0].tender.value.amount: must be ...`, as messages and the command line give an issue. */
export function describeIssue(issue: { line: number; path?: string; error: string }): string {
  return `line ${issue.line}${issue.path ? ` ${issue.path}` : ''}: ${issue.error}`;
}

/**
 * Refuses the items of a batch that give a release id twice with different content (within the
 * batch, or against an earlier batch of the same ingest); returns the releases of the others.
 */
async function refuseConflicts(
  db: Db,
  siteId: string,
  ingestId: string,
  items: PendingItem[],
  refuse: (problems: OcdsIssue[]) => void,
): Promise<NewRelease[]> {
  const earlier = await findConflictingReleases(
    db,
    siteId,
    ingestId,
    items.flatMap((i) => i.releases.map((r) => r.identity)),
  );
  const seen = new Map<string, { hash: string; line: number }>();
  const out: NewRelease[] = [];
  for (const item of items) {
    const problems: OcdsIssue[] = [];
    for (const { path, identity } of item.releases) {
      const key = `${identity.ocid}\u0000${identity.releaseId}`;
      const before = seen.get(key);
      const at = appendJsonPath(path, 'id');
      const what = `release id ${JSON.stringify(identity.releaseId)} of ocid ${JSON.stringify(identity.ocid)} is given`;
      if (earlier.has(key))
        problems.push({
          line: item.line,
          path: at,
          error: `${what} earlier in this file with different content (a release id is unique within its ocid)`,
        });
      else if (before && before.hash !== identity.hash)
        problems.push({
          line: item.line,
          path: at,
          error: `${what} at line ${before.line} too, with different content (a release id is unique within its ocid)`,
        });
      else if (!before) seen.set(key, { hash: identity.hash, line: item.line });
    }
    if (problems.length > 0) refuse(problems);
    else out.push(...item.releases.map((r) => r.identity));
  }
  return out;
}

/** The live progress of a running ingest in this process, or undefined. */
export function readIngestProgress(deps: Deps, ingestId: string): IngestProgress | undefined {
  return deps.memo.get(`procurement.ingest.${ingestId}`) as IngestProgress | undefined;
}
