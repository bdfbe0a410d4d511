/**
 * Seeded synthetic conversations with latent opinion groups, for scale tests and benchmarks
 * (issue 3: 100,000 participants, 5,000 statements, 10 million votes). Each participant belongs to
 * one latent group; each statement has a lean per group (a quarter of the statements are leaned
 * on alike by every group: consensus); a vote is a pass with probability `passRate`, else agree
 * with probability (1 + lean) / 2. Participants are drawn by a log-normal activity (a few vote a
 * lot, many vote little) and statements by a popularity that falls with their rank, both through
 * Walker's alias tables (A. J. Walker, "An efficient method for generating discrete random
 * variables with general distributions", ACM TOMS 3(3), 1977), so ten million votes take about a
 * second. A cell drawn twice is a re-vote (the later one replaces the earlier).
 */
import { createRandom } from '../../../math/random.js';
import type { Statement } from './types.js';
import type { VoteTable } from './vote-table.js';

/** What to generate. */
export interface SyntheticSpec {
  participants: number;
  statements: number;
  votes: number;
  /** Latent groups (default 3), sized 1 : 1/2 : 1/3 ... */
  groups?: number;
  seed?: number;
  /** Probability of a pass (default 0.15). */
  passRate?: number;
  /** Share of statements moderated out (default 0.02) and of meta statements (default 0.005). */
  moderatedOut?: number;
  meta?: number;
}

/** A synthetic conversation: statements, votes in time order, the latent group of each participant. */
export interface SyntheticConversation {
  statements: Statement[];
  /** Participant ids 1..participants, statement ids 1..statements, times 10 ms apart. */
  votes: VoteTable;
  /** Latent group of participant id p at index p - 1. */
  latentGroup: Int8Array;
  /** More votes from the same participants and statements (times after every earlier vote). */
  drawVotes(count: number, seed: number): VoteTable;
}

/** Walker's alias table for drawing index i with probability weights[i] / Σ weights. */
function buildAlias(weights: Float64Array): { probability: Float64Array; alias: Int32Array } {
  const n = weights.length;
  const total = weights.reduce((a, b) => a + b, 0);
  const scaled = Float64Array.from(weights, (w) => (w * n) / total);
  const probability = new Float64Array(n);
  const alias = new Int32Array(n);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    probability[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const i of [...small, ...large]) probability[i] = 1;
  return { probability, alias };
}

function drawAlias(table: { probability: Float64Array; alias: Int32Array }, random: () => number): number {
  const n = table.probability.length;
  const u = random() * n;
  const i = Math.min(n - 1, Math.floor(u));
  return u - i < table.probability[i] ? i : table.alias[i];
}

/** Generates a synthetic conversation; the same spec gives the same conversation. */
export function generateSyntheticConversation(spec: SyntheticSpec): SyntheticConversation {
  const groups = spec.groups ?? 3;
  const passRate = spec.passRate ?? 0.15;
  const random = createRandom(spec.seed ?? 1);
  const P = spec.participants;
  const S = spec.statements;
  const groupWeights = Float64Array.from({ length: groups }, (_, g) => 1 / (g + 1));
  const groupTable = buildAlias(groupWeights);
  const latentGroup = Int8Array.from({ length: P }, () => drawAlias(groupTable, random));
  // lean[g * S + j]: a quarter of the statements are consensual (one lean for all groups).
  const lean = new Float64Array(groups * S);
  for (let j = 0; j < S; j++) {
    const common = random() < 0.25 ? (random() < 0.5 ? -0.8 : 0.8) : null;
    for (let g = 0; g < groups; g++) lean[g * S + j] = common ?? (random() < 0.5 ? -0.8 : 0.8) * (0.5 + random() / 2);
  }
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const participantTable = buildAlias(Float64Array.from({ length: P }, () => Math.exp(gaussian())));
  const statementTable = buildAlias(Float64Array.from({ length: S }, (_, j) => 1 / (1 + j / 200)));
  const statements: Statement[] = Array.from({ length: S }, (_, j) => {
    const r = random();
    const meta = r < (spec.meta ?? 0.005);
    const out = !meta && r < (spec.meta ?? 0.005) + (spec.moderatedOut ?? 0.02);
    return { id: j + 1, moderation: out ? -1 : 1, isMeta: meta };
  });
  let clock = 0;
  const draw = (count: number, rand: () => number): VoteTable => {
    const participantIds = new Int32Array(count);
    const statementIds = new Int32Array(count);
    const values = new Int8Array(count);
    const at = new Float64Array(count);
    for (let k = 0; k < count; k++) {
      const p = drawAlias(participantTable, rand);
      const j = drawAlias(statementTable, rand);
      participantIds[k] = p + 1;
      statementIds[k] = j + 1;
      const u = rand();
      values[k] = u < passRate ? 0 : rand() < (1 + lean[latentGroup[p] * S + j]) / 2 ? -1 : 1;
      at[k] = clock += 10;
    }
    return { participantIds, statementIds, values, at };
  };
  const votes = draw(spec.votes, random);
  return { statements, votes, latentGroup, drawVotes: (count, seed) => draw(count, createRandom(seed)) };
}
