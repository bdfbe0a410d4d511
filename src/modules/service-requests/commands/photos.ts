import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../../db/context.js';
import { AppError, invalidInput, type Reason, limitInMegabytes } from '../../../kernel/errors.js';
import { isUuid } from '../../../kernel/ids.js';
import { saveUpload } from '../../library/index.js';
import { isPhotoBytes, MAX_PHOTOS } from '../core/photo.js';

/** A photo of a report: a file just sent, or one already stored by an earlier step of the same form. */
export type PhotoInput = { bytes: Uint8Array; filename: string } | { uploadId: string };

const isFile = (p: PhotoInput): p is { bytes: Uint8Array; filename: string } => 'bytes' in p;

/** How a photo is named in an error: its number and file name. */
const photoName = (i: number, filename: string) => `photo ${i + 1}${filename ? ` (${filename.slice(0, 80)})` : ''}`;

/** Leaves out empty file inputs (a form sends one when nothing is chosen). */
export const givenPhotos = (photos: readonly PhotoInput[]) => photos.filter((p) => !isFile(p) || p.bytes.byteLength > 0);

/** What is wrong with a report's photos: the English text (every refused photo) and the coded reason of the first. */
export interface PhotoProblem {
  text: string;
  reason: Reason;
}

/**
 * What is wrong with the photos, naming each refused one by number and file name: more than
 * MAX_PHOTOS, larger than UPLOAD_MAX_BYTES, or not an image by its first bytes. Null when fine.
 */
export function photoProblems(deps: Deps, photos: readonly PhotoInput[]): PhotoProblem | null {
  const given = givenPhotos(photos);
  if (given.length > MAX_PHOTOS)
    return { text: `at most ${MAX_PHOTOS} photos; ${given.length} were given`, reason: { reason: 'too_many', values: { max: MAX_PHOTOS } } };
  const max = deps.env.UPLOAD_MAX_BYTES;
  const problems = given.flatMap((p, i): PhotoProblem[] =>
    !isFile(p)
      ? []
      : p.bytes.byteLength > max
        ? [{ text: `${photoName(i, p.filename)} is larger than the limit of ${max} bytes`, reason: photoTooLarge(i, max) }]
        : !isPhotoBytes(p.bytes)
          ? [
              {
                text: `${photoName(i, p.filename)} is not a JPEG, PNG, WebP or GIF image (checked from its content)`,
                reason: { reason: 'photo_not_image', values: { photo: i + 1 } },
              },
            ]
          : [],
  );
  if (!problems.length) return null;
  const text = problems.map((p) => p.text).join('; ');
  if (problems.length === 1) return { text, reason: problems[0].reason };
  // Several refused: all named at once, with what every photo must be.
  const numbers = problems.map((p) => p.reason.values?.photo).join(', ');
  return { text, reason: { reason: 'photos_refused', values: { photos: numbers, megabytes: limitInMegabytes(max) } } };
}

const photoTooLarge = (i: number, max: number): Reason => ({ reason: 'photo_too_large', values: { photo: i + 1, megabytes: limitInMegabytes(max) } });

/**
 * Stores the photos through the library (decoded and re-encoded, so metadata such as GPS
 * positions is dropped) and returns every upload id, kept ones included, in order.
 */
export async function storePhotos(deps: Deps, siteId: string, photos: readonly PhotoInput[], userId: string | null): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, p] of givenPhotos(photos).entries()) {
    if (!isFile(p)) {
      ids.push(p.uploadId);
      continue;
    }
    try {
      ids.push((await saveUpload(deps, siteId, { bytes: p.bytes, filename: p.filename, userId })).id);
    } catch (err) {
      if (err instanceof AppError && err.fields.file) {
        const reason =
          err.code === 'payload_too_large' ? photoTooLarge(i, deps.env.UPLOAD_MAX_BYTES) : { reason: 'photo_not_image', values: { photo: i + 1 } };
        throw invalidInput({ photo: `${photoName(i, p.filename)}: ${err.fields.file}` }, undefined, { photo: reason });
      }
      throw err;
    }
  }
  return ids;
}

const mac = (deps: Deps, siteId: string, uploadId: string) =>
  createHmac('sha256', deps.secret).update(`sr-photo:${siteId}:${uploadId}`).digest('base64url').slice(0, 32);

/**
 * A reference to a stored photo that a form can carry between its steps (browsers never refill
 * file inputs), signed so nobody can attach another person's upload to a report.
 */
export function signPhotoRef(deps: Deps, siteId: string, uploadId: string): string {
  return `${uploadId}.${mac(deps, siteId, uploadId)}`;
}

/** The upload id of a signed reference, or null when it is not one this site signed. */
export function readPhotoRef(deps: Deps, siteId: string, ref: string): string | null {
  const [id, sig] = ref.split('.');
  if (!id || !sig || !isUuid(id)) return null;
  const expected = Buffer.from(mac(deps, siteId, id));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}
