import { AppError } from './errors.js';

/** A page of items and the cursor of the next page (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Encodes a keyset position (the sort values of the last item) as an opaque cursor. */
export function encodeCursor(position: unknown[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`; a tampered cursor is bad input on field `cursor`. */
export function decodeCursor(cursor: string, arity: number): unknown[] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === arity) return value;
  } catch {
    /* fall through */
  }
  throw new AppError('invalid_input', 'The cursor is not valid.', {
    fields: { cursor: 'not a cursor issued by this API' },
    reasons: { cursor: { reason: 'cursor_invalid' } },
  });
}
