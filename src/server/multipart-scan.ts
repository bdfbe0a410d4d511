import { AppError } from '../kernel/errors.js';
import { bytesProblem, decodeUtf8 } from '../kernel/text.js';

/** The boundary of a `multipart/form-data` content type, or null. */
export function multipartBoundary(contentType: string): string | null {
  const m = /;\s*boundary\s*=\s*(?:"([^"]{1,200})"|([^;\s]{1,200}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}

/** One part of a multipart body as the scanner saw it. */
export interface ScannedPart {
  /** The form field's name (null when the part names none). */
  name: string | null;
  /** A file part (its Content-Disposition has a filename): its content is not text and is not checked. */
  isFile: boolean;
  /** A text part's value (only for short parts; the guard needs it for `_csrf`). */
  text?: string;
  /** Why the part's headers or its text are not valid UTF-8 without NUL bytes, or none. */
  problem?: string;
}

const MAX_PART_HEADERS = 16 * 1024;
const MAX_KEPT_TEXT = 1024;

function malformed(reason: string): AppError {
  return new AppError('bad_request', 'The multipart body could not be read.', { fields: { body: reason } });
}

/**
 * Scans a multipart/form-data body as it arrives (fed the growing buffer after each chunk), so
 * each part is seen as soon as it is complete: its headers and, for text fields, its value are
 * checked against the text rule, and the first part (where forms put `_csrf`) is known before the
 * rest of the body is read. Work is linear in the body: each search resumes where the last stopped.
 */
export function createMultipartScanner(boundary: string, onPart: (part: ScannedPart) => void) {
  const dashBoundary = Buffer.from(`--${boundary}`, 'latin1');
  const delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  let phase: 'preamble' | 'after' | 'headers' | 'content' | 'done' = 'preamble';
  let pos = 0;
  let searchFrom = 0;
  let current: ScannedPart | null = null;
  let parts = 0;

  const feed = (buf: Buffer, length: number): void => {
    const data = buf.subarray(0, length);
    for (;;) {
      if (phase === 'preamble') {
        const at = data.indexOf(dashBoundary, searchFrom);
        if (at < 0) {
          searchFrom = Math.max(0, length - dashBoundary.length + 1);
          return;
        }
        pos = at + dashBoundary.length;
        phase = 'after';
      } else if (phase === 'after') {
        // After a boundary: `--` ends the body, CRLF (after optional padding) starts a part.
        let i = pos;
        while (i < length && (data[i] === 0x20 || data[i] === 0x09)) i++;
        if (length - i < 2) return;
        if (data[i] === 0x2d && data[i + 1] === 0x2d) {
          phase = 'done';
          return;
        }
        if (data[i] !== 0x0d || data[i + 1] !== 0x0a) throw malformed('a boundary is not followed by a line break');
        pos = i + 2;
        searchFrom = pos;
        phase = 'headers';
      } else if (phase === 'headers') {
        const at = data.indexOf('\r\n\r\n', searchFrom, 'latin1');
        if (at < 0) {
          if (length - pos > MAX_PART_HEADERS) throw malformed('a part’s headers are too long');
          searchFrom = Math.max(pos, length - 3);
          return;
        }
        current = readPartHeaders(data.subarray(pos, at));
        pos = at + 4;
        searchFrom = pos;
        phase = 'content';
      } else if (phase === 'content') {
        const at = data.indexOf(delimiter, searchFrom);
        if (at < 0) {
          searchFrom = Math.max(pos, length - delimiter.length + 1);
          return;
        }
        const part = current!;
        if (!part.isFile && !part.problem) {
          const content = data.subarray(pos, at);
          const problem = bytesProblem(content);
          if (problem) part.problem = problem;
          else if (content.length <= MAX_KEPT_TEXT) part.text = decodeUtf8(content);
        }
        parts++;
        onPart(part);
        current = null;
        pos = at + delimiter.length;
        phase = 'after';
      } else {
        return;
      }
    }
  };

  return {
    feed,
    /** Checks the whole body was read: its closing boundary was seen. */
    finish(bytes: Buffer): void {
      feed(bytes, bytes.length);
      if (phase !== 'done') throw malformed('the body ends before its closing boundary');
    },
    get parts() {
      return parts;
    },
  };
}

/** A part's name, whether it is a file, and whether its header bytes are text (a NUL or bad UTF-8 in a name or file name is refused). */
function readPartHeaders(raw: Buffer): ScannedPart {
  const latin1 = raw.toString('latin1');
  const disposition = /(?:^|\r\n)content-disposition:([^\r\n]*)/i.exec(latin1)?.[1] ?? '';
  const nameMatch = /;\s*name\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(disposition);
  const isFile = /;\s*filename\*?\s*=/i.test(disposition);
  const problem = bytesProblem(raw) ?? undefined;
  let name: string | null = null;
  if (nameMatch) {
    const rawName = Buffer.from(nameMatch[1] ?? nameMatch[2], 'latin1');
    name = bytesProblem(rawName) ? null : decodeUtf8(rawName);
  }
  return { name, isFile, problem };
}
