import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testDatabases, type TestContext } from '../../server/testing.js';
import { createUser } from '../accounts/index.js';
import { createRequest, subscribe } from './commands/create-request.js';
import { deleteServiceRequestData, exportServiceRequestData } from './commands/personal-data.js';
import { seedCatalogue } from './seed/catalogue.js';
import { srRequests, srSubscriptions } from './store/tables.js';

describe.each(testDatabases())('a person’s service-request data on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(kind);
    await seedCatalogue(t.deps, t.site.id);
  });
  afterAll(() => t?.close());

  it('exports the reports and follows of a person, and on deletion keeps the reports without any link to them', async () => {
    const user = await createUser(t.deps, t.site.id, {
      email: 'maria@example.org',
      name: 'Maria',
      password: 'correct horse battery',
      confirmed: true,
    });
    const other = await createUser(t.deps, t.site.id, {
      email: 'joao@example.org',
      name: 'Joao',
      password: 'correct horse battery',
      confirmed: true,
    });
    const mine = await createRequest(
      t.deps,
      t.site.id,
      {
        serviceCode: 'TREE',
        address: 'Park gate',
        email: 'maria@example.org',
        firstName: 'Maria',
        phone: '+34 600 000 000',
        notify: 'email',
        description: 'Branch down',
      },
      {},
      { source: 'web', userId: user.id },
    );
    const theirs = await createRequest(
      t.deps,
      t.site.id,
      { serviceCode: 'TREE', address: 'Lake', email: 'joao@example.org', description: 'Leaning tree' },
      {},
      { source: 'web', userId: other.id },
    );
    await subscribe(t.deps, t.site.id, theirs.request.id, { email: 'maria@example.org', userId: user.id });

    const data = (await exportServiceRequestData(t.deps, t.site.id, user.id)) as {
      reports: { id: string; phone: string }[];
      following: { requestId: string }[];
    };
    expect(data.reports.map((r) => r.id)).toEqual([mine.request.id]);
    expect(data.reports[0].phone).toBe('+34 600 000 000');
    expect(data.following.map((f) => f.requestId).sort()).toEqual([mine.request.id, theirs.request.id].sort());

    await deleteServiceRequestData(t.deps, t.site.id, user.id);
    const [kept] = await t.deps.db.select().from(srRequests).where(eq(srRequests.id, mine.request.id));
    expect(kept).toMatchObject({ userId: null, email: null, firstName: null, phone: null, anonymous: true, description: 'Branch down' });
    expect(await t.deps.db.select().from(srSubscriptions).where(eq(srSubscriptions.email, 'maria@example.org'))).toHaveLength(0);
    const [untouched] = await t.deps.db.select().from(srRequests).where(eq(srRequests.id, theirs.request.id));
    expect(untouched.email).toBe('joao@example.org');
    expect(await exportServiceRequestData(t.deps, t.site.id, user.id)).toEqual({ reports: [], following: [] });
  });
});
