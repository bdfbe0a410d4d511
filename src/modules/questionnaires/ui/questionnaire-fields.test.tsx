import { renderToString } from 'react-dom/server';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { MessagesProvider } from '../../../web/kit/i18n.js';
import type { RootData } from '../../../web/kit/root-data.js';
import { validateAnswers } from '../core/answers.js';
import type { Item, ItemInput } from '../core/items.js';
import { validateQuestionnaire } from '../core/validate-questionnaire.js';
import { answersFromForm, formValuesOf, searchParamsOf, type FormValues } from './form-names.js';
import en from './messages/en.json' with { type: 'json' };
import uk from './messages/uk.json' with { type: 'json' };
import { QuestionnaireFields, type QuestionnaireFieldsProps } from './questionnaire-fields.js';

const text = (en: string, uk: string) => ({ en, uk });
const opts = (...values: string[]) => values.map((v) => ({ value: v, label: text(`${v} (en)`, `${v} (uk)`) }));

const ITEMS: ItemInput[] = [
  { id: 'p1', type: 'page_break', label: text('About you', 'Про вас') },
  { id: 'intro', type: 'section', label: text('Welcome', 'Вітаємо'), body: text('First paragraph.\n\nSecond one.', 'Перший абзац.\n\nДругий.') },
  { id: 'name', type: 'short_text', label: text('Name', 'Ім’я'), help: text('As you like to be called', 'Як вас називати'), required: true },
  { id: 'story', type: 'long_text', label: text('Story', 'Історія') },
  { id: 'age', type: 'single_choice', label: text('Age band', 'Вік'), options: opts('a18', 'a30'), display: 'list', demographic: true },
  { id: 'mode', type: 'single_choice', label: text('Main mode', 'Основний транспорт'), options: opts('bus', 'tram'), allowOther: true },
  { id: 'modes', type: 'multiple_choice', label: text('Modes', 'Види'), options: opts('bus', 'tram'), maxChoices: 2, allowOther: true },
  {
    id: 'nps',
    type: 'scale',
    label: text('Recommend', 'Порадите'),
    min: 0,
    max: 10,
    minLabel: text('Never', 'Ніколи'),
    maxLabel: text('Surely', 'Звісно'),
  },
  { id: 'km', type: 'number', label: text('Kilometres', 'Кілометри'), min: 0, max: 100 },
  { id: 'when', type: 'date', label: text('When', 'Коли'), minDate: '2026-01-01' },
  { id: 'p2', type: 'page_break', label: text('Your city', 'Ваше місто') },
  { id: 'grid', type: 'matrix', label: text('Rate', 'Оцініть'), rows: opts('bus', 'tram'), columns: opts('bad', 'good') },
  { id: 'prio', type: 'ranking', label: text('Priorities', 'Пріоритети'), options: opts('safety', 'cost', 'speed'), top: 2 },
  { id: 'docs', type: 'file', label: text('Documents', 'Документи'), maxFiles: 2 },
  { id: 'where', type: 'place', label: text('Where', 'Де') },
  { id: 'country', type: 'country', label: text('Country', 'Країна') },
  { id: 'since', type: 'year', label: text('Since', 'Відколи') },
  { id: 'site', type: 'url', label: text('Website', 'Сайт') },
  {
    id: 'tram_why',
    type: 'short_text',
    label: text('Why the tram?', 'Чому трамвай?'),
    showIf: { combine: 'all', rules: [{ question: 'mode', op: 'equals', value: 'tram' }] },
  },
];

function build(items: ItemInput[]): Item[] {
  const r = validateQuestionnaire(items);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}
const ITEMS_BUILT = build(ITEMS);

/** Renders the fields on the server as a page would, inside a data router whose root gives the locale. */
async function render(props: Partial<QuestionnaireFieldsProps> & { locale?: 'en' | 'uk' }): Promise<string> {
  const locale = props.locale ?? 'en';
  const root = { locale, csrfToken: 't', nonce: 'n' } as unknown as RootData;
  const routes = [
    {
      id: 'root',
      path: '/',
      loader: () => root,
      Component: () => (
        <MessagesProvider messages={locale === 'uk' ? uk : en}>
          <form>
            <QuestionnaireFields items={ITEMS_BUILT} locale={locale} fallback="en" values={{}} {...props} />
          </form>
        </MessagesProvider>
      ),
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request('http://localhost/'));
  if (context instanceof Response) throw new Error('unexpected response');
  return renderToString(<StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} />);
}

/** Every `<input>`, `<select>` and `<textarea>` id of the html, and every `for` of its labels. */
function controls(html: string) {
  const ids = [...html.matchAll(/<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
  const fors = new Set([...html.matchAll(/<label\b[^>]*\bfor="([^"]+)"/g)].map((m) => m[1]));
  return { ids, fors };
}

describe('QuestionnaireFields', () => {
  it('labels every input, groups choices in fieldsets with legends, in the reader’s language', async () => {
    const html = await render({ locale: 'uk' });
    const { ids, fors } = controls(html);
    expect(ids.length).toBeGreaterThan(30);
    for (const id of ids) expect(fors, `label for ${id}`).toContain(id);
    expect(html).toMatch(/<label for="field-q_age">Вік/);
    for (const label of ['Основний транспорт', 'Види', 'Порадите', 'Оцініть', 'Пріоритети', 'Документи', 'Де'])
      expect(html).toMatch(new RegExp(`<fieldset[^>]*><legend>${label}`));
    expect(html).toContain('<h3>Про вас</h3>');
    expect(html).toContain('<p>Перший абзац.</p><p>Другий.</p>');
    expect(html).toContain('Інше (уточніть)');
    expect(html).not.toContain('(en)');
  });

  it('draws each type with its own control and ties hints to their inputs', async () => {
    const html = await render({});
    expect(html).toMatch(/<input[^>]*id="field-q_name"[^>]*aria-describedby="field-q_name-hint"/);
    expect(html).toContain('<p class="hint" id="field-q_name-hint">As you like to be called</p>');
    expect(html).toMatch(/<textarea[^>]*name="q_story"/);
    expect(html).toMatch(/<select[^>]*id="field-q_age"[^>]*name="q_age"/);
    expect(html).toMatch(/<input type="radio" id="field-q_mode-_other" name="q_mode" value="_other"/);
    expect(html).toMatch(/<input type="text" id="field-q_mode.other"[^>]*name="q_mode.other"/);
    expect(html).toMatch(/<input type="checkbox" id="field-q_modes-bus" name="q_modes" value="bus"/);
    expect(html).toContain('Choose at most 2');
    // The scale: 0..10 radios, the end labels with their points.
    expect(html.match(/name="q_nps"/g)).toHaveLength(11);
    expect(html).toMatch(/<label for="field-q_nps-0">0<span class="scale-end"> Never<\/span><\/label>/);
    expect(html).toMatch(/<label for="field-q_nps-10">10<span class="scale-end"> Surely<\/span><\/label>/);
    expect(html).toMatch(/<input[^>]*id="field-q_km"[^>]*aria-describedby="field-q_km-limits"/);
    expect(html).toContain('<p class="hint" id="field-q_km-limits">A number from 0 to 100</p>');
    expect(html).toMatch(/<input[^>]*type="date"[^>]*min="2026-01-01"/);
    // The matrix: a table with column headers, row headers, and each cell labelled "row: column".
    expect(html).toMatch(/<table class="matrix">/);
    expect(html).toContain('<th scope="row">bus (en)</th>');
    expect(html).toMatch(/<input type="radio" id="field-q_grid.bus-good" name="q_grid.bus" value="good"/);
    expect(html).toContain('<span class="visually-hidden">bus (en): good (en)</span>');
    // The ranking: one select per option, ranks 1..top.
    expect(html).toMatch(/<select id="field-q_prio.rank.safety" name="q_prio.rank.safety">/);
    expect(html).toContain('Rank your first 2 choices, from 1 to 2');
    expect(html).not.toContain('>3rd<');
    // Files, place (words and coordinates without a map), country, year, url.
    expect(html).toMatch(/<input type="file" id="field-q_docs-upload" multiple=""[^>]*name="q_docs"/);
    expect(html).toMatch(/name="q_where.text"/);
    expect(html).toMatch(/name="q_where.lat"/);
    expect(html).toMatch(/name="q_where.lon"/);
    expect(html).toMatch(/<input[^>]*id="field-q_country"[^>]*maxLength="2"/);
    expect(html).toContain('A year from 1900 to 2100');
    expect(html).toMatch(/<input[^>]*type="url"/);
    // Items carry their id and type for a script; the demographic marking is data, not shown.
    expect(html).toContain('data-question="grid" data-type="matrix"');
  });

  it('links errors to their inputs and marks them invalid', async () => {
    const html = await render({ errors: { name: 'Fill this in', grid: 'Answer every row' } });
    expect(html).toMatch(/<input[^>]*id="field-q_name"[^>]*aria-describedby="field-q_name-hint field-q_name-error"[^>]*aria-invalid="true"/);
    expect(html).toContain('<p class="error" id="field-q_name-error">Fill this in</p>');
    expect(html).toMatch(/<fieldset class="field field-error" id="field-q_grid" aria-describedby="field-q_grid-error" aria-invalid="true"/);
  });

  it('draws one page, and a conditional question only when its condition holds, marked for a script', async () => {
    const page2 = await render({ page: 1 });
    expect(page2).toContain('<h3>Your city</h3>');
    expect(page2).not.toContain('name="q_name"');
    expect(page2).toContain('name="q_site"');
    expect(page2).not.toContain('q_tram_why');
    const shown = await render({ page: 1, values: { q_mode: 'tram' } });
    expect(shown).toMatch(/data-question="tram_why" data-type="short_text" data-show-if="[^"]*equals/);
  });

  it('pins a place on the kit map, which fills the place’s coordinate fields, when the page gives a map', async () => {
    const map = {
      tiles: { url: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution: 'OSM' },
      areas: [],
      places: [{ name: 'Recife', lat: -8.05, lon: -34.9 }],
    };
    const html = await render({ page: 1, map, values: { 'q_where.lat': '-8.06', 'q_where.lon': '-34.88' } });
    expect(html).toContain('data-island="map"');
    expect(html).toContain('&quot;latField&quot;:&quot;q_where.lat&quot;,&quot;lonField&quot;:&quot;q_where.lon&quot;');
    expect(html).toContain('&quot;pin&quot;:{&quot;lat&quot;:-8.06,&quot;lon&quot;:-34.88}');
    // The coordinate fields the map sets stay in the form, open when a point is given.
    expect(html).toMatch(/<details open="">/);
    expect(html).toMatch(/<input[^>]*id="field-q_where.lat"[^>]*value="-8.06"/);
  });

  it('shows values as typed or saved, which the form reads back as the same answers', async () => {
    const answers = {
      name: 'Ana',
      mode: { other: 'ferry' },
      modes: ['bus'],
      nps: 9,
      grid: { bus: 'good' },
      prio: ['cost', 'safety'],
      where: { lat: -8.05, lon: -34.9, text: 'Recife' },
    };
    const values: FormValues = formValuesOf(ITEMS_BUILT, answers);
    const html = await render({ values, page: 0 });
    expect(html).toMatch(/id="field-q_mode-_other"[^>]*checked=""/);
    expect(html).toContain('value="ferry"');
    expect(html).toMatch(/id="field-q_nps-9"[^>]*checked=""/);
    const again = validateAnswers(ITEMS_BUILT, answersFromForm(ITEMS_BUILT, searchParamsOf(values)), 'draft');
    expect(again.errors).toEqual({});
    expect(again.answers).toEqual(answers);
  });
});
