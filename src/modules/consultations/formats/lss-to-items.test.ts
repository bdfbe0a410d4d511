import { describe, expect, it } from 'vitest';
import { validateQuestionnaire, type Item } from '../../questionnaires/index.js';
import { parseLss, type LssSurvey } from './lss.js';
import { htmlToText, LSS_UNSUPPORTED_REASONS, lssToQuestionnaire, type LssMapping } from './lss-to-items.js';
import en from '../ui/messages/en.json' with { type: 'json' };

/**
 * Pure tests of the mapping from a LimeSurvey structure to questionnaire items, on small
 * LimeSurvey 5 documents (DBVersion 495: texts in the *_l10ns sections) written here. The real
 * files are mapped in lss-import-conformance.test.ts.
 */
type Rows = Record<string, string>[];

function section(name: string, rows: Rows): string {
  const body = rows
    .map(
      (r) =>
        `<row>${Object.entries(r)
          .map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`)
          .join('')}</row>`,
    )
    .join('\n');
  return `<${name}><rows>\n${body}\n</rows></${name}>`;
}

interface Q {
  code: string;
  type: string;
  text?: Record<string, string>;
  help?: Record<string, string>;
  group?: number;
  mandatory?: string;
  other?: string;
  relevance?: string;
  subquestions?: (string | [string, number])[];
  answers?: (string | [string, number])[];
  attributes?: Record<string, string>;
}

/** A survey in `languages` (the first is the base) with one group per entry of `groups`. */
function lss(opts: {
  languages?: string[];
  format?: string;
  groups?: { relevance?: string; name?: Record<string, string>; description?: Record<string, string> }[];
  questions: Q[];
  conditions?: Rows;
  extra?: Record<string, Rows>;
}): LssSurvey {
  const languages = opts.languages ?? ['en'];
  const groups = opts.groups ?? [{}];
  const rows: Record<string, Rows> = {
    surveys: [
      { sid: '900', language: languages[0], additional_languages: languages.slice(1).join(' '), format: opts.format ?? 'G', assessments: 'N' },
    ],
    surveys_languagesettings: languages.map((l) => ({ surveyls_survey_id: '900', surveyls_language: l, surveyls_title: `Survey ${l}` })),
    groups: groups.map((g, i) => ({ gid: String(i + 1), sid: '900', group_order: String(i), grelevance: g.relevance ?? '' })),
    group_l10ns: groups.flatMap((g, i) =>
      languages.map((l) => ({
        id: `${i}${l}`,
        gid: String(i + 1),
        group_name: g.name?.[l] ?? `Group ${i + 1} ${l}`,
        description: g.description?.[l] ?? '',
        language: l,
      })),
    ),
    questions: [],
    subquestions: [],
    question_l10ns: [],
    answers: [],
    answer_l10ns: [],
    question_attributes: [],
    conditions: opts.conditions ?? [],
    ...opts.extra,
  };
  // Top-level questions are 101, 102, ... in order; subquestions 501, 502, ...
  let qid = 100;
  let subqid = 500;
  let aid = 1;
  opts.questions.forEach((q, order) => {
    const id = ++qid;
    rows.questions.push({
      qid: String(id),
      parent_qid: '0',
      sid: '900',
      gid: String(q.group ?? 1),
      type: q.type,
      title: q.code,
      other: q.other ?? 'N',
      mandatory: q.mandatory ?? 'N',
      question_order: String(order),
      scale_id: '0',
      relevance: q.relevance ?? '1',
    });
    for (const l of languages)
      rows.question_l10ns.push({
        id: `${id}${l}`,
        qid: String(id),
        question: q.text?.[l] ?? `${q.code} ${l}?`,
        help: q.help?.[l] ?? '',
        language: l,
      });
    for (const [k, v] of Object.entries(q.attributes ?? {})) rows.question_attributes.push({ qid: String(id), attribute: k, value: v, language: '' });
    (q.subquestions ?? []).forEach((s, i) => {
      const [code, scale] = typeof s === 'string' ? [s, 0] : s;
      const sid = ++subqid;
      rows.subquestions.push({
        qid: String(sid),
        parent_qid: String(id),
        sid: '900',
        gid: String(q.group ?? 1),
        type: 'T',
        title: code,
        question_order: String(i),
        scale_id: String(scale),
        relevance: '1',
      });
      for (const l of languages) rows.question_l10ns.push({ id: `${sid}${l}`, qid: String(sid), question: `${code} ${l}`, help: '', language: l });
    });
    (q.answers ?? []).forEach((a, i) => {
      const [code, scale] = typeof a === 'string' ? [a, 0] : a;
      const id2 = aid++;
      rows.answers.push({ aid: String(id2), qid: String(id), code, sortorder: String(i), assessment_value: '0', scale_id: String(scale) });
      for (const l of languages) rows.answer_l10ns.push({ id: `${id2}${l}`, aid: String(id2), answer: `${code} ${l}`, language: l });
    });
  });
  const text = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<document>',
    '<LimeSurveyDocType>Survey</LimeSurveyDocType>',
    '<DBVersion>495</DBVersion>',
    `<languages>${languages.map((l) => `<language>${l}</language>`).join('')}</languages>`,
    ...Object.entries(rows).map(([name, r]) => section(name, r)),
    '</document>',
  ].join('\n');
  const parsed = parseLss(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

/** Maps and checks that the engine accepts the result. */
function mapped(survey: LssSurvey, site: string[] = ['en', 'fr']): LssMapping & { checked: Item[] } {
  const m = lssToQuestionnaire(survey, site);
  const checked = validateQuestionnaire(m.items);
  if (!checked.ok) throw new Error(JSON.stringify(checked.error.fields));
  return { ...m, checked: checked.value };
}

const byId = (m: { checked: Item[] }, id: string) => {
  const found = m.checked.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id} in ${m.checked.map((i) => i.id).join(', ')}`);
  return found;
};

describe('lssToQuestionnaire: question types', () => {
  it('maps choices, numbers, texts, dates, matrices, rankings, files and text displays', () => {
    const m = mapped(
      lss({
        questions: [
          { code: 'L1', type: 'L', other: 'Y', mandatory: 'Y', answers: ['A1', 'A2'] },
          { code: 'DD', type: '!', answers: ['X', 'Y', 'Z'] },
          { code: 'FIVE', type: '5' },
          { code: 'YN', type: 'Y' },
          { code: 'SEX', type: 'G' },
          { code: 'M1', type: 'M', other: 'Y', subquestions: ['S1', 'S2', 'S3'], attributes: { min_answers: '1', max_answers: '2' } },
          { code: 'N1', type: 'N', attributes: { min_num_value_n: '0', max_num_value_n: '120', num_value_int_only: '1' } },
          { code: 'S1', type: 'S', attributes: { maximum_chars: '50' } },
          { code: 'T1', type: 'T' },
          { code: 'U1', type: 'U' },
          { code: 'D1', type: 'D', attributes: { date_min: '2020-01-01', date_max: '2030-12-31 00:00' } },
          { code: 'F1', type: 'F', subquestions: ['R1', 'R2'], answers: ['C1', 'C2', 'C3'] },
          { code: 'A5', type: 'A', subquestions: ['R1'] },
          { code: 'CC', type: 'C', subquestions: ['R1'] },
          { code: 'EE', type: 'E', subquestions: ['R1'] },
          { code: 'RK', type: 'R', answers: ['O1', 'O2', 'O3'], attributes: { max_subquestions: '2' } },
          { code: 'UP', type: '|', attributes: { max_num_of_files: '3' } },
          { code: 'INFO', type: 'X', text: { en: '<p>Read <b>this</b> &amp; go on.</p>' } },
          { code: 'ARN', type: ':', subquestions: ['Y1', 'Y2', ['X1', 1], ['X2', 1]], attributes: { multiflexible_checkbox: '1' } },
        ],
      }),
    );
    expect(byId(m, 'l1')).toMatchObject({ type: 'single_choice', required: true, allowOther: true, options: [{ value: 'a1' }, { value: 'a2' }] });
    expect(byId(m, 'l1').label).toEqual({ en: 'L1 en?' });
    expect(byId(m, 'dd')).toMatchObject({ type: 'single_choice', display: 'list' });
    expect(byId(m, 'five').options.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(byId(m, 'yn').options).toEqual([
      { value: 'y', label: { en: 'Yes' } },
      { value: 'n', label: { en: 'No' } },
    ]);
    expect(byId(m, 'sex').options.map((o) => o.value)).toEqual(['f', 'm']);
    expect(byId(m, 'm1')).toMatchObject({ type: 'multiple_choice', allowOther: true, minChoices: 1, maxChoices: 2 });
    expect(byId(m, 'm1').options.map((o) => o.value)).toEqual(['s1', 's2', 's3']);
    expect(byId(m, 'n1')).toMatchObject({ type: 'number', min: 0, max: 120, integer: true });
    expect(byId(m, 's1')).toMatchObject({ type: 'short_text', maxLength: 50 });
    expect(byId(m, 't1').type).toBe('long_text');
    expect(byId(m, 'u1').type).toBe('long_text');
    expect(byId(m, 'd1')).toMatchObject({ type: 'date', minDate: '2020-01-01', maxDate: '2030-12-31' });
    expect(byId(m, 'f1')).toMatchObject({
      type: 'matrix',
      rows: [{ value: 'r1' }, { value: 'r2' }],
      columns: [{ value: 'c1' }, { value: 'c2' }, { value: 'c3' }],
    });
    expect(byId(m, 'a5').columns?.map((c) => c.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(byId(m, 'cc').columns?.map((c) => c.value)).toEqual(['y', 'u', 'n']);
    expect(byId(m, 'ee').columns?.map((c) => c.value)).toEqual(['i', 's', 'd']);
    expect(byId(m, 'rk')).toMatchObject({ type: 'ranking', top: 2 });
    expect(byId(m, 'up')).toMatchObject({ type: 'file', maxFiles: 3 });
    expect(byId(m, 'info')).toMatchObject({ type: 'section', body: { en: 'Read this & go on.' } });
    expect(byId(m, 'arn')).toMatchObject({
      type: 'matrix',
      multiple: true,
      rows: [{ value: 'y1' }, { value: 'y2' }],
      columns: [{ value: 'x1' }, { value: 'x2' }],
    });
    expect(m.unsupported).toEqual([]);
  });

  it('splits K and Q into one question per subquestion under a section, and gives O its comment box', () => {
    const m = mapped(
      lss({
        questions: [
          { code: 'MN', type: 'K', mandatory: 'Y', subquestions: ['SQ1', 'SQ2'] },
          { code: 'MT', type: 'Q', subquestions: ['A', 'B'] },
          { code: 'LC', type: 'O', answers: ['A1', 'A2'] },
        ],
      }),
    );
    expect(m.checked.map((i) => `${i.id}:${i.type}`)).toEqual([
      'group_1:page_break',
      'mn:section',
      'mn_sq1:number',
      'mn_sq2:number',
      'mt:section',
      'mt_a:short_text',
      'mt_b:short_text',
      'lc:single_choice',
      'lc_comment:long_text',
    ]);
    expect(byId(m, 'mn_sq1')).toMatchObject({ required: true, label: { en: 'SQ1 en' } });
    expect(byId(m, 'lc_comment').label).toEqual({ en: 'Your comment' });
    expect(m.ids).toMatchObject({ MN: ['mn_sq1', 'mn_sq2'], MT: ['mt_a', 'mt_b'], LC: ['lc', 'lc_comment'] });
  });

  it('names what has no counterpart instead of dropping it silently', () => {
    const m = mapped(
      lss({
        questions: [
          { code: 'EQ', type: '*' },
          { code: 'LANG', type: 'I' },
          { code: 'AT', type: ';', subquestions: ['Y1', ['X1', 1]] },
          { code: 'AN', type: ':', subquestions: ['Y1', ['X1', 1], ['X2', 1]] },
          { code: 'DUAL', type: '1', subquestions: ['R1'], answers: ['A', 'B', ['C', 1], ['D', 1]] },
          { code: 'SOFT', type: 'S', mandatory: 'S' },
          { code: 'DT', type: 'D', attributes: { date_max: "date('Y-m-d')" } },
        ],
        extra: {
          quota: [{ id: '5', sid: '900', name: 'Half', qlimit: '10', action: '1', active: '1' }],
          assessments: [{ id: '1', sid: '900', scope: 'T', name: 'Score', minimum: '0', maximum: '5' }],
        },
      }),
    );
    expect(m.unsupported).toEqual(
      expect.arrayContaining([
        { element: 'question EQ (type "*")', reason: 'unsupported_type' },
        { element: 'question LANG (type "I")', reason: 'unsupported_type' },
        { element: 'question AT (type ";")', reason: 'unsupported_type' },
        { element: 'question AN (type ":")', reason: 'unsupported_type' },
        { element: 'question DUAL (type "1")', reason: 'second_scale' },
        { element: 'question SOFT (type "S")', reason: 'soft_mandatory' },
        { element: 'question DT (type "D")', reason: 'date_bound', detail: "date_max = date('Y-m-d')" },
        { element: 'quota 5', reason: 'quota', detail: 'Half' },
        expect.objectContaining({ element: 'section <assessments>', reason: 'section_not_imported' }),
      ]),
    );
    // The dual scale keeps its first scale; the others are not items.
    expect(byId(m, 'dual').columns?.map((c) => c.value)).toEqual(['a', 'b']);
    expect(byId(m, 'soft').required).toBe(false);
    expect(m.checked.map((i) => i.id)).not.toContain('eq');
    expect(m.ids).not.toHaveProperty('EQ');
  });
});

describe('lssToQuestionnaire: codes, languages and texts', () => {
  it('makes codes valid, unique engine ids and keeps the map', () => {
    const m = mapped(
      lss({
        questions: [
          { code: 'Q 1', type: 'S' },
          { code: '2nd', type: 'S' },
          { code: 'Ab', type: 'S' },
          { code: 'AB', type: 'S' },
          { code: 'group_1', type: 'S' },
        ],
      }),
    );
    expect(m.ids).toEqual({ 'Q 1': ['q_1'], '2nd': ['q_2nd'], Ab: ['ab'], AB: ['ab_2'], group_1: ['group_1'] });
    // The group's page keeps clear of a question that took its id.
    expect(m.checked[0]).toMatchObject({ id: 'group_1_2', type: 'page_break' });
  });

  it('carries the languages the file and the site share (by first part too), and names the others', () => {
    const m = mapped(
      lss({
        languages: ['de-informal', 'en', 'it'],
        groups: [{ name: { 'de-informal': 'Erste', en: 'First', it: 'Prima' } }],
        questions: [{ code: 'Q1', type: 'L', text: { 'de-informal': 'Frage?', en: 'Question?', it: 'Domanda?' }, answers: ['A1', 'A2'] }],
      }),
      ['en', 'de', 'uk'],
    );
    expect(m.languages).toEqual({ 'de-informal': 'de', en: 'en' });
    expect(byId(m, 'q1').label).toEqual({ de: 'Frage?', en: 'Question?' });
    expect(byId(m, 'q1').options[0].label).toEqual({ de: 'A1 de-informal', en: 'A1 en' });
    expect(byId(m, 'group_1').label).toEqual({ de: 'Erste', en: 'First' });
    expect(m.unsupported).toContainEqual({ element: 'language it', reason: 'language_not_on_site' });
  });

  it('turns HTML into plain text, shortens what is too long (named) and names tailoring', () => {
    expect(htmlToText('<p>One&nbsp;<i>two</i></p><p>Three<br/>four &#233;&#x20AC;</p><script>x()</script>')).toBe('One two\n\nThree\nfour é€');
    const long = 'word '.repeat(100);
    const m = mapped(
      lss({
        questions: [
          { code: 'Q1', type: 'S', text: { en: long } },
          { code: 'Q2', type: 'S', text: { en: 'Hello {TOKEN:FIRSTNAME}' } },
        ],
      }),
    );
    const label = byId(m, 'q1').label!.en;
    expect(label.length).toBeLessThanOrEqual(300);
    expect(label.endsWith('…')).toBe(true);
    expect(m.unsupported).toEqual(
      expect.arrayContaining([
        { element: 'text of question Q1', reason: 'text_shortened' },
        { element: 'text of question Q2', reason: 'tailoring' },
      ]),
    );
  });
});

describe('lssToQuestionnaire: conditions', () => {
  const base: Q[] = [
    { code: 'Q1', type: 'L', answers: ['A1', 'A2'] },
    { code: 'Q2', type: 'M', subquestions: ['S1', 'S2'] },
  ];
  const conditionOf = (relevance: string) => {
    const m = mapped(lss({ questions: [...base, { code: 'Q3', type: 'T', relevance }] }));
    return { showIf: byId(m, 'q3').showIf, unsupported: m.unsupported };
  };

  it('maps simple relevance equations on earlier questions', () => {
    expect(conditionOf('Q1 == "A1"').showIf).toEqual({ combine: 'all', rules: [{ question: 'q1', op: 'equals', value: 'a1' }] });
    expect(conditionOf('!is_empty(Q1.NAOK)').showIf).toEqual({ combine: 'all', rules: [{ question: 'q1', op: 'answered' }] });
    expect(conditionOf('is_empty(Q1)').showIf).toEqual({ combine: 'all', rules: [{ question: 'q1', op: 'not_answered' }] });
    expect(conditionOf('Q1 != ""').showIf).toEqual({ combine: 'all', rules: [{ question: 'q1', op: 'answered' }] });
    expect(conditionOf('((Q1.NAOK != "A2" and Q2_S1 == "Y"))').showIf).toEqual({
      combine: 'all',
      rules: [
        { question: 'q1', op: 'not_equals', value: 'a2' },
        { question: 'q2', op: 'contains', value: 's1' },
      ],
    });
    expect(conditionOf('Q2_S1.NAOK == "Y" || Q2_S2.NAOK == "Y"').showIf).toEqual({
      combine: 'any',
      rules: [
        { question: 'q2', op: 'contains', value: 's1' },
        { question: 'q2', op: 'contains', value: 's2' },
      ],
    });
    // De Morgan: not (a and b) is (not a) or (not b).
    expect(conditionOf('!(Q1 == "A1" and !is_empty(Q2))').showIf).toEqual({
      combine: 'any',
      rules: [
        { question: 'q1', op: 'not_equals', value: 'a1' },
        { question: 'q2', op: 'not_answered' },
      ],
    });
  });

  it('names equations that do not map and shows the question always', () => {
    for (const relevance of ['Q1 == "A1" and (Q2_S1 == "Y" or Q2_S2 == "Y")', 'Q1 > 2', 'count(Q2) > 1', 'Q3 == "x"', 'Q1 == "NOPE"', 'Q1 == Q2']) {
      const { showIf, unsupported } = conditionOf(relevance);
      expect(showIf, relevance).toBeUndefined();
      expect(unsupported, relevance).toContainEqual({ element: 'relevance of Q3', reason: 'relevance_unmapped', detail: relevance });
    }
  });

  it('reads the conditions table: scenarios or-ed, fields and-ed, values of one field or-ed', () => {
    const survey = lss({
      questions: [...base, { code: 'Q3', type: 'T' }, { code: 'Q4', type: 'T' }],
      conditions: [
        { cid: '1', qid: '103', cqid: '101', cfieldname: '900X1X101', method: '==', value: 'A1', scenario: '1' },
        { cid: '2', qid: '103', cqid: '101', cfieldname: '900X1X101', method: '==', value: 'A2', scenario: '1' },
        { cid: '3', qid: '103', cqid: '102', cfieldname: '900X1X102', method: '==', value: 'S2', scenario: '2' },
        { cid: '4', qid: '104', cqid: '101', cfieldname: '900X1X101', method: '==', value: 'A1', scenario: '1' },
        { cid: '5', qid: '104', cqid: '102', cfieldname: '+900X1X102S1', method: '==', value: 'Y', scenario: '1' },
        { cid: '6', qid: '104', cqid: '101', cfieldname: '900X1X101', method: '!=', value: 'A2', scenario: '2' },
        { cid: '7', qid: '104', cqid: '102', cfieldname: '900X1X102', method: '==', value: 'S2', scenario: '2' },
      ],
    });
    const m = mapped(survey);
    expect(byId(m, 'q3').showIf).toEqual({
      combine: 'any',
      rules: [
        { question: 'q1', op: 'equals', value: 'a1' },
        { question: 'q1', op: 'equals', value: 'a2' },
        { question: 'q2', op: 'contains', value: 's2' },
      ],
    });
    // Two scenarios of two fields each: (a and b) or (c and d) needs nested groups.
    expect(byId(m, 'q4').showIf).toBeUndefined();
    expect(m.unsupported).toContainEqual(expect.objectContaining({ element: 'conditions of Q4', reason: 'condition_unmapped' }));
  });

  it('puts a group condition on its page, or on each question of an all-in-one survey', () => {
    const groups = [{}, { relevance: 'Q1 == "A2"' }];
    const questions: Q[] = [
      { code: 'Q1', type: 'L', answers: ['A1', 'A2'] },
      { code: 'Q2', type: 'S', group: 2 },
      { code: 'Q3', type: 'S', group: 2, relevance: '!is_empty(Q2)' },
    ];
    const paged = mapped(lss({ format: 'G', groups, questions }));
    expect(byId(paged, 'group_2')).toMatchObject({ type: 'page_break', showIf: { rules: [{ question: 'q1', op: 'equals', value: 'a2' }] } });
    expect(byId(paged, 'q2').showIf).toBeUndefined();
    const allInOne = mapped(lss({ format: 'A', groups, questions }));
    expect(byId(allInOne, 'group_2').type).toBe('section');
    expect(byId(allInOne, 'q2').showIf).toEqual({ combine: 'all', rules: [{ question: 'q1', op: 'equals', value: 'a2' }] });
    expect(byId(allInOne, 'q3').showIf).toEqual({
      combine: 'all',
      rules: [
        { question: 'q1', op: 'equals', value: 'a2' },
        { question: 'q2', op: 'answered' },
      ],
    });
  });
});

describe('lssToQuestionnaire: reasons', () => {
  it('has words for every reason it gives, and the parser reasons it passes on are among them', () => {
    const messages = en as Record<string, string>;
    for (const reason of LSS_UNSUPPORTED_REASONS) expect(messages[`consultations.lss.reason.${reason}`], reason).toBeTruthy();
    const m = mapped(
      lss({
        questions: [
          { code: 'Q1', type: 'S', attributes: { random_order: '1', frobnicate: '2' }, mandatory: 'S' },
          { code: 'Q2', type: 'P', subquestions: ['A', 'B'] },
        ],
        groups: [{ relevance: 'Q9 > 1' }],
        extra: { defaultvalues: [{ qid: '101', scale_id: '0', sqid: '0', language: 'en', specialtype: '', defaultvalue: 'x' }] },
      }),
    );
    expect(m.unsupported.length).toBeGreaterThan(4);
    for (const u of m.unsupported) expect(LSS_UNSUPPORTED_REASONS, `${u.element}: ${u.reason}`).toContain(u.reason);
  });
});
