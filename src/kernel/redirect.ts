/**
 * The one rule for redirect targets that arrive from outside (`?next=`, a form's `next`, a
 * Referer, a `back` field): only a path on this site may be followed.
 *
 * Browsers read `//evil.test`, `/\evil.test` and `\\evil.test` as another host, drop tabs and
 * newlines inside URLs (`/\t/evil.test` becomes `//evil.test`), and resolve dot segments, so
 * `/.//evil.test` and `/%2e%2e//evil.test` also land on another host. A prefix check on the raw
 * string misses these, so the target is checked both raw and after normalisation: it is resolved
 * against a placeholder origin with the WHATWG URL parser (what browsers do), must stay on that
 * origin, and the path that comes out must again start with exactly one slash. Percent-encoded
 * variants (`/%2F%2Fevil.test`, `/%5Cevil.test`, `/%09/evil.test`) are refused too, since some
 * proxies and frameworks decode a path once more before using it.
 */

const PLACEHOLDER = 'http://same-site.invalid';
const MAX_LENGTH = 2048;

// Control characters (C0, DEL, C1) and backslashes: browsers strip or reinterpret them in URLs.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHAR = /[\u0000-\u001f\u007f-\u009f\\]/;

/** Whether `path` starts like a network-path reference (`//host`, `/\host`) or carries unsafe characters. */
function looksForeign(path: string): boolean {
  return !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\') || UNSAFE_CHAR.test(path);
}

/** `value` percent-decoded up to three times (stops when nothing changes or decoding fails). */
function decodedForms(value: string): string[] {
  const forms = [value];
  let current = value;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      break;
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

/**
 * The path (with query and fragment) to redirect to when `target` is a path on this site, else
 * `fallback`. Use it wherever a redirect target comes from a request.
 */
export function safeRedirectPath(target: unknown, fallback = '/'): string {
  if (typeof target !== 'string' || target === '' || target.length > MAX_LENGTH) return fallback;
  if (looksForeign(target)) return fallback;
  // The path part, decoded: a query may carry encoded slashes or backslashes harmlessly.
  if (decodedForms(target.split(/[?#]/, 1)[0]).some(looksForeign)) return fallback;
  let url: URL;
  try {
    url = new URL(target, PLACEHOLDER);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER) return fallback;
  if (decodedForms(url.pathname).some(looksForeign)) return fallback;
  return url.pathname + url.search + url.hash;
}
