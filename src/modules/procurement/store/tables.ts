import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

type Obj = Record<string, unknown>;

/** What a source is: a URL polled on a schedule, ProZorro's API 2.5 tenders feed, or admin uploads. */
export type SourceKind = 'url' | 'prozorro' | 'upload';

/** A live source's saved position: ProZorro's feed cursors, a URL's validators. Read and written only in the same transaction as the data it covers. */
export interface SourceState {
  /** ProZorro: the offset of the next page going forward (new changes). */
  forwardOffset?: string | null;
  /** ProZorro: the offset of the next page going backward through history. */
  backwardOffset?: string | null;
  /** ProZorro: the backward crawl reached the oldest tender. */
  backwardDone?: boolean;
  /** URL: the ETag / Last-Modified of the last fetch. */
  etag?: string | null;
  lastModified?: string | null;
  /** Pages or fetches done so far (for the admin page). */
  runs?: number;
  /** The queued poll job that owns this source; any other poll job of it has been superseded and does nothing. */
  jobId?: string | null;
  /** Failed runs in a row (back-off grows with it; reset by a good run). */
  failures?: number;
}

/** Where releases come from: a name, a kind, the `prepare` corrections applied to what it brings, and where a live source stands. */
export const procurementSources = pgTable(
  'procurement_sources',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull().$type<SourceKind>(),
    url: text('url'),
    /** Cardinal's INI settings; its `prepare` sections are applied to every compiled release of this source. */
    settings: text('settings').notNull().default(''),
    /** Seconds between polls of a live source. */
    intervalSeconds: integer('interval_seconds').notNull().default(3600),
    enabled: boolean('enabled').notNull().default(true),
    state: jsonb('state').notNull().$type<SourceState>().default({}),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('procurement_sources_site_name').on(t.siteId, t.name)],
);

/** Every distinct release received, once per (ocid, release id, content hash): re-ingesting the same release adds nothing. */
export const procurementReleases = pgTable(
  'procurement_releases',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    ocid: text('ocid').notNull(),
    releaseId: text('release_id').notNull(),
    /** SHA-256 of the release's canonical JSON (keys sorted). */
    hash: text('hash').notNull(),
    date: text('date'),
    tag: jsonb('tag').$type<string[]>(),
    sourceId: uuid('source_id'),
    ingestId: uuid('ingest_id'),
    data: jsonb('data').notNull().$type<Obj>(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('procurement_releases_identity').on(t.siteId, t.ocid, t.releaseId, t.hash),
    index('procurement_releases_ocid').on(t.siteId, t.ocid, t.seq),
  ],
);

/** One contracting process: its compiled release (OCDS 1.1 merge, then the source's `prepare`), and columns to filter lists by. */
export const procurementProcesses = pgTable(
  'procurement_processes',
  {
    siteId: uuid('site_id').notNull(),
    ocid: text('ocid').notNull(),
    compiled: jsonb('compiled').notNull().$type<Obj>(),
    sourceId: uuid('source_id'),
    title: text('title'),
    buyerId: text('buyer_id'),
    buyerName: text('buyer_name'),
    status: text('status'),
    procurementMethod: text('procurement_method'),
    procurementMethodDetails: text('procurement_method_details'),
    /** tender.value.amount (else the sum of active awards' values). */
    amount: doublePrecision('amount'),
    currency: text('currency'),
    /** The compiled release's `date` (the latest release's date). */
    date: text('date'),
    releaseCount: integer('release_count').notNull(),
    version: integer('version').notNull(),
    /** The `seq` of the latest version row: increases on every change, so readers can follow changes with `listCompiledReleases({after})`. */
    changeSeq: bigint('change_seq', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.ocid] }),
    index('procurement_processes_change').on(t.siteId, t.changeSeq),
    index('procurement_processes_date').on(t.siteId, t.date, t.ocid),
    index('procurement_processes_buyer').on(t.siteId, t.buyerId),
    // The public search filters by status and by value.
    index('procurement_processes_status').on(t.siteId, t.status, t.date),
    index('procurement_processes_amount').on(t.siteId, t.amount),
  ],
);

/** One field's change between two versions of a compiled release (JSON Pointer path; `before`/`after` absent when the field was added/removed). */
export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** The version history of a process: which fields each new release changed in the compiled release, and when. */
export const procurementVersions = pgTable(
  'procurement_versions',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    siteId: uuid('site_id').notNull(),
    ocid: text('ocid').notNull(),
    version: integer('version').notNull(),
    releaseId: text('release_id').notNull(),
    releaseDate: text('release_date'),
    sourceId: uuid('source_id'),
    changes: jsonb('changes').notNull().$type<FieldChange[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('procurement_versions_ocid').on(t.siteId, t.ocid, t.version)],
);

/** Every correction `prepare` made to a process's current compiled release, per field (replaced on each recompile). */
export const procurementCorrections = pgTable(
  'procurement_corrections',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    ocid: text('ocid').notNull(),
    sourceId: uuid('source_id'),
    path: text('path').notNull(),
    indexes: text('indexes').notNull(),
    value: text('value').notNull(),
    correction: text('correction').notNull(),
    /** `correction` (a change made) or `issue` (a quality problem reported, left as is). */
    kind: text('kind').notNull().$type<'correction' | 'issue'>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('procurement_corrections_ocid').on(t.siteId, t.ocid)],
);

/** Counts and problems of one ingest run (a file, an upload, a page of a live source). */
export interface IngestSummary {
  items: number;
  releases: number;
  inserted: number;
  duplicates: number;
  processesChanged: number;
  corrections: number;
  skipped: number;
  issues: { line: number; path?: string; error: string }[];
}

/** One ingest run and its outcome. */
export const procurementIngests = pgTable(
  'procurement_ingests',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    sourceId: uuid('source_id'),
    label: text('label').notNull(),
    status: text('status').notNull().$type<'running' | 'done' | 'failed'>(),
    bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
    summary: jsonb('summary').$type<IngestSummary>(),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('procurement_ingests_site').on(t.siteId, t.startedAt)],
);

export type SourceRow = typeof procurementSources.$inferSelect;
export type ReleaseRow = typeof procurementReleases.$inferSelect;
export type ProcessRow = typeof procurementProcesses.$inferSelect;
export type VersionRow = typeof procurementVersions.$inferSelect;
export type CorrectionRow = typeof procurementCorrections.$inferSelect;
export type IngestRow = typeof procurementIngests.$inferSelect;
