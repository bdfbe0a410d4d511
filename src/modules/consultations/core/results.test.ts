import { describe, expect, it } from 'vitest';
import { itemSchema, type Item } from '../../questionnaires/index.js';
import { crossTab, groupOf, questionFigures, representativeness, weightAnswerGroups, weightResponses, type ResultResponse } from './results.js';
import { createPlainDesign, estimateDomainMean, postStratify } from '../../../math/survey-weighting.js';

const en = (t: string) => ({ en: t });
const gender = itemSchema.parse({
  id: 'gender',
  type: 'single_choice',
  label: en('Gender'),
  demographic: true,
  options: [
    { value: 'f', label: en('Woman') },
    { value: 'm', label: en('Man') },
  ],
});
const trust = itemSchema.parse({
  id: 'trust',
  type: 'single_choice',
  label: en('Do you trust the EU?'),
  options: [
    { value: 'yes', label: en('Yes') },
    { value: 'no', label: en('No') },
  ],
});
const score = itemSchema.parse({ id: 'score', type: 'scale', label: en('Score'), min: 0, max: 10 });
const items: Item[] = [gender, trust, score];
// Four women (three say yes) and two men (both say no); one more person gave no gender.
const responses: ResultResponse[] = [
  { id: 'a', answers: { gender: 'f', trust: 'yes', score: 8 } },
  { id: 'b', answers: { gender: 'f', trust: 'yes', score: 6 } },
  { id: 'c', answers: { gender: 'f', trust: 'yes' } },
  { id: 'd', answers: { gender: 'f', trust: 'no', score: 2 } },
  { id: 'e', answers: { gender: 'm', trust: 'no', score: 4 } },
  { id: 'f', answers: { gender: 'm', trust: 'no' } },
];
const margins = { margins: { gender: { f: 50, m: 50 } } };

describe('survey results', () => {
  it('gives shares with their SEs, unweighted (simple random sample, as svymean)', () => {
    const w = weightResponses(items, responses, margins, { method: 'none', questions: [] });
    if (!w.ok) throw new Error(w.error.message);
    const f = questionFigures(trust, responses, w.value);
    expect(f.answered).toBe(6);
    expect(f.shares[0]).toMatchObject({ value: 'yes', count: 3, weighted: null });
    expect(f.shares[0].share.estimate).toBeCloseTo(0.5, 12);
    // sqrt(n/(n-1) * sum((y - ybar)^2) / n^2) = sqrt(6/5 * 1.5 / 36) = sqrt(0.05)
    expect(f.shares[0].share.se).toBeCloseTo(Math.sqrt(0.05), 12);
  });

  it('post-stratifies to the margins: weighted share and its SE worked by hand', () => {
    const w = weightResponses(items, responses, margins, { method: 'poststratify', questions: ['gender'] });
    if (!w.ok) throw new Error(w.error.message);
    expect(Array.from(w.value.weighted!.weights)).toEqual([12.5, 12.5, 12.5, 12.5, 25, 25]);
    const yes = questionFigures(trust, responses, w.value).shares[0];
    // Women 3/4 yes, men 0: 0.5 * 0.75 = 0.375. Residuals .125 (y - .75) for women, 0 for men.
    expect(yes.weighted!.estimate).toBeCloseTo(0.375, 12);
    expect(yes.weighted!.se).toBeCloseTo(Math.sqrt((6 / 5) * 0.01171875), 12);
    // Raking on one margin is post-stratification.
    const raked = weightResponses(items, responses, margins, { method: 'rake', questions: ['gender'] });
    if (!raked.ok) throw new Error(raked.error.message);
    expect(questionFigures(trust, responses, raked.value).shares[0].weighted!.estimate).toBeCloseTo(0.375, 10);
  });

  it('leaves out respondents who did not answer a weighting question, and says how many', () => {
    const more = [...responses, { id: 'g', answers: { trust: 'yes' } }];
    const w = weightResponses(items, more, margins, { method: 'poststratify', questions: ['gender'] });
    if (!w.ok) throw new Error(w.error.message);
    expect(w.value.unweightable).toBe(1);
    const yes = questionFigures(trust, more, w.value).shares[0];
    expect(yes.share.estimate).toBeCloseTo(4 / 7, 12);
    expect(yes.weighted!.estimate).toBeCloseTo(0.375, 12);
  });

  it('refuses a margin category with no respondent, naming it', () => {
    const w = weightResponses(items, responses, { margins: { gender: { f: 40, m: 40, x: 20 } } }, { method: 'rake', questions: ['gender'] });
    expect(w.ok).toBe(false);
    if (!w.ok) expect(w.error).toMatchObject({ code: 'empty_category', margin: 'gender', category: 'x' });
  });

  it('gives means of scales and how far respondents are from the population', () => {
    const w = weightResponses(items, responses, margins, { method: 'none', questions: [] });
    if (!w.ok) throw new Error(w.error.message);
    const s = questionFigures(score, responses, w.value);
    expect(s.answered).toBe(4);
    expect(s.mean!.unweighted.estimate).toBeCloseTo(5, 12);
    expect(s.shares.map((x) => x.count)).toEqual([0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0]);
    const rep = representativeness(items, responses, margins);
    expect(rep).toEqual([
      {
        question: 'gender',
        answered: 6,
        distance: expect.closeTo(1 / 6, 12),
        rows: [
          { value: 'f', respondents: 4, sampleShare: 4 / 6, populationShare: 0.5, gap: expect.closeTo(1 / 6, 12) },
          { value: 'm', respondents: 2, sampleShare: 2 / 6, populationShare: 0.5, gap: expect.closeTo(-1 / 6, 12) },
        ],
      },
    ]);
  });

  it('cross-tabulates a question by a demographic question', () => {
    const t = crossTab(trust, gender, responses)!;
    expect(t.counts).toEqual([
      [3, 0],
      [1, 2],
    ]);
    expect(t.columnPercent[0][0]).toBeCloseTo(75, 12);
    expect(t.lift[0][0]).toBeCloseTo(3 / 6 / ((3 / 6) * (4 / 6)), 12);
    expect(t.chiSquare!.df).toBe(1);
    expect(t.small.flat().every(Boolean)).toBe(true);
  });
});

describe('margins given as shares', () => {
  it('scale the weights to the number of respondents', () => {
    const w = weightResponses(items, responses, { margins: { gender: { f: 0.5, m: 0.5 } } }, { method: 'rake', questions: ['gender'] });
    if (!w.ok) throw new Error(w.error.message);
    expect(Array.from(w.value.weighted!.weights)).toEqual([0.75, 0.75, 0.75, 0.75, 1.5, 1.5]);
  });

  it('gives a group’s figures with the weights of everyone, leaving unweightable respondents out of the weighted ones', () => {
    // A seventh person says yes but gives no gender: in the unweighted design, out of the weighted one.
    const all = [...responses, { id: 'g', answers: { trust: 'yes' } }];
    const group = groupOf(items, all, 'gender', 'f');
    expect(group.ok && group.value.respondents).toBe(4);
    if (!group.ok) return;
    const w = weightResponses(items, all, margins, { method: 'poststratify', questions: ['gender'] });
    if (!w.ok) throw new Error(w.error.message);
    const q = questionFigures(trust, all, w.value, undefined, group.value);
    expect(q.answered).toBe(4);
    expect(q.shares[0].count).toBe(3);
    expect(q.shares[0].share.estimate).toBeCloseTo(0.75, 14);
    // Unweighted: n = 7 respondents, the domain's four enter the influence function.
    expect(q.shares[0].share.se).toBeCloseTo(Math.sqrt((7 / 6) * 0.75) / 4, 14);
    // Weighted: the design of the six with a gender, post-stratified, then the domain.
    const six = responses.map((r) => r.answers.gender as string);
    const wd = postStratify(
      createPlainDesign(six.map(String)),
      [{ name: 'gender', values: six }],
      [
        { levels: ['f'], total: 50 },
        { levels: ['m'], total: 50 },
      ],
    );
    if (!wd.ok) throw new Error(wd.error.message);
    const want = estimateDomainMean(
      wd.value,
      responses.map((r) => (r.answers.trust === 'yes' ? 1 : 0)),
      { indicator: six.map((g) => g === 'f'), margin: 'gender', category: 'f' },
    );
    expect(want.ok && q.shares[0].weighted?.se).toBeCloseTo(want.ok ? want.value.se : NaN, 14);
    expect(q.shares[0].weighted?.estimate).toBeCloseTo(0.75, 14);
  });

  it('refuses a group that is not a category of a demographic question, or that nobody is in', () => {
    expect(groupOf(items, responses, 'trust', 'yes')).toMatchObject({ ok: false, error: { code: 'unknown_group', question: 'trust', value: 'yes' } });
    expect(groupOf(items, responses, 'gender', 'z')).toMatchObject({ ok: false, error: { code: 'unknown_group', question: 'gender', value: 'z' } });
    const women = responses.filter((r) => r.answers.gender === 'f');
    expect(groupOf(items, women, 'gender', 'm')).toMatchObject({ ok: false, error: { code: 'empty_group', question: 'gender', value: 'm' } });
  });
});

describe('responses counted in groups of identical answers', () => {
  // The six responses above and three more, as groups in the order of their first response.
  const age = itemSchema.parse({
    id: 'age',
    type: 'single_choice',
    label: en('Age'),
    demographic: true,
    options: ['young', 'middle', 'old'].map((v) => ({ value: v, label: en(v) })),
  });
  const groups = [
    { answers: { gender: 'f', age: 'young', trust: 'yes' }, count: 3 },
    { answers: { gender: 'm', age: 'old', trust: 'no' }, count: 2 },
    { answers: { gender: 'f', age: 'middle', trust: 'no' }, count: 1 },
    { answers: { gender: 'm', trust: 'yes' }, count: 1 },
    { answers: { gender: 'm', age: 'young', trust: 'yes' }, count: 2 },
  ];
  const one = groups.flatMap((g, k) => Array.from({ length: g.count }, (_, i) => ({ id: `${k}.${i}`, answers: g.answers })));
  const all = [gender, trust, age];
  const settings = { method: 'rake' as const, questions: ['gender', 'age'] };
  const shares = { margins: { gender: { f: 0.5, m: 0.5 }, age: { young: 0.3, middle: 0.3, old: 0.4 } } };

  it('weigh each respondent exactly as weighting them one by one does (unanswered: 0)', () => {
    const each = weightResponses(all, one, shares, settings);
    const grouped = weightAnswerGroups(all, groups, shares, settings, { exact: true });
    if (!each.ok || !grouped.ok) throw new Error('weighting failed');
    const expanded = groups.flatMap((g, k) => Array.from({ length: g.count }, () => grouped.value![k]));
    expect(expanded).toEqual(Array.from(each.value.weighted!.weights));
    expect(grouped.value![3]).toBe(0);
    // Weighted once per group (counts as design weights): the same up to the last bit, also trimmed.
    const once = weightAnswerGroups(all, groups, shares, settings);
    if (!once.ok) throw new Error('weighting failed');
    once.value!.forEach((w, k) => expect(w).toBeCloseTo(grouped.value![k], 12));
    const trim = { ...settings, trim: { upper: 1.2 } };
    const trimmed = weightResponses(all, one, shares, trim);
    const trimmedGroups = weightAnswerGroups(all, groups, shares, trim);
    if (!trimmed.ok || !trimmedGroups.ok) throw new Error('weighting failed');
    expect(groups.flatMap((g, k) => Array.from({ length: g.count }, () => trimmedGroups.value![k]))).toEqual(
      Array.from(trimmed.value.weighted!.weights),
    );
    expect(weightAnswerGroups(all, groups, shares, { method: 'none', questions: [] })).toEqual({ ok: true, value: null });
  });

  it('cross-tabulate as the respondents one by one do, weighted or not', () => {
    const counts = groups.map((g) => g.count);
    expect(crossTab(trust, gender, groups, { counts })).toEqual(crossTab(trust, gender, one));
    const each = weightResponses(all, one, shares, settings);
    const grouped = weightAnswerGroups(all, groups, shares, settings);
    if (!each.ok || !grouped.ok) throw new Error('weighting failed');
    const a = crossTab(trust, gender, groups, { counts, weights: grouped.value })!;
    const b = crossTab(trust, gender, one, { weights: each.value.weighted!.weights })!;
    expect(a.unweightedCounts).toEqual(b.unweightedCounts);
    a.counts.flat().forEach((x, k) => expect(x).toBeCloseTo(b.counts.flat()[k], 12));
    expect(a.chiSquare!.statistic).toBeCloseTo(b.chiSquare!.statistic, 12);
  });
});
