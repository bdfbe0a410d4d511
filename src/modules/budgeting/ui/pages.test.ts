import sharp from 'sharp';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPageHandler, SERVER_BUILD } from '../../../server/pages.js';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { newId } from '../../../kernel/ids.js';
import { DEMO_PAST_PROCESS, DEMO_PROCESS, seedBudgeting } from '../seed/seed.js';
import { findProcessBySlug, findProject } from '../store/queries.js';
import { budgetingProjectHistory } from '../store/tables.js';
import { staffClient } from '../test-helpers.js';

// The pages are served from the React Router build (`npm test` builds first).
describe.runIf(existsSync(SERVER_BUILD)).each(testDatabases())('budgeting pages on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    const pages = await loadPageHandler();
    t = await createTestContext(kind, { pages: pages ?? undefined });
    await seedBudgeting(t.deps, t.site.id);
  });
  afterAll(() => t.close());

  it('shows processes, a process with its phases and projects, and a project with its history', async () => {
    const visitor = createClient(t);
    const list = await (await visitor.get('/budgeting')).text();
    expect(list).toContain('Green neighbourhoods 2027');
    const page = await (await visitor.get(`/budgeting/${DEMO_PROCESS}`)).text();
    expect(page).toContain('aria-current="step"');
    expect(page).toContain('Shade trees on Station Road');
    expect(page).toContain('Bus lines are run by the regional transport agency');
    const north = await (await visitor.get(`/budgeting/${DEMO_PROCESS}?district=south`)).text();
    expect(north).not.toContain('Shade trees on Station Road');
    const project = await (await visitor.get(`/budgeting/${DEMO_PROCESS}/projects/1`)).text();
    expect(project).toContain('History of the proposal');
    expect((await visitor.get(`/budgeting/${DEMO_PROCESS}/projects/999`)).status).toBe(404);
    expect((await visitor.get('/budgeting/nope')).status).toBe(404);
  });

  it('takes a knapsack ballot from a plain form, refuses one over the budget keeping the choices, and shows it back', async () => {
    const resident = await signedInClient(t, null);
    const form = await (await resident.get(`/budgeting/${DEMO_PROCESS}/vote?district=north`)).text();
    expect(form).toContain('aria-live="polite"');
    expect(form).toContain('name="project"');
    const over = await resident.request(`/budgeting/${DEMO_PROCESS}/vote?district=north`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${encodeURIComponent(resident.csrf)}&district=north&project=1&project=2&project=3`,
    });
    expect(over.status).toBe(400);
    const html = await over.text();
    expect(html).toContain('The projects you chose cost €360,000, more than the budget of €300,000.');
    expect(html).toMatch(/value="3"[^>]*checked|checked[^>]*value="3"/);
    // The ballot goes to a review step first: the chosen projects and the total, then "Cast my vote".
    const review = await resident.request(`/budgeting/${DEMO_PROCESS}/vote?district=north`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${encodeURIComponent(resident.csrf)}&district=north&project=1&project=4`,
    });
    expect(review.status).toBe(200);
    const reviewed = await review.text();
    expect(reviewed).toContain('Check your ballot: North');
    expect(reviewed).toContain('Community garden behind the library');
    expect(reviewed).toMatch(/Total: €[\d,]+ of €300,000/);
    expect(reviewed).toContain('Cast my vote');
    expect(reviewed).toMatch(/<input type="hidden" name="project" value="4"/);
    expect(await (await resident.get(`/budgeting/${DEMO_PROCESS}/my-ballot`)).text()).toContain('You have not voted');
    const ok = await resident.request(`/budgeting/${DEMO_PROCESS}/vote?district=north`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${encodeURIComponent(resident.csrf)}&intent=cast&district=north&project=1&project=4`,
    });
    expect(ok.status).toBe(302);
    // The ballot page lists the ballots cast; voting in the other district asks before replacing.
    const again = await (await resident.get(`/budgeting/${DEMO_PROCESS}/vote?district=south`)).text();
    expect(again).toContain('Ballots you have cast');
    expect(again).toContain('You already voted in North');
    const south = await (await resident.get(`/budgeting/${DEMO_PROCESS}/vote?district=south`)).text();
    const southProject = /name="project" value="(\d+)"/.exec(south)![1];
    const asked = await resident.form(`/budgeting/${DEMO_PROCESS}/vote?district=south`, { district: 'south', project: southProject });
    const askedHtml = await asked.text();
    expect(askedHtml).toContain('casting this ballot replaces that one');
    expect(askedHtml).toContain('Replace my ballot in North');
    expect(askedHtml).toContain('name="replace" value="1"');
    const mine = await (await resident.get(`/budgeting/${DEMO_PROCESS}/my-ballot`)).text();
    expect(mine).toContain('You have voted');
    expect(mine).toContain('Community garden behind the library');
    const visitor = createClient(t);
    const noCode = await visitor.form(`/budgeting/${DEMO_PROCESS}/vote?district=north`, { district: 'north', project: '4' });
    expect(noCode.status).toBe(400);
    expect(await noCode.text()).toContain('voting code');
  });

  it('explains published results, compares two rules and hides unpublished ones', async () => {
    const visitor = createClient(t);
    const res = await visitor.get(`/budgeting/${DEMO_PAST_PROCESS}/results?compare=greedy`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Winning projects');
    expect(html).toContain('How each voter’s share was spent');
    expect(html).toMatch(/<figure class="bar-chart"/);
    expect(html).toContain('Side by side with another rule');
    expect(html).toContain('Lost:');
    const due = await visitor.get(`/budgeting/${DEMO_PROCESS}/results`);
    expect(due.status).toBe(200);
    expect(await due.text()).toMatch(/Voting is still open\. Results will be published on [A-Z][a-z]+ \d{1,2}, \d{4}\./);
    const dueFr = await (await visitor.request(`/budgeting/${DEMO_PROCESS}/results`, { headers: { 'accept-language': 'fr' } })).text();
    expect(dueFr).toMatch(/Les résultats seront publiés le \d{1,2} [a-zéû]+\.? \d{4}\./);
    const pb = await visitor.get(`/budgeting/${DEMO_PAST_PROCESS}/city.pb`);
    expect(pb.status).toBe(200);
    expect(await pb.text()).toContain('num_votes;40');
  });

  it('serves staff pages to staff only: review, voting codes with a printable sheet, paper ballots', async () => {
    const resident = await signedInClient(t, null);
    expect((await resident.get(`/budgeting/${DEMO_PROCESS}/admin`)).status).toBe(403);
    expect((await createClient(t).get(`/budgeting/${DEMO_PROCESS}/admin`)).status).toBe(302);
    const editor = await signedInClient(t, 'editor');
    const admin = await (await editor.get(`/budgeting/${DEMO_PROCESS}/admin`)).text();
    expect(admin).toContain('Turnout by district and channel');
    const sheet = await editor.form(`/budgeting/${DEMO_PROCESS}/admin/codes`, { intent: 'generate', count: '3', batch: 'test' });
    expect(sheet.status).toBe(200);
    expect((await sheet.text()).match(/<strong>[A-Z2-9]{5}-[A-Z2-9]{5}<\/strong>/g)).toHaveLength(3);
    const badCount = await editor.form(`/budgeting/${DEMO_PROCESS}/admin/codes`, { intent: 'generate', count: 'lots' });
    expect(badCount.status).toBe(400);
    const staff = await staffClient(t);
    const entered = await staff.form(`/budgeting/${DEMO_PROCESS}/admin/paper?district=north`, {
      intent: 'enter',
      reference: 'N-7',
      district: 'north',
      project: '2',
    });
    expect(entered.status).toBe(302);
    const pending = await (await staff.get(`/budgeting/${DEMO_PROCESS}/admin/paper`)).text();
    expect(pending).toContain('entered by you');
    const second = await staffClient(t);
    const other = await (await second.get(`/budgeting/${DEMO_PROCESS}/admin/paper`)).text();
    expect(other).toContain('Confirm sheet N-7');
  });

  it('lets editors create a process from the form (errors next to each field) and import a .pb file', async () => {
    const editor = await signedInClient(t, 'editor');
    expect((await (await signedInClient(t, null)).get('/budgeting/admin')).status).toBe(403);
    const fields: Record<string, string> = {
      slug: 'form-made',
      title: 'Made with the form',
      description: 'A test.',
      currency: 'EUR',
      rule: 'greedy',
      ballotType: 'approval',
      maxProjects: '3',
      districts: 'all | Whole town | 90000 | city',
      categories: 'parks | Parks',
    };
    const days = [
      '2026-03-01',
      '2026-03-05',
      '2026-03-05',
      '2026-03-10',
      '2026-03-10',
      '2026-03-20',
      '2026-03-20',
      '2026-03-30',
      '2026-03-30',
      '2026-12-31',
    ];
    ['proposals', 'review', 'voting', 'results', 'implementation'].forEach((p, i) => {
      fields[`phase.${p}.start`] = days[2 * i];
      fields[`phase.${p}.end`] = days[2 * i + 1];
    });
    const bad = await editor.form('/budgeting/admin/processes/new', { ...fields, districts: 'all | Whole town | lots' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    // A bad district line is named by the field's label and its line, in words.
    expect(html).toContain('Districts and budgets: line 1: Enter an amount such as 1200 or 99.50');
    expect(html).not.toContain('districts.0.budget');
    expect(html).toContain('value="Made with the form"');
    const order = await editor.form('/budgeting/admin/processes/new', { ...fields, 'phase.review.end': '2026-03-01' });
    expect(order.status).toBe(400);
    expect(await order.text()).toMatch(/<p class="error" id="[^"]+">Must be after the start of the phase<\/p><input id="field-phase.review.end"/);
    const ok = await editor.form('/budgeting/admin/processes/new', fields);
    expect(ok.status).toBe(302);
    const made = await (await createClient(t).get('/budgeting/form-made')).text();
    expect(made).toContain('Made with the form');
    expect((await editor.get('/budgeting/admin/processes/form-made')).status).toBe(200);

    const body = new FormData();
    body.set('_csrf', editor.csrf);
    body.set('slug', 'imported');
    const pb =
      'META\nkey;value\ndescription;Tiny\ncountry;Nowhere\nunit;Town\ninstance;2025\nnum_projects;2\nnum_votes;2\nbudget;100\nvote_type;approval\nrule;greedy\ndate_begin;01.01.2025\ndate_end;02.01.2025\nPROJECTS\nproject_id;cost;name\n1;60;Swings\n2;50;Slide\nVOTES\nvoter_id;vote\n1;1,2\n2;2\n';
    body.set('file', new File([pb], 'tiny.pb', { type: 'text/plain' }));
    const imported = await editor.request('/budgeting/admin', { method: 'POST', body });
    expect(imported.status).toBe(302);
    expect(await (await editor.get('/budgeting/imported')).text()).toContain('Swings');
    const broken = new FormData();
    broken.set('_csrf', editor.csrf);
    broken.set('slug', 'broken');
    broken.set('file', new File([pb.replace('1;60;Swings', '1;sixty;Swings')], 'tiny.pb'));
    const refused = await editor.request('/budgeting/admin', { method: 'POST', body: broken });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('line 16');
    // A Latin-1 file, and a truncated one: refused by the same reader, in the reader's language, beside the file field.
    const upload = async (bytes: Buffer<ArrayBuffer>, slug: string, language: string) => {
      const form = new FormData();
      form.set('_csrf', editor.csrf);
      form.set('slug', slug);
      form.set('file', new File([bytes], 'ville.pb'));
      return editor.request('/budgeting/admin', { method: 'POST', body: form, headers: { 'accept-language': language } });
    };
    const latin1 = await upload(Buffer.from(pb.replace('Swings', 'Balançoires'), 'latin1'), 'latin', 'fr');
    expect(latin1.status).toBe(400);
    const page = await latin1.text();
    expect(page).toMatch(/<p class="error" id="[^"]+">ville\.pb, ligne 16 : le fichier n’est pas en UTF-8 \(octet invalide à la position \d+/);
    expect(page).toContain('Le fichier n’a pas pu être importé');
    const truncated = await upload(Buffer.from(pb.replace('2;2\n', '')), 'cut', 'es');
    expect(await truncated.text()).toContain('ville.pb, META línea 8: META «num_votes» indica 2, pero la sección VOTES tiene 1 filas');
    for (const slug of ['latin', 'cut']) expect((await editor.get(`/budgeting/${slug}`)).status).toBe(404);
  });

  it('shows the images of a project with their alt text, and lets staff add one from a plain form (alt text required)', async () => {
    const staff = await staffClient(t);
    const path = `/budgeting/${DEMO_PROCESS}/projects/2`;
    const form = await (await staff.get(path)).text();
    expect(form).toMatch(/enctype="multipart\/form-data"/i);
    expect(await (await createClient(t).get(path)).text()).not.toMatch(/enctype="multipart\/form-data"/i);
    const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: 'blue' } })
      .png()
      .toBuffer();
    const send = (alt: string) => {
      const body = new FormData();
      body.set('_csrf', staff.csrf);
      body.set('intent', 'add-image');
      body.set('alt', alt);
      body.set('file', new File([new Uint8Array(png)], 'pond.png', { type: 'image/png' }));
      return staff.request(path, { method: 'POST', body });
    };
    const noAlt = await send('');
    expect(noAlt.status).toBe(400);
    expect(await noAlt.text()).toContain('Description of the image (alt text): Fill this in');
    expect((await send('The pond before the works')).status).toBe(302);
    const page = await (await createClient(t).get(path)).text();
    expect(page).toMatch(/<img src="\/library\/files\/[0-9a-f-]+" alt="The pond before the works"/);
    const imageId = /name="image" value="([0-9a-f-]+)"/.exec(await (await staff.get(path)).text())![1];
    const stranger = await (await signedInClient(t, null)).form(path, { intent: 'remove-image', image: imageId });
    expect(stranger.status).toBe(403);
    expect(await stranger.text()).toContain('Only the person who proposed this project, or staff');
    const ukrainian = await signedInClient(t, null);
    ukrainian.jar.set('polity_locale', 'uk');
    const strangerUk = await ukrainian.form(path, { intent: 'remove-image', image: imageId });
    expect(await strangerUk.text()).toContain('Змінювати зображення проєкту може лише людина, яка його запропонувала, або працівники');
    expect((await staff.form(path, { intent: 'remove-image', image: imageId })).status).toBe(302);
    expect(await (await createClient(t).get(path)).text()).not.toContain('alt="The pond before the works"');
  });

  it('tells a project’s history in words: field labels, status words, money in the process currency, in the reader’s language', async () => {
    const process = (await findProcessBySlug(t.deps.db, t.site.id, DEMO_PROCESS))!;
    const project = (await findProject(t.deps.db, t.site.id, process.id, '1'))!;
    await t.deps.db.insert(budgetingProjectHistory).values({
      id: newId(),
      siteId: t.site.id,
      projectId: project.id,
      kind: 'reviewed',
      actorName: 'Public works',
      changes: {
        status: { from: 'feasible', to: 'set-aside' },
        cost: { from: '120000', to: '99999.5' },
        reason: { from: null, to: 'Bus lines belong to the region' },
        image: { from: 'The old bench', to: null },
      },
      createdAt: new Date('2026-03-12T09:00:00Z'),
    });
    const visitor = createClient(t);
    const page = async (language: string) =>
      (await (await visitor.request(`/budgeting/${DEMO_PROCESS}/projects/1`, { headers: { 'accept-language': language } })).text()).replace(
        /\u00a0|\u202f/g,
        ' ',
      );
    const money = (amount: number, locale: string) =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: 'EUR',
        maximumFractionDigits: 2,
        minimumFractionDigits: Number.isInteger(amount) ? 0 : 2,
      })
        .format(amount)
        .replace(/\u00a0|\u202f/g, ' ');
    const en = await page('en');
    expect(en).toContain('Status: Proposed → On the ballot');
    expect(en).toContain(`Cost: ${money(120000, 'en')}`);
    expect(en).toContain(`Status: On the ballot → Set aside`);
    expect(en).toContain(`Cost: ${money(120000, 'en')} → ${money(99999.5, 'en')}`);
    expect(en).toContain('Reason given: Bus lines belong to the region');
    expect(en).toContain('Image: The old bench (removed)');
    expect(en).toContain('March 12, 2026');
    const uk = await page('uk');
    expect(uk).toContain('Статус: Запропоновано → У бюлетені');
    expect(uk).toContain(`Вартість: ${money(120000, 'uk')} → ${money(99999.5, 'uk')}`);
    expect(uk).toContain('Зазначена причина: Bus lines belong to the region');
    expect(uk).toContain('Зображення: The old bench (вилучено)');
    for (const html of [en, uk]) {
      for (const raw of ['status:', 'cost:', 'set-aside', 'feasible →', '— → 120000', '→ 99999.5']) expect(html).not.toContain(raw);
    }
  });

  it('lets editors upload the census as CSV, shows the count, and refuses a file without the column in words, losing nothing', async () => {
    const editor = await signedInClient(t, 'editor');
    const path = `/budgeting/${DEMO_PROCESS}/admin/census`;
    expect((await (await signedInClient(t, null)).get(path)).status).toBe(403);
    const before = await (await editor.get(path)).text();
    expect(before).toContain('List of eligible voters');
    expect(before).toContain('0 people are on the list');
    const upload = (csv: string, fields: Record<string, string>, language = 'en') => {
      const body = new FormData();
      body.set('_csrf', editor.csrf);
      for (const [k, v] of Object.entries(fields)) body.set(k, v);
      body.set('file', new File([csv], 'census.csv', { type: 'text/csv' }));
      return editor.request(path, { method: 'POST', body, headers: { 'accept-language': language } });
    };
    const ok = await upload('document;district\n12.345.678-K;north\n;north\nX-1;south\n12345678k;north\n', {
      idColumn: 'document',
      districtColumn: 'district',
    });
    expect(ok.status).toBe(200);
    const report = await ok.text();
    expect(report).toContain('2 people are on the list');
    expect(report).toContain('4 rows read, 2 people added.');
    expect(report).toContain('Line 3: no identifier.');
    expect(report).toContain('Line 5: the same identifier appears earlier in the file.');
    expect(report).not.toContain('12.345.678-K');
    // A file without the named column: refused naming the field by its label and the column in words.
    for (const [language, label, words, count] of [
      ['en', 'Column with the identifier', 'The file has no column “dni” (its columns: name, district)', '2 people are on the list'],
      ['uk', 'Стовпець з ідентифікатором', 'У файлі немає стовпця «dni» (його стовпці: name, district)', 'У списку 2 особи'],
    ]) {
      const bad = await upload('name;district\nAna;north\n', { idColumn: 'dni' }, language);
      expect(bad.status).toBe(400);
      const html = await bad.text();
      expect(html).toContain(`${label}: ${words}`);
      expect(html).toMatch(new RegExp(`<p class="error" id="[^"]+">${words.replace(/[()]/g, '\\$&')}</p><input id="field-idColumn"`));
      expect(html).not.toContain('idColumn:');
      expect(html).toContain('value="dni"');
      expect(await (await editor.request(path, { headers: { 'accept-language': language } })).text()).toContain(count);
    }
    // No file at all: the file field is named.
    const empty = new FormData();
    empty.set('_csrf', editor.csrf);
    empty.set('idColumn', 'id');
    const none = await editor.request(path, { method: 'POST', body: empty });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('CSV file: Choose a CSV file with a header line and one person per line');
    expect(await (await editor.get(path)).text()).toContain('2 people are on the list');
  });
});
