import { createHash } from 'node:crypto';
import { inTransaction, type Db } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import { compileReleases, sortReleasesByDate } from '../core/merge.js';
import { createPreparePlan, prepareRelease, type PreparePlan } from '../core/prepare.js';
import { readProcessFields } from '../core/process-fields.js';
import { canonicalJson, diffReleases } from '../core/release-diff.js';
import { findTypeIssues } from '../core/release-types.js';
import { readCardinalSettings } from '../formats/cardinal-ini.js';
import { extractReleases, readOcdsItems, type OcdsLayout } from '../formats/ocds-stream.js';
import { scheduleRiskRefresh } from '../jobs/risk-refresh.js';
import { loadProcesses, loadReleasesOf } from '../store/releases.js';
import {
  createIngest,
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

/** At most this many issues are kept in an ingest's summary (the count goes on). */
const MAX_ISSUES = 1000;

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
  const byKey = new Map<string, NewRelease>();
  for (const r of releases) {
    const n = identifyRelease(r);
    byKey.set(`${n.ocid}\u0000${n.releaseId}\u0000${n.hash}`, n);
  }
  await lockSiteIngest(db, siteId);
  // Ask first which are stored already, so a re-ingest does not ship their data to the database.
  const known = await findStoredReleaseKeys(db, siteId, [...byKey.values()]);
  const candidates = [...byKey].filter(([key]) => !known.has(key)).map(([, r]) => r);
  const inserted = await insertNewReleases(db, siteId, candidates, { sourceId: target.sourceId, ingestId: target.ingestId, now });
  const result = { inserted: inserted.length, duplicates: releases.length - inserted.length, processesChanged: 0, corrections: 0 };
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
  /** Releases stored per batch (default 500). */
  batchSize?: number;
  onProgress?: (progress: IngestProgress) => void;
  onLayout?: (layout: OcdsLayout) => void;
}

/**
 * Ingests one file (a stream of chunks) into the database, all or nothing: release packages, record
 * packages, JSON lines of releases, compiled releases or records, plain JSON arrays; memory bounded
 * by the largest item. Malformed lines and items without an ocid or id are reported with their line
 * (and JSON path) and skipped; wrongly typed fields are reported with their path and kept. A broken
 * document or a database error rolls the whole file back. The run is recorded in `procurement_ingests`.
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
  const report = (issue: { line: number; path?: string; error: string }) => {
    progress.issues += 1;
    noteIssue(summary, issue);
  };
  try {
    await inTransaction(deps.db, async (tx) => {
      let batch: Obj[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const r = await storeReleases(tx, siteId, batch, target, deps.clock.now());
        summary.inserted += r.inserted;
        summary.duplicates += r.duplicates;
        summary.processesChanged += r.processesChanged;
        summary.corrections += r.corrections;
        progress.inserted = summary.inserted;
        progress.duplicates = summary.duplicates;
        batch = [];
        opts.onProgress?.({ ...progress });
      };
      const items = readOcdsItems(input, report, {
        onBytes: (b) => {
          progress.bytes = b;
        },
        onLayout: opts.onLayout,
      });
      for await (const { line, value } of items) {
        summary.items += 1;
        progress.items = summary.items;
        const before = progress.issues;
        const releases = extractReleases(value, line, report);
        if (releases.length === 0 && progress.issues > before) summary.skipped += 1;
        for (const release of releases) {
          for (const t of findTypeIssues(release)) report({ line, path: t.path, error: `expected ${t.expected}, got ${t.actual}` });
          batch.push(release);
          summary.releases += 1;
          progress.releases = summary.releases;
          if (batch.length >= batchSize) await flush();
        }
      }
      await flush();
      // The risk assessment of the changed processes is refreshed by a job, queued with the data it reads.
      if (summary.processesChanged > 0) await scheduleRiskRefresh(tx, deps.clock, siteId);
    });
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await finishIngest(deps.db, siteId, ingestId, { status: 'failed', bytes: progress.bytes, summary, error, now: deps.clock.now() });
    deps.memo.delete(memoKey);
    if (e instanceof AppError) throw e;
    throw new AppError('invalid_input', `Nothing was ingested from ${opts.label}: ${error}`, { fields: { file: error } });
  }
  summary.issues.sort((a, b) => a.line - b.line);
  await finishIngest(deps.db, siteId, ingestId, { status: 'done', bytes: progress.bytes, summary, now: deps.clock.now() });
  deps.memo.delete(memoKey);
  return { ingestId, summary, bytes: progress.bytes };
}

/** The live progress of a running ingest in this process, or undefined. */
export function readIngestProgress(deps: Deps, ingestId: string): IngestProgress | undefined {
  return deps.memo.get(`procurement.ingest.${ingestId}`) as IngestProgress | undefined;
}
