import { sql } from 'drizzle-orm';
import type { Clock } from '../kernel/clock.js';
import { rowsOf, type Db } from './connection.js';

/**
 * Counts one hit on `key` in a fixed window and says whether it is within `limit`. The counter
 * lives in the database so every app process shares it.
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
