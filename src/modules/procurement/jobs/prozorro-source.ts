import { inTransaction } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { scheduleRiskRefresh } from './risk-refresh.js';
import { createIngestSummary, createSourcePlan, storeReleases } from '../commands/ingest-releases.js';
import { checkRelease } from '../core/release-checks.js';
import { mapProzorroTender } from '../formats/prozorro.js';
import { createIngest, finishIngest } from '../store/release-writes.js';
import { findSource, saveSourceState } from '../store/sources.js';
import type { IngestSummary, SourceRow, SourceState } from '../store/tables.js';
import { DEFAULT_RETRY, fetchJsonWithBackoff, HttpStatusError, type RetryPolicy } from './http-fetch.js';

type Obj = Record<string, unknown>;

/** One page of ProZorro's tenders feed (`GET /tenders?feed=changes`): ids with their dateModified, and the cursors of the pages around it. */
interface FeedPage {
  data: { id: string; dateModified?: string }[];
  next_page?: { offset?: string | number };
  prev_page?: { offset?: string | number };
}

function readFeedPage(value: unknown, url: string): FeedPage {
  const page = value as FeedPage;
  if (typeof value !== 'object' || value === null || !Array.isArray(page.data)) throw new Error(`${url}: not a tenders feed page (no data array)`);
  for (const item of page.data) if (typeof item?.id !== 'string') throw new Error(`${url}: a feed item without an id`);
  return page;
}

function offsetOf(cursor: { offset?: string | number } | undefined): string | null {
  return cursor?.offset === undefined || cursor.offset === null ? null : String(cursor.offset);
}

/** Options of one crawl: pages per direction, page size, retry policy. */
export interface CrawlOptions {
  maxPages?: number;
  limit?: number;
  retry?: RetryPolicy;
}

/** The outcome of one crawl run. */
export interface CrawlResult {
  pages: number;
  /** More pages are waiting (forward not caught up, or history not finished). */
  more: boolean;
  summary: IngestSummary;
}

/**
 * One run of a ProZorro API 2.5 source (`source.url` = the API root, e.g. `https://public-api.prozorro.gov.ua/api/2.5`, optionally `?limit=N` for the page size):
 * the first run reads the newest page backwards (`descending=1`) and keeps `prev_page` as the forward
 * cursor; later runs read forward from that cursor (new changes) until an empty page, then go on
 * backwards through history from the saved backward cursor until an empty page. Each page's tenders
 * are fetched in full (`GET /tenders/{id}`), mapped to OCDS and stored in one transaction with the
 * new cursor, so a crash loses at most the page in hand and a restart goes on from the saved cursor
 * (a page read twice stores nothing twice: releases are deduplicated). Requests back off on 429 and errors.
 */
export async function crawlProzorro(deps: Deps, siteId: string, sourceId: string, opts: CrawlOptions = {}): Promise<CrawlResult> {
  const source = await findSource(deps.db, siteId, sourceId);
  if (!source || source.kind !== 'prozorro' || !source.url) throw new Error(`source ${sourceId} is not a ProZorro source`);
  // The API root; a `limit` query parameter on it sets the page size (default 100, the API's maximum).
  const root = new URL(source.url);
  const limitParam = Number(root.searchParams.get('limit'));
  root.search = '';
  const base = root.toString().replace(/\/+$/, '');
  const limit = opts.limit ?? (Number.isInteger(limitParam) && limitParam > 0 && limitParam <= 1000 ? limitParam : 100);
  const maxPages = opts.maxPages ?? 20;
  const retry = opts.retry ?? DEFAULT_RETRY;
  const plan = createSourcePlan(source.settings);
  const ingestId = await createIngest(deps.db, siteId, { sourceId, label: `${source.name}: ${base}`, now: deps.clock.now() });
  const summary = createIngestSummary();
  let state: SourceState = { ...source.state };
  let pages = 0;
  let forwardDone = false;

  const storePage = async (page: FeedPage, next: SourceState) => {
    const releases: Obj[] = [];
    for (const item of page.data) {
      summary.items += 1;
      const url = `${base}/tenders/${encodeURIComponent(item.id)}`;
      let body: { data?: Obj };
      try {
        body = (await fetchJsonWithBackoff(url, retry)) as { data?: Obj };
      } catch (e) {
        // A tender the feed lists but the API no longer serves (404, 410) is noted and passed over; other failures stop the page.
        if (!(e instanceof HttpStatusError) || (e.status !== 404 && e.status !== 410)) throw e;
        summary.skipped += 1;
        if (summary.issues.length < 1000) summary.issues.push({ line: 0, path: `tenders/${item.id}`, error: e.message });
        continue;
      }
      try {
        if (typeof body?.data !== 'object' || body.data === null) throw new Error('no data object');
        const release = mapProzorroTender(body.data);
        // The rules of the file ingest (dates, amounts, types); a tender that breaks them is noted and passed over, as one
        // bad tender must not hold the feed back (the page and its cursor are still stored whole).
        const problems = checkRelease(release);
        if (problems.length > 0) {
          summary.skipped += 1;
          for (const p of problems)
            if (summary.issues.length < 1000) summary.issues.push({ line: 0, path: `tenders/${item.id} ${p.path}`, error: p.error });
          continue;
        }
        releases.push(release);
      } catch (e) {
        summary.skipped += 1;
        if (summary.issues.length < 1000) summary.issues.push({ line: 0, path: `tenders/${item.id}`, error: (e as Error).message });
      }
    }
    summary.releases += releases.length;
    await inTransaction(deps.db, async (tx) => {
      const r = await storeReleases(tx, siteId, releases, { sourceId, ingestId, plan }, deps.clock.now());
      summary.inserted += r.inserted;
      summary.duplicates += r.duplicates;
      summary.processesChanged += r.processesChanged;
      summary.corrections += r.corrections;
      if (r.processesChanged > 0) await scheduleRiskRefresh(tx, deps.clock, siteId);
      await saveSourceState(tx, siteId, sourceId, { ...next, runs: (next.runs ?? 0) + 1 }, deps.clock.now());
    });
    state = { ...next, runs: (next.runs ?? 0) + 1 };
    pages += 1;
  };

  try {
    if (state.forwardOffset === undefined && state.backwardOffset === undefined) {
      const url = `${base}/tenders?feed=changes&descending=1&limit=${limit}`;
      const page = readFeedPage(await fetchJsonWithBackoff(url, retry), url);
      await storePage(page, {
        ...state,
        forwardOffset: offsetOf(page.prev_page),
        backwardOffset: offsetOf(page.next_page),
        backwardDone: page.data.length === 0,
      });
    }
    // Forward: new changes since the saved cursor.
    while (pages < maxPages) {
      if (state.forwardOffset === null || state.forwardOffset === undefined) {
        forwardDone = true;
        break;
      }
      const url = `${base}/tenders?feed=changes&limit=${limit}&offset=${encodeURIComponent(state.forwardOffset)}`;
      const page = readFeedPage(await fetchJsonWithBackoff(url, retry), url);
      if (page.data.length === 0) {
        forwardDone = true;
        break;
      }
      await storePage(page, { ...state, forwardOffset: offsetOf(page.next_page) ?? state.forwardOffset });
    }
    // Backward: history, from the saved cursor to the oldest tender.
    while (pages < maxPages && !state.backwardDone) {
      if (state.backwardOffset === null || state.backwardOffset === undefined) {
        state = { ...state, backwardDone: true };
        await saveSourceState(deps.db, siteId, sourceId, state, deps.clock.now());
        break;
      }
      const url = `${base}/tenders?feed=changes&descending=1&limit=${limit}&offset=${encodeURIComponent(state.backwardOffset)}`;
      const page = readFeedPage(await fetchJsonWithBackoff(url, retry), url);
      if (page.data.length === 0) {
        state = { ...state, backwardDone: true };
        await saveSourceState(deps.db, siteId, sourceId, state, deps.clock.now());
        break;
      }
      await storePage(page, { ...state, backwardOffset: offsetOf(page.next_page) });
    }
  } catch (e) {
    await finishIngest(deps.db, siteId, ingestId, { status: 'failed', bytes: 0, summary, error: (e as Error).message, now: deps.clock.now() });
    throw e;
  }
  await finishIngest(deps.db, siteId, ingestId, { status: 'done', bytes: 0, summary, now: deps.clock.now() });
  return { pages, more: !forwardDone || !state.backwardDone, summary };
}

/** The source's saved feed position (for tests and the admin page). */
export function describeProzorroState(source: SourceRow): string {
  const s = source.state;
  return `forward ${s.forwardOffset ?? '-'}, backward ${s.backwardDone ? 'done' : (s.backwardOffset ?? '-')}`;
}
