/**
 * JSON text as Cardinal (Rust, serde_json with preserved key order) reads and writes it, so that
 * `prepare` output matches Cardinal's byte for byte: a number written with a fraction or exponent is
 * a float and is printed the way serde_json prints floats (`4177.0`, `1e17`), not as JavaScript would
 * (`4177`, `100000000000000000`).
 */

/** A float whose serde_json text differs from JavaScript's (`4177.0`, `1e-7`); other numbers stay plain `number`s. */
export class JsonFloat {
  /** @param value the float's value */
  constructor(readonly value: number) {}
}

/** A JSON value as read by {@link parseCardinalJson}: plain JSON, with some floats kept as {@link JsonFloat}. */
export type CardinalJson = null | boolean | number | string | JsonFloat | CardinalJson[] | { [key: string]: CardinalJson };

const SENTINEL = '\u0000polity-float:';
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const I64_MIN = -(2n ** 63n);
const U64_MAX = 2n ** 64n - 1n;

/**
 * Formats a finite double as serde_json does (Rust's `ryu`): the shortest digits that read back to
 * the same value, `.0` after an integral value up to 17 digits, `0.000ddd` down to 1e-5, otherwise
 * `d.ddde±N` without a `+`.
 */
export function formatFloat(x: number): string {
  if (!Number.isFinite(x)) return 'null';
  const negative = x < 0 || Object.is(x, -0);
  const [mantissa, exp] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const length = digits.length;
  const kk = Number(exp) + 1; // position of the decimal point after the first digit
  const k = kk - length; // exponent of the last digit
  let text: string;
  if (k >= 0 && kk <= 16) text = digits + '0'.repeat(k) + '.0';
  else if (kk > 0 && kk <= 16) text = `${digits.slice(0, kk)}.${digits.slice(kk)}`;
  else if (kk > -5 && kk <= 0) text = `0.${'0'.repeat(-kk)}${digits}`;
  else if (length === 1) text = `${digits}e${kk - 1}`;
  else text = `${digits[0]}.${digits.slice(1)}e${kk - 1}`;
  return (negative ? '-' : '') + text;
}

/** Formats a JSON number as serde_json would: integers as integers, floats by {@link formatFloat}. */
export function formatNumber(n: number | JsonFloat): string {
  if (n instanceof JsonFloat) return formatFloat(n.value);
  return Number.isInteger(n) && Math.abs(n) < 2 ** 64 ? String(n) : formatFloat(n);
}

/** The numeric value of a JSON number (plain or {@link JsonFloat}), else undefined. */
export function numberValue(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof JsonFloat) return v.value;
  return undefined;
}

function isFloatToken(token: string): boolean {
  if (/[.eE]/.test(token)) return true;
  const n = BigInt(token);
  return n < I64_MIN || n > U64_MAX;
}

/**
 * Parses one JSON text, keeping as {@link JsonFloat} each float whose serde_json text JavaScript
 * would write differently. Throws as `JSON.parse` does on invalid JSON.
 */
export function parseCardinalJson(text: string): CardinalJson {
  let marked = false;
  const prepared = text.replace(TOKENS, (token) => {
    if (token.startsWith('"') || !isFloatToken(token)) return token;
    const value = Number(token);
    if (formatFloat(value) === String(value)) return token;
    marked = true;
    return JSON.stringify(SENTINEL + token);
  });
  if (!marked) return JSON.parse(text) as CardinalJson;
  return JSON.parse(prepared, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(SENTINEL) ? new JsonFloat(Number(value.slice(SENTINEL.length))) : value,
  ) as CardinalJson;
}

/** Writes a value as compact JSON text, as serde_json's `to_string` does (key order kept, floats as Rust prints them). */
export function stringifyCardinalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || value instanceof JsonFloat) return formatNumber(value);
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stringifyCardinalJson).join(',')}]`;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v !== undefined) parts.push(`${JSON.stringify(k)}:${stringifyCardinalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** A deep copy of a parsed JSON value, keeping {@link JsonFloat}s (which `structuredClone` would flatten). */
export function cloneCardinalJson<T>(value: T): T {
  if (value === null || typeof value !== 'object' || value instanceof JsonFloat) return value;
  if (Array.isArray(value)) return value.map(cloneCardinalJson) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = cloneCardinalJson(v);
  return out as T;
}

/** One CSV field as Rust's `csv` crate writes it: quoted (quotes doubled) only when it holds `,`, `"`, CR or LF. */
export function csvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
