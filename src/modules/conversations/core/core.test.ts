import { describe, expect, it } from 'vitest';
import { computeGroupInformedConsensus, computeImportance, computePriority, countVotesByGroup } from './consensus.js';
import { computeMaxGroups, selectBestK, smoothGroupCount, type GroupClustering } from './opinion-groups.js';
import { computeGroupStatementStats, computeStatementStats, selectConsensusStatements, selectRepresentativeStatements } from './repness.js';
import type { Statement, Vote } from './types.js';
import { buildVoteMatrix, selectClusteredParticipants } from './vote-matrix.js';

// Hand-computed cases for the formulas of compdemocracy/polis math/src/polismath/math/repness.clj,
// stats.clj and conversation.clj (figures worked out on paper, checked to 12 digits).
// Statement s: group 0 has 8 agrees, 1 disagree, 1 pass (ns = 10); group 1 has 1 agree, 7 disagrees, 1 pass (ns = 9).
const g0 = { na: 8, nd: 1, ns: 10 };
const g1 = { na: 1, nd: 7, ns: 9 };

describe('representativeness (repness.clj)', () => {
  it('pa, pat, ra, rat and the disagree side for a group against the rest', () => {
    const [s0] = computeGroupStatementStats([g0, g1]);
    expect(s0.pa).toBe(0.75); // (8 + 1) / (10 + 2)
    expect(s0.pat).toBeCloseTo(2.1105794120443457, 12); // 2 sqrt(11) (9/11 - 1/2)
    expect(s0.ra).toBeCloseTo(4.125, 12); // 0.75 / ((1 + 1) / (2 + 9))
    expect(s0.rat).toBeCloseTo(2.8328649750636106, 12); // (9/11 - 2/10) / sqrt(11/21 * 10/21 * (1/11 + 1/10))
    expect(s0.pd).toBeCloseTo(1 / 6, 12);
    expect(s0.pdt).toBeCloseTo(-2.1105794120443453, 12);
    expect(s0.rd).toBeCloseTo(0.22916666666666666, 12); // (2/12) / ((1 + 7) / (2 + 9))
    expect(s0.rdt).toBeCloseTo(-2.8328649750636106, 12);
  });

  it('selects significant statements, best agree first, five at most, agrees before disagrees', () => {
    const ids = [10, 11, 12, 13, 14, 15, 16];
    // Statement 10 as above; 11..15 the mirror (group 0 disagrees); 16 is split evenly.
    const counts = [
      [g0, g1],
      ...Array.from({ length: 5 }, () => [g1, g0]),
      [
        { na: 5, nd: 5, ns: 10 },
        { na: 5, nd: 4, ns: 9 },
      ],
    ];
    const stats = counts.map((c) => computeGroupStatementStats(c));
    const rep0 = selectRepresentativeStatements(
      ids,
      stats.map((s) => s[0]),
    );
    expect(rep0).toHaveLength(5);
    expect(rep0[0]).toMatchObject({ statement: 10, direction: 'agree', bestAgree: true, p: 0.75, repness: expect.closeTo(4.125, 12) });
    expect(rep0.slice(1).map((r) => [r.statement, r.direction])).toEqual([
      [11, 'disagree'],
      [12, 'disagree'],
      [13, 'disagree'],
      [14, 'disagree'],
    ]);
    // The metric of statement 10: ra * rat * pa * pat = 4.125 * 2.83286 * 0.75 * 2.11058
    expect(rep0[0].repness * rep0[0].repnessTest * rep0[0].p * rep0[0].pTest).toBeCloseTo(18.49748946417521, 10);
  });

  it('gives a group with nothing significant its best statement', () => {
    const stats = computeGroupStatementStats([
      { na: 1, nd: 1, ns: 2 },
      { na: 1, nd: 1, ns: 2 },
    ]);
    const rep = selectRepresentativeStatements([7], [stats[0]]);
    expect(rep).toHaveLength(1);
    expect(rep[0].statement).toBe(7);
  });
});

describe('consensus (repness.clj select-consensus-comments)', () => {
  it('keeps pa > 0.5 with pat significant, ranked by pa * pat; likewise for disagree', () => {
    const stats = [
      { na: 9, nd: 0, ns: 10 }, // pa = 10/12, pat = 2 sqrt(11)(10/11 - 1/2) = 2.7136
      { na: 6, nd: 0, ns: 8 }, // pa = 7/10, pat = 2 * 3 * (7/9 - 1/2) = 1.6667
      { na: 4, nd: 3, ns: 8 }, // pa = 0.5: not > 0.5
      { na: 0, nd: 9, ns: 9 }, // pd = 10/11, pdt = 2 sqrt(10) (1 - 1/2) = 3.1623
    ].map(computeStatementStats);
    const c = selectConsensusStatements([1, 2, 3, 4], stats);
    expect(c.agree.map((s) => s.statement)).toEqual([1, 2]);
    expect(c.agree[1].pTest).toBeCloseTo(5 / 3, 12);
    expect(c.disagree).toEqual([{ statement: 4, nSuccess: 9, nTrials: 9, p: 10 / 11, pTest: expect.closeTo(Math.sqrt(10), 12) }]);
  });
});

describe('group-informed consensus and priority (conversation.clj)', () => {
  it('multiplies (agrees + 1) / (votes + 2) over groups', () => {
    // (9/12) * (2/11) = 3/22
    expect(computeGroupInformedConsensus([g0, g1])).toBeCloseTo(0.13636363636363635, 15);
    expect(computeGroupInformedConsensus([])).toBe(1);
  });

  it('priority = (importance * (1 + 8 * 2^(-S/5)))^2; meta = 49', () => {
    // A = 9, D = 8, S = 19, P = 2, E = 0.5: importance = (1 - 3/21) * 1.5 * 10/21
    expect(computeImportance(9, 2, 19, 0.5)).toBeCloseTo(0.6122448979591837, 15);
    expect(computePriority(false, 9, 2, 19, 0.5)).toBeCloseTo(0.9290786336614879, 14);
    expect(computePriority(true, 9, 2, 19, 0.5)).toBe(49);
    // A new statement (S = 0): importance = (1 - 1/2) * 1 * 1/2 = 0.25, times 9, squared = 5.0625
    expect(computePriority(false, 0, 0, 0, 0)).toBe(5.0625);
  });
});

describe('vote matrix, participation and k (conversation.clj)', () => {
  const statements: Statement[] = [
    { id: 1, moderation: 1, isMeta: false },
    { id: 2, moderation: -1, isMeta: false },
    { id: 3, moderation: 0, isMeta: true },
  ];
  const votes: Vote[] = [
    { participantId: 5, statementId: 1, value: -1, at: 2 },
    { participantId: 5, statementId: 1, value: 1, at: 3 },
    { participantId: 9, statementId: 2, value: -1, at: 1 },
  ];

  it('keeps the latest vote and zeroes moderated-out and meta columns for everyone', () => {
    const m = buildVoteMatrix(votes, statements);
    expect(m.participantIds).toEqual([5, 9]);
    expect(m.statementIds).toEqual([1, 2]);
    expect([...m.raw.values]).toEqual([1, -1]);
    expect(m.excludedColumns).toEqual([1]);
    // Rating: participant 5 -> (1, 0), participant 9 -> (0) in column 2 only, stored as votes.
    expect([...m.rating.rowStart]).toEqual([0, 2, 3]);
    expect([...m.rating.values]).toEqual([1, 0, 0]);
    const counts = countVotesByGroup(m.raw, [0, 0], 1);
    expect(counts[0][0]).toEqual({ na: 0, nd: 1, ns: 1 });
  });

  it('clusters people with min(7, statements) votes, topping up to 15 by vote count', () => {
    const many: Vote[] = [];
    for (let p = 0; p < 20; p++) for (let s = 0; s < (p < 10 ? 8 : p - 9); s++) many.push({ participantId: p, statementId: s, value: 0, at: 0 });
    const st = Array.from({ length: 10 }, (_, id) => ({ id, moderation: 1 as const, isMeta: false }));
    const inConv = selectClusteredParticipants(buildVoteMatrix(many, st));
    // 0..9 have 8 votes, 16..19 have 7..10: 14 qualify; the next best voter (15, 6 votes) tops up to 15.
    expect(inConv.filter(Boolean)).toHaveLength(15);
    expect(inConv[15]).toBe(true);
    expect(inConv[14]).toBe(false);
  });

  it('tries k up to min(5, 2 + floor(base clusters / 12)) and changes k only after four wins in a row', () => {
    expect(computeMaxGroups(100)).toBe(5);
    expect(computeMaxGroups(23)).toBe(3);
    let s = smoothGroupCount(null, 3);
    expect(s.smoothedK).toBe(3);
    for (let i = 0; i < 3; i++) {
      s = smoothGroupCount(s, 2);
      expect(s.smoothedK).toBe(3);
    }
    s = smoothGroupCount(s, 2);
    expect(s).toEqual({ lastK: 2, lastKCount: 4, smoothedK: 2 });
    const c = (k: number, silhouette: number) => ({ k, silhouette }) as GroupClustering;
    expect(selectBestK([c(2, 0.4), c(3, 0.5), c(4, 0.5)])).toBe(4);
  });
});
