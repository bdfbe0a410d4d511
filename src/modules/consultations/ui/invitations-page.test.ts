// Page tests run the whole server with the built pages (`npm test` builds them first).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { DEMO_CONSULTATION, seedConsultations } from '../seed/seed.js';
import { consultationInvitations } from '../store/tables.js';

const PAGE = '/consultations/panel/admin/invitations';

describe.each(testDatabases())('invitations page on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    const pages = await builtPages();
    t = await createTestContext(kind, { pages });
    await seedConsultations(t.deps, t.site.id);
  });
  afterAll(() => t.close());

  it('makes a batch of codes shown once with their links and CSV, lists batches with their use, and revokes the unused codes', async () => {
    const editor = await signedInClient(t, 'editor');
    await editor.api('POST', '/consultations', {
      slug: 'panel',
      title: { en: 'Panel' },
      description: { en: 'x' },
      status: 'open',
      participation: 'invitation',
    });
    await editor.api('PUT', '/consultations/panel/questionnaire', {
      items: [{ id: 'ok', type: 'short_text', required: true, label: { en: 'All well?' } }],
    });
    // Staff only; linked from the staff results page of an invitation consultation, not of others.
    expect((await createClient(t).get(PAGE)).headers.get('location')).toMatch(/^\/sign-in/);
    expect((await (await signedInClient(t, null)).get(PAGE)).status).toBe(403);
    expect(await (await editor.get('/consultations/panel/admin/results')).text()).toContain(`href="${PAGE}"`);
    expect(await (await editor.get(`/consultations/${DEMO_CONSULTATION}/admin/results`)).text()).not.toContain('/admin/invitations');
    const empty = await (await editor.get(PAGE)).text();
    expect(empty).toContain('<h1>Invitation codes: Panel</h1>');
    expect(empty).toContain('No codes have been made yet.');
    expect(empty).not.toContain('This consultation is not answered by invitation');

    // A number that is not one is refused naming the field; what was typed stays.
    const refused = await editor.form(PAGE, { intent: 'make', count: 'lots', label: 'Schools' });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('href="#field-count"');
    expect(refusedHtml).toContain('Number of codes: Enter a whole number from 1 to 1,000');
    expect(refusedHtml).toContain('From 1 to 1,000.');
    expect(refusedHtml).toContain('value="Schools"');
    expect((await editor.form(PAGE, { intent: 'make', count: '1001' })).status).toBe(400);

    const made = await editor.form(PAGE, { intent: 'make', count: '3', label: 'Schools' });
    expect(made.status).toBe(200);
    const html = await made.text();
    expect(html).toContain('3 codes made');
    const codes = [...html.matchAll(/<code>([^<]+)<\/code>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(3);
    for (const code of codes) expect(html).toContain(`http://test.localhost/consultations/panel/survey?code=${code}`);
    // The CSV download holds the codes, their links and the label.
    const href = /href="(data:text\/csv[^"]+)"/.exec(html)?.[1].replace(/&amp;/g, '&') ?? '';
    expect(html).toContain('download="panel-invitations.csv"');
    const csv = decodeURIComponent(href.slice(href.indexOf(',') + 1));
    expect(csv.split('\r\n')).toEqual([
      'code,link,label',
      ...codes.map((c) => `${c},http://test.localhost/consultations/panel/survey?code=${c},Schools`),
      '',
    ]);
    // Only hashes are kept: no code is stored, nor shown again.
    const stored = await t.deps.db.select().from(consultationInvitations).where(eq(consultationInvitations.siteId, t.site.id));
    expect(stored).toHaveLength(3);
    for (const row of stored) expect(codes.some((c) => row.codeHash.includes(c))).toBe(false);
    const later = await (await editor.get(PAGE)).text();
    for (const code of codes) expect(later).not.toContain(code);

    // The link a respondent is sent fills the code in on the survey page.
    const opened = await (await createClient(t).get(`/consultations/panel/survey?code=${codes[0]}`)).text();
    expect(opened).toMatch(new RegExp(`id="field-code"[^>]*value="${codes[0]}"`));

    // One code answers the survey: the batch shows it used.
    const sent = await createClient(t).api('POST', '/consultations/panel/survey', {
      page: 0,
      move: 'submit',
      answers: { ok: 'yes' },
      code: codes[0],
    });
    expect(sent.status).toBe(200);
    const listed = await (await editor.get(PAGE)).text();
    const row = /<tr><th scope="row">Schools<\/th>(.*?)<\/tr>/s.exec(listed)?.[1] ?? '';
    expect([...row.matchAll(/<td>(\d+)/g)].map((m) => m[1])).toEqual(['3', '1', '2']);
    expect(row).toContain('Revoke the unused codes of Schools');

    // Revoking: the two unused codes stop opening the survey.
    const batch = /name="batch" value="([^"]+)"/.exec(listed)?.[1] ?? '';
    const revoked = await editor.form(PAGE, { intent: 'revoke', batch });
    expect(revoked.headers.get('location')).toBe(`${PAGE}?revoked=2#batches`);
    const after = await (await editor.get(`${PAGE}?revoked=2`)).text();
    expect(after).toContain('2 unused codes revoked.');
    expect(after).not.toContain('Revoke the unused codes of Schools');
    const late = await createClient(t).api('POST', '/consultations/panel/survey', {
      page: 0,
      move: 'submit',
      answers: { ok: 'yes' },
      code: codes[1],
    });
    expect(late.status).toBe(400);
    // A malformed batch is refused, not a crash.
    expect((await editor.form(PAGE, { intent: 'revoke', batch: 'nope' })).status).toBe(400);
  });

  it('says when the consultation is not answered by invitation', async () => {
    const editor = await signedInClient(t, 'editor');
    const html = await (await editor.get(`/consultations/${DEMO_CONSULTATION}/admin/invitations`)).text();
    expect(html).toContain('This consultation is not answered by invitation');
  });
});
