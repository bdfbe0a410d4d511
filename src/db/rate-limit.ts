import { sql } from 'drizzle-orm';
import type { Clock } from '../kernel/clock.js';
import { rowsOf, type Db } from './connection.js';

/**
 * Counts one hit on `key` in a fixed window and says whether it is within `limit`. The counter
 * lives in the database so every app process shares it. For caps on how often something may be
 * asked at all (requests for emailed links, API posts, code attempts); failures that should slow
 * a guesser down use the back-off below instead.
 */
export async function hitRateLimit(
  db: Db,
  clock: Clock,
  key: string,
  limit: number,
  windowMs: number,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const now = clock.now();
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const result = await db.execute(sql`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${windowStart.toISOString()}, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END,
      window_start = excluded.window_start
    RETURNING count`);
  const count = Number(rowsOf<{ count: number }>(result)[0]?.count ?? 1);
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
  return { allowed: count <= limit, retryAfterSeconds };
}

/**
 * How failures on one key slow down the next attempt: the first `free` failures cost nothing;
 * after `n >= free` failures the next attempt waits `min(maxMs, baseMs * 2^(n - free))` from the
 * last failure. A key's failures are forgotten `forgetMs` after its last failure.
 */
export interface BackoffPolicy {
  free: number;
  baseMs: number;
  maxMs: number;
  forgetMs: number;
}

/** The wait (ms, from the last failure) before the attempt that follows `failures` failures. */
export function backoffMs(policy: BackoffPolicy, failures: number, free = policy.free): number {
  if (failures < free) return 0;
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(failures - free, 40));
}

/** The outcome of asking to make an attempt on a back-off key. */
export interface AttemptClaim {
  allowed: boolean;
  /** When refused: seconds until the back-off ends (at least 1). */
  retryAfterSeconds: number;
}

/**
 * Asks to make one attempt on `key` (a sign-in, a code check) under `policy`, and, when allowed,
 * counts it as a failure in advance, in one statement. Counting first is what makes the back-off
 * hold under concurrency: parallel attempts each see the ones before them, so a guesser cannot
 * fire a burst past the limit while the first answers are still being checked. Settle every
 * allowed attempt with `settleAttempt` once its outcome is known. A refused attempt changes
 * nothing, so hammering a blocked key does not extend the wait. `free` overrides the policy's
 * allowance (a stricter one while the target is under attack).
 *
 * The row keeps `count` (failures, plus attempts in flight) and `window_start` (the time of the
 * last failure, or of the last attempt past the free allowance).
 */
export async function claimAttempt(db: Db, clock: Clock, key: string, policy: BackoffPolicy, free = policy.free): Promise<AttemptClaim> {
  const now = clock.now();
  const nowIso = now.toISOString();
  const forgetBefore = new Date(now.getTime() - policy.forgetMs).toISOString();
  const result = await db.execute(sql`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${nowIso}::timestamptz, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start <= ${forgetBefore}::timestamptz THEN 1 ELSE rate_limits.count + 1 END,
      window_start = CASE
        WHEN rate_limits.window_start <= ${forgetBefore}::timestamptz OR rate_limits.count + 1 > ${free}::int THEN excluded.window_start
        ELSE rate_limits.window_start END
    WHERE rate_limits.window_start <= ${forgetBefore}::timestamptz
      OR rate_limits.count < ${free}::int
      OR rate_limits.window_start + LEAST(${policy.maxMs}::float8, ${policy.baseMs}::float8 * power(2::float8, LEAST(rate_limits.count - ${free}::int, 40)))
        * interval '1 millisecond' <= ${nowIso}::timestamptz
    RETURNING count`);
  if (rowsOf(result).length > 0) return { allowed: true, retryAfterSeconds: 0 };
  const [row] = rowsOf<{ window_start: string | Date; count: number }>(
    await db.execute(sql`SELECT window_start, count FROM rate_limits WHERE key = ${key}`),
  );
  const last = row ? new Date(row.window_start).getTime() : now.getTime();
  const wait = last + backoffMs(policy, Number(row?.count ?? free), free) - now.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
}

/**
 * Settles an attempt allowed by `claimAttempt`: `failed` keeps it counted and stamps the time of
 * the failure; `succeeded` takes it back (the other failures stay); `cleared` forgets every
 * failure on the key (a correct password clears that client's failures for that email).
 */
export async function settleAttempt(db: Db, clock: Clock, key: string, outcome: 'failed' | 'succeeded' | 'cleared'): Promise<void> {
  if (outcome === 'cleared') {
    await db.execute(sql`DELETE FROM rate_limits WHERE key = ${key}`);
  } else if (outcome === 'succeeded') {
    await db.execute(sql`UPDATE rate_limits SET count = GREATEST(count - 1, 0) WHERE key = ${key}`);
  } else {
    await db.execute(sql`UPDATE rate_limits SET window_start = ${clock.now().toISOString()}::timestamptz WHERE key = ${key}`);
  }
}

/** Counts one failure on `key` (for keys that are only counted, never claimed). */
export async function recordFailure(db: Db, clock: Clock, key: string, policy: Pick<BackoffPolicy, 'forgetMs'>): Promise<void> {
  const now = clock.now();
  const forgetBefore = new Date(now.getTime() - policy.forgetMs).toISOString();
  await db.execute(sql`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${now.toISOString()}::timestamptz, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start <= ${forgetBefore}::timestamptz THEN 1 ELSE rate_limits.count + 1 END,
      window_start = excluded.window_start`);
}

/** The failures counted on `key` that are not forgotten yet. */
export async function countFailures(db: Db, clock: Clock, key: string, policy: Pick<BackoffPolicy, 'forgetMs'>): Promise<number> {
  const forgetBefore = new Date(clock.now().getTime() - policy.forgetMs).toISOString();
  const [row] = rowsOf<{ count: number }>(
    await db.execute(sql`SELECT count FROM rate_limits WHERE key = ${key} AND window_start > ${forgetBefore}::timestamptz`),
  );
  return Number(row?.count ?? 0);
}
