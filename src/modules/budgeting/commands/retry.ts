import { isUniqueViolation } from '../../../db/connection.js';

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
