import type { Deps } from '../../../db/context.js';
import { decodeCursor, encodeCursor } from '../../../kernel/pagination.js';
import {
  buildFacetIndex,
  pageAfter,
  positionOf,
  sortItems,
  searchFacetIndex,
  type FacetCount,
  type FacetDefs,
  type FacetIndex,
  type Filters,
  type Rankable,
  type SortOrder,
} from '../core/facets.js';
import { CASE_FACETS, POST_FACETS, type CaseSearchRecord, type PostSearchRecord } from '../core/search.js';
import { listCaseSearchRecords, loadCaseStudies } from '../store/case-studies.js';
import { listPostSearchRecords, loadPosts } from '../store/posts.js';
import { readRevision } from '../store/revisions.js';
import { matchText } from '../store/search-docs.js';
import type { CaseStudyRow, PostRow } from '../store/tables.js';

export interface SearchParams {
  q?: string;
  filters?: Filters;
  /** Default: relevance when there is a query, else date. */
  sort?: SortOrder;
  /** API paging: the nextCursor of the previous page. */
  cursor?: string | null;
  /** Page paging (the UI's page links): items to skip. Ignored when a cursor is given. */
  offset?: number;
  limit?: number;
  /** The reader's language, whose text-search configuration parses `q`. */
  locale: string;
  /** Which statuses to include: ['published'] for the public (the default), all for editors. */
  statuses?: string[];
}

export interface SearchResult<T> {
  items: T[];
  total: number;
  facets: Record<string, FacetCount[]>;
  nextCursor: string | null;
  sort: SortOrder;
}

/** A site's searchable records in date order, with their facet index and positions by id. */
interface Catalogue<R> {
  records: R[];
  index: FacetIndex;
  positionOf: Map<string, number>;
}

/**
 * A site's catalogue, from this process's memo while the site's library revision is unchanged
 * (one primary-key read), else reloaded and indexed. Every write bumps the revision in its own
 * transaction, so a search never sees a stale catalogue, whichever process wrote.
 */
async function cachedCatalogue<R extends Rankable>(
  deps: Deps,
  siteId: string,
  kind: 'case' | 'post',
  statuses: string[],
  defs: FacetDefs<R>,
  load: (db: Deps['db'], siteId: string, statuses: string[]) => Promise<Omit<R, 'rank'>[]>,
): Promise<Catalogue<R>> {
  const key = `library:${kind}:${siteId}:${[...statuses].sort().join(',')}`;
  const revision = await readRevision(deps.db, siteId, kind);
  const hit = deps.memo.get(key) as { revision: number; catalogue: Catalogue<R> } | undefined;
  if (hit && hit.revision === revision) return hit.catalogue;
  // Kept in date order, so a date-ordered search needs no sort: filtering keeps the order.
  const records = sortItems(
    (await load(deps.db, siteId, statuses)).map((r) => ({ ...r, rank: 0 }) as R),
    'date',
  );
  const catalogue = { records, index: buildFacetIndex(records, defs), positionOf: new Map(records.map((r, i) => [r.id, i])) };
  deps.memo.set(key, { revision, catalogue });
  return catalogue;
}

function cursorPosition(cursor: string): [number, number, string] {
  const [a, b, c] = decodeCursor(cursor, 3);
  if (typeof a !== 'number' || typeof b !== 'number' || typeof c !== 'string') decodeCursor('', 3);
  return [a as number, b as number, c as string];
}

async function runSearch<R extends Rankable & { id: string }>(
  catalogue: Catalogue<R>,
  ranks: Map<string, number> | null,
  params: SearchParams,
): Promise<{ ids: string[]; total: number; facets: Record<string, FacetCount[]>; nextCursor: string | null; sort: SortOrder }> {
  const q = params.q?.trim();
  let positions: number[] | null = null;
  if (ranks) {
    positions = [];
    for (const id of ranks.keys()) {
      const at = catalogue.positionOf.get(id);
      if (at !== undefined) positions.push(at);
    }
    positions.sort((a, b) => a - b);
  }
  const { facets, matches } = searchFacetIndex(catalogue.index, positions, params.filters ?? {});
  const sort: SortOrder = params.sort ?? (q ? 'relevance' : 'date');
  const filtered = matches.map((i) => (ranks ? { ...catalogue.records[i], rank: ranks.get(catalogue.records[i].id) ?? 0 } : catalogue.records[i]));
  const hits = sort === 'date' ? filtered : sortItems(filtered, sort);
  const limit = params.limit ?? 20;
  let page: R[];
  let next: [number, number, string] | null;
  if (params.cursor) {
    ({ items: page, next } = pageAfter(hits, sort, cursorPosition(params.cursor), limit));
  } else {
    const offset = params.offset ?? 0;
    page = hits.slice(offset, offset + limit);
    next = offset + limit < hits.length && page.length ? positionOf(page[page.length - 1], sort) : null;
  }
  return { ids: page.map((p) => p.id), total: hits.length, facets, nextCursor: next ? encodeCursor(next) : null, sort };
}

/**
 * Full-text and faceted search of case studies: `q` in any language of the content, facet
 * filters (AND across facets, OR within one), counts per facet value, relevance or date order,
 * cursor or offset paging. The public sees published case studies only.
 */
export async function searchCaseStudies(deps: Deps, siteId: string, params: SearchParams): Promise<SearchResult<CaseStudyRow>> {
  const catalogue = await cachedCatalogue<CaseSearchRecord>(
    deps,
    siteId,
    'case',
    params.statuses ?? ['published'],
    CASE_FACETS,
    listCaseSearchRecords,
  );
  const q = params.q?.trim();
  const ranks = q ? await matchText(deps.db, siteId, 'case', q, params.locale) : null;
  const r = await runSearch(catalogue, ranks, params);
  return { items: await loadCaseStudies(deps.db, siteId, r.ids), total: r.total, facets: r.facets, nextCursor: r.nextCursor, sort: r.sort };
}

/** Full-text search of posts with facets by post type and tag (same rules as case studies). */
export async function searchPosts(deps: Deps, siteId: string, params: SearchParams): Promise<SearchResult<PostRow>> {
  const catalogue = await cachedCatalogue<PostSearchRecord>(
    deps,
    siteId,
    'post',
    params.statuses ?? ['published'],
    POST_FACETS,
    listPostSearchRecords,
  );
  const q = params.q?.trim();
  const ranks = q ? await matchText(deps.db, siteId, 'post', q, params.locale) : null;
  const r = await runSearch(catalogue, ranks, params);
  return { items: await loadPosts(deps.db, siteId, r.ids), total: r.total, facets: r.facets, nextCursor: r.nextCursor, sort: r.sort };
}
