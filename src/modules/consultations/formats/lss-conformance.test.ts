import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { describeLssFilesMissing, LSS_DIR, LSS_FILES, readLssCase } from './lss-test-files.js';
import { isConditionalQuestion, isConditionalRelevance, LSS_QUESTION_TYPES, parseLss, type LssSurvey } from './lss.js';

/**
 * Conformance over the real LimeSurvey files in POLITY_DATASETS/surveys/limesurvey: each `.lss`
 * must give what its `<name>.expected.json` holds (computed there with Python's xml.etree and
 * cross-checked with regular expressions; see that folder's README): languages, groups,
 * questions in group then question order with their type, mandatory, other, relevance, distinct
 * subquestions and answer options per scale, conditions, quotas and attribute rows.
 */
const BIN = fileURLToPath(new URL('../../../../bin/polity.js', import.meta.url));

interface ExpectedQuestion {
  qid: number;
  gid: number;
  title: string;
  type: string;
  type_name: string;
  question_order: number;
  mandatory: string;
  other: string;
  relevance: string;
  relevance_nontrivial: boolean;
  subquestions_by_scale: Record<string, number>;
  answer_options_by_scale: Record<string, number>;
  condition_count: number;
  question_theme_name?: string;
}

interface Expected {
  DBVersion: string;
  survey_id: number;
  languages: string[];
  base_language: string;
  additional_languages: string[];
  title_by_language: Record<string, string>;
  group_count: number;
  groups: { gid: number; group_order: number; grelevance: string; name: string; question_count: number; grelevance_nontrivial: boolean }[];
  question_count: number;
  subquestion_count: number;
  answer_option_count: number;
  question_type_counts: Record<string, number>;
  questions: ExpectedQuestion[];
  questions_with_nontrivial_relevance: string[];
  groups_with_nontrivial_relevance: number[];
  condition_count: number;
  conditions: { cid: number; qid: number; cqid: number; cfieldname: string; method: string; value: string; scenario: number }[];
  quota_count: number;
  quotas: { id: number; name: string; qlimit: number; action: number; active: number; members: { qid: number; code: string }[] }[];
  question_attribute_rows: number;
}

const byScale = (items: { scale: number }[]) => {
  const counts: Record<string, number> = {};
  for (const x of items) counts[x.scale] = (counts[x.scale] ?? 0) + 1;
  return counts;
};

if (LSS_FILES.length === 0) {
  describeLssFilesMissing('LimeSurvey .lss conformance');
} else {
  const files = LSS_FILES;

  describe.each(files)('%s', (file) => {
    const { text, expected } = readLssCase<Expected>(file);
    const result = parseLss(text);
    const survey = (): LssSurvey => {
      if (!result.ok) throw new Error(`refused: ${result.error.message}`);
      return result.value;
    };

    it('is read, in the layout its DBVersion says', () => {
      const s = survey();
      expect(s.dbVersion).toBe(Number(expected.DBVersion));
      expect(s.layout).toBe(Number(expected.DBVersion) >= 400 ? 'l10n' : 'rows-per-language');
      expect(s.surveyId).toBe(expected.survey_id);
    });

    it('has the languages in file order, the base and additional languages and the titles', () => {
      const s = survey();
      expect(s.languages).toEqual(expected.languages);
      expect(s.baseLanguage).toBe(expected.base_language);
      expect(s.additionalLanguages).toEqual(expected.additional_languages);
      expect(s.titles).toEqual(expected.title_by_language);
    });

    it('has the groups in order, with their names and relevance', () => {
      const s = survey();
      expect(s.groups).toHaveLength(expected.group_count);
      expect(
        s.groups.map((g) => ({
          gid: g.gid,
          group_order: g.order,
          grelevance: g.relevance,
          name: g.names[s.baseLanguage],
          question_count: s.questions.filter((q) => q.gid === g.gid).length,
          grelevance_nontrivial: isConditionalRelevance(g.relevance),
        })),
      ).toEqual(expected.groups);
      expect(s.groups.filter((g) => isConditionalRelevance(g.relevance)).map((g) => g.gid)).toEqual(expected.groups_with_nontrivial_relevance);
    });

    it('has the top-level questions in group then question order, with type, flags and relevance', () => {
      const s = survey();
      expect(s.questions).toHaveLength(expected.question_count);
      expect(
        s.questions.map((q) => ({
          qid: q.qid,
          gid: q.gid,
          title: q.code,
          type: q.type,
          type_name: LSS_QUESTION_TYPES[q.type].name,
          question_order: q.order,
          mandatory: q.mandatory,
          other: q.other ? 'Y' : 'N',
          relevance: q.relevance,
          relevance_nontrivial: isConditionalRelevance(q.relevance),
        })),
      ).toEqual(expected.questions.map(pickQuestionFields));
      expect(s.questions.filter((q) => isConditionalRelevance(q.relevance)).map((q) => q.code)).toEqual(expected.questions_with_nontrivial_relevance);
      const types: Record<string, number> = {};
      for (const q of s.questions) types[q.type] = (types[q.type] ?? 0) + 1;
      expect(types).toEqual(expected.question_type_counts);
      const themes = expected.questions.map((q) => q.question_theme_name ?? null);
      expect(s.questions.map((q) => q.themeName)).toEqual(themes);
    });

    it('counts distinct subquestions and answer options per scale for each question', () => {
      const s = survey();
      expect(s.questions.map((q) => [q.code, byScale(q.subquestions), byScale(q.answerOptions)])).toEqual(
        expected.questions.map((q) => [q.title, q.subquestions_by_scale, q.answer_options_by_scale]),
      );
      expect(s.questions.reduce((n, q) => n + q.subquestions.length, 0)).toBe(expected.subquestion_count);
      expect(s.questions.reduce((n, q) => n + q.answerOptions.length, 0)).toBe(expected.answer_option_count);
      // Every option and subquestion has a text in the base language.
      for (const q of s.questions) {
        for (const x of [...q.subquestions, ...q.answerOptions]) expect(Object.keys(x.texts)).toContain(s.baseLanguage);
      }
    });

    it('has the conditions, and a question is conditional by a condition or a relevance other than always', () => {
      const s = survey();
      expect(s.conditions).toEqual(expected.conditions);
      expect(s.questions.map((q) => q.conditions.length)).toEqual(expected.questions.map((q) => q.condition_count));
      expect(s.questions.map(isConditionalQuestion)).toEqual(expected.questions.map((q) => q.relevance_nontrivial || q.condition_count > 0));
    });

    it('has the quotas with their members, and the attribute rows', () => {
      const s = survey();
      expect(
        s.quotas.map((q) => ({ id: q.id, name: q.name, qlimit: q.limit, action: q.action, active: q.active ? 1 : 0, members: q.members })),
      ).toEqual(expected.quotas);
      expect(s.attributeRows).toBe(expected.question_attribute_rows);
      // Quotas are kept but not applied: each one is named.
      expect(s.warnings.filter((w) => w.reason === 'quota')).toHaveLength(expected.quota_count);
    });
  });

  describe('a real file cut anywhere', () => {
    it('is refused as truncated, naming a line, never with a crash', () => {
      const text = readFileSync(path.join(LSS_DIR, 'limesurvey_survey_563168.lss'), 'utf8');
      const end = text.lastIndexOf('</document>');
      for (let i = 1; i <= 60; i++) {
        const cut = text.slice(0, Math.floor((end * i) / 61));
        const r = parseLss(cut);
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.reason).toBe('not_xml');
          expect(r.error.line).toBeGreaterThan(0);
        }
      }
    });
  });

  describe('what the multilingual sample does not map is named', () => {
    const r = parseLss(readFileSync(path.join(LSS_DIR, 'ls5_sample_survey_multilingual_fr_de_en_it.lss'), 'utf8'));
    it('names its types without counterpart, its default answers and its unmappable relevance', () => {
      if (!r.ok) throw new Error(r.error.message);
      const named = r.value.warnings.map((w) => `${w.reason} ${w.element}`);
      for (const code of ['AT', 'ANT', 'AN', 'I', 'dual', 'q12'])
        expect(named.some((n) => n.startsWith(`unsupported_type question ${code} `))).toBe(true);
      expect(named).toContain('section_not_imported section <defaultvalues>');
      expect(named).toContain('relevance_unmapped question FAF (qid 1441)');
      expect(named).toContain('attribute_unsupported question FAF (qid 1441)');
      // The : array with checkboxes (arn) maps to a matrix with several answers per row.
      expect(named.some((n) => n.startsWith('unsupported_type question arn '))).toBe(false);
    });
  });

  describe('polity consultations import-lss', () => {
    it('prints what was understood as JSON, in the shape issue 13 gives', async () => {
      const file = 'ls5_sample_survey_multilingual_fr_de_en_it.lss';
      const { expected } = readLssCase<Expected>(file);
      const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'consultations', 'import-lss', path.join(LSS_DIR, file), '--json']);
      const json = JSON.parse(stdout) as { languages: string[]; groups: number; questions: Record<string, unknown>[]; warnings: unknown[] };
      expect(json.languages).toEqual(expected.languages);
      expect(json.groups).toBe(expected.group_count);
      expect(json.questions).toEqual(
        expected.questions.map((q) => ({
          code: q.title,
          type: q.type,
          subquestions: Object.values(q.subquestions_by_scale).reduce((a, b) => a + b, 0),
          answerOptions: Object.values(q.answer_options_by_scale).reduce((a, b) => a + b, 0),
          conditional: q.relevance_nontrivial || q.condition_count > 0,
          mandatory: q.mandatory === 'Y',
        })),
      );
      expect(json.warnings.length).toBeGreaterThan(0);
    }, 180_000);
  });
}

function pickQuestionFields(q: ExpectedQuestion) {
  return {
    qid: q.qid,
    gid: q.gid,
    title: q.title,
    type: q.type,
    type_name: q.type_name,
    question_order: q.question_order,
    mandatory: q.mandatory,
    other: q.other,
    relevance: q.relevance,
    relevance_nontrivial: q.relevance_nontrivial,
  };
}
