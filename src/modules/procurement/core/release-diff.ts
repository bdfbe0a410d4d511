/**
 * What changed between two versions of a compiled release, for the auditors' version history
 * (OCDS calls this history a "versioned release"; standard.open-contracting.org, "Records": the
 * versioned release lists each field's values with the release that set them). Here each version
 * keeps only the fields whose value changed, as JSON Pointer paths (RFC 6901).
 */

/** One field's change: `before` is absent when the field was added, `after` when it was removed. */
export interface ReleaseChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** Top-level fields left out of the comparison: the compiled release's `id` is `{ocid}-{date}` and changes with every release. */
const IGNORED_TOP = new Set(['id']);

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pointer(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function walk(before: unknown, after: unknown, path: string, out: ReleaseChange[]): void {
  if (isObject(before) && isObject(after)) {
    const top = path === '';
    for (const key of Object.keys(before)) {
      if (top && IGNORED_TOP.has(key)) continue;
      if (!Object.hasOwn(after, key)) out.push({ path: pointer(path, key), before: before[key] });
      else walk(before[key], after[key], pointer(path, key), out);
    }
    for (const key of Object.keys(after)) {
      if (top && IGNORED_TOP.has(key)) continue;
      if (!Object.hasOwn(before, key)) out.push({ path: pointer(path, key), after: after[key] });
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    // The merge keeps objects in the position they first appeared, so positions line up between versions.
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) {
      if (i >= after.length) out.push({ path: pointer(path, i), before: before[i] });
      else if (i >= before.length) out.push({ path: pointer(path, i), after: after[i] });
      else walk(before[i], after[i], pointer(path, i), out);
    }
    return;
  }
  if (before !== after) out.push({ path, before, after });
}

/**
 * The changes from `before` to `after` (two compiled releases): every leaf whose value differs, and
 * every object, array element or field added or removed whole (reported once at its own path, with
 * its whole value). Deterministic: fields in `before`'s order, then the added ones in `after`'s.
 */
export function diffReleases(before: Obj, after: Obj): ReleaseChange[] {
  const out: ReleaseChange[] = [];
  walk(before, after, '', out);
  return out;
}

/** JSON text with object keys sorted at every level, so equal releases give equal text (and equal hashes) whatever their key order. */
export function canonicalJson(value: unknown): string {
  let out = '';
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') {
      out += JSON.stringify(v) ?? 'null';
      return;
    }
    if (Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length; i++) {
        if (i > 0) out += ',';
        walk(v[i]);
      }
      out += ']';
      return;
    }
    out += '{';
    let first = true;
    for (const k of Object.keys(v).sort()) {
      const x = (v as Obj)[k];
      if (x === undefined) continue;
      if (!first) out += ',';
      first = false;
      out += `${JSON.stringify(k)}:`;
      walk(x);
    }
    out += '}';
  };
  walk(value);
  return out;
}
