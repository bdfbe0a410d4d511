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
 * The facet values of a fixed list of records, encoded once as small integers (per facet: a
 * dictionary of values and, per record, the codes it has), so that each search counts with
 * array arithmetic instead of string maps. Build it when the list changes; search it often.
 */
export interface FacetIndex {
  facets: string[];
  /** Per facet: code -> value. */
  dictionary: string[][];
  /** Per facet: record i's codes are codes[starts[i] .. starts[i+1]) (distinct). */
  starts: Uint32Array[];
  codes: Uint32Array[];
  size: number;
}

/** Encodes `records`' facet values (see FacetIndex). */
export function buildFacetIndex<R>(records: readonly R[], defs: FacetDefs<R>): FacetIndex {
  const facets = Object.keys(defs);
  const dictionary: string[][] = [];
  const starts: Uint32Array[] = [];
  const codes: Uint32Array[] = [];
  for (const facet of facets) {
    const lookup = new Map<string, number>();
    const dict: string[] = [];
    const start = new Uint32Array(records.length + 1);
    const list: number[] = [];
    records.forEach((record, i) => {
      start[i] = list.length;
      for (const value of new Set(defs[facet](record))) {
        let code = lookup.get(value);
        if (code === undefined) {
          code = dict.length;
          lookup.set(value, code);
          dict.push(value);
        }
        list.push(code);
      }
    });
    start[records.length] = list.length;
    dictionary.push(dict);
    starts.push(start);
    codes.push(Uint32Array.from(list));
  }
  return { facets, dictionary, starts, codes, size: records.length };
}

/**
 * Faceted search over the indexed records at `positions` (all records when null, ascending order
 * kept): the counts per facet value and the positions that pass every filter.
 */
export function searchFacetIndex(
  index: FacetIndex,
  positions: ArrayLike<number> | null,
  filters: Filters,
): { facets: Record<string, FacetCount[]>; matches: number[] } {
  const n = index.facets.length;
  const wanted = index.facets.map((facet, f) => {
    const chosen = filters[facet];
    if (!chosen || chosen.length === 0) return null;
    const flags = new Uint8Array(index.dictionary[f].length);
    for (const value of chosen) {
      const code = index.dictionary[f].indexOf(value);
      if (code >= 0) flags[code] = 1;
    }
    return flags;
  });
  const counts = index.dictionary.map((dict) => new Uint32Array(dict.length));
  const matches: number[] = [];
  const total = positions ? positions.length : index.size;
  for (let k = 0; k < total; k++) {
    const i = positions ? positions[k] : k;
    // A record counts in facet f when it fails no filter, or fails only f's own filter.
    let failed = -1;
    let failures = 0;
    for (let f = 0; f < n && failures < 2; f++) {
      const flags = wanted[f];
      if (!flags) continue;
      const codes = index.codes[f];
      let hit = false;
      for (let c = index.starts[f][i], end = index.starts[f][i + 1]; c < end; c++) if (flags[codes[c]]) hit = true;
      if (!hit) {
        failures++;
        failed = f;
      }
    }
    if (failures > 1) continue;
    if (failures === 0) matches.push(i);
    for (let f = 0; f < n; f++) {
      if (failures === 1 && failed !== f) continue;
      const codes = index.codes[f];
      for (let c = index.starts[f][i], end = index.starts[f][i + 1]; c < end; c++) counts[f][codes[c]]++;
    }
  }
  const facets: Record<string, FacetCount[]> = {};
  index.facets.forEach((facet, f) => {
    const selected = new Set(filters[facet] ?? []);
    const list: FacetCount[] = [];
    index.dictionary[f].forEach((value, code) => {
      if (counts[f][code] > 0 || selected.has(value)) list.push({ value, count: counts[f][code], selected: selected.has(value) });
    });
    for (const value of selected) if (!index.dictionary[f].includes(value)) list.push({ value, count: 0, selected: true });
    facets[facet] = list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  });
  return { facets, matches };
}

/**
 * Counts per facet value. A record counts once per distinct value it has. Selected values are
 * listed even at zero so a reader can always remove them. Sorted by count, then value.
 */
export function computeFacets<R>(records: readonly R[], filters: Filters, defs: FacetDefs<R>): Record<string, FacetCount[]> {
  return searchFacetIndex(buildFacetIndex(records, defs), null, filters).facets;
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
