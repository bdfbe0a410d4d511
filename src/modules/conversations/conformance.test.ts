import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeAdjustedRandIndex } from '../../math/statistics.js';
import { analyzeConversation, computeLayout } from './core/analyze-conversation.js';
import { replayConversation } from './core/replay.js';
import { computeGroupInformedConsensus, countVotesByGroup } from './core/consensus.js';
import { buildVoteMatrix } from './core/vote-matrix.js';
import { readPolisFolder, type PolisExport } from './formats/polis-csv.js';

// Conformance with Pol.is's own published results (compdemocracy/openData, CC BY 4.0), read from
// POLITY_DATASETS/polis (default ../shared/data). Figures are those issue 3 asks to reproduce.
const root = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const polis = path.join(root, 'polis');
const LAYOUT_CONVERSATIONS = ['15-per-hour-seattle', 'bg2050-volunteers', 'scoop-hivemind.biodiversity'];
const cache = new Map<string, PolisExport>();

function load(name: string): PolisExport {
  if (!existsSync(polis)) throw new Error(`Pol.is data not found at ${polis}: set POLITY_DATASETS to the shared data folder (holding polis/)`);
  if (!cache.has(name)) cache.set(name, readPolisFolder(path.join(polis, name)));
  return cache.get(name)!;
}

describe('conformance with Pol.is open data', () => {
  it('finds the data folder (POLITY_DATASETS)', () => {
    expect(existsSync(polis), `Pol.is data not found at ${polis}: set POLITY_DATASETS`).toBe(true);
  });

  it("reproduces Pol.is's group-informed-consensus of bg2050-volunteers within 1e-9 with Pol.is's groups", () => {
    const data = load('bg2050-volunteers');
    const matrix = buildVoteMatrix(data.votes, data.statements);
    const groupOf = new Map(data.participants!.map((p) => [p.id, p.groupId]));
    const groupIds = [...new Set(data.participants!.flatMap((p) => (p.groupId === null ? [] : [p.groupId])))].sort((a, b) => a - b);
    const rowGroup = matrix.participantIds.map((id) => groupIds.indexOf(groupOf.get(id) ?? -1));
    const counts = countVotesByGroup(matrix.raw, rowGroup, groupIds.length);
    const empty = groupIds.map(() => ({ na: 0, nd: 0, ns: 0 }));
    let maxError = 0;
    for (const s of data.statements) {
      expect(s.publishedGroupInformedConsensus).not.toBeNull();
      const j = matrix.statementIds.indexOf(s.id);
      const ours = computeGroupInformedConsensus(j < 0 ? empty : counts[j]);
      maxError = Math.max(maxError, Math.abs(ours - s.publishedGroupInformedConsensus!));
    }
    expect(data.statements).toHaveLength(371);
    expect(maxError).toBeLessThan(1e-9);
  });

  it.each(LAYOUT_CONVERSATIONS)("%s: the nearest Pol.is group mean in our layout gives back Pol.is's group for at least 97%%", (name) => {
    const data = load(name);
    const layout = computeLayout(data.statements, data.votes);
    const grouped = data.participants!.filter((p) => p.groupId !== null && layout.has(p.id));
    const sums = new Map<number, [number, number, number]>();
    for (const p of grouped) {
      const [x, y] = layout.get(p.id)!;
      const s = sums.get(p.groupId!) ?? [0, 0, 0];
      sums.set(p.groupId!, [s[0] + x, s[1] + y, s[2] + 1]);
    }
    let agree = 0;
    for (const p of grouped) {
      const [x, y] = layout.get(p.id)!;
      let best = -1;
      let bestD = Infinity;
      for (const [g, [sx, sy, n]] of sums) {
        const d = (x - sx / n) ** 2 + (y - sy / n) ** 2;
        if (d < bestD) [best, bestD] = [g, d];
      }
      if (best === p.groupId) agree++;
    }
    expect(grouped.length).toBeGreaterThan(100);
    expect(agree / grouped.length).toBeGreaterThanOrEqual(0.97);
  });

  it('gives the same groups whatever the seed, close to Pol.is where its history does not decide', () => {
    // Measured over seeds 1..5 (see the closing note of issue 3): every seed gives one partition.
    for (const [name, minAri] of [
      ['15-per-hour-seattle', 0.85],
      ['scoop-hivemind.biodiversity', 0.9],
    ] as const) {
      const data = load(name);
      const runs = [1, 2, 3].map((seed) => analyzeConversation(data.statements, data.votes, { seed }));
      const key = (r: (typeof runs)[number]) => JSON.stringify(r.participants.map((p) => p.group));
      expect(new Set(runs.map(key)).size, name).toBe(1);
      const ours = new Map(runs[0].participants.map((p) => [p.id, p.group]));
      const both = data.participants!.filter((p) => p.groupId !== null && ours.has(p.id));
      const ari = computeAdjustedRandIndex(
        both.map((p) => ours.get(p.id)!),
        both.map((p) => p.groupId!),
      );
      expect(ari, name).toBeGreaterThan(minAri);
    }
  });
});

describe('replay of votes.csv (Pol.is history of warm starts)', () => {
  it('15-per-hour-seattle: 100-vote batches give one answer for every seed, and k changed only after four wins in a row', () => {
    const data = load('15-per-hour-seattle');
    const runs = [1, 7].map((seed) => replayConversation(data.statements, data.votes, { seed, batchSize: 100 }));
    expect(runs[0].analysis.participants).toEqual(runs[1].analysis.participants);
    const { analysis, steps } = runs[0];
    // Deterministic result, measured once and pinned (see the closing note of issue 3).
    expect(steps).toHaveLength(30);
    expect(steps.at(-1)!.votes).toBe(data.votes.length);
    expect(analysis.counts.clustered).toBe(141);
    expect(analysis.groups.map((g) => g.members.length)).toEqual([85, 56]);
    // Pol.is's k smoothing: the k in use only changes to a k that was best on this and the three previous updates.
    expect(steps[0].chosen).toBe(steps[0].best);
    for (let i = 1; i < steps.length; i++)
      if (steps[i].chosen !== steps[i - 1].chosen) {
        expect(i).toBeGreaterThanOrEqual(3);
        for (let back = 0; back < 4; back++) expect(steps[i - back].best).toBe(steps[i].chosen);
      }
    expect(steps.some((s) => s.best !== s.chosen)).toBe(true);
    const ours = new Map(analysis.participants.map((p) => [p.id, p.group]));
    const both = data.participants!.filter((p) => p.groupId !== null && ours.has(p.id));
    const ari = computeAdjustedRandIndex(
      both.map((p) => ours.get(p.id)!),
      both.map((p) => p.groupId!),
    );
    expect(ari).toBeCloseTo(0.584, 3);
    expect(analysis.bridging.length).toBeGreaterThan(0);
  });
});
