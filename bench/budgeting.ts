import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { computeOutcome, parsePabulib, readElection, type RuleOptions } from '../src/modules/budgeting/index.js';
import { ms, report, timeRuns } from './lib.js';

/** The rules timed on every instance (issue 4's names). */
const RULE_SET: [string, RuleOptions][] = [
  ['greedy', { rule: 'greedy' }],
  ['greedy-no-skip', { rule: 'greedy-no-skip' }],
  ['greedy-score', { rule: 'greedy-score' }],
  ['mes cost', { rule: 'mes', satisfaction: 'cost' }],
  ['mes cardinality', { rule: 'mes', satisfaction: 'cardinality' }],
  ['mes cost add1-exhaustive', { rule: 'mes', satisfaction: 'cost', completion: 'add1-exhaustive' }],
  ['mes cost add1-exhaustive-greedy', { rule: 'mes', satisfaction: 'cost', completion: 'add1-exhaustive-greedy' }],
  ['mes cardinality add1-exhaustive', { rule: 'mes', satisfaction: 'cardinality', completion: 'add1-exhaustive' }],
  ['mes cost add1 (Pabulib)', { rule: 'mes', satisfaction: 'cost', completion: 'add1', tieBreak: ['min-cost', 'max-votes'] }],
  ['phragmen', { rule: 'phragmen' }],
  ['max-welfare', { rule: 'max-welfare' }],
];

/** Times each counting rule on every instance of POLITY_DATASETS/pb, and parsing the Warsaw file. */
export async function benchBudgeting(): Promise<void> {
  const pbDir = path.join(process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data'), 'pb');
  if (!existsSync(pbDir)) {
    report('Budgeting', [['data', `absent: set POLITY_DATASETS (looked in ${pbDir})`]]);
    return;
  }
  const warsaw = path.join(pbDir, 'Poland_Warszawa_2026.pb');
  if (existsSync(warsaw)) {
    const text = readFileSync(warsaw, 'utf8');
    const [parse] = await timeRuns(1, async () => parsePabulib(text), 2);
    const [read] = await timeRuns(1, async () => readElection(parsePabulib(text)), 2);
    report('Budgeting: import Poland_Warszawa_2026.pb (61,668 voters)', [
      ['parse', ms(parse)],
      ['parse + group ballots', ms(read)],
    ]);
  }
  for (const file of readdirSync(pbDir)
    .filter((f) => f.endsWith('.pb'))
    .sort()) {
    const e = readElection(parsePabulib(readFileSync(path.join(pbDir, file), 'utf8')));
    const rows: [string, string][] = [];
    for (const [name, options] of RULE_SET) {
      if (options.rule === 'greedy-score' && e.voteType !== 'cumulative' && e.voteType !== 'ordinal') continue;
      // CPU time too: on a shared machine, wall time also counts the time other processes ran.
      const cpu = process.cpuUsage();
      const [t] = await timeRuns(1, async () => computeOutcome(e, options), 0);
      rows.push([name, `${ms(t)}  (cpu ${ms(process.cpuUsage(cpu).user / 1000)})`]);
    }
    if (e.threshold) {
      const [t] = await timeRuns(1, async () => computeOutcome(e, { rule: 'greedy-threshold' }), 0);
      rows.push(['greedy-threshold', ms(t)]);
    }
    report(`Budgeting: ${file} (${e.numVoters} voters, ${e.projects.length} projects)`, rows);
  }
}
