import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { DEMO_CALL_SLUG, seedCalls } from '../seed/calls.js';
import { libraryCallSubmissions } from '../store/calls-tables.js';
import { libraryCaseStudies } from '../store/tables.js';
import { caseFixture } from '../test-helpers.js';
import { saveCaseStudy } from './save-case-study.js';
import { saveUpload } from './save-upload.js';

describe.each(testDatabases())('a person’s library data on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(kind);
    await seedCalls(t.deps, t.site.id);
  });
  afterAll(() => t.close());

  it('is in their data download, and goes with their account except what published pages show', async () => {
    const person = await signedInClient(t, null);
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const shown = await saveUpload(t.deps, t.site.id, { bytes: png, filename: 'shown.png', userId: person.userId });
    const draftOnly = await saveUpload(t.deps, t.site.id, { bytes: png, filename: 'draft.png', userId: person.userId });
    const cs = await saveCaseStudy(t.deps, t.site.id, caseFixture({ status: 'published', images: [{ uploadId: shown.id, alt: 'A blue square' }] }), {
      authorId: person.userId,
    });
    const saved = await person.api('PUT', `/library/calls/${DEMO_CALL_SLUG}/my-submission`, { answers: { title: 'Repair cafés' } });
    expect(saved.status).toBe(200);

    const data = await (await person.api('GET', '/me/data')).json();
    const library = JSON.stringify(data);
    expect(library).toContain('Repair cafés');
    expect(library).toContain(cs.slug);
    expect(library).toContain('draft.png');

    const gone = await person.request('/api/v1/me', {
      method: 'DELETE',
      headers: { 'content-type': 'application/json', 'x-csrf-token': person.csrf },
      body: JSON.stringify({ password: 'correct horse battery' }),
    });
    expect(gone.status).toBe(204);
    const left = await t.deps.db.select().from(libraryCallSubmissions).where(eq(libraryCallSubmissions.userId, person.userId));
    expect(left).toEqual([]);
    const [row] = await t.deps.db.select().from(libraryCaseStudies).where(eq(libraryCaseStudies.id, cs.id));
    expect(row.authorId).toBeNull();
    const anyone = await signedInClient(t, 'editor');
    expect((await anyone.get(`/library/files/${shown.id}`)).status).toBe(200);
    expect((await anyone.get(`/library/files/${draftOnly.id}`)).status).toBe(404);
    const still = await (await anyone.api('GET', `/library/case-studies/${cs.slug}`)).json();
    expect(still.slug).toBe(cs.slug);
  });
});
