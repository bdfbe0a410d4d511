import { analyzeConversation, type AnalysisState, type ConversationAnalysis } from './analyze-conversation.js';
import type { Statement, Vote } from './types.js';

/** Votes per replayed update unless told otherwise. */
export const DEFAULT_REPLAY_BATCH = 100;

/** Power iterations per component on each update before the last, as Pol.is (pca.clj `powerit-pca`, 100 iterations). */
export const POLIS_PCA_ITERATIONS = 100;

/** Options of `replayConversation`. */
export interface ReplayOptions {
  /** Seeds the k-means++ restarts of the group clustering (see `restarts`). */
  seed?: number;
  /** Votes merged per update, in timestamp order (default `DEFAULT_REPLAY_BATCH`). */
  batchSize?: number;
  /**
   * Seeded restarts per k on each update. Default 0: as Pol.is's math worker, each update starts
   * the group k-means from the previous update's centres (and the first k distinct points), so the
   * result depends on the history only, not on the seed.
   */
  restarts?: number;
  /** A clock for the final analysis's `timings` (milliseconds). */
  now?: () => number;
}

/** One replayed update: how many votes it had seen and the k it found and used. */
export interface ReplayStep {
  votes: number;
  /** Best k by silhouette on this update. */
  best: number;
  /** k in use after Pol.is's smoothing. */
  chosen: number;
}

/** The last update of a replay, with the history of k. */
export interface ReplayResult {
  analysis: ConversationAnalysis;
  steps: ReplayStep[];
}

/**
 * Replays a conversation's votes in timestamp order (ties in input order) in batches of
 * `batchSize`, running the incremental update after each batch with the previous update's state:
 * PCA warm-started from the previous components (at most 100 power iterations, as Pol.is, on every
 * update but the last, which runs to convergence; power iteration throughout, as Pol.is), base clusters and groups from the previous
 * centres, the set of clustered participants kept, and Pol.is's k smoothing (k changes only after
 * the same best k has won four updates in a row). This is what Pol.is's math worker does over a
 * conversation's life: it polls new votes every second and reruns the pipeline with warm starts
 * (compdemocracy/polis math/src/polismath/math/conversation.clj `conv-update`). Statements
 * keep their final moderation throughout, as an export does not say when they were moderated.
 * Deterministic: the same votes and options give the same result.
 */
export function replayConversation(statements: readonly Statement[], votes: readonly Vote[], options: ReplayOptions = {}): ReplayResult {
  const batchSize = options.batchSize ?? DEFAULT_REPLAY_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  const ordered = votes
    .map((v, i) => ({ v, i }))
    .sort((a, b) => a.v.at - b.v.at || a.i - b.i)
    .map(({ v }) => v);
  const steps: ReplayStep[] = [];
  let previous: AnalysisState | null = null;
  let analysis: ConversationAnalysis | null = null;
  for (let end = Math.min(batchSize, ordered.length); ; end = Math.min(end + batchSize, ordered.length)) {
    const last = end === ordered.length;
    analysis = analyzeConversation(statements, ordered.slice(0, end), {
      seed: options.seed ?? 0,
      restarts: options.restarts ?? 0,
      previous,
      statementOutputs: last,
      pcaMaxIterations: last ? undefined : POLIS_PCA_ITERATIONS,
      pcaMethod: 'power',
      now: last ? options.now : undefined,
    });
    previous = analysis.state;
    steps.push({ votes: end, best: analysis.k.best, chosen: analysis.k.chosen });
    if (last) break;
  }
  return { analysis, steps };
}
