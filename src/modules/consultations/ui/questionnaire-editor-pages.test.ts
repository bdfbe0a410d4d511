// Page tests run the whole server with the built pages (`npm test` builds them first).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { questionnaireOf } from '../commands/take-part.js';
import { DEMO_CONSULTATION, seedConsultations } from '../seed/seed.js';
import { findConsultationBySlug } from '../store/consultations.js';

const E = `/consultations/${DEMO_CONSULTATION}/admin/questionnaire`;
type Client = Awaited<ReturnType<typeof signedInClient>>;

const post = (client: Client, path: string, fields: [string, string][]) =>
  client.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([['_csrf', client.csrf], ...fields]).toString(),
  });

describe.each(testDatabases())('the questionnaire editor on %s', (kind) => {
  let t: TestContext;
  let editor: Client;
  const items = async () => {
    const c = await findConsultationBySlug(t.deps.db, t.site.id, DEMO_CONSULTATION);
    return questionnaireOf(t.deps, c!);
  };
  beforeAll(async () => {
    const pages = await builtPages();
    t = await createTestContext(kind, { pages });
    await seedConsultations(t.deps, t.site.id);
    editor = await signedInClient(t, 'editor');
  });
  afterAll(() => t.close());

  it('is for the consultation’s editors only, and lists the items with their conditions', async () => {
    const visitor = await createClient(t).get(E);
    expect([302, 303, 401, 403]).toContain(visitor.status);
    const resident = await (await signedInClient(t, null)).get(E);
    expect(resident.status).toBe(403);
    const html = await (await editor.get(E)).text();
    expect(html).toContain('How old are you?');
    expect(html).toContain('Shown when all of these hold:');
    expect(html).toContain(`href="${E}/preview?lang=uk"`);
  });

  it('adds a choice question where asked, refusing a wrong one by field label and keeping what was typed', async () => {
    const form = await (await editor.get(`${E}?add=single_choice&after=age`)).text();
    expect(form).toContain('name="options"');
    expect(form).not.toContain('name="maxLength"');
    const typed: [string, string][] = [
      ['intent', 'item'],
      ['originalId', ''],
      ['after', 'age'],
      ['type', 'single_choice'],
      ['id', 'commute'],
      ['label', 'How do you get to work?'],
      ['options', 'car | Car'],
    ];
    const refused = await post(editor, `${E}?add=single_choice&after=age`, typed);
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain('href="#field-options"');
    expect(page).toMatch(/>Options</);
    expect(page).toContain('value="How do you get to work?"');
    expect((await items()).some((i) => i.id === 'commute')).toBe(false);

    const saved = await post(editor, `${E}?add=single_choice&after=age`, [
      ...typed.filter(([k]) => k !== 'options'),
      ['options', 'car | Car\nbus | Bus\nBy bike'],
      ['required', 'on'],
    ]);
    expect(saved.status).toBe(302);
    expect(saved.headers.get('location')).toBe(`${E}?saved=replaced#item-commute`);
    const list = await items();
    const at = list.findIndex((i) => i.id === 'commute');
    expect(list[at - 1].id).toBe('age');
    expect(list[at].options.map((o) => o.value)).toEqual(['car', 'bus', 'by_bike']);
    expect(list[at].required).toBe(true);
  });

  it('writes the texts of a second language beside the first, showing the first as a reference', async () => {
    await editor.get(`${E}?lang=uk`);
    const form = await (await editor.get(`${E}?edit=commute`)).text();
    expect(form).toContain('English: How do you get to work?');
    const saved = await post(editor, `${E}?edit=commute`, [
      ['intent', 'item'],
      ['originalId', 'commute'],
      ['type', 'single_choice'],
      ['id', 'commute'],
      ['label', 'Як ви добираєтеся на роботу?'],
      ['options', 'car | Автомобілем\nbus | Автобусом\nby_bike | Велосипедом'],
      ['required', 'on'],
    ]);
    expect(saved.status).toBe(302);
    const commute = (await items()).find((i) => i.id === 'commute')!;
    expect(commute.label).toEqual({ en: 'How do you get to work?', uk: 'Як ви добираєтеся на роботу?' });
    expect(commute.options[2].label).toEqual({ en: 'By bike', uk: 'Велосипедом' });
    const preview = await (await editor.get(`${E}/preview?lang=uk`)).text();
    expect(preview).toContain('Як ви добираєтеся на роботу?');
    expect(preview).toContain('Велосипедом');
    await editor.get(`${E}?lang=en`);
  });

  it('refuses a condition on a later question, naming the rule, and moves and removes items', async () => {
    const refused = await post(editor, `${E}?edit=age`, [
      ['intent', 'item'],
      ['originalId', 'age'],
      ['type', 'single_choice'],
      ['id', 'age'],
      ['label', 'How old are you?'],
      [
        'options',
        (await items())
          .find((i) => i.id === 'age')!
          .options.map((o) => `${o.value} | ${o.label.en}`)
          .join('\n'),
      ],
      ['rule.0.question', 'commute'],
      ['rule.0.op', 'equals'],
      ['rule.0.value', 'car'],
    ]);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('href="#field-rule.0.question"');
    expect((await items()).find((i) => i.id === 'age')!.showIf).toBeUndefined();

    const before = (await items()).map((i) => i.id);
    expect(
      (
        await post(editor, E, [
          ['intent', 'up'],
          ['itemId', 'commute'],
        ])
      ).status,
    ).toBe(302);
    const moved = (await items()).map((i) => i.id);
    const at = before.indexOf('commute');
    expect(moved[at - 1]).toBe('commute');
    expect(moved[at]).toBe(before[at - 1]);
    expect(
      (
        await post(editor, E, [
          ['intent', 'remove'],
          ['itemId', 'commute'],
        ])
      ).status,
    ).toBe(302);
    expect((await items()).map((i) => i.id)).toEqual(before.filter((id) => id !== 'commute'));
  });

  it('refuses removing a question that a later condition looks at, naming that item, and loses nothing', async () => {
    const list = await items();
    const dependent = list.find((i) => i.showIf)!;
    const target = dependent.showIf!.rules[0].question;
    const refused = await post(editor, E, [
      ['intent', 'remove'],
      ['itemId', target],
    ]);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(`href="#field-questions.${dependent.id}"`);
    expect((await items()).map((i) => i.id)).toEqual(list.map((i) => i.id));
  });

  it('refuses a change made on a copy someone else has changed since, keeping their change', async () => {
    const page = await (await editor.get(E)).text();
    const basedOn = /name="basedOn" value="([0-9a-f]+)"/.exec(page)?.[1];
    expect(basedOn).toMatch(/^[0-9a-f]{16}$/);
    const first = await post(editor, E, [
      ['intent', 'down'],
      ['itemId', 'intro'],
      ['basedOn', basedOn!],
    ]);
    expect(first.status).toBe(302);
    const after = (await items()).map((i) => i.id);
    // A second tab still holds the old copy: its change is refused and the first one stays.
    const stale = await post(editor, E, [
      ['intent', 'remove'],
      ['itemId', 'ideas'],
      ['basedOn', basedOn!],
    ]);
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Someone else changed this since you opened it');
    expect((await items()).map((i) => i.id)).toEqual(after);
  });
});
