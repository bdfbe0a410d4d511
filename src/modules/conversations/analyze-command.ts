import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../kernel/errors.js';
import { analyzeConversation, type ConversationAnalysis } from './core/analyze-conversation.js';
import { DEFAULT_REPLAY_BATCH, replayConversation, type ReplayStep } from './core/replay.js';
import { explainGroupMembership } from './core/why-in-group.js';
import { readPolisFolder } from './formats/polis-csv.js';
import { participantMaps, writePolisExport, type PolisExportFiles } from './formats/polis-csv-writer.js';

/** The analysis as `polity conversations analyze` prints it: the carried state left out, timings added. */
export type AnalyzeOutput = Omit<ConversationAnalysis, 'state'> & {
  dataset: string;
  /** With `--replay`: the batch size, the number of updates and each update's best and chosen k. */
  replay?: { batchSize: number; updates: number; steps: ReplayStep[] };
  /** With `--why`: for each clustered participant, the statements on which they agree with their group most. */
  why?: Record<string, number[]>;
};

/** How `analyzePolisFolder` runs: one full analysis (default) or a replay of the votes in batches. */
export interface AnalyzeFolderOptions {
  replay?: boolean;
  /** Votes per replayed update (default `DEFAULT_REPLAY_BATCH`). */
  batchSize?: number;
  /** Add `why` ("why am I in this group") to the output. */
  why?: boolean;
}

/** Reads a Pol.is open-data folder and analyses it (or replays its votes), timing each step. */
export function analyzePolisFolder(dir: string, seed: number, options: AnalyzeFolderOptions = {}): AnalyzeOutput {
  const start = performance.now();
  const data = readPolisFolder(dir);
  const readMs = performance.now() - start;
  const now = () => performance.now();
  let replay: AnalyzeOutput['replay'];
  let result: ConversationAnalysis;
  if (options.replay) {
    const batchSize = options.batchSize ?? DEFAULT_REPLAY_BATCH;
    const replayed = replayConversation(data.statements, data.votes, { seed, batchSize, now });
    result = replayed.analysis;
    replay = { batchSize, updates: replayed.steps.length, steps: replayed.steps };
  } else result = analyzeConversation(data.statements, data.votes, { seed, now });
  const { state: _state, ...analysis } = result;
  const why = options.why ? Object.fromEntries(explainGroupMembership(data.statements, data.votes, analysis.participants)) : undefined;
  const timings = { readMs, ...analysis.timings, totalMs: performance.now() - start };
  return { dataset: dir, ...analysis, ...(replay ? { replay } : {}), ...(why ? { why } : {}), timings };
}

/**
 * Reads a Pol.is open-data folder, analyses it and writes it to `outDir` in Pol.is's open-data format
 * (current layout), with `group-id` and `group-informed-consensus` from this analysis. Returns the
 * files written (by name) and the number of groups.
 */
export function exportPolisFolder(dir: string, outDir: string, seed: number): { files: (keyof PolisExportFiles)[]; groups: number } {
  const data = readPolisFolder(dir);
  const analysis = analyzeConversation(data.statements, data.votes, { seed });
  const groups = new Map(analysis.participants.map((p) => [p.id, p.group]));
  const groupInformedConsensus = new Map(Object.entries(analysis.groupInformedConsensus).map(([id, v]) => [Number(id), v]));
  const files = writePolisExport({
    statements: data.statements,
    votes: data.votes,
    groups,
    xids: participantMaps(data.participants).xids,
    groupInformedConsensus,
    summary: data.summary,
  });
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(outDir, name), text);
  return { files: Object.keys(files) as (keyof PolisExportFiles)[], groups: analysis.groups.length };
}

function describeAnalysis(a: AnalyzeOutput): string {
  const lines = [
    `${a.dataset}: ${a.counts.participants} participants, ${a.counts.statements} statements, ${a.counts.votes} votes`,
    `clustered ${a.counts.clustered} in ${a.counts.baseClusters} base clusters; ${a.groups.length} groups (best k by silhouette ${a.k.best})`,
    ...a.groups.map(
      (g) =>
        `  group ${g.id}: ${g.members.length} members; representative ${g.repness.map((r) => `${r.statement}${r.direction === 'agree' ? '+' : '-'}`).join(' ')}`,
    ),
    ...(a.replay ? [`replayed in ${a.replay.updates} updates of ${a.replay.batchSize} votes`] : []),
    `bridging ${
      a.bridging
        .slice(0, 5)
        .map((b) => `${b.statement} (${b.intercept.toFixed(3)})`)
        .join(' ') || '-'
    }`,
    `consensus agree ${a.consensus.agree.map((c) => c.statement).join(' ') || '-'}; disagree ${a.consensus.disagree.map((c) => c.statement).join(' ') || '-'}`,
    `time ${a.timings.totalMs.toFixed(0)} ms`,
  ];
  return lines.join('\n') + '\n';
}

/**
 * Adds `polity conversations analyze DIR [--seed N] [--replay [--batch N]] [--json] [--why]` and
 * `polity conversations export DIR OUTDIR [--seed N]`.
 */
export function registerConversationsCommands(program: Command): void {
  const conversations = program.command('conversations').description('open conversations that map opinion groups (Pol.is)');
  conversations
    .command('analyze')
    .description("analyse a Pol.is open-data folder (comments.csv, votes.csv, ...) with Pol.is's mathematics")
    .argument('<dir>', 'the folder of a Pol.is open-data export')
    .option('--seed <n>', 'seed of the group clustering restarts', '0')
    .option('--replay', "replay votes.csv in timestamp order in batches, updating incrementally with warm starts, as Pol.is's math worker did")
    .option('--batch <n>', 'votes per replayed update', String(DEFAULT_REPLAY_BATCH))
    .option('--json', 'print the full analysis as JSON')
    .option('--why', 'add `why`: for each clustered participant, the statements on which they agree with their group most')
    .action((dir: string, opts: { seed: string; replay?: boolean; batch: string; json?: boolean; why?: boolean }) => {
      if (!/^\d+$/.test(opts.seed))
        throw new AppError('invalid_input', `--seed must be a non-negative integer, got "${opts.seed}"`, { fields: { seed: 'not an integer' } });
      if (!/^[1-9]\d*$/.test(opts.batch))
        throw new AppError('invalid_input', `--batch must be a positive integer, got "${opts.batch}"`, {
          fields: { batch: 'not a positive integer' },
        });
      const result = analyzePolisFolder(dir, Number(opts.seed), { replay: opts.replay, batchSize: Number(opts.batch), why: opts.why });
      process.stdout.write(opts.json ? JSON.stringify(result, null, 2) + '\n' : describeAnalysis(result));
    });
  conversations
    .command('export')
    .description("analyse a Pol.is open-data folder and write it in Pol.is's open-data format with this analysis's groups")
    .argument('<dir>', 'the folder of a Pol.is open-data export')
    .argument('<outdir>', 'the folder to write comments.csv, votes.csv, participants-votes.csv and summary.csv to')
    .option('--seed <n>', 'seed of the group clustering restarts', '0')
    .action((dir: string, outDir: string, opts: { seed: string }) => {
      if (!/^\d+$/.test(opts.seed))
        throw new AppError('invalid_input', `--seed must be a non-negative integer, got "${opts.seed}"`, { fields: { seed: 'not an integer' } });
      const result = exportPolisFolder(dir, outDir, Number(opts.seed));
      process.stdout.write(`${outDir}: ${result.files.join(', ')} (${result.groups} groups)\n`);
    });
}
