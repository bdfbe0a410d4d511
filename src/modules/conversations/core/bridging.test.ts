import { describe, expect, it } from 'vitest';
import { buildSparseMatrix } from '../../../math/sparse-matrix.js';
import { BRIDGING_FACTOR_LAMBDA, BRIDGING_INTERCEPT_LAMBDA, fitBridgingModel, rankBridgingStatements } from './bridging.js';
import { AGREE, DISAGREE, type VoteValue } from './types.js';

// A two-camp conversation: participants 0..19 are camp A, 20..39 camp B.
// Statements 0-3 are A's (A agrees, B disagrees), 4-7 B's (the mirror); statement 8 is partisan but
// popular: all 20 of A agree and only 5 of B vote (disagree), so 20 agrees; statement 9 bridges:
// 8 of A and 8 of B agree (16 agrees, none against); statement 10 everyone disagrees with.
function twoCamps(): { votes: [number, number, VoteValue][]; rows: number; cols: number } {
  const votes: [number, number, VoteValue][] = [];
  for (let u = 0; u < 40; u++) {
    const a = u < 20;
    for (let s = 0; s < 8; s++) votes.push([u, s, s < 4 === a ? AGREE : DISAGREE]);
    if (a) votes.push([u, 8, AGREE]);
    else if (u < 25) votes.push([u, 8, DISAGREE]);
    if (u % 20 < 8) votes.push([u, 9, AGREE]);
    votes.push([u, 10, DISAGREE]);
  }
  return { votes, rows: 40, cols: 11 };
}

function matrixOf(c: ReturnType<typeof twoCamps>) {
  return buildSparseMatrix(
    c.rows,
    c.cols,
    c.votes.map(([row, col, value]) => ({ row, col, value })),
  );
}

describe('bridging (Community Notes matrix factorisation)', () => {
  it('gives the statement both camps agree with the highest intercept, above a partisan one with more agrees', () => {
    const m = matrixOf(twoCamps());
    const ranked = rankBridgingStatements(
      m,
      Array.from({ length: 11 }, (_, j) => 100 + j),
      Array.from({ length: 11 }, (_, j) => j),
    );
    expect(ranked[0].statement).toBe(109);
    const partisan = ranked.find((r) => r.statement === 108)!;
    expect(ranked[0].intercept).toBeGreaterThan(partisan.intercept + 0.2);
    expect(ranked.at(-1)!.statement).toBe(110);
    expect(ranked[0].votes).toBe(16);
    // The factor carries the camp axis: A's statements and B's sit on opposite sides.
    expect(Math.sign(ranked.find((r) => r.statement === 100)!.factor)).toBe(-Math.sign(ranked.find((r) => r.statement === 104)!.factor));
  });

  it('passes are not ratings, and the fit is deterministic', () => {
    const c = twoCamps();
    const a = fitBridgingModel(matrixOf(c));
    const b = fitBridgingModel(matrixOf(c));
    expect(Array.from(a.statementIntercepts)).toEqual(Array.from(b.statementIntercepts));
    // The participants who did not vote on statement 9 pass on it: the model must not change.
    const passes = Array.from({ length: 40 }, (_, u) => u).filter((u) => u % 20 >= 8);
    const passed = fitBridgingModel(matrixOf({ ...c, votes: [...c.votes, ...passes.map((u) => [u, 9, 0] as [number, number, VoteValue])] }));
    expect(passed.statementVotes[9]).toBe(16);
    expect(Array.from(passed.statementIntercepts)).toEqual(Array.from(a.statementIntercepts));
  });

  it('a lone agree: everything goes to the unpenalised mean (μ = 1, zero intercepts, zero loss)', () => {
    const model = fitBridgingModel(buildSparseMatrix(1, 1, [{ row: 0, col: 0, value: AGREE }]));
    expect(model.mu).toBeCloseTo(1, 9);
    expect(model.statementIntercepts[0]).toBeCloseTo(0, 9);
    expect(model.loss).toBeCloseTo(0, 9);
  });

  it('regularises intercepts five times more than factors and stops at a minimum of the regularised loss', () => {
    expect(BRIDGING_INTERCEPT_LAMBDA).toBeCloseTo(5 * BRIDGING_FACTOR_LAMBDA, 15);
    const c = twoCamps();
    const model = fitBridgingModel(matrixOf(c), undefined, { tolerance: 1e-9 });
    const loss = (mu: number, ui: Float64Array, uf: Float64Array, ni: Float64Array, nf: Float64Array) => {
      let l = 0;
      for (const [u, s, v] of c.votes) l += ((v === AGREE ? 1 : -1) - mu - ui[u] - ni[s] - uf[u] * nf[s]) ** 2;
      for (let u = 0; u < 40; u++) l += BRIDGING_INTERCEPT_LAMBDA * ui[u] ** 2 + BRIDGING_FACTOR_LAMBDA * uf[u] ** 2;
      for (let s = 0; s < 11; s++) l += BRIDGING_INTERCEPT_LAMBDA * ni[s] ** 2 + BRIDGING_FACTOR_LAMBDA * nf[s] ** 2;
      return l;
    };
    const { mu, userIntercepts: ui, userFactors: uf, statementIntercepts: ni, statementFactors: nf } = model;
    const base = loss(mu, ui, uf, ni, nf);
    expect(base).toBeCloseTo(model.loss, 9);
    for (const arr of [ui, uf, ni, nf])
      for (const j of [0, 5, 9]) {
        for (const step of [1e-3, -1e-3]) {
          arr[j] += step;
          expect(loss(mu, ui, uf, ni, nf)).toBeGreaterThan(base);
          arr[j] -= step;
        }
      }
    expect(loss(mu + 1e-3, ui, uf, ni, nf)).toBeGreaterThan(base);
  });
});
