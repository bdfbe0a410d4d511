/** Expected outcomes of pure code are values, not throws (rule 3 of DESIGN.md). */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

/** A successful result. */
export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

/** A failed result. */
export function err<E>(error: E): Result<never, E> {
  return { ok: false, error };
}
