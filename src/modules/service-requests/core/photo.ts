/** Most photos one report may carry. */
export const MAX_PHOTOS = 3;

/** Photo kinds a report accepts, recognised by their first bytes: JPEG, PNG, WebP, GIF. */
export function isPhotoBytes(bytes: Uint8Array): boolean {
  const at = (sig: number[], off = 0) => sig.every((b, i) => bytes[off + i] === b);
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
  return (
    at([0xff, 0xd8, 0xff]) ||
    at([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ||
    at(ascii('GIF87a')) ||
    at(ascii('GIF89a')) ||
    (at(ascii('RIFF')) && at(ascii('WEBP'), 8))
  );
}
