import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { inTransaction, isUniqueViolation } from '../../../db/connection.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { caseStudyInput, type CaseStudyInput } from '../core/schemas.js';
import { slugify, uniqueSlug } from '../core/slug.js';
import { caseStudySlugsLike, findCaseStudyById } from '../store/case-studies.js';
import { bumpRevision } from '../store/revisions.js';
import { writeSearchDocs } from '../store/search-docs.js';
import { libraryCaseStudies } from '../store/tables.js';
import { existingImageIds } from '../store/uploads.js';

/**
 * Creates a case study, or replaces one when `opts.id` is given. The slug comes from the
 * original-language title unless given, and is made unique on the site (an update keeps its
 * slug, so links stay valid). Publishing sets `publishedAt` the first time. Images must be
 * uploads of this site. Row and search documents land together or not at all.
 */
export async function saveCaseStudy(
  deps: Deps,
  siteId: string,
  input: CaseStudyInput,
  opts: { id?: string; authorId?: string } = {},
): Promise<{ id: string; slug: string }> {
  const data = parseInput(caseStudyInput, input);
  const imageIds = data.images.map((i) => i.uploadId);
  const known = await existingImageIds(deps.db, siteId, imageIds);
  const missing = data.images.findIndex((i) => !known.has(i.uploadId));
  if (missing >= 0) {
    throw new AppError('invalid_input', 'Some fields are not valid.', {
      fields: { [`images.${missing}.uploadId`]: 'no such uploaded image on this site' },
      reasons: { [`images.${missing}.uploadId`]: { reason: 'invalid' } },
    });
  }
  const now = deps.clock.now();
  try {
    return await inTransaction(deps.db, async (tx) => {
      const existing = opts.id ? await findCaseStudyById(tx, siteId, opts.id) : null;
      if (opts.id && !existing) throw notFound('Case study');
      let slug: string;
      if (data.slug) {
        const taken = await caseStudySlugsLike(tx, siteId, data.slug);
        if (taken.has(data.slug) && existing?.slug !== data.slug) {
          throw new AppError('conflict', 'That slug is in use.', {
            fields: { slug: 'already used by another case study on this site' },
            reasons: { slug: { reason: 'in_use' } },
            reason: { reason: 'in_use' },
          });
        }
        slug = data.slug;
      } else if (existing) {
        slug = existing.slug;
      } else {
        const title = data.title[data.originalLocale] ?? Object.values(data.title)[0];
        const base = slugify(title, 'case-study');
        slug = uniqueSlug(base, await caseStudySlugsLike(tx, siteId, base));
      }
      const publishedAt = data.publishedAt ?? existing?.publishedAt ?? (data.status === 'published' ? now : null);
      const values = {
        slug,
        title: data.title,
        summary: data.summary,
        body: data.body,
        country: data.country,
        level: data.level,
        sectors: data.sectors,
        tags: [...new Set(data.tags)],
        stage: data.stage,
        yearLaunched: data.yearLaunched,
        organisations: data.organisations,
        links: data.links,
        images: data.images,
        recognitions: data.recognitions,
        status: data.status,
        originalLocale: data.originalLocale,
        publishedAt,
        updatedAt: now,
      };
      let id: string;
      if (existing) {
        id = existing.id;
        await tx
          .update(libraryCaseStudies)
          .set(values)
          .where(and(eq(libraryCaseStudies.siteId, siteId), eq(libraryCaseStudies.id, id)));
      } else {
        id = newId();
        await tx.insert(libraryCaseStudies).values({ id, siteId, ...values, authorId: opts.authorId ?? null, createdAt: now });
      }
      const names = [...data.tags, ...data.organisations.map((o) => o.name), ...data.recognitions.map((r) => r.name)];
      await writeSearchDocs(tx, siteId, 'case', { id, ...data }, names);
      await bumpRevision(tx, siteId, 'case');
      return { id, slug };
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('conflict', 'That slug is in use.', {
        fields: { slug: 'already used on this site' },
        reasons: { slug: { reason: 'in_use' } },
        reason: { reason: 'in_use' },
      });
    throw err;
  }
}
