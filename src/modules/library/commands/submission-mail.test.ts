import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testDatabases, type TestContext } from '../../../server/testing.js';
import { listOutbox } from '../../notifications/index.js';
import { createSite } from '../../sites/index.js';
import type { CallRow, SubmissionRow } from '../store/calls-tables.js';
import { mailSubmitter } from './submission-mail.js';

describe.each(testDatabases())('submission mail links on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(kind);
  });
  afterAll(() => t.close());

  it("link to the site's canonical host even when the request came to another host of it", async () => {
    const site = await createSite(t.deps, {
      slug: 'aliased',
      name: { en: 'Aliased' },
      hosts: ['city.example', 'evil.test'],
      locales: ['en'],
      defaultLocale: 'en',
    });
    const call = { slug: 'innovations', title: { en: 'Innovations' } } as unknown as CallRow;
    const submission = { locale: 'en', name: 'Ana', email: 'ana@example.org' } as unknown as SubmissionRow;
    await mailSubmitter(t.deps, site.id, { kind: 'accepted', call, submission, origin: 'http://evil.test', caseStudySlug: 'repair-cafes' });
    await t.drainJobs();
    const [mail] = await listOutbox(t.deps.db, site.id, 10);
    expect(mail.text).not.toContain('evil.test');
    expect(mail.text).toContain('https://city.example/library/calls/innovations/submission');
    expect(mail.text).toContain('https://city.example/library/case-studies/repair-cafes');
  });
});
