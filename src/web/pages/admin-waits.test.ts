import { sql } from 'drizzle-orm';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPageHandler, SERVER_BUILD } from '../../server/pages.js';
import { createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';
import { DEMO_PROCESS, seedBudgeting } from '../../modules/budgeting/index.js';
import { createRequest } from '../../modules/service-requests/index.js';
import { saveOrganisation } from '../../modules/sites/index.js';

/** The demo call for case studies (seeded by the library module). */
const CALL = 'public-sector-innovation-2027';

/** The four things that wait, as the admin home shows them in English with a count of one. */
const SUBMISSIONS = /<a href="\/library\/admin\/submissions">1 submission to review<\/a>/;
const STATEMENTS = /<a href="\/conversations\/city-centre\/moderate">How should our city centre change\?: 1 statement to moderate<\/a>/;
const OVERDUE = /<a href="\/service-requests\/inbox\?overdue=on">1 report overdue<\/a>/;
const PAPER = new RegExp(`<a href="/budgeting/${DEMO_PROCESS}/admin/paper">[^<]+: 2 paper ballots to confirm</a>`);

// The pages are served from the React Router build (`npm test` builds first).
describe.runIf(existsSync(SERVER_BUILD)).each(testDatabases())('the admin home shows what waits (%s)', (kind) => {
  let t: TestContext;
  const seed = (id: string) => t.manifests.find((m) => m.id === id)!.seed!(t.deps, t.site.id);
  beforeAll(async () => {
    const pages = await loadPageHandler();
    t = await createTestContext(kind, { pages: pages ?? undefined });
    await seed('library');
    await seed('service-requests');
    await seedBudgeting(t.deps, t.site.id);
    // The demo reports are all within their service's time here; the test makes its own late one.
    await t.deps.db.execute(sql`update sr_requests set expected_at = now() + interval '1 year' where site_id = ${t.site.id}`);
  });
  afterAll(() => t?.close());

  const page = async (client: Awaited<ReturnType<typeof signedInClient>>) => {
    const res = await client.get('/admin');
    expect(res.status).toBe(200);
    return res.text();
  };

  it('says nothing waits while all counts are zero', async () => {
    const admin = await signedInClient(t, 'admin');
    const html = await page(admin);
    expect(html).toContain('Waiting for you');
    expect(html).toContain('Nothing waits.');
  });

  it('counts one item of each kind with its link, each for those allowed to act on it', async () => {
    // A submission sent for review by a resident, and another one's draft, which waits for no one.
    const submitter = await signedInClient(t, null);
    const answers = {
      q_title: 'Open budget for every street',
      q_summary: 'A short summary.',
      q_problem: 'Nobody could read the budget.',
      q_results: 'Many used it.',
      q_country: 'BR',
      q_level: 'local',
      q_sectors: 'digital-government',
      q_stage: 'pilot',
      q_year: '2022',
    };
    expect((await submitter.form(`/library/calls/${CALL}`, { intent: 'submit', ...answers })).status).toBe(302);
    const drafter = await signedInClient(t, null);
    expect((await drafter.api('PUT', `/library/calls/${CALL}/my-submission`, { answers: { title: 'Half done' } })).status).toBeLessThan(300);
    // The demo conversation holds one statement waiting for moderation.
    await seed('conversations');
    // A streetlight report past its due time, and one still within it.
    const file = async (address: string) =>
      (
        await createRequest(
          t.deps,
          t.site.id,
          { serviceCode: 'STREETLIGHT', lat: 40.03, lon: -3.73, address, description: 'Lamp out' },
          {},
          { source: 'web' },
        )
      ).request;
    const late = await file('1 Lamp Lane');
    await file('2 Lamp Lane');
    await t.deps.db.execute(
      sql`update sr_requests set expected_at = ${new Date(t.deps.clock.now().getTime() - 3_600_000).toISOString()}::timestamptz where id = ${late.id}`,
    );
    // Two paper ballots entered by one member of staff, waiting for a second person's check.
    const clerk = await signedInClient(t, 'editor');
    for (const [reference, project] of [
      ['S-1', '1'],
      ['S-2', '4'],
    ])
      expect(
        (await clerk.api('POST', `/budgeting/processes/${DEMO_PROCESS}/paper-ballots`, { reference, district: 'north', choices: [{ project }] }))
          .status,
      ).toBe(201);

    const admin = await page(await signedInClient(t, 'admin'));
    for (const item of [SUBMISSIONS, STATEMENTS, OVERDUE, PAPER]) expect(admin).toMatch(item);
    expect(admin).not.toContain('Nothing waits.');

    // Editors review submissions and check paper ballots; they do not moderate or handle reports.
    const editor = await page(await signedInClient(t, 'editor'));
    expect(editor).toMatch(SUBMISSIONS);
    expect(editor).toMatch(PAPER);
    expect(editor).not.toMatch(STATEMENTS);
    expect(editor).not.toMatch(OVERDUE);

    // Agency staff see overdue reports of their own agency only.
    const roads = await page(await signedInClient(t, 'agency_staff', { agencyId: late.agencyId! }));
    expect(roads).toMatch(OVERDUE);
    expect(roads).not.toMatch(SUBMISSIONS);
    const elsewhere = await saveOrganisation(t.deps, t.site.id, { slug: 'elsewhere', name: { en: 'Elsewhere' }, kind: 'agency' });
    const other = await page(await signedInClient(t, 'agency_staff', { agencyId: elsewhere.id }));
    expect(other).not.toContain('report overdue');
    expect(other).toMatch(PAPER);

    const moderator = await page(await signedInClient(t, 'moderator'));
    expect(moderator).toMatch(STATEMENTS);
    expect(moderator).not.toMatch(SUBMISSIONS);

    // A resident holds no permission: no counts, no links.
    const resident = await page(await signedInClient(t, null));
    for (const item of [SUBMISSIONS, STATEMENTS, OVERDUE, PAPER]) expect(resident).not.toMatch(item);
    expect(resident).not.toContain('Waiting for you');
    expect(resident).toContain('Your account has no administration rights on this site.');
  });
});
