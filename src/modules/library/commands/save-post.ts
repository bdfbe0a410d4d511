import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { inTransaction, isUniqueViolation } from '../../../db/connection.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { postInput, type PostInput } from '../core/schemas.js';
import { slugify, uniqueSlug } from '../core/slug.js';
import { findPostById, postSlugsLike } from '../store/posts.js';
import { bumpRevision } from '../store/revisions.js';
import { writeSearchDocs } from '../store/search-docs.js';
import { libraryPosts } from '../store/tables.js';

/** Creates a post, or replaces one when `opts.id` is given (slug rules as for case studies). */
export async function savePost(
  deps: Deps,
  siteId: string,
  input: PostInput,
  opts: { id?: string; authorId?: string } = {},
): Promise<{ id: string; slug: string }> {
  const data = parseInput(postInput, input);
  const now = deps.clock.now();
  try {
    return await inTransaction(deps.db, async (tx) => {
      const existing = opts.id ? await findPostById(tx, siteId, opts.id) : null;
      if (opts.id && !existing) throw notFound('Post');
      let slug: string;
      if (data.slug) {
        const taken = await postSlugsLike(tx, siteId, data.slug);
        if (taken.has(data.slug) && existing?.slug !== data.slug) {
          throw new AppError('conflict', 'That slug is in use.', {
            fields: { slug: 'already used by another post on this site' },
            reasons: { slug: { reason: 'in_use' } },
            reason: { reason: 'in_use' },
          });
        }
        slug = data.slug;
      } else if (existing) {
        slug = existing.slug;
      } else {
        const base = slugify(data.title[data.originalLocale] ?? Object.values(data.title)[0], 'post');
        slug = uniqueSlug(base, await postSlugsLike(tx, siteId, base));
      }
      const values = {
        slug,
        type: data.type,
        title: data.title,
        summary: data.summary,
        body: data.body,
        tags: [...new Set(data.tags)],
        status: data.status,
        originalLocale: data.originalLocale,
        publishedAt: data.publishedAt ?? existing?.publishedAt ?? (data.status === 'published' ? now : null),
        updatedAt: now,
      };
      let id: string;
      if (existing) {
        id = existing.id;
        await tx
          .update(libraryPosts)
          .set(values)
          .where(and(eq(libraryPosts.siteId, siteId), eq(libraryPosts.id, id)));
      } else {
        id = newId();
        await tx.insert(libraryPosts).values({ id, siteId, ...values, authorId: opts.authorId ?? null, createdAt: now });
      }
      await writeSearchDocs(tx, siteId, 'post', { id, ...data }, data.tags);
      await bumpRevision(tx, siteId, 'post');
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
