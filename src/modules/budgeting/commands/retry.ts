/** Whether a database error is a unique-constraint violation (SQLSTATE 23505), on PGlite or pg (drizzle wraps it in `cause`). */
export function isUniqueViolation(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    if ((e as { code?: string }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs `fn` again when it loses a race on a unique index (two proposals taking the same next code,
 * two tabs casting the same voter's first ballot): the second run sees the first one's row.
 */
export async function retryOnConflict<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || !isUniqueViolation(e)) throw e;
    }
  }
}
