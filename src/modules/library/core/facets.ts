/**
 * Faceted search over plain records, the way faceted catalogues count (Solr/Elasticsearch
 * "multi-select facets" with tagged filters): filters are AND across facets and OR within one;
 * the counts of a facet apply every other facet's filters but not its own, so choosing one
 * country still shows how many items the other countries would add.
 */

/** The values a record has in each facet (a record may have several, e.g. sectors). */
export type FacetDefs<R> = Record<string, (record: R) => readonly string[]>;

/** Selected values per facet; an absent or empty list means "no filter". */
export type Filters = Record<string, readonly string[] | undefined>;

export interface FacetCount {
  value: string;
  count: number;
  selected: boolean;
}

/** Whether `record` passes every facet filter except `except`'s. */
export function matchesFilters<R>(record: R, filters: Filters, defs: FacetDefs<R>, except?: string): boolean {
  for (const [facet, values] of Object.entries(defs)) {
    if (facet === except) continue;
    const wanted = filters[facet];
    if (!wanted || wanted.length === 0) continue;
    const has = values(record);
    if (!wanted.some((w) => has.includes(w))) return false;
  }
  return true;
}

/**
 * Counts per facet value. A record counts once per distinct value it has. Selected values are
 * listed even at zero so a reader can always remove them. Sorted by count, then value.
 */
export function computeFacets<R>(records: readonly R[], filters: Filters, defs: FacetDefs<R>): Record<string, FacetCount[]> {
  const names = Object.keys(defs);
  const counts = names.map(() => new Map<string, number>());
  // One pass: a record counts in facet f when it fails no filter, or fails only f's own filter.
  for (const record of records) {
    let failed = -1;
    let failures = 0;
    const values = names.map((facet, i) => {
      const has = defs[facet](record);
      const wanted = filters[facet];
      if (wanted && wanted.length > 0 && !wanted.some((w) => has.includes(w))) {
        failures++;
        failed = i;
      }
      return has;
    });
    if (failures > 1) continue;
    names.forEach((_facet, i) => {
      if (failures === 1 && failed !== i) return;
      for (const v of new Set(values[i])) counts[i].set(v, (counts[i].get(v) ?? 0) + 1);
    });
  }
  const out: Record<string, FacetCount[]> = {};
  names.forEach((facet, i) => {
    const selected = new Set(filters[facet] ?? []);
    for (const v of selected) if (!counts[i].has(v)) counts[i].set(v, 0);
    out[facet] = [...counts[i]]
      .map(([value, count]) => ({ value, count, selected: selected.has(value) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  });
  return out;
}

/** What ordering uses: relevance (then date) or date; newest first, ties by id. */
export interface Rankable {
  id: string;
  rank: number;
  /** Milliseconds since the epoch of the item's date (publication, or last change for drafts). */
  date: number;
}

export type SortOrder = 'relevance' | 'date';

/** The keyset position of an item under `sort`: [primary, secondary, id], all descending but id. */
export function positionOf(item: Rankable, sort: SortOrder): [number, number, string] {
  return sort === 'relevance' ? [item.rank, item.date, item.id] : [item.date, 0, item.id];
}

function comparePositions(a: [number, number, string], b: [number, number, string]): number {
  return b[0] - a[0] || b[1] - a[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
}

/** Sorts items by `sort` (a new array); the comparison allocates nothing, as it runs n log n times. */
export function sortItems<T extends Rankable>(items: readonly T[], sort: SortOrder): T[] {
  const byId = (a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...items].sort(sort === 'relevance' ? (a, b) => b.rank - a.rank || b.date - a.date || byId(a, b) : (a, b) => b.date - a.date || byId(a, b));
}

/**
 * The page of sorted `items` after keyset position `after` (or from the start). A cursor stays
 * valid when items are added or removed: it names a position, not an offset.
 */
export function pageAfter<T extends Rankable>(
  sorted: readonly T[],
  sort: SortOrder,
  after: [number, number, string] | null,
  limit: number,
): { items: T[]; next: [number, number, string] | null } {
  const start = after ? sorted.findIndex((i) => comparePositions(positionOf(i, sort), after) > 0) : 0;
  if (start < 0) return { items: [], next: null };
  const items = sorted.slice(start, start + limit);
  const more = start + limit < sorted.length;
  return { items, next: more && items.length ? positionOf(items[items.length - 1], sort) : null };
}
