import { DEFAULT_LIMITS, decodeUtf8Text, describeSize, findJsonExcess } from '../formats/text-input.js';

/** How a live source retries: attempts per request, and the first back-off (doubled each time) when the server gives no `Retry-After`. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  /** Longest wait, whatever `Retry-After` asks. */
  maxDelayMs: number;
  timeoutMs: number;
}

/** Defaults: 5 attempts, 1 s doubling, at most 60 s per wait, 60 s per request. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000, timeoutMs: 60_000 };

/** An answer that retrying will not change (a 4xx other than 429), with its status. */
export class HttpStatusError extends Error {
  /** @param status the HTTP status received */
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'HttpStatusError';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait a `Retry-After` header asks for (seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * GETs `url`, retrying on 429, 5xx and network errors with back-off (the server's `Retry-After`
 * when given, else `baseDelayMs` doubled per attempt). Other 4xx answers fail at once. Returns the response (ok or 304).
 */
export async function fetchWithBackoff(url: string, init: RequestInit = {}, policy: RetryPolicy = DEFAULT_RETRY): Promise<Response> {
  let last = '';
  for (let attempt = 0; attempt < policy.attempts; attempt++) {
    let wait = policy.baseDelayMs * 2 ** attempt;
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(policy.timeoutMs) });
      if (res.ok || res.status === 304) return res;
      last = `HTTP ${res.status}`;
      await res.body?.cancel();
      if (res.status !== 429 && res.status < 500) throw new HttpStatusError(`${url}: ${last}`, res.status);
      wait = retryAfterMs(res.headers.get('retry-after')) ?? wait;
    } catch (e) {
      if (e instanceof HttpStatusError) throw e;
      last = e instanceof Error ? e.message : String(e);
    }
    if (attempt + 1 < policy.attempts) await sleep(Math.min(wait, policy.maxDelayMs));
  }
  throw new Error(`${url}: gave up after ${policy.attempts} attempts (${last})`);
}

/**
 * GETs JSON with back-off; the answer is read up to `maxBytes` (default the readers' item limit,
 * 8 MiB) and must be UTF-8 JSON nested at most 64 levels, with a bounded number of values (`findJsonExcess`). Anything else is an
 * error naming the URL, so a hostile or broken server cannot exhaust memory or the stack.
 */
export async function fetchJsonWithBackoff(
  url: string,
  policy: RetryPolicy = DEFAULT_RETRY,
  maxBytes = DEFAULT_LIMITS.maxItemChars,
): Promise<unknown> {
  const res = await fetchWithBackoff(url, { headers: { accept: 'application/json' } }, policy);
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw new Error(`${url}: the answer is ${describeSize(declared)}, over the limit of ${describeSize(maxBytes)}`);
  }
  const parts: string[] = [];
  let bytes = 0;
  try {
    if (res.body)
      for await (const text of decodeUtf8Text(res.body as unknown as AsyncIterable<Uint8Array>, (b) => (bytes = b))) {
        if (bytes > maxBytes) throw new Error(`the answer is over the limit of ${describeSize(maxBytes)}`);
        parts.push(text);
      }
  } catch (e) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`${url}: ${(e as Error).message}`);
  }
  const text = parts.join('');
  const excess = findJsonExcess(text, { maxItemChars: maxBytes });
  if (excess) throw new Error(`${url}: the answer ${excess.startsWith('holds') ? excess : `is ${excess}`}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${url}: the answer is not JSON`);
  }
}
