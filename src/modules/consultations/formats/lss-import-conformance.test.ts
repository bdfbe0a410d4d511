import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isQuestionType, validateQuestionnaire } from '../../questionnaires/index.js';
import { parseLss } from './lss.js';
import { lssToQuestionnaire } from './lss-to-items.js';

/**
 * Every real LimeSurvey file in POLITY_DATASETS/surveys/limesurvey (see that folder's README)
 * maps to a questionnaire the engine accepts, with the counts and languages its
 * `<name>.expected.json` implies (that file was computed with Python's xml.etree, not by our
 * reader): each top-level question is carried over or named as unsupported, the number of
 * question items follows from the types and subquestion counts, the languages the file shares
 * with the site are kept, and every condition, relevance and quota either maps or is named.
 */
const datasets = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const dir = path.join(datasets, 'surveys', 'limesurvey');
const present = existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.lss'));

/** The site's languages in these tests (the demo site's five). */
const SITE = ['en', 'es', 'fr', 'pt', 'uk'];

interface Expected {
  languages: string[];
  question_count: number;
  questions: {
    qid: number;
    title: string;
    type: string;
    subquestions_by_scale: Record<string, number>;
    relevance_nontrivial: boolean;
    condition_count: number;
  }[];
  groups: { gid: number; grelevance_nontrivial: boolean }[];
  quotas: { id: number }[];
}

/** How many question items a top-level question of this type becomes (K and Q: one per row; X: a section; O: a choice and its comment). */
function questionItemsOf(q: Expected['questions'][number]): number {
  if (q.type === 'K' || q.type === 'Q') return q.subquestions_by_scale['0'] ?? 0;
  if (q.type === 'X') return 0;
  if (q.type === 'O') return 2;
  return 1;
}

if (!present) {
  describe('LimeSurvey import conformance', () => {
    it('needs the LimeSurvey files', () => {
      expect.fail(`No .lss files at ${dir}: set POLITY_DATASETS to the folder holding surveys/limesurvey/ (default ../shared/data).`);
    });
  });
} else {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.lss'))
    .sort();

  describe.each(files)('%s mapped to a questionnaire', (file) => {
    const expected = JSON.parse(readFileSync(path.join(dir, file.replace(/\.lss$/, '.expected.json')), 'utf8')) as Expected;
    const parsed = parseLss(readFileSync(path.join(dir, file), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const mapping = lssToQuestionnaire(parsed.value, SITE);
    const named = (element: string, reason?: string) => mapping.unsupported.some((u) => u.element === element && (!reason || u.reason === reason));

    it('passes validateQuestionnaire', () => {
      const checked = validateQuestionnaire(mapping.items);
      expect(checked.ok ? [] : checked.error.fields).toEqual([]);
    });

    it('carries each top-level question over or names it, and makes the question items its types imply', () => {
      expect(expected.questions).toHaveLength(expected.question_count);
      const whole = expected.questions.filter(
        (q) => named(`question ${q.title} (type "${q.type}")`, 'unsupported_type') || named(`question ${q.title} (type "${q.type}")`, 'too_many'),
      );
      for (const q of expected.questions) {
        const carried = Object.hasOwn(mapping.ids, q.title);
        expect(carried !== whole.includes(q), `${q.title} (${q.type}) is carried over or named, not both`).toBe(true);
      }
      const questionItems = mapping.items.filter((i) => isQuestionType(i.type ?? 'short_text'));
      const carried = expected.questions.filter((q) => !whole.includes(q));
      expect(questionItems).toHaveLength(carried.reduce((n, q) => n + questionItemsOf(q), 0));
    });

    it("keeps the file's languages that the site has, and names the others", () => {
      const shared = expected.languages.filter((l) => SITE.includes(l.toLowerCase()) || SITE.includes(l.split(/[-_]/)[0].toLowerCase()));
      expect(Object.keys(mapping.languages).sort()).toEqual(shared.sort());
      const carried = new Set(Object.values(mapping.languages));
      const seen = new Set<string>();
      for (const item of mapping.items) for (const l of Object.keys({ ...item.label, ...item.body })) seen.add(l);
      expect([...seen].sort()).toEqual([...carried].sort());
      for (const l of expected.languages.filter((l) => !shared.includes(l))) expect(named(`language ${l}`, 'language_not_on_site')).toBe(true);
    });

    it('maps or names every condition, relevance equation and quota', () => {
      const byCode = new Map(mapping.items.map((i) => [i.id, i]));
      for (const q of expected.questions) {
        if (q.condition_count === 0 && !q.relevance_nontrivial) continue;
        const ids = mapping.ids[q.title];
        if (!ids) continue; // the question itself is named
        const shown = ids.every((id) => byCode.get(id)?.showIf);
        const explained = named(`conditions of ${q.title}`) || named(`relevance of ${q.title}`);
        expect(shown || explained, `${q.title}: condition mapped or named`).toBe(true);
      }
      for (const g of expected.groups.filter((x) => x.grelevance_nontrivial)) {
        const page = mapping.items.find((i) => i.id === `group_${g.gid}`);
        expect(Boolean(page?.showIf) || named(`relevance of group ${g.gid}`), `group ${g.gid}`).toBe(true);
      }
      for (const quota of expected.quotas) expect(named(`quota ${quota.id}`, 'quota')).toBe(true);
    });
  });
}
