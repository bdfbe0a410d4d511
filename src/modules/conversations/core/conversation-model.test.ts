import { describe, expect, it } from 'vitest';
import { computeAdjustedRandIndex } from '../../../math/statistics.js';
import { analyzeConversation, computeLayout } from './analyze-conversation.js';
import { computeGroupInformedConsensus, countVotesByGroup } from './consensus.js';
import { buildConversationModel, updateConversationAnalysis, type ConversationAnalysis } from './conversation-model.js';
import { generateSyntheticConversation } from './synthetic-conversation.js';
import { AGREE, DISAGREE, type Statement, type Vote } from './types.js';
import { buildVoteMatrix } from './vote-matrix.js';
import type { VoteTable } from './vote-table.js';

function toVotes(t: VoteTable): Vote[] {
  return Array.from({ length: t.participantIds.length }, (_, k) => ({
    participantId: t.participantIds[k],
    statementId: t.statementIds[k],
    value: t.values[k] as Vote['value'],
    at: t.at![k],
  }));
}

/** Largest difference between two analyses' PCA, positions and statement positions (signs aligned). */
function compareLayouts(a: ConversationAnalysis, b: ConversationAnalysis) {
  const at = new Map(b.pca.statementIds.map((id, j) => [id, j]));
  let centre = 0;
  let component = 0;
  const signs = a.pca.components.map((c, k) => {
    let dot = 0;
    c.forEach((x, j) => (dot += x * b.pca.components[k][at.get(a.pca.statementIds[j])!]));
    return Math.sign(dot) || 1;
  });
  a.pca.statementIds.forEach((id, j) => {
    const jb = at.get(id)!;
    centre = Math.max(centre, Math.abs(a.pca.centre[j] - b.pca.centre[jb]));
    a.pca.components.forEach((c, k) => (component = Math.max(component, Math.abs(c[j] - signs[k] * b.pca.components[k][jb]))));
  });
  const pos = new Map(b.participants.map((p) => [p.id, p]));
  let position = 0;
  for (const p of a.participants) {
    const q = pos.get(p.id)!;
    position = Math.max(position, Math.abs(p.x - signs[0] * q.x), Math.abs(p.y - signs[1] * q.y));
  }
  return { centre, component, position };
}

describe('updateConversationAnalysis (incremental updates)', () => {
  const synthetic = generateSyntheticConversation({ participants: 600, statements: 80, votes: 24_000, groups: 2, seed: 5 });
  const votes = toVotes(synthetic.votes);
  const first = votes.slice(0, 12_000);
  const batches = Array.from({ length: 6 }, (_, b) => votes.slice(12_000 + b * 2000, 12_000 + (b + 1) * 2000));

  it('after 6 batches equals (within the PCA tolerance) a full analysis of the same votes', () => {
    // Bridging is left out here (it is checked in the next tests) to keep the test fast.
    const model = buildConversationModel(synthetic.statements, first, { restarts: 4, bridging: false });
    let analysis = model.analysis;
    for (const batch of batches) analysis = updateConversationAnalysis(model, batch, { bridging: false });
    const full = analyzeConversation(synthetic.statements, votes, { restarts: 4, bridging: false });
    expect(model.updates).toBe(6);
    // Base clusters warm-started from the previous update may have lost empty ones (as in Pol.is).
    expect({ ...analysis.counts, baseClusters: 0 }).toEqual({ ...full.counts, baseClusters: 0 });
    expect(analysis.participants.map((p) => p.id)).toEqual(full.participants.map((p) => p.id));
    const d = compareLayouts(analysis, full);
    expect(d.centre).toBeLessThan(1e-12);
    expect(d.component).toBeLessThan(1e-7);
    expect(d.position).toBeLessThan(1e-6);
    // The same opinion groups: two clear latent groups, so Pol.is's k smoothing (which makes an
    // update's k depend on the history of best k) keeps k = 2 on both paths.
    expect(analysis.k.chosen).toBe(full.k.chosen);
    const ari = computeAdjustedRandIndex(
      analysis.participants.map((p) => p.group),
      full.participants.map((p) => p.group),
    );
    // Base clusters warm-started from each update's centres end where a cold start does not, so a
    // few participants on the boundary between the groups may fall on the other side.
    expect(ari).toBeGreaterThan(0.9);
    // Counts kept in place equal a recount from scratch with the update's own groups.
    const matrix = buildVoteMatrix(votes, synthetic.statements);
    const groupOf = new Map(analysis.participants.map((p) => [p.id, p.group]));
    const recount = countVotesByGroup(
      matrix.raw,
      matrix.participantIds.map((id) => groupOf.get(id) ?? -1),
      analysis.groups.length,
    );
    matrix.statementIds.forEach((id, j) => expect(analysis.groupInformedConsensus[id]).toBe(computeGroupInformedConsensus(recount[j])));
    // Same groups give the same representative statements and consensus as the full analysis.
    if (ari === 1) {
      expect(analysis.consensus).toEqual(full.consensus);
      expect(analysis.groups.map((g) => g.repness.map((r) => [r.statement, r.direction]))).toEqual(
        full.groups.map((g) => g.repness.map((r) => [r.statement, r.direction])),
      );
    }
  });

  it('a re-vote replaces the earlier vote, within a batch and across batches', () => {
    const statements: Statement[] = Array.from({ length: 8 }, (_, id) => ({ id, moderation: 1, isMeta: false }));
    const base: Vote[] = [];
    for (let p = 0; p < 30; p++)
      for (let s = 0; s < 8; s++) base.push({ participantId: p, statementId: s, value: (p + s) % 3 === 0 ? AGREE : DISAGREE, at: p * 8 + s });
    const model = buildConversationModel(statements, base);
    const before = model.analysis.counts.votes;
    // Participant 0 changes their mind on statement 0 twice in one batch, then once more later.
    updateConversationAnalysis(model, [
      { participantId: 0, statementId: 0, value: DISAGREE, at: 1000 },
      { participantId: 0, statementId: 0, value: 0, at: 1001 },
    ]);
    expect(model.analysis.counts.votes).toBe(before);
    expect(model.matrix.get(model.rowOf.get(0)!, model.colOf.get(0)!)).toBe(0);
    const last = updateConversationAnalysis(model, [{ participantId: 0, statementId: 0, value: AGREE, at: 1002 }]);
    expect(model.matrix.get(model.rowOf.get(0)!, model.colOf.get(0)!)).toBe(AGREE);
    const replayed = [
      ...base,
      { participantId: 0, statementId: 0, value: DISAGREE, at: 1000 },
      { participantId: 0, statementId: 0, value: AGREE, at: 1002 },
    ] as Vote[];
    const full = analyzeConversation(statements, replayed);
    expect(last.counts.votes).toBe(full.counts.votes);
    // Everyone's counts on statement 0: agrees and votes as in the full analysis.
    const m = buildVoteMatrix(replayed, statements);
    const everyone = countVotesByGroup(m.raw, new Array(m.participantIds.length).fill(0), 1)[m.statementIds.indexOf(0)][0];
    const b = model.colOf.get(0)! * 18 + 15;
    expect(model.counts.slice(b, b + 3)).toEqual([everyone.na, everyone.nd, everyone.ns]);
  });

  it('takes new participants, new statements and a moderation change', () => {
    const model = buildConversationModel(synthetic.statements, first, { restarts: 4 });
    const newcomer: Vote[] = Array.from({ length: 10 }, (_, s) => ({ participantId: 5000, statementId: s + 1, value: AGREE, at: 1e9 + s }));
    const newStatement: Vote[] = Array.from({ length: 20 }, (_, p) => ({ participantId: p + 1, statementId: 999, value: DISAGREE, at: 2e9 + p }));
    const statements = [
      ...synthetic.statements.map((s) => (s.id === 3 ? { ...s, moderation: -1 as const } : s)),
      { id: 999, moderation: 1 as const, isMeta: false },
    ];
    const analysis = updateConversationAnalysis(model, [...newcomer, ...newStatement], {
      statements: statements.filter((s) => s.id === 3 || s.id === 999),
    });
    const full = analyzeConversation(statements, [...first, ...newcomer, ...newStatement], { restarts: 4, bridging: false });
    expect({ ...analysis.counts, baseClusters: 0 }).toEqual({ ...full.counts, baseClusters: 0 });
    expect(analysis.participants.some((p) => p.id === 5000)).toBe(true);
    expect(analysis.statements.find((s) => s.id === 3)!.excluded).toBe(true);
    expect(analysis.groupInformedConsensus[999]).toBeDefined();
    // Bridging was refitted (warm) on the update and ranks the new statement.
    expect(analysis.bridgingLag).toBe(0);
    expect(analysis.bridging.some((b) => b.statement === 999)).toBe(true);
    const d = compareLayouts(analysis, full);
    expect(d.component).toBeLessThan(1e-7);
    expect(d.position).toBeLessThan(1e-6);
  });

  it('refuses a vote whose value is not -1, 0 or 1', () => {
    const model = buildConversationModel(synthetic.statements, first, { restarts: 0, bridging: false });
    expect(() => updateConversationAnalysis(model, [{ participantId: 1, statementId: 1, value: 2 as Vote['value'], at: 0 }])).toThrow(
      /value must be -1, 0 or 1/,
    );
  });
});

describe('the model without a rating matrix', () => {
  it("gives the layout of Pol.is's rating matrix (moderated-out and meta columns zero for everyone), by Lanczos as by power iteration", () => {
    const synthetic = generateSyntheticConversation({ participants: 800, statements: 120, votes: 30_000, seed: 8, moderatedOut: 0.1, meta: 0.03 });
    const votes = toVotes(synthetic.votes);
    expect(synthetic.statements.filter((s) => s.moderation === -1 || s.isMeta).length).toBeGreaterThan(5);
    // computeLayout builds the rating matrix explicitly (buildVoteMatrix + fillColumns) and runs Pol.is's power iteration.
    const reference = computeLayout(synthetic.statements, votes);
    for (const pcaMethod of ['power', 'lanczos'] as const) {
      const a = analyzeConversation(synthetic.statements, votes, { pcaMethod, bridging: false, restarts: 0 });
      const flip = Math.sign(a.participants[0].x * reference.get(a.participants[0].id)![0]) || 1;
      let worst = 0;
      for (const p of a.participants) worst = Math.max(worst, Math.abs(p.x - flip * reference.get(p.id)![0]));
      expect(worst, pcaMethod).toBeLessThan(1e-6);
    }
  });
});

describe('scale (5,000 participants x 500 statements x 250,000 votes)', () => {
  it('analyses in typed arrays with the Lanczos PCA, finds the latent groups and updates after a batch', () => {
    const synthetic = generateSyntheticConversation({ participants: 5000, statements: 500, votes: 250_000, seed: 2 });
    const t = performance.now();
    const model = buildConversationModel(synthetic.statements, synthetic.votes, { restarts: 4 });
    const fullMs = performance.now() - t;
    const a = model.analysis;
    expect(a.counts.participants).toBeGreaterThan(4900);
    expect(a.counts.votes).toBeGreaterThan(200_000);
    expect(model.pca!.iterations[0]).toBeLessThan(60); // Lanczos steps, not power iterations
    const latent = a.participants.map((p) => synthetic.latentGroup[p.id - 1]);
    const ari = computeAdjustedRandIndex(
      a.participants.map((p) => p.group),
      latent,
    );
    // Three latent groups found; light voters (log-normal activity) blur the boundaries.
    expect(a.k.chosen).toBe(3);
    expect(ari).toBeGreaterThan(0.6);
    const t2 = performance.now();
    const b = updateConversationAnalysis(model, synthetic.drawVotes(1000, 9));
    const updateMs = performance.now() - t2;
    expect(b.counts.votes).toBeGreaterThan(a.counts.votes);
    expect(model.pca!.iterations[0]).toBeLessThan(20);
    // 1,000 votes are under 1% of the stored votes: the bridging ranking is kept, and says so.
    expect(b.bridgingLag).toBe(1000);
    expect(b.bridging).toBe(a.bridging);
    const c = updateConversationAnalysis(model, synthetic.drawVotes(3000, 10));
    expect(c.bridgingLag).toBe(0);
    expect(c.bridging).not.toBe(a.bridging);
    // Generous bounds: the machine is shared; the bench prints the real figures.
    expect(fullMs).toBeLessThan(20_000);
    expect(updateMs).toBeLessThan(10_000);
  });
});
