import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  analyzeConversation,
  buildConversationModel,
  generateSyntheticConversation,
  readPolisFolder,
  updateConversationAnalysis,
  type Vote,
} from '../src/modules/conversations/index.js';
import { ms, report } from './lib.js';

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

/** The synthetic conversation of issue 3's benchmarks. */
const SYNTHETIC = { participants: 100_000, statements: 5_000, votes: 10_000_000, seed: 1 };

function memory(): { rss: number; heap: number; buffers: number } {
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, buffers: m.arrayBuffers };
}

/**
 * The synthetic part, run in a child process (`--synthetic`) with the heap capped at 2 GB, so its
 * peak RSS (getrusage maxrss) is its own. Prints one JSON line of figures.
 */
function runSynthetic(): void {
  const t0 = performance.now();
  const conversation = generateSyntheticConversation(SYNTHETIC);
  const generateMs = performance.now() - t0;
  const afterGenerate = memory();
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const model = buildConversationModel(conversation.statements, conversation.votes, { now: () => performance.now() });
  const analyzeMs = performance.now() - t1;
  const cpu = process.cpuUsage(cpu1);
  const analyzeCpuMs = (cpu.user + cpu.system) / 1000;
  const cpuOf = (from: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(from);
    return (c.user + c.system) / 1000;
  };
  const fullTimings = model.analysis.timings;
  const fullCounts = model.analysis.counts;
  const fullGroups = model.analysis.groups.map((g) => g.members.length);
  const pcaSteps = model.pca?.iterations[0];
  const afterAnalyze = memory();
  const updates: Record<string, number> = {};
  const updateTimings: Record<string, Record<string, number>> = {};
  for (const [name, count, seed] of [
    ['100', 100, 101],
    ['10000', 10_000, 102],
    ['100 (again)', 100, 103],
  ] as const) {
    const batch = conversation.drawVotes(count, seed);
    const t = performance.now();
    const c = process.cpuUsage();
    const a = updateConversationAnalysis(model, batch, { now: () => performance.now() });
    updates[name] = performance.now() - t;
    updateTimings[name] = { ...a.timings, cpuMs: cpuOf(c), bridgingLag: a.bridgingLag ?? 0 };
  }
  // A batch past BRIDGING_REFIT_SHARE of the stored votes: the update refits bridging (warm).
  const noBridging: Record<string, number> = {};
  {
    const t = performance.now();
    const c = process.cpuUsage();
    const u = updateConversationAnalysis(model, conversation.drawVotes(100_000, 104), { now: () => performance.now() });
    noBridging['100000'] = performance.now() - t;
    updateTimings['100000'] = { ...u.timings, cpuMs: cpuOf(c), bridgingLag: u.bridgingLag ?? 0 };
  }
  const a = model.analysis;
  process.stdout.write(
    JSON.stringify({
      generateMs,
      analyzeMs,
      analyzeCpuMs,
      fullTimings,
      pcaSteps,
      updates,
      updateTimings,
      noBridging,
      afterGenerate,
      afterAnalyze,
      maxRss: process.resourceUsage().maxRSS * 1024,
      counts: fullCounts,
      groups: fullGroups,
      votesAtEnd: a.counts.votes,
      pcaIterations: model.pca?.iterations,
    }) + '\n',
  );
}

/** Times a full analysis of each shared Pol.is conversation, an update after 100 votes, and the synthetic 100k x 5k x 10M case. */
export async function benchConversations(): Promise<void> {
  const root = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
  const polis = path.join(root, 'polis');
  if (!existsSync(polis)) report('Conversations', [['data', `absent: set POLITY_DATASETS (looked in ${polis})`]]);
  else {
    const rows: [string, string][] = [];
    let largest: { name: string; statements: Parameters<typeof analyzeConversation>[0]; votes: Vote[] } | null = null;
    for (const name of readdirSync(polis)
      .filter((n) => existsSync(path.join(polis, n, 'votes.csv')))
      .sort()) {
      const data = readPolisFolder(path.join(polis, name));
      analyzeConversation(data.statements, data.votes);
      const t = performance.now();
      const cpu = process.cpuUsage();
      const a = analyzeConversation(data.statements, data.votes, { now: () => performance.now() });
      const used = process.cpuUsage(cpu);
      rows.push([
        `${name} (${data.votes.length} votes, ${a.counts.participants} x ${a.counts.statements})`,
        `${ms(performance.now() - t)} wall, ${ms((used.user + used.system) / 1000)} CPU (bridging and other statement outputs ${ms(a.timings.statementsMs)})`,
      ]);
      if (!largest || data.votes.length > largest.votes.length) largest = { name, statements: data.statements, votes: data.votes };
    }
    if (largest) {
      // The last 100 votes in time order arrive as one batch after a full analysis of the rest.
      const ordered = [...largest.votes].sort((a, b) => a.at - b.at);
      const model = buildConversationModel(largest.statements, ordered.slice(0, -100));
      const t = performance.now();
      const cpu = process.cpuUsage();
      const u = updateConversationAnalysis(model, ordered.slice(-100), { now: () => performance.now() });
      const used = process.cpuUsage(cpu);
      const parts = Object.entries(u.timings)
        .map(([k, v]) => `${k.replace(/Ms$/, '')} ${v.toFixed(0)}`)
        .join(', ');
      rows.push([
        `${largest.name}: incremental update after 100 new votes`,
        `${ms(performance.now() - t)} wall, ${ms((used.user + used.system) / 1000)} CPU (${parts})`,
      ]);
    }
    report('Conversations: full analysis of each shared Pol.is conversation', rows);
  }

  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [...process.execArgv, '--max-old-space-size=2048', self, '--synthetic'], {
    encoding: 'utf8',
    maxBuffer: 16 * MB,
  });
  if (child.status !== 0) throw new Error(`synthetic conversation bench failed: ${child.stderr}`);
  const r = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
    generateMs: number;
    analyzeMs: number;
    analyzeCpuMs: number;
    fullTimings: Record<string, number>;
    pcaSteps: number;
    updates: Record<string, number>;
    noBridging: Record<string, number>;
    afterGenerate: ReturnType<typeof memory>;
    afterAnalyze: ReturnType<typeof memory>;
    maxRss: number;
    counts: { participants: number; statements: number; votes: number; clustered: number };
    groups: number[];
    updateTimings: Record<string, Record<string, number>>;
  };
  const t = (x: Record<string, number>) =>
    Object.entries(x)
      .map(([k, v]) => `${k.replace(/Ms$/, '')} ${v.toFixed(0)}`)
      .join(', ');
  report(
    `Conversations: synthetic ${SYNTHETIC.participants} participants x ${SYNTHETIC.statements} statements x ${SYNTHETIC.votes} votes (heap capped at 2 GB)`,
    [
      ['generation', ms(r.generateMs)],
      ['full analysis (wall)', `${ms(r.analyzeMs)} (${t(r.fullTimings)}; ${r.pcaSteps} Lanczos steps)`],
      ['full analysis (CPU time of the process)', ms(r.analyzeCpuMs)],
      ['  participants / statements / stored votes (re-votes merged)', `${r.counts.participants} / ${r.counts.statements} / ${r.counts.votes}`],
      ['  clustered / group sizes', `${r.counts.clustered} / ${r.groups.join(', ')}`],
      ['peak RSS (whole process, getrusage)', mb(r.maxRss)],
      ['heap + typed arrays after generation', `${mb(r.afterGenerate.heap)} + ${mb(r.afterGenerate.buffers)}`],
      ['heap + typed arrays after analysis', `${mb(r.afterAnalyze.heap)} + ${mb(r.afterAnalyze.buffers)}`],
      ...Object.entries(r.updates).map(([k, v]): [string, string] => [`incremental update, ${k} votes`, `${ms(v)} (${t(r.updateTimings[k])})`]),
      ...Object.entries(r.noBridging).map(([k, v]): [string, string] => [
        `incremental update, ${k} votes (bridging refitted)`,
        `${ms(v)} (${t(r.updateTimings[k])})`,
      ]),
      ['load average of the machine (1 min) at the end', os.loadavg()[0].toFixed(1)],
    ],
  );
}

if (process.argv.includes('--synthetic')) runSynthetic();
