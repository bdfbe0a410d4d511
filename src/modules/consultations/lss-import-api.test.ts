import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';
import { saveConsultation } from './commands/save-consultation.js';

/**
 * Importing real LimeSurvey structures (POLITY_DATASETS/surveys/limesurvey) into a consultation's
 * questionnaire through `POST /api/v1/consultations/{slug}/questionnaire/import-lss` and the staff
 * page, then answering the imported survey; bad files and people who are not editors are refused.
 */
const datasets = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const dir = path.join(datasets, 'surveys', 'limesurvey');
const QUOTAS = path.join(dir, 'limesurvey_survey_376789_quotas.lss');
const MULTILINGUAL = path.join(dir, 'ls5_sample_survey_multilingual_fr_de_en_it.lss');
const CASCADING = path.join(dir, 'ls205_cascading_array_filter.lss');
const present = [QUOTAS, MULTILINGUAL, CASCADING].every((f) => existsSync(f));

type Client = ReturnType<typeof createClient>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const importLss = (client: Client, slug: string, body: string, type = 'application/xml') =>
  client.request(`/api/v1/consultations/${slug}/questionnaire/import-lss`, {
    method: 'POST',
    headers: { 'content-type': type, 'x-csrf-token': client.csrf },
    body,
  });

if (!present) {
  describe('LimeSurvey import API', () => {
    it('needs the LimeSurvey files', () => {
      expect.fail(`No LimeSurvey files at ${dir}: set POLITY_DATASETS to the folder holding surveys/limesurvey/ (default ../shared/data).`);
    });
  });
} else {
  describe.each(testDatabases())('LimeSurvey import on %s', (kind) => {
    let t: TestContext;
    let editor: Awaited<ReturnType<typeof signedInClient>>;
    const en = (text: string) => ({ en: text });
    const consultation = (slug: string) =>
      saveConsultation(t.deps, t.site.id, { slug, title: en(slug), description: en('A survey.'), status: 'open' });

    beforeAll(async () => {
      t = await createTestContext(kind, { pages: await builtPages() });
      editor = await signedInClient(t, 'editor');
    });
    afterAll(() => t.close());

    it('imports a real file, names what it could not carry over, and the survey can then be answered', async () => {
      await consultation('quotas');
      const res = await importLss(editor, 'quotas', readFileSync(QUOTAS, 'utf8'));
      expect(res.status).toBe(200);
      const body = (await res.json()) as Json;
      expect(body).toMatchObject({ version: 1, outcome: 'replaced', languages: { en: 'en' } });
      expect(body.items.map((i: Json) => `${i.id}:${i.type}`)).toEqual([
        'group_9:page_break',
        'group_9_text:section',
        'q00:long_text',
        'g01q02:single_choice',
        'group_10:page_break',
        'group_10_text:section',
        'g02q03:single_choice',
        'group_11:page_break',
        'g03q04:single_choice',
      ]);
      expect(body.unsupported).toEqual(
        expect.arrayContaining([
          { element: 'quota 1', reason: 'quota', detail: 'Gender selection' },
          { element: 'quota 2', reason: 'quota', detail: 'Europe-quota' },
          { element: 'quota 3', reason: 'quota', detail: 'Afrika-quota' },
        ]),
      );
      // The questionnaire served is the imported one.
      const served = (await (await createClient(t).api('GET', '/consultations/quotas/questionnaire')).json()) as Json;
      expect(served.items.map((i: Json) => i.id)).toEqual(body.items.map((i: Json) => i.id));

      // A respondent answers the three pages; required questions are required.
      const browser = createClient(t);
      const step = (b: Json) => browser.api('POST', '/consultations/quotas/survey', b);
      const missing = await step({ page: 0, move: 'next', answers: { q00: 'Hello' } });
      expect(missing.status).toBe(400);
      expect(Object.keys(((await missing.json()) as Json).error.fields)).toEqual(['g01q02']);
      expect((await step({ page: 0, move: 'next', answers: { q00: 'Hello', g01q02: 'f' } })).status).toBe(200);
      expect((await step({ page: 1, move: 'next', answers: { g02q03: 'ao04' } })).status).toBe(200);
      const sent = await step({ page: 2, move: 'submit', answers: { g03q04: 'ao02' } });
      expect(sent.status).toBe(200);
      const response = ((await sent.json()) as Json).response;
      expect(response).toMatchObject({ status: 'submitted', version: 1, answers: { q00: 'Hello', g01q02: 'f', g02q03: 'ao04', g03q04: 'ao02' } });

      // Once answered, importing another structure makes a new version; the response keeps version 1.
      const again = await importLss(editor, 'quotas', readFileSync(MULTILINGUAL, 'utf8'), 'text/xml');
      expect(again.status).toBe(200);
      const second = (await again.json()) as Json;
      expect(second).toMatchObject({ version: 2, outcome: 'new_version', languages: { en: 'en', fr: 'fr' } });
      expect(second.unsupported).toEqual(
        expect.arrayContaining([
          { element: 'language it', reason: 'language_not_on_site' },
          { element: 'question I (type "I")', reason: 'unsupported_type' },
          { element: 'question dual (type "1")', reason: 'second_scale' },
        ]),
      );
      const yn = second.items.find((i: Json) => i.id === 'y');
      expect(yn.label).toEqual({ en: 'Yes/No', fr: 'Oui/Non' });
      expect(yn.options.map((o: Json) => o.label.fr)).toEqual(['Oui', 'Non']);
      const versions = (await (await createClient(t).api('GET', '/consultations/quotas/questionnaire?version=1')).json()) as Json;
      expect(versions.versions.map((v: Json) => v.version)).toEqual([1, 2]);
      expect(versions.items.map((i: Json) => i.id)).toContain('g03q04');
    });

    it('keeps the conditions of a real file: a hidden question drops its answer', async () => {
      await consultation('cascade');
      expect((await importLss(editor, 'cascade', readFileSync(CASCADING, 'utf8'))).status).toBe(200);
      const q = (await (await createClient(t).api('GET', '/consultations/cascade/questionnaire')).json()) as Json;
      expect(q.items.find((i: Json) => i.id === 'q04a').showIf).toEqual({ combine: 'all', rules: [{ question: 'q04', op: 'answered' }] });
      const walk = async (answers: Json) => {
        const res = await createClient(t).api('POST', '/consultations/cascade/survey', { page: 0, move: 'next', answers });
        expect(res.status).toBe(200);
        return ((await res.json()) as Json).response.answers as Json;
      };
      // Q04 is asked only when a brand of Q02 was chosen; Q04A only when Q04 was answered.
      const none = await walk({ q01: ['a'], q04: 'a', q04a: 'Because' });
      expect(none).toEqual({ q01: ['a'] });
      const some = await walk({ q01: ['a'], q02: ['b'], q04: 'a', q04a: 'Because' });
      expect(some).toEqual({ q01: ['a'], q02: ['b'], q04: 'a', q04a: 'Because' });
    });

    it('refuses a malformed file naming the element, keeping the questionnaire as it was', async () => {
      await consultation('broken');
      const good = readFileSync(QUOTAS, 'utf8');
      expect((await importLss(editor, 'broken', good)).status).toBe(200);
      const truncated = await importLss(editor, 'broken', good.slice(0, good.indexOf('<questions>') + 400));
      expect(truncated.status).toBe(400);
      const error = ((await truncated.json()) as Json).error;
      expect(error.fields.file).toMatch(/the file ends inside <document>\/<questions>/);
      const badType = await importLss(editor, 'broken', good.replace('<type><![CDATA[T]]></type>', '<type><![CDATA[Z]]></type>'));
      expect(badType.status).toBe(400);
      expect(((await badType.json()) as Json).error.fields.file).toMatch(
        /^line \d+, <questions> row \d+ \(qid \d+\): "Z" is not a LimeSurvey question type/,
      );
      const notLss = await importLss(editor, 'broken', '<html><body>hello</body></html>');
      expect(((await notLss.json()) as Json).error.fields.file).toMatch(/not a LimeSurvey survey structure/);
      // Nothing was lost: still the first import.
      const q = (await (await createClient(t).api('GET', '/consultations/broken/questionnaire')).json()) as Json;
      expect(q.items.map((i: Json) => i.id)).toContain('g03q04');
    });

    it('accepts a file of a few megabytes (the import body limit, not the JSON one)', async () => {
      await consultation('large');
      const text = readFileSync(QUOTAS, 'utf8').replace('<document>', `<!-- ${'padding '.repeat(400_000)}-->\n<document>`);
      expect(text.length).toBeGreaterThan(3_000_000);
      const res = await importLss(editor, 'large', text);
      expect(res.status).toBe(200);
      expect(((await res.json()) as Json).items).toHaveLength(9);
    });

    it('refuses people who are not editors', async () => {
      await consultation('guarded');
      const lss = readFileSync(QUOTAS, 'utf8');
      const resident = await signedInClient(t, null);
      expect((await importLss(resident, 'guarded', lss)).status).toBe(403);
      expect((await importLss(createClient(t), 'guarded', lss)).status).toBe(401);
      const q = (await (await createClient(t).api('GET', '/consultations/guarded/questionnaire')).json()) as Json;
      expect(q.items.map((i: Json) => i.id)).not.toContain('g03q04');
      const page = await resident.get('/consultations/guarded/admin/import-lss');
      expect(page.status).toBe(403);
    });

    it('imports through the staff page without JavaScript and says what was not carried over in the reader’s language', async () => {
      await consultation('paged');
      const form = new FormData();
      form.set('_csrf', editor.csrf);
      form.set('file', new Blob([readFileSync(QUOTAS)], { type: 'application/xml' }), 'survey.lss');
      const res = await editor.request('/consultations/paged/admin/import-lss', { method: 'POST', body: form, headers: { 'accept-language': 'fr' } });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('Importé : le questionnaire est maintenant la version 1, avec 9 éléments.');
      expect(html).toContain('Les quotas ne sont pas appliqués : la plateforme n&#x27;en a pas');
      expect(html).toContain('<code>quota 2</code>');
      expect(html).toContain('<code>g03q04</code>');
      // No file chosen: the field is named; a broken file: the element is named.
      const empty = new FormData();
      empty.set('_csrf', editor.csrf);
      const none = await editor.request('/consultations/paged/admin/import-lss', { method: 'POST', body: empty });
      expect(none.status).toBe(400);
      expect(await none.text()).toContain('Fill this in');
      const broken = new FormData();
      broken.set('_csrf', editor.csrf);
      broken.set('file', new Blob(['<document><LimeSurveyDocType>Survey</LimeSurveyDocType><DBVersion>x</DBVersion></document>']), 'bad.lss');
      const refused = await editor.request('/consultations/paged/admin/import-lss', { method: 'POST', body: broken });
      expect(refused.status).toBe(400);
      const refusedHtml = await refused.text();
      expect(refusedHtml).toContain('The LimeSurvey file cannot be read at &lt;document&gt;/&lt;DBVersion&gt;<');
      // A truncated file: the element and its line, in the reader's language.
      const cut = new FormData();
      cut.set('_csrf', editor.csrf);
      const text = readFileSync(QUOTAS, 'utf8');
      cut.set('file', new Blob([text.replace('<type><![CDATA[T]]></type>', '<type><![CDATA[Z]]></type>')]), 'cut.lss');
      const cutRes = await editor.request('/consultations/paged/admin/import-lss', {
        method: 'POST',
        body: cut,
        headers: { 'accept-language': 'es' },
      });
      expect(cutRes.status).toBe(400);
      expect(await cutRes.text()).toMatch(/No se puede leer el archivo de LimeSurvey en &lt;questions&gt; row 1 \(qid \d+\) \(línea \d+\)/);
    });
  });
}
