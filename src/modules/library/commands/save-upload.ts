import sharp from 'sharp';
import type { Deps } from '../../../db/context.js';
import { AppError, limitInMegabytes } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { CONTENT_TYPES, cleanFilename, detectFileKind } from '../core/file-type.js';
import { insertUpload } from '../store/uploads.js';

export interface SavedUpload {
  id: string;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
}

const MAX_PIXELS = 40_000_000;

/**
 * Stores an uploaded file after checking what it really is. The kind comes from the magic bytes
 * (never the name or declared type): JPEG, PNG, WebP and GIF images are decoded and re-encoded
 * with sharp, which drops EXIF (GPS positions, camera serials) and other metadata and applies the
 * EXIF orientation first; PDFs are kept as they are. Refuses files over UPLOAD_MAX_BYTES (413)
 * and anything else (415), naming the field `file`.
 */
export async function saveUpload(
  deps: Deps,
  siteId: string,
  upload: { bytes: Uint8Array; filename: string; userId?: string | null },
): Promise<SavedUpload> {
  const max = deps.env.UPLOAD_MAX_BYTES;
  if (upload.bytes.byteLength === 0)
    throw new AppError('invalid_input', 'The file is empty.', { fields: { file: 'the file is empty' }, reasons: { file: { reason: 'file_empty' } } });
  if (upload.bytes.byteLength > max) {
    throw new AppError('payload_too_large', 'The file is too large.', {
      fields: { file: `larger than the limit of ${max} bytes` },
      reasons: { file: { reason: 'file_too_large', values: { max: limitInMegabytes(max) } } },
    });
  }
  const kind = detectFileKind(upload.bytes);
  if (!kind) {
    throw new AppError('unsupported_media_type', 'This kind of file is not accepted.', {
      fields: { file: 'not a JPEG, PNG, WebP or GIF image or a PDF document (checked from its content)' },
      reasons: { file: { reason: 'file_type' } },
    });
  }
  let bytes: Buffer;
  let width: number | null = null;
  let height: number | null = null;
  if (kind === 'pdf') {
    bytes = Buffer.from(upload.bytes);
  } else {
    try {
      const animated = kind === 'gif' || kind === 'webp';
      let img = sharp(upload.bytes, { animated, limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
      if (kind === 'jpeg') img = img.jpeg({ quality: 85, mozjpeg: true });
      else if (kind === 'png') img = img.png({ compressionLevel: 9 });
      else if (kind === 'webp') img = img.webp({ quality: 85 });
      else img = img.gif();
      const out = await img.toBuffer({ resolveWithObject: true });
      bytes = out.data;
      width = out.info.width;
      height = out.info.pageHeight ?? out.info.height;
    } catch {
      throw new AppError('unsupported_media_type', 'The image could not be read.', {
        fields: { file: 'the image is damaged or not what its first bytes claim' },
        reasons: { file: { reason: 'file_unreadable' } },
      });
    }
  }
  const id = newId();
  const contentType = CONTENT_TYPES[kind];
  await insertUpload(deps.db, {
    id,
    siteId,
    filename: cleanFilename(upload.filename, kind),
    contentType,
    size: bytes.byteLength,
    width,
    height,
    bytes,
    isImage: kind !== 'pdf',
    uploadedBy: upload.userId ?? null,
    createdAt: deps.clock.now(),
  });
  return { id, contentType, size: bytes.byteLength, width, height };
}
