import { describe, expect, it } from 'vitest';
import { itemSchema, type Item, type ItemInput } from '../../questionnaires/index.js';
import { codeResponse, codeSurvey, type VariableWords } from './survey-coding.js';

const en = (text: string) => ({ en: text });
const words: VariableWords = {
  other: en('Other'),
  chosen: en('Chosen'),
  notChosen: en('Not chosen'),
  latitude: en('latitude'),
  longitude: en('longitude'),
  join: (q, part) => ({ en: `${q?.en ?? ''}: ${part?.en ?? ''}` }),
};
const items: Item[] = (
  [
    { id: 'intro', type: 'section', label: en('About you') },
    {
      id: 'age',
      type: 'single_choice',
      label: en('Age band'),
      options: [
        { value: '16-29', label: en('16–29') },
        { value: '30-plus', label: en('30+') },
      ],
      allowOther: true,
    },
    {
      id: 'topics',
      type: 'multiple_choice',
      label: en('Topics'),
      options: [
        { value: 'climate', label: en('Climate') },
        { value: 'jobs', label: en('Jobs') },
      ],
      allowOther: true,
    },
    { id: 'trust', type: 'scale', label: en('Trust'), min: 0, max: 10, minLabel: en('None'), maxLabel: en('Full') },
    {
      id: 'grid',
      type: 'matrix',
      label: en('Grid'),
      rows: [
        { value: 'a', label: en('A') },
        { value: 'b', label: en('B') },
      ],
      columns: [
        { value: 'yes', label: en('Yes') },
        { value: 'no', label: en('No') },
      ],
    },
    {
      id: 'multi',
      type: 'matrix',
      multiple: true,
      label: en('Multi'),
      rows: [{ value: 'a', label: en('A') }],
      columns: [
        { value: 'x', label: en('X') },
        { value: 'y', label: en('Y') },
      ],
    },
    {
      id: 'rank',
      type: 'ranking',
      label: en('Priorities'),
      options: [
        { value: 'p', label: en('P') },
        { value: 'q', label: en('Q') },
        { value: 'r', label: en('R') },
      ],
      top: 2,
    },
    { id: 'where', type: 'place', label: en('Where') },
    { id: 'n', type: 'number', label: en('How many') },
    { id: 'why', type: 'long_text', label: en('Why') },
    { id: 'p2', type: 'page_break' },
  ] as ItemInput[]
).map((i) => itemSchema.parse(i));

describe('coding a questionnaire as data-file variables', () => {
  const coding = codeSurvey(items, words);

  it('gives each answerable item its variables, with codes and value labels', () => {
    expect(coding.variables.map((v) => v.name)).toEqual([
      'age',
      'age_other',
      'topics_climate',
      'topics_jobs',
      'topics_other',
      'trust',
      'grid_a',
      'grid_b',
      'multi_a_x',
      'multi_a_y',
      'rank_p',
      'rank_q',
      'rank_r',
      'where_lat',
      'where_lon',
      'where_text',
      'n',
      'why',
    ]);
    const age = coding.variables[0];
    expect(age.values?.map((v) => [v.code, v.label.en])).toEqual([
      [1, '16–29'],
      [2, '30+'],
      [3, 'Other'],
    ]);
    expect(coding.variables.find((v) => v.name === 'trust')?.values?.map((v) => [v.code, v.label.en])).toEqual([
      [0, 'None'],
      [10, 'Full'],
    ]);
    expect(coding.variables.find((v) => v.name === 'grid_b')?.label.en).toBe('Grid: B');
  });

  it('reads a response into one row; unanswered is missing, not zero', () => {
    const row = codeResponse(coding, {
      age: { other: '75, retired' },
      topics: { values: ['jobs'], other: 'housing' },
      trust: 7,
      grid: { b: 'no' },
      multi: { a: ['y'] },
      rank: ['r', 'p'],
      where: { lat: 50.45, lon: 30.52 },
      why: 'Because',
    });
    expect(row).toEqual([3, '75, retired', 0, 1, 'housing', 7, null, 2, 0, 1, 2, null, 1, 50.45, 30.52, null, null, 'Because']);
    expect(codeResponse(coding, { age: '30-plus' }).slice(0, 5)).toEqual([2, null, null, null, null]);
  });

  it('keeps names unique when two codes would clash', () => {
    const clash = codeSurvey(
      [
        itemSchema.parse({
          id: 'a',
          type: 'multiple_choice',
          label: en('A'),
          options: [
            { value: 'b', label: en('B') },
            { value: 'c', label: en('C') },
          ],
        }),
        itemSchema.parse({ id: 'a_b', type: 'short_text', label: en('A B') }),
      ],
      words,
    );
    expect(clash.variables.map((v) => v.name)).toEqual(['a_b', 'a_c', 'a_b_2']);
  });
});
