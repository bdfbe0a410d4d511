import type { Command } from 'commander';
import { AppError } from '../../kernel/errors.js';
import { analyzeConversation, type ConversationAnalysis } from './core/analyze-conversation.js';
import { readPolisFolder } from './formats/polis-csv.js';

/** The analysis as `polity conversations analyze` prints it: the carried state left out, timings added. */
export type AnalyzeOutput = Omit<ConversationAnalysis, 'state'> & { dataset: string };

/** Reads a Pol.is open-data folder and analyses it, timing each step. */
export function analyzePolisFolder(dir: string, seed: number): AnalyzeOutput {
  const start = performance.now();
  const data = readPolisFolder(dir);
  const readMs = performance.now() - start;
  const { state: _state, ...analysis } = analyzeConversation(data.statements, data.votes, { seed, now: () => performance.now() });
  const timings = { readMs, ...analysis.timings, totalMs: performance.now() - start };
  return { dataset: dir, ...analysis, timings };
}

function describeAnalysis(a: AnalyzeOutput): string {
  const lines = [
    `${a.dataset}: ${a.counts.participants} participants, ${a.counts.statements} statements, ${a.counts.votes} votes`,
    `clustered ${a.counts.clustered} in ${a.counts.baseClusters} base clusters; ${a.groups.length} groups (best k by silhouette ${a.k.best})`,
    ...a.groups.map(
      (g) =>
        `  group ${g.id}: ${g.members.length} members; representative ${g.repness.map((r) => `${r.statement}${r.direction === 'agree' ? '+' : '-'}`).join(' ')}`,
    ),
    `consensus agree ${a.consensus.agree.map((c) => c.statement).join(' ') || '-'}; disagree ${a.consensus.disagree.map((c) => c.statement).join(' ') || '-'}`,
    `time ${a.timings.totalMs.toFixed(0)} ms`,
  ];
  return lines.join('\n') + '\n';
}

/** Adds `polity conversations analyze DIR [--seed N] [--json]`. */
export function registerConversationsCommands(program: Command): void {
  const conversations = program.command('conversations').description('open conversations that map opinion groups (Pol.is)');
  conversations
    .command('analyze')
    .description("analyse a Pol.is open-data folder (comments.csv, votes.csv, ...) with Pol.is's mathematics")
    .argument('<dir>', 'the folder of a Pol.is open-data export')
    .option('--seed <n>', 'seed of the group clustering restarts', '0')
    .option('--json', 'print the full analysis as JSON')
    .action((dir: string, opts: { seed: string; json?: boolean }) => {
      if (!/^\d+$/.test(opts.seed))
        throw new AppError('invalid_input', `--seed must be a non-negative integer, got "${opts.seed}"`, { fields: { seed: 'not an integer' } });
      const result = analyzePolisFolder(dir, Number(opts.seed));
      process.stdout.write(opts.json ? JSON.stringify(result, null, 2) + '\n' : describeAnalysis(result));
    });
}
