import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { writeDdiCodebook } from './ddi.js';
import type { SurveyVariable } from '../core/variables.js';

const variables: SurveyVariable[] = [
  { name: 'response_id', label: { en: 'Response' }, questionId: null, kind: 'string', measure: 'nominal' },
  {
    name: 'age_band',
    label: { en: 'Age band', uk: 'Вікова група' },
    question: { en: 'How old are you?', uk: 'Скільки вам років?' },
    questionId: 'age_band',
    kind: 'numeric',
    measure: 'ordinal',
    values: [
      { code: 1, label: { en: '16–29' } },
      { code: 2, label: { en: '30 & over', uk: '30 і старші' } },
    ],
  },
  { name: 'trust', label: { en: 'Trust <0–10>' }, questionId: 'trust', kind: 'numeric', measure: 'scale' },
];

describe('DDI Codebook 2.5', () => {
  const xml = writeDdiCodebook(
    {
      id: 'https://demo.polity.localhost/consultations/future-of-europe',
      title: { en: 'What Europe do you want?', uk: 'Якої Європи ви хочете?' },
      abstract: { en: 'A survey.' },
      producer: 'Demo City',
      fileName: 'responses.csv',
      cases: 42,
      collectionModes: ['online', 'paper'],
      date: new Date('2026-12-07T10:00:00Z'),
    },
    variables,
  );
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);

  it('is a DDI 2.5 codebook in its namespace with study, file and variables', () => {
    const cb = doc.codeBook;
    expect(cb['@xmlns']).toBe('ddi:codebook:2_5');
    expect(cb['@version']).toBe('2.5');
    expect(Object.keys(cb).filter((k) => !k.startsWith('@'))).toEqual(['docDscr', 'stdyDscr', 'fileDscr', 'dataDscr']);
    expect(cb.stdyDscr.citation.titlStmt.IDNo).toBe('https://demo.polity.localhost/consultations/future-of-europe');
    expect(cb.fileDscr.fileTxt.dimensns).toEqual({ caseQnty: 42, varQnty: 3 });
    expect(cb.stdyDscr.method.dataColl.collMode).toEqual(['online', 'paper']);
  });

  it('describes each variable with labels per language, its question, categories and format', () => {
    const vars = doc.codeBook.dataDscr.var;
    expect(vars.map((v: { '@name': string }) => v['@name'])).toEqual(['response_id', 'age_band', 'trust']);
    const age = vars[1];
    expect(age['@intrvl']).toBe('discrete');
    expect(age.labl).toEqual([
      { '#text': 'Age band', '@xml:lang': 'en' },
      { '#text': 'Вікова група', '@xml:lang': 'uk' },
    ]);
    expect(age.qstn.qstnLit[1]['#text']).toBe('Скільки вам років?');
    expect(age.catgry[1].catValu).toBe(2);
    expect(age.catgry[1].labl[0]['#text']).toBe('30 & over');
    expect(age.varFormat['@type']).toBe('numeric');
    expect(vars[2]['@intrvl']).toBe('contin');
    expect(vars[2].labl['#text']).toBe('Trust <0–10>');
    expect(vars[0].varFormat['@type']).toBe('character');
  });
});
