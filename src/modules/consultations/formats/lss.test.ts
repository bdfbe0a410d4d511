import { describe, expect, it } from 'vitest';
import { isConditionalQuestion, parseLss, unmappedRelevanceParts, type LssProblem, type LssSurvey } from './lss.js';

/**
 * Pure tests of the `.lss` reader on small documents written here, in LimeSurvey's export layout
 * (application/helpers/export_helper.php: `<document>`, then one element per table with
 * `<fields>` and `<rows>`). The real files are checked in lss-conformance.test.ts.
 */
type Rows = Record<string, string>[];

function section(name: string, rows: Rows): string {
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const body = rows
    .map(
      (r) =>
        ` <row>\n${Object.entries(r)
          .map(([k, v]) => `  <${k}><![CDATA[${v}]]></${k}>`)
          .join('\n')}\n </row>`,
    )
    .join('\n');
  return `<${name}>\n <fields>\n${fields.map((f) => `  <fieldname>${f}</fieldname>`).join('\n')}\n </fields>\n <rows>\n${body}\n </rows>\n</${name}>`;
}

function documentOf(dbVersion: number, languages: string[], sections: Record<string, Rows>): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<document>',
    '<LimeSurveyDocType>Survey</LimeSurveyDocType>',
    `<DBVersion>${dbVersion}</DBVersion>`,
    `<languages>${languages.map((l) => `<language>${l}</language>`).join('')}</languages>`,
    ...Object.entries(sections).map(([name, rows]) => section(name, rows)),
    '</document>',
    '',
  ].join('\n');
}

const survey = (languages: string[]) => [
  { sid: '900', language: languages[0], additional_languages: languages.slice(1).join(' '), assessments: 'N' },
];
const q = (qid: string, gid: string, title: string, type: string, extra: Record<string, string> = {}) => ({
  qid,
  parent_qid: '0',
  sid: '900',
  gid,
  type,
  title,
  other: 'N',
  mandatory: 'N',
  question_order: qid,
  scale_id: '0',
  relevance: '1',
  ...extra,
});

/** A LimeSurvey 3 (DBVersion 359) survey in English and French: every row repeated per language. */
function oldLayout(edit: (s: Record<string, Rows>) => void = () => {}): string {
  const langs = ['en', 'fr'];
  const perLanguage = <T extends Record<string, string>>(make: (l: string) => T) => langs.map(make);
  const s: Record<string, Rows> = {
    answers: [
      ...perLanguage((l) => ({ qid: '11', code: 'A1', answer: `${l} yes`, sortorder: '1', assessment_value: '0', language: l, scale_id: '0' })),
      ...perLanguage((l) => ({ qid: '11', code: 'A2', answer: `${l} no`, sortorder: '2', assessment_value: '0', language: l, scale_id: '0' })),
      ...perLanguage((l) => ({ qid: '13', code: 'C1', answer: `${l} good`, sortorder: '1', assessment_value: '0', language: l, scale_id: '0' })),
    ],
    conditions: [{ cid: '1', qid: '12', cqid: '11', cfieldname: '900X1X11', method: '==', value: 'A1', scenario: '1' }],
    groups: perLanguage((l) => ({ gid: '1', sid: '900', group_name: `${l} group`, group_order: '0', description: '', language: l, grelevance: '' })),
    questions: [
      ...perLanguage((l) => ({ ...q('11', '1', 'Q1', 'L'), question: `${l} Q1?`, help: '', language: l, mandatory: 'Y' })),
      ...perLanguage((l) => ({ ...q('12', '1', 'Q2', 'T'), question: `${l} Q2?`, help: `${l} help`, language: l })),
      ...perLanguage((l) => ({ ...q('13', '1', 'Q3', 'F'), question: `${l} Q3?`, help: '', language: l, relevance: 'Q1 == "A2"' })),
    ],
    subquestions: [
      ...perLanguage((l) => ({ ...q('14', '1', 'SQ1', 'T'), parent_qid: '13', question: `${l} row 1`, help: '', language: l })),
      ...perLanguage((l) => ({ ...q('15', '1', 'SQ2', 'T'), parent_qid: '13', question: `${l} row 2`, help: '', language: l })),
    ],
    question_attributes: [{ qid: '13', attribute: 'random_order', value: '1' }],
    surveys: survey(langs),
    surveys_languagesettings: perLanguage((l) => ({ surveyls_survey_id: '900', surveyls_language: l, surveyls_title: `${l} title` })),
  };
  edit(s);
  return documentOf(359, langs, s);
}

/** A LimeSurvey 5 (DBVersion 495) survey in German and English: texts in the *_l10ns sections. */
function newLayout(edit: (s: Record<string, Rows>) => void = () => {}): string {
  const s: Record<string, Rows> = {
    answers: [
      { aid: '1', qid: '21', code: 'X', sortorder: '1', assessment_value: '0', scale_id: '0' },
      { aid: '2', qid: '21', code: 'Y', sortorder: '2', assessment_value: '0', scale_id: '1' },
    ],
    answer_l10ns: [
      { id: '1', aid: '1', answer: 'ja', language: 'de' },
      { id: '2', aid: '1', answer: 'yes', language: 'en' },
      { id: '3', aid: '2', answer: 'nein', language: 'de' },
    ],
    groups: [
      { gid: '2', sid: '900', group_order: '2', grelevance: '' },
      { gid: '1', sid: '900', group_order: '1', grelevance: '' },
    ],
    group_l10ns: [
      { id: '1', gid: '1', group_name: 'Erste', description: '', language: 'de' },
      { id: '2', gid: '2', group_name: 'Zweite', description: '', language: 'de' },
    ],
    questions: [q('21', '2', 'DUAL', '1'), q('22', '1', 'EQ', '*'), q('23', '1', 'SOFT', 'S', { mandatory: 'S', preg: '/^\\d+$/' })],
    subquestions: [
      { ...q('24', '2', 'R1', 'T'), parent_qid: '21' },
      { ...q('25', '2', 'R2', 'T'), parent_qid: '21', relevance: 'EQ > 3' },
    ],
    question_l10ns: [
      { id: '1', qid: '21', question: 'Doppelt', help: '', language: 'de' },
      { id: '2', qid: '24', question: 'Zeile 1', help: '', language: 'de' },
      { id: '3', qid: '21', question: 'Dual', help: 'help', script: 'alert(1)', language: 'en' },
    ],
    question_attributes: [
      { qid: '23', attribute: 'prefix', value: '€', language: 'de' },
      { qid: '23', attribute: 'frobnicate', value: '7', language: '' },
    ],
    quota: [{ id: '5', sid: '900', name: 'Half', qlimit: '10', action: '1', active: '1' }],
    quota_members: [{ id: '1', sid: '900', qid: '21', quota_id: '5', code: 'X' }],
    assessments: [{ id: '1', sid: '900', scope: 'T', name: 'Score', minimum: '0', maximum: '5' }],
    surveys: [{ ...survey(['de', 'en'])[0], assessments: 'Y' }],
    surveys_languagesettings: [{ surveyls_survey_id: '900', surveyls_language: 'de', surveyls_title: 'Umfrage' }],
  };
  edit(s);
  return documentOf(495, ['de', 'en'], s);
}

function parsed(text: string): LssSurvey {
  const r = parseLss(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function refused(text: string): LssProblem {
  const r = parseLss(text);
  if (r.ok) throw new Error('the file was accepted');
  return r.error;
}

/** The 1-based line of the `<row>` holding the first `needle` found after `<section>` opens. */
function rowLine(text: string, section: string, needle: string): number {
  const at = text.indexOf(needle, text.indexOf(`<${section}>`));
  return text.slice(0, text.lastIndexOf('<row>', at)).split('\n').length;
}

describe('parseLss, older layout (rows repeated per language)', () => {
  const s = parsed(oldLayout());

  it('counts distinct questions, subquestions and answer options, never rows', () => {
    expect(s.layout).toBe('rows-per-language');
    expect(s.languages).toEqual(['en', 'fr']);
    expect(s.groups).toHaveLength(1);
    expect(s.questions.map((x) => [x.code, x.type, x.subquestions.length, x.answerOptions.length])).toEqual([
      ['Q1', 'L', 0, 2],
      ['Q2', 'T', 0, 0],
      ['Q3', 'F', 2, 1],
    ]);
  });

  it('keeps every text in each language', () => {
    expect(s.titles).toEqual({ en: 'en title', fr: 'fr title' });
    expect(s.groups[0].names).toEqual({ en: 'en group', fr: 'fr group' });
    expect(s.questions[1].help).toEqual({ en: 'en help', fr: 'fr help' });
    expect(s.questions[0].answerOptions.map((o) => o.texts)).toEqual([
      { en: 'en yes', fr: 'fr yes' },
      { en: 'en no', fr: 'fr no' },
    ]);
    expect(s.questions[2].subquestions.map((x) => x.texts.fr)).toEqual(['fr row 1', 'fr row 2']);
  });

  it('marks a question conditional by a condition or by its relevance', () => {
    expect(s.questions.map(isConditionalQuestion)).toEqual([false, true, true]);
    expect(s.questions[1].conditions).toEqual([{ cid: 1, qid: 12, cqid: 11, cfieldname: '900X1X11', method: '==', value: 'A1', scenario: 1 }]);
    expect(s.questions[0].mandatory).toBe('Y');
    expect(s.warnings.map((w) => [w.reason, w.element])).toEqual([['attribute_unsupported', 'question Q3 (qid 13)']]);
  });

  it('refuses a question whose type differs between its language rows, naming both rows', () => {
    const text = oldLayout((x) => {
      x.questions[1] = { ...x.questions[1], type: 'S' };
    });
    const p = refused(text);
    expect(p.reason).toBe('inconsistent');
    expect(p.element).toBe('<questions> row 2 (qid 11)');
    expect(p.message).toContain('<type> of question 11 is "S" here but "L" in row 1 of <questions>');
  });
});

describe('parseLss, LimeSurvey 4+ layout (texts in *_l10ns)', () => {
  const s = parsed(newLayout());

  it('reads groups in group order, options per scale and texts per language', () => {
    expect(s.layout).toBe('l10n');
    expect(s.groups.map((g) => g.names.de)).toEqual(['Erste', 'Zweite']);
    expect(s.questions.map((x) => x.code)).toEqual(['EQ', 'SOFT', 'DUAL']);
    const dual = s.questions[2];
    expect(dual.texts).toEqual({ de: 'Doppelt', en: 'Dual' });
    expect(dual.answerOptions.map((o) => [o.code, o.scale, o.texts])).toEqual([
      ['X', 0, { de: 'ja', en: 'yes' }],
      ['Y', 1, { de: 'nein' }],
    ]);
    expect(dual.subquestions.map((x) => x.code)).toEqual(['R1', 'R2']);
    expect(s.questions[1].localizedAttributes).toEqual({ prefix: { de: '€' } });
    expect(s.quotas).toEqual([{ id: 5, name: 'Half', limit: 10, action: 1, active: true, members: [{ qid: 21, code: 'X' }], messages: {} }]);
  });

  it('names every part it cannot apply', () => {
    expect(s.warnings.map((w) => `${w.reason} | ${w.element}`)).toEqual([
      'section_not_imported | section <assessments>',
      'assessments | survey setting assessments',
      'unsupported_type | question EQ (qid 22)',
      'soft_mandatory | question SOFT (qid 23)',
      'validation_pattern | question SOFT (qid 23)',
      'attribute_unknown | question SOFT (qid 23)',
      'unsupported_type | question DUAL (qid 21)',
      'subquestion_relevance | question DUAL (qid 21), subquestion R2',
      'unsupported_part | question DUAL (qid 21)',
      'quota | quota 5 "Half"',
    ]);
    expect(s.warnings[2].message).toBe('type * (Equation) has no counterpart in the questionnaire engine');
    expect(s.warnings[5].message).toContain('frobnicate = "7"');
    expect(s.warnings[8].message).toBe("the question's JavaScript (script, in en) is not run");
  });

  it('refuses a text row for an answer option that does not exist', () => {
    const text = newLayout((x) => x.answer_l10ns.push({ id: '9', aid: '77', answer: '?', language: 'en' }));
    const p = refused(text);
    expect(p).toMatchObject({
      reason: 'missing_answer',
      element: '<answer_l10ns> row 4 (aid 77)',
      line: rowLine(text, 'answer_l10ns', '<aid><![CDATA[77]]>'),
    });
  });

  it('names an unknown section, table or not, without refusing the file', () => {
    const text = newLayout().replace('</document>', '<mystery><rows><row><a>1</a></row></rows></mystery>\n<note>hello</note>\n<empty/>\n</document>');
    expect(
      parsed(text)
        .warnings.filter((w) => w.reason === 'section_not_imported')
        .map((w) => w.message),
    ).toEqual([
      '1 row of assessments (scores and the messages shown for score ranges) not imported',
      '1 row of an unknown section not imported',
      'an unknown section (not a table of rows) not imported',
    ]);
  });

  it('refuses two answer rows with one aid, naming the first', () => {
    const p = refused(newLayout((x) => x.answers.push({ aid: '2', qid: '21', code: 'Z', sortorder: '3', scale_id: '0' })));
    expect(p.message).toContain('<answers> row 3 (aid 2): answer option aid 2 appears twice (also in row 2)');
  });

  it('refuses two structural rows with one qid', () => {
    const p = refused(newLayout((x) => x.questions.push(q('21', '1', 'AGAIN', 'S'))));
    expect(p.reason).toBe('duplicate');
    expect(p.element).toBe('<questions> row 4 (qid 21)');
  });
});

describe('parseLss refuses malformed files, naming the element and the reason', () => {
  it('refuses an empty file and text that is not XML', () => {
    expect(refused('  \n').reason).toBe('empty');
    const p = refused('qid;title\n11;Q1\n');
    expect(p.reason).toBe('not_xml');
    expect(p.line).toBe(1);
    expect(p.message).toMatch(/^line 1: the file is not well-formed XML: /);
  });

  it('refuses a truncated file, giving the line the parser stopped at', () => {
    const whole = oldLayout();
    const p = refused(whole.slice(0, Math.floor(whole.length / 2)));
    expect(p.reason).toBe('not_xml');
    const cut = whole.slice(0, Math.floor(whole.length / 2));
    expect(p.line).toBe(cut.split('\n').length);
    expect(p.message).toMatch(/the file ends inside <document>\/<[a-z_]+>\/.*: it is truncated/);
    const closed = refused(whole.slice(0, whole.lastIndexOf('</document>')));
    expect(closed.message).toBe(
      `line ${whole.split('\n').length - 1}: the file is not well-formed XML: the file ends inside <document>: it is truncated`,
    );
  });

  it('refuses XML that is not a LimeSurvey survey', () => {
    expect(refused('<html><body>hi</body></html>')).toMatchObject({ reason: 'not_limesurvey', element: '<html>' });
    expect(refused('<document><LimeSurveyDocType>Label set</LimeSurveyDocType></document>')).toMatchObject({
      reason: 'not_limesurvey',
      message: '<document>/<LimeSurveyDocType>: not a LimeSurvey survey structure: <LimeSurveyDocType> is "Label set", not "Survey"',
    });
    expect(refused('<!DOCTYPE d [<!ENTITY a "aaaa">]><document/>').reason).toBe('doctype');
    expect(refused(oldLayout((x) => delete x.groups)).message).toBe('<document>: the section <groups> is missing');
  });

  it('refuses a question row without its type, naming the row, the question and its line', () => {
    const text = oldLayout((x) => {
      delete x.questions[2].type;
      delete x.questions[3].type;
    });
    const p = refused(text);
    const line = rowLine(text, 'questions', '<qid><![CDATA[12]]>');
    expect(p).toMatchObject({ reason: 'field_missing', element: '<questions> row 3 (qid 12)', line });
    expect(p.message).toBe(`line ${line}, <questions> row 3 (qid 12): the row has no <type>`);
  });

  it('refuses a question with an unknown type letter', () => {
    const p = refused(newLayout((x) => (x.questions[0].type = 'W')));
    expect(p.reason).toBe('unknown_type');
    expect(p.message).toContain('<questions> row 1 (qid 21): "W" is not a LimeSurvey question type');
  });

  it('refuses a subquestion whose parent question does not exist', () => {
    const text = newLayout((x) => (x.subquestions[1].parent_qid = '99'));
    const p = refused(text);
    expect(p).toMatchObject({
      reason: 'missing_parent',
      element: '<subquestions> row 2 (qid 25)',
      line: rowLine(text, 'subquestions', '<qid><![CDATA[25]]>'),
    });
    expect(p.message).toContain('parent_qid 99 names no top-level question of <questions>');
  });

  it('refuses rows that refer to a missing group or question', () => {
    expect(refused(newLayout((x) => (x.questions[1].gid = '8')))).toMatchObject({
      reason: 'missing_group',
      element: '<questions> row 2 (qid 22)',
    });
    expect(refused(oldLayout((x) => (x.conditions[0].cqid = '404')))).toMatchObject({
      reason: 'missing_question',
      element: '<conditions> row 1 (cid 1)',
    });
    expect(refused(newLayout((x) => (x.quota_members[0].quota_id = '6')))).toMatchObject({
      reason: 'missing_quota',
      element: '<quota_members> row 1 (id 1)',
    });
    expect(refused(oldLayout((x) => (x.question_attributes[0].qid = '3')))).toMatchObject({ reason: 'missing_question' });
  });

  it('refuses language codes and attribute names that are not names, and a field given twice', () => {
    expect(refused(oldLayout((x) => (x.groups[1].language = '__proto__'))).message).toContain(
      '<groups> row 2 (gid 1): "__proto__" is not a valid language code',
    );
    const attribute = refused(newLayout((x) => x.question_attributes.push({ qid: '23', attribute: '__proto__', value: '1', language: 'de' })));
    expect(attribute.message).toContain('<question_attributes> row 3 (qid 23): "__proto__" is not a valid attribute name');
    const s = parsed(newLayout((x) => x.question_attributes.push({ qid: '23', attribute: 'constructor', value: 'x', language: 'de' })));
    expect(s.questions[1].localizedAttributes.constructor).toEqual({ de: 'x' });
    expect(({} as Record<string, unknown>).de).toBeUndefined();
    const twice = newLayout().replace('<title><![CDATA[EQ]]></title>', '<title><![CDATA[EQ]]></title><title>EQ2</title>');
    expect(refused(twice).message).toContain('<questions> row 2 (qid 22): <title> appears more than once in the row');
  });

  it('refuses an id that is not a whole number', () => {
    expect(refused(newLayout((x) => (x.groups[0].gid = 'two'))).message).toContain(
      '<groups> row 1 (gid two): <gid> must be a whole number, found "two"',
    );
  });
});

describe('unmappedRelevanceParts', () => {
  it('accepts what display conditions express: equals, not equals, answered, all or any', () => {
    expect(unmappedRelevanceParts('((QC.NAOK == "Y"))')).toEqual([]);
    expect(unmappedRelevanceParts('!is_empty(Q1) and Q2.NAOK != "A1"')).toEqual([]);
    expect(unmappedRelevanceParts('((282267X46X1435SH101.NAOK == "Y" or 282267X46X1435SH102.NAOK == "Y"))')).toEqual([]);
  });

  it('names what they do not', () => {
    expect(unmappedRelevanceParts('count(that.AF) > 0')).toEqual(['the function count()', 'the reference that.AF', 'the comparison >']);
    expect(unmappedRelevanceParts('(A == "1" and B == "2") or C == "3"')).toEqual(['"and" mixed with "or" (nested groups)']);
    expect(unmappedRelevanceParts('Q1 + Q2 == 4')).toEqual(['arithmetic (+)']);
    expect(unmappedRelevanceParts('Q1.shown == "x"')).toEqual(['the property .shown']);
  });
});
