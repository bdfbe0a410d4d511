import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testDatabases, type TestContext } from '../../server/testing.js';
import { listOutbox } from '../notifications/index.js';
import { createSite } from '../sites/index.js';
import { saveAgencyContact } from './commands/catalogue.js';
import { createRequest } from './commands/create-request.js';
import { escalateOverdue } from './commands/jobs.js';
import { changeRequest } from './commands/update-request.js';
import { seedCatalogue } from './seed/catalogue.js';

describe.each(testDatabases())('service-request mail links on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(kind);
  });
  afterAll(() => t.close());

  it("link to the site's canonical host even when the request came to another host of it", async () => {
    // evil.test is served as an alias of the site; the commands get the request's origin as the routes pass it.
    const site = await createSite(t.deps, {
      slug: 'aliased',
      name: { en: 'Aliased' },
      hosts: ['city.example', 'evil.test'],
      locales: ['en'],
      defaultLocale: 'en',
    });
    const agencies = await seedCatalogue(t.deps, site.id);
    await saveAgencyContact(t.deps, site.id, { agencyId: agencies.roads, notifyEmail: 'roads@city.example', escalationEmail: 'chief@city.example' });
    const requestOrigin = 'http://evil.test';
    const { request } = await createRequest(
      t.deps,
      site.id,
      { serviceCode: 'POTHOLE', lat: 40.04, lon: -3.66, description: 'Hole', email: 'ana@example.org', notify: 'email' },
      { SIZE: 'small' },
      { source: 'web', origin: requestOrigin },
    );
    await t.drainJobs();
    await changeRequest(t.deps, site.id, request.id, { status: 'acknowledged', text: 'On our list' }, null, requestOrigin);
    t.clock.advance(30 * 86400_000);
    expect(await escalateOverdue(t.deps, site.id)).toBe(1);
    await t.drainJobs();
    const mails = await listOutbox(t.deps.db, site.id, 100);
    expect(mails.map((m) => m.to).sort()).toEqual(['ana@example.org', 'chief@city.example', 'roads@city.example']);
    for (const m of mails) {
      expect(m.text, m.to).not.toContain('evil.test');
      for (const link of m.text.match(/https?:\/\/\S+/g) ?? []) expect(link, m.to).toMatch(/^https:\/\/city\.example\/service-requests\//);
    }
    const subscriber = mails.find((m) => m.to === 'ana@example.org')!;
    expect(subscriber.text).toContain(`https://city.example/service-requests/reports/${request.id}`);
    expect(subscriber.text).toMatch(/https:\/\/city\.example\/service-requests\/unsubscribe\?token=/);
    // The escalation sweep runs without a request at all, and still links absolutely.
    expect(mails.find((m) => m.to === 'chief@city.example')!.text).toContain(`https://city.example/service-requests/inbox/${request.id}`);
  });
});
