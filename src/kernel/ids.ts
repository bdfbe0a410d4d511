import { randomBytes, randomUUID } from 'node:crypto';

/** A new random identifier for a row (UUID v4; the database column type is uuid). */
export function newId(): string {
  return randomUUID();
}

/** A URL-safe random token of `bytes` bytes of entropy, for sessions and emailed links. */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string has the shape of a UUID (so it can be compared with a uuid column). */
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
