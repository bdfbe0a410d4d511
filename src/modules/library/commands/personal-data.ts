import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { inTransaction } from '../../../db/connection.js';
import { libraryCallSubmissionEvents, libraryCallSubmissions } from '../store/calls-tables.js';
import { libraryCaseStudies, libraryPosts, libraryUploads } from '../store/tables.js';

/**
 * What the library holds about a person, for "download my data": their submissions to calls
 * with answers and history, the case studies and posts they wrote, and their uploads.
 */
export async function exportLibraryData(deps: Deps, siteId: string, userId: string): Promise<unknown> {
  const { db } = deps;
  const submissions = await db
    .select()
    .from(libraryCallSubmissions)
    .where(and(eq(libraryCallSubmissions.siteId, siteId), eq(libraryCallSubmissions.userId, userId)));
  const events = submissions.length
    ? await db
        .select()
        .from(libraryCallSubmissionEvents)
        .where(
          and(
            eq(libraryCallSubmissionEvents.siteId, siteId),
            inArray(
              libraryCallSubmissionEvents.submissionId,
              submissions.map((s) => s.id),
            ),
          ),
        )
    : [];
  const caseStudies = await db
    .select({ id: libraryCaseStudies.id, slug: libraryCaseStudies.slug, title: libraryCaseStudies.title, status: libraryCaseStudies.status })
    .from(libraryCaseStudies)
    .where(and(eq(libraryCaseStudies.siteId, siteId), eq(libraryCaseStudies.authorId, userId)));
  const posts = await db
    .select({ id: libraryPosts.id, slug: libraryPosts.slug, title: libraryPosts.title, status: libraryPosts.status })
    .from(libraryPosts)
    .where(and(eq(libraryPosts.siteId, siteId), eq(libraryPosts.authorId, userId)));
  const uploads = await db
    .select({
      id: libraryUploads.id,
      filename: libraryUploads.filename,
      contentType: libraryUploads.contentType,
      size: libraryUploads.size,
      createdAt: libraryUploads.createdAt,
    })
    .from(libraryUploads)
    .where(and(eq(libraryUploads.siteId, siteId), eq(libraryUploads.uploadedBy, userId)));
  return {
    submissions: submissions.map((s) => ({
      id: s.id,
      callId: s.callId,
      status: s.status,
      answers: s.answers,
      locale: s.locale,
      submittedAt: s.submittedAt,
      history: events.filter((e) => e.submissionId === s.id).map((e) => ({ kind: e.kind, message: e.message, at: e.createdAt })),
    })),
    caseStudiesWritten: caseStudies,
    postsWritten: posts,
    uploads,
  };
}

/**
 * Removes a person from the library when they delete their account: their submissions and their
 * history go; published case studies and posts stay (they are public records) without the
 * author's link, and so do files that published pages show; editors' comments lose the name.
 */
export async function deleteLibraryData(deps: Deps, siteId: string, userId: string): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    const mine = await tx
      .select({ id: libraryCallSubmissions.id })
      .from(libraryCallSubmissions)
      .where(and(eq(libraryCallSubmissions.siteId, siteId), eq(libraryCallSubmissions.userId, userId)));
    if (mine.length) {
      const ids = mine.map((s) => s.id);
      await tx
        .delete(libraryCallSubmissionEvents)
        .where(and(eq(libraryCallSubmissionEvents.siteId, siteId), inArray(libraryCallSubmissionEvents.submissionId, ids)));
      await tx.delete(libraryCallSubmissions).where(and(eq(libraryCallSubmissions.siteId, siteId), inArray(libraryCallSubmissions.id, ids)));
    }
    await tx
      .update(libraryCallSubmissionEvents)
      .set({ authorId: null, authorName: null })
      .where(and(eq(libraryCallSubmissionEvents.siteId, siteId), eq(libraryCallSubmissionEvents.authorId, userId)));
    await tx
      .update(libraryCaseStudies)
      .set({ authorId: null })
      .where(and(eq(libraryCaseStudies.siteId, siteId), eq(libraryCaseStudies.authorId, userId)));
    await tx
      .update(libraryPosts)
      .set({ authorId: null })
      .where(and(eq(libraryPosts.siteId, siteId), eq(libraryPosts.authorId, userId)));
    // Their files go, except those a case study shows (published pages must not break).
    await tx.execute(sql`
      DELETE FROM library_uploads u
      WHERE u.site_id = ${siteId} AND u.uploaded_by = ${userId}
        AND NOT EXISTS (
          SELECT 1 FROM library_case_studies c
          WHERE c.site_id = u.site_id AND c.images @> jsonb_build_array(jsonb_build_object('uploadId', u.id::text)))`);
    await tx
      .update(libraryUploads)
      .set({ uploadedBy: null })
      .where(and(eq(libraryUploads.siteId, siteId), eq(libraryUploads.uploadedBy, userId)));
  });
}
