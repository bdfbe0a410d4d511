/** File kinds the library accepts, recognised by their first bytes (never by name or declared type). */
export type FileKind = 'jpeg' | 'png' | 'gif' | 'webp' | 'pdf';

export const CONTENT_TYPES: Record<FileKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * The kind of a file from its magic bytes (JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A,
 * GIF87a/GIF89a, RIFF....WEBP, %PDF-), or null when it is none of the accepted kinds.
 */
export function detectFileKind(bytes: Uint8Array): FileKind | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  return null;
}

/** A safe file name to keep: no path, no control characters, at most 120 characters. */
export function cleanFilename(name: string, kind: FileKind): string {
  const base = [...(name.split(/[\\/]/).pop() ?? '')]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch !== '\u007f' && !'"<>'.includes(ch))
    .join('')
    .trim();
  const stem = base.replace(/\.[^.]*$/, '').slice(0, 100) || 'file';
  return `${stem}.${kind === 'jpeg' ? 'jpg' : kind}`;
}
