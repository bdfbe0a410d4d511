import { and, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import { inTransaction } from '../../../db/connection.js';
import { AppError, invalidInput } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { saveUpload } from '../../library/index.js';
import { listProjectImages } from '../store/queries.js';
import { budgetingProjectHistory, budgetingProjectImages, type ProjectImageRow, type ProjectRow } from '../store/tables.js';
import type { Person } from './projects.js';

/** At most this many images per project. */
export const MAX_PROJECT_IMAGES = 3;

const altInput = z.object({
  alt: z
    .string({ error: 'describe the image for people who cannot see it' })
    .trim()
    .min(3, 'describe the image for people who cannot see it (at least 3 characters)')
    .max(300, 'at most 300 characters'),
});

/** Someone who attaches images: the proposer of the project, or staff (`manage`). */
export interface ImageEditor extends Person {
  manage: boolean;
}

function tooManyImages() {
  return invalidInput({ file: `a project has at most ${MAX_PROJECT_IMAGES} images: remove one first` }, undefined, {
    file: { reason: 'budgeting_images_max', values: { max: MAX_PROJECT_IMAGES } },
  });
}

function authorizeImages(project: ProjectRow, who: ImageEditor): void {
  if (!who.manage && project.proposedBy !== who.userId)
    throw new AppError('forbidden', 'Only the person who proposed this project, or staff, can change its images.', {
      reason: { reason: 'budgeting_images_forbidden' },
    });
}

/**
 * Attaches an image to a project (its proposer or staff), with alt text required. The file goes
 * through the library's upload pipeline (kind from the magic bytes, size limit, re-encoded without
 * metadata); only images are accepted, at most three per project. Recorded in the project's history.
 */
export async function addProjectImage(
  deps: Deps,
  siteId: string,
  project: ProjectRow,
  who: ImageEditor,
  raw: { file: unknown; alt: unknown },
): Promise<ProjectImageRow> {
  authorizeImages(project, who);
  const { alt } = parseInput(altInput, { alt: raw.alt });
  const file = raw.file;
  if (!(file instanceof Blob) || file.size === 0)
    throw invalidInput({ file: 'choose an image file (JPEG, PNG, WebP or GIF)' }, undefined, { file: { reason: 'budgeting_image_file' } });
  if ((await listProjectImages(deps.db, siteId, project.id)).length >= MAX_PROJECT_IMAGES) throw tooManyImages();
  const name = 'name' in file && typeof file.name === 'string' ? file.name : 'image';
  const saved = await saveUpload(deps, siteId, { bytes: new Uint8Array(await file.arrayBuffer()), filename: name, userId: who.userId });
  if (!saved.contentType.startsWith('image/'))
    throw new AppError('unsupported_media_type', 'Only images can be attached to a project.', {
      fields: { file: 'not a JPEG, PNG, WebP or GIF image (checked from its content)' },
      reasons: { file: { reason: 'budgeting_image_type' } },
      reason: { reason: 'budgeting_image_type' },
    });
  const now = deps.clock.now();
  const id = newId();
  return inTransaction(deps.db, async (tx) => {
    // One writer at a time per project, so two uploads cannot both take the third place.
    await tx.execute(sql`select id from budgeting_projects where site_id = ${siteId} and id = ${project.id} for update`);
    const [{ n }] = await tx
      .select({ n: count() })
      .from(budgetingProjectImages)
      .where(and(eq(budgetingProjectImages.siteId, siteId), eq(budgetingProjectImages.projectId, project.id)));
    if (n >= MAX_PROJECT_IMAGES) throw tooManyImages();
    const [row] = await tx
      .insert(budgetingProjectImages)
      .values({ id, siteId, projectId: project.id, uploadId: saved.id, alt, addedBy: who.userId, createdAt: now })
      .returning();
    await tx.insert(budgetingProjectHistory).values({
      id: newId(),
      siteId,
      projectId: project.id,
      kind: 'edited',
      actorName: who.name,
      changes: { image: { from: null, to: alt } },
      createdAt: now,
    });
    return row;
  });
}

/** Removes one of a project's images (its proposer or staff); recorded in the project's history. */
export async function removeProjectImage(deps: Deps, siteId: string, project: ProjectRow, who: ImageEditor, imageId: string): Promise<void> {
  authorizeImages(project, who);
  const image = (await listProjectImages(deps.db, siteId, project.id)).find((i) => i.id === imageId);
  if (!image) throw new AppError('not_found', 'Image was not found.', { reason: { reason: 'budgeting_image_gone' } });
  await inTransaction(deps.db, async (tx) => {
    await tx.delete(budgetingProjectImages).where(and(eq(budgetingProjectImages.siteId, siteId), eq(budgetingProjectImages.id, image.id)));
    await tx.insert(budgetingProjectHistory).values({
      id: newId(),
      siteId,
      projectId: project.id,
      kind: 'edited',
      actorName: who.name,
      changes: { image: { from: image.alt, to: null } },
      createdAt: deps.clock.now(),
    });
  });
}

/** An image as pages and the API show it: served by the library's file route. */
export function presentImage(row: ProjectImageRow): { id: string; url: string; alt: string } {
  return { id: row.id, url: `/library/files/${row.uploadId}`, alt: row.alt };
}
