/**
 * A strict reader of `application/x-www-form-urlencoded` bodies (the WHATWG URL standard's
 * format, which Open311 GeoReport v2 POSTs use). Browsers' and Hono's readers are forgiving: a
 * malformed `%ZZ` is kept as typed and bytes that are not UTF-8 (a Latin-1 `%E9`, or raw bytes)
 * become U+FFFD, so a client's wrong encoding would be stored silently as mangled text. This one
 * works on the bytes and refuses such a field by name instead.
 */

/** The fields of a form, each with every value it was given, in order. */
export type FormFields = Map<string, string[]>;

/** The form's fields, or the reason per field it cannot be read faithfully. */
export type FormRead = { ok: true; fields: FormFields } | { ok: false; fields: Record<string, string> };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const hex = (b: number) => (b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x41 && b <= 0x46 ? b - 0x37 : b >= 0x61 && b <= 0x66 ? b - 0x57 : -1);

/** One name or value: `+` is a space and `%XX` a byte; null unless the bytes it makes are UTF-8. */
function decodeComponent(bytes: Uint8Array): string | null {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x2b) out[n++] = 0x20;
    else if (b === 0x25) {
      const hi = i + 2 < bytes.length ? hex(bytes[i + 1]) : -1;
      const lo = hi < 0 ? -1 : hex(bytes[i + 2]);
      if (lo < 0) return null;
      out[n++] = hi * 16 + lo;
      i += 2;
    } else out[n++] = b;
  }
  try {
    return utf8.decode(out.subarray(0, n));
  } catch {
    return null;
  }
}

/** A field name that could not be decoded, shown as its printable ASCII (the rest as `?`). */
const rawName = (bytes: Uint8Array) =>
  Array.from(bytes.subarray(0, 60), (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '?')).join('') || '(unnamed)';

/** Reads a url-encoded body; every field whose name or value is not UTF-8 is named with the reason. */
export function readUrlEncodedForm(body: Uint8Array): FormRead {
  const fields: FormFields = new Map();
  const bad: Record<string, string> = {};
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i < body.length && body[i] !== 0x26) continue;
    const pair = body.subarray(start, i);
    start = i + 1;
    if (pair.length === 0) continue;
    const eq = pair.indexOf(0x3d);
    const nameBytes = eq < 0 ? pair : pair.subarray(0, eq);
    const name = decodeComponent(nameBytes);
    if (name === null) {
      bad[rawName(nameBytes)] = 'the field name is not UTF-8 text (send UTF-8, percent-encoded)';
      continue;
    }
    const value = eq < 0 ? '' : decodeComponent(pair.subarray(eq + 1));
    if (value === null) {
      bad[name] = 'is not UTF-8 text: a malformed %-escape or bytes of another encoding such as Latin-1 (send UTF-8, percent-encoded)';
      continue;
    }
    const list = fields.get(name);
    if (list) list.push(value);
    else fields.set(name, [value]);
  }
  return Object.keys(bad).length ? { ok: false, fields: bad } : { ok: true, fields };
}
