import { describe, expect, it } from 'vitest';
import { buildFacetIndex, computeFacets, matchesFilters, pageAfter, searchFacetIndex, sortItems, type FacetDefs } from './facets.js';
import { detectFileKind, cleanFilename } from './file-type.js';
import { caseStudyFromForm, caseStudyToForm, formErrors } from './forms.js';
import { markdownToText, renderMarkdown } from './markdown.js';
import { caseStudyInput } from './schemas.js';
import { chooseReadingLanguage } from './search.js';
import { slugify, uniqueSlug } from './slug.js';
import { caseStudiesCsv } from '../formats/open-data.js';
import { csvCell } from '../../../kernel/csv.js';
import { buildAtomFeed } from '../formats/atom.js';

interface Doc {
  id: string;
  colour: string;
  sizes: string[];
  rank: number;
  date: number;
}
const defs: FacetDefs<Doc> = { colour: (d) => [d.colour], size: (d) => d.sizes };
const docs: Doc[] = [
  { id: 'a', colour: 'red', sizes: ['s', 'm'], rank: 0.5, date: 4 },
  { id: 'b', colour: 'red', sizes: ['l'], rank: 0.9, date: 3 },
  { id: 'c', colour: 'blue', sizes: ['m'], rank: 0.5, date: 2 },
  { id: 'd', colour: 'green', sizes: ['m', 'l'], rank: 0.1, date: 1 },
];

describe('faceted search (multi-select facets as in Solr tagged filters / Elasticsearch post_filter)', () => {
  it('counts each facet under the other facets’ filters (figures computed by hand)', () => {
    const f = computeFacets(docs, { colour: ['red'], size: ['m'] }, defs);
    // colour counts apply size=m only: a(red), c(blue), d(green).
    expect(f.colour).toEqual([
      { value: 'blue', count: 1, selected: false },
      { value: 'green', count: 1, selected: false },
      { value: 'red', count: 1, selected: true },
    ]);
    // size counts apply colour=red only: a(s,m), b(l) -> l 1, m 1, s 1.
    expect(Object.fromEntries(f.size.map((x) => [x.value, x.count]))).toEqual({ l: 1, m: 1, s: 1 });
  });

  it('ORs values within a facet and ANDs across facets', () => {
    const filters = { colour: ['red', 'blue'], size: ['m'] };
    expect(docs.filter((d) => matchesFilters(d, filters, defs)).map((d) => d.id)).toEqual(['a', 'c']);
  });

  it('keeps a selected value with no matches, at zero, so it can be removed', () => {
    const f = computeFacets(docs, { colour: ['purple'] }, defs);
    expect(f.colour.find((x) => x.value === 'purple')).toEqual({ value: 'purple', count: 0, selected: true });
    expect(f.size).toEqual([]);
  });

  it('sorts by relevance then date, and pages by keyset without gaps or repeats', () => {
    expect(sortItems(docs, 'relevance').map((d) => d.id)).toEqual(['b', 'a', 'c', 'd']);
    expect(sortItems(docs, 'date').map((d) => d.id)).toEqual(['a', 'b', 'c', 'd']);
    const sorted = sortItems(docs, 'relevance');
    const seen: string[] = [];
    let after: [number, number, string] | null = null;
    for (let i = 0; i < 5; i++) {
      const page: { items: Doc[]; next: [number, number, string] | null } = pageAfter(sorted, 'relevance', after, 3);
      seen.push(...page.items.map((d) => d.id));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toEqual(['b', 'a', 'c', 'd']);
  });
});

describe('markdown', () => {
  it('shows raw HTML as text and refuses script links', () => {
    const html = renderMarkdown(
      'Hi <script>alert(1)</script> [x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) [d](data:text/html,hi) <img src=x onerror=alert(1)>',
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/href="(javascript|data):/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('keeps safe links and marks outside ones', () => {
    const html = renderMarkdown('[a](https://example.org) [b](/library) [c](mailto:x@example.org)');
    expect(html).toContain('<a href="https://example.org" rel="nofollow noopener noreferrer ugc">a</a>');
    expect(html).toContain('<a href="/library">b</a>');
    expect(html).toContain('href="mailto:x@example.org"');
    expect(markdownToText('## Title\n\nSome **bold** [link](https://x.org)')).toBe('Title Some bold link');
  });
});

describe('files by content', () => {
  it('recognises the accepted kinds by magic bytes only', () => {
    expect(detectFileKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(detectFileKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(detectFileKind(new TextEncoder().encode('GIF89a...'))).toBe('gif');
    expect(detectFileKind(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('webp');
    expect(detectFileKind(new TextEncoder().encode('%PDF-1.7'))).toBe('pdf');
    expect(detectFileKind(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(cleanFilename('../../etc/pa"ss<wd>.png', 'jpeg')).toBe('passwd.jpg');
  });
});

describe('slugs', () => {
  it('folds accents and transliterates Ukrainian', () => {
    expect(slugify('Presupuesto participativo à Lisboa!')).toBe('presupuesto-participativo-a-lisboa');
    expect(slugify('Прозорро: публічні закупівлі')).toBe('prozorro-publichni-zakupivli');
    expect(slugify('!!!', 'case-study')).toBe('case-study');
    expect(uniqueSlug('x', new Set(['x', 'x-2']))).toBe('x-3');
  });
});

describe('editor form', () => {
  it('turns the form into a valid input and back', () => {
    const input = caseStudyFromForm(
      {
        'title.en': 'Open budgets',
        'summary.en': 'S',
        'body.en': 'B',
        'title.es': '',
        country: 'br',
        level: 'local',
        stage: 'pilot',
        sectors: ['public-finance', 'procurement'],
        yearLaunched: '2019',
        tags: 'budget, open data',
        organisations: 'City hall | lead | https://example.org\nUniversity',
        links: 'Site | https://example.org',
        recognitions: 'Prize | 2020 | OECD',
        originalLocale: 'en',
      },
      ['en', 'es'],
    );
    const parsed = caseStudyInput.parse(input);
    expect(parsed.title).toEqual({ en: 'Open budgets' });
    expect(parsed.country).toBe('BR');
    expect(parsed.organisations).toEqual([{ name: 'City hall', role: 'lead', url: 'https://example.org' }, { name: 'University' }]);
    expect(parsed.recognitions).toEqual([{ name: 'Prize', year: 2020, awardedBy: 'OECD' }]);
    const back = caseStudyToForm({ ...parsed, slug: 's', status: 'draft' });
    expect(back.organisations).toBe('City hall | lead | https://example.org\nUniversity');
    expect(back['title.en']).toBe('Open budgets');
  });

  it('puts each error next to its form field', () => {
    expect(formErrors({ title: 'write it', 'links.1.url': 'bad', 'tags.0': 'short', 'body.fr': 'long' }, 'en')).toEqual({
      'title.en': 'write it',
      links: 'line 2: url: bad',
      tags: 'item 1: short',
      'body.fr': 'long',
    });
  });
});

describe('formats', () => {
  it('quotes CSV cells per RFC 4180', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"\nbye')).toBe('"say ""hi""\nbye"');
    const csv = caseStudiesCsv([], ['en'], 'https://x');
    expect(csv.startsWith('id,slug,url,title_en,summary_en,body_en,')).toBe(true);
  });

  it('escapes Atom text', () => {
    const xml = buildAtomFeed({
      id: 'https://x/library',
      title: 'A & B <c>',
      selfUrl: 'https://x/feed?a=1&b=2',
      alternateUrl: 'https://x',
      author: 'X',
      lang: 'en',
      fallbackUpdated: new Date('2026-01-01T00:00:00Z'),
      entries: [],
    });
    expect(xml).toContain('<title>A &amp; B &lt;c&gt;</title>');
    expect(xml).toContain('href="https://x/feed?a=1&amp;b=2"');
    expect(xml).toContain('<updated>2026-01-01T00:00:00.000Z</updated>');
  });
});

describe('the facet index', () => {
  /** The definition, written the slow and obvious way, that the index must reproduce. */
  function naiveFacets<R>(records: R[], filters: Record<string, string[]>, defs: FacetDefs<R>) {
    const out: Record<string, { value: string; count: number; selected: boolean }[]> = {};
    for (const facet of Object.keys(defs)) {
      const counts = new Map<string, number>();
      for (const r of records) {
        if (!matchesFilters(r, filters, defs, facet)) continue;
        for (const v of new Set(defs[facet](r))) counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      for (const v of filters[facet] ?? []) if (!counts.has(v)) counts.set(v, 0);
      out[facet] = [...counts]
        .map(([value, count]) => ({ value, count, selected: (filters[facet] ?? []).includes(value) }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    return out;
  }

  it('counts and matches exactly as the definition on random catalogues', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    type Rec = { id: string; a: string; b: string[]; c: string };
    const defs: FacetDefs<Rec> = { a: (r) => [r.a], b: (r) => r.b, c: (r) => [r.c] };
    for (let round = 0; round < 40; round++) {
      const records: Rec[] = Array.from({ length: 50 + rand(100) }, (_, i) => ({
        id: `r${i}`,
        a: `a${rand(5)}`,
        b: Array.from({ length: rand(4) }, () => `b${rand(6)}`),
        c: `c${rand(3)}`,
      }));
      const filters: Record<string, string[]> = {};
      for (const f of ['a', 'b', 'c']) if (rand(2)) filters[f] = Array.from({ length: 1 + rand(2) }, () => `${f}${rand(7)}`);
      const index = buildFacetIndex(records, defs);
      const subset = records.map((_, i) => i).filter(() => rand(3) > 0);
      const got = searchFacetIndex(index, subset, filters);
      const chosen = subset.map((i) => records[i]);
      expect(got.facets).toEqual(naiveFacets(chosen, filters, defs));
      expect(got.matches.map((i) => records[i].id)).toEqual(chosen.filter((r) => matchesFilters(r, filters, defs)).map((r) => r.id));
    }
  });
});

describe('the language a text is read in', () => {
  const item = { title: { pt: 'Orçamento', en: 'Budget' }, summary: { pt: 'Resumo' }, body: { pt: 'Corpo', en: 'Body' }, originalLocale: 'pt' };
  it('is the reader’s when the item has its title and body', () => {
    expect(chooseReadingLanguage(item, 'en', null)).toMatchObject({ shown: 'en', fallback: false, title: 'Budget', summary: 'Resumo', body: 'Body' });
  });
  it('falls back to the original, saying so, and lists the languages', () => {
    expect(chooseReadingLanguage(item, 'fr', null)).toMatchObject({ shown: 'pt', fallback: true, languages: ['en', 'pt'], title: 'Orçamento' });
  });
  it('follows ?in= only to a language the item has', () => {
    expect(chooseReadingLanguage(item, 'en', 'pt').shown).toBe('pt');
    expect(chooseReadingLanguage(item, 'en', 'uk').shown).toBe('en');
  });
});
