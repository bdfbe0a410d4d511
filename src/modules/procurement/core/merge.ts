/**
 * OCDS 1.1 merge (standard.open-contracting.org, "Merging"; reference implementation ocdsmerge):
 * the releases of one contracting process, sorted by `date` (stable: the later input wins a tie),
 * are applied in turn to build the compiled release. Rules: a field set to `null` is removed; objects
 * are merged field by field; an array of objects is merged by each object's `id` (an object without an
 * `id` is matched by its position, and a repeated `id` within one release keeps the last object);
 * arrays of other values, and arrays whose field sets `wholeListMerge`, are replaced whole; an object
 * left empty is omitted. The release's `id`, `date` and `tag` are not merged (`omitWhenMerged`): the
 * compiled release has `tag: ["compiled"]`, the latest `date`, and `id` = `{ocid}-{date}` as ocdsmerge writes it.
 */

/** The fields whose arrays the OCDS 1.1 release schema marks `wholeListMerge` (matched by field name, as their definitions are shared). */
export const WHOLE_LIST_MERGE_FIELDS: ReadonlySet<string> = new Set(['additionalClassifications', 'additionalIdentifiers', 'changes', 'coordinates']);

/** Release fields not merged into the compiled release. */
const OMIT_WHEN_MERGED = new Set(['id', 'date', 'tag']);

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mergeObject(target: Obj, source: Obj, wholeList: ReadonlySet<string>, top: boolean): Obj {
  for (const [key, value] of Object.entries(source)) {
    if (top && OMIT_WHEN_MERGED.has(key)) continue;
    if (value === null || value === undefined) {
      delete target[key];
    } else if (isObject(value)) {
      const merged = mergeObject(isObject(target[key]) ? (target[key] as Obj) : {}, value, wholeList, false);
      if (Object.keys(merged).length > 0) target[key] = merged;
      else delete target[key];
    } else if (Array.isArray(value) && !wholeList.has(key) && value.some(isObject)) {
      target[key] = mergeArray(Array.isArray(target[key]) ? (target[key] as unknown[]) : [], value, wholeList);
    } else {
      target[key] = structuredClone(value);
    }
  }
  return target;
}

/** Identifier merge of an array of objects: objects matched by `id` (else by position) are merged; new ones appended. */
function mergeArray(target: unknown[], source: unknown[], wholeList: ReadonlySet<string>): unknown[] {
  const keyOf = (item: unknown, index: number): string =>
    isObject(item) && (typeof item.id === 'string' || typeof item.id === 'number') ? `id:${String(item.id)}` : `index:${index}`;
  const positions = new Map<string, number>();
  const out = [...target];
  out.forEach((item, i) => positions.set(keyOf(item, i), i));
  source.forEach((item, index) => {
    const key = keyOf(item, index);
    const at = positions.get(key);
    if (!isObject(item)) return;
    if (at === undefined) {
      positions.set(key, out.length);
      out.push(mergeObject({}, item, wholeList, false));
    } else {
      out[at] = mergeObject(isObject(out[at]) ? (out[at] as Obj) : {}, item, wholeList, false);
    }
  });
  return out;
}

/** Sorts releases by `date` (releases without a date first), keeping input order among equal dates. */
export function sortReleasesByDate<T extends Obj>(releases: readonly T[]): T[] {
  const date = (r: Obj) => (typeof r.date === 'string' ? r.date : '');
  return releases
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (date(a.r) < date(b.r) ? -1 : date(a.r) > date(b.r) ? 1 : a.i - b.i))
    .map((x) => x.r);
}

/**
 * Merges the releases of one contracting process into its compiled release by the OCDS 1.1 rules
 * above. Pure: the releases are not changed. Merging a release twice changes nothing.
 */
export function compileReleases(releases: readonly Obj[], wholeListMerge: ReadonlySet<string> = WHOLE_LIST_MERGE_FIELDS): Obj {
  const sorted = sortReleasesByDate(releases);
  const compiled: Obj = { tag: ['compiled'] };
  let latest: unknown;
  for (const release of sorted) {
    mergeObject(compiled, release, wholeListMerge, true);
    if (typeof release.date === 'string') latest = release.date;
  }
  if (latest !== undefined) {
    compiled.date = latest;
    if (typeof compiled.ocid === 'string') compiled.id = `${compiled.ocid}-${latest as string}`;
  }
  // The release's own leading fields first, as publishers and ocdsmerge order them.
  const { ocid, id, date, tag, ...rest } = compiled;
  const ordered: Obj = {};
  for (const [key, value] of Object.entries({ ocid, id, date, tag })) if (value !== undefined) ordered[key] = value;
  return Object.assign(ordered, rest);
}
