import type { Command } from 'commander';
import { startIndicatorRun } from '../core/compute-indicators.js';
import { startProzorroRuleRun } from '../core/prozorro-rules/compute-prozorro-rules.js';
import { createDefaultProzorroRuleSettings, PROZORRO_VALUE_FLOORS } from '../core/prozorro-rules/types.js';
import { createAllIndicatorSettings } from '../core/risk-process.js';
import { orderAuditQueue } from '../core/risk-queue.js';
import { bucketRiskScore, computeRiskScore, DEFAULT_RISK_WEIGHTS, isRiskCode, RISK_BUCKETS, RISK_CODES } from '../core/risk-score.js';
import { readJsonLines, type LineIssue } from '../formats/json-lines.js';

/** What `polity procurement risk` reports for a file of compiled releases. */
export interface RiskFileReport {
  processes: number;
  flagged: number;
  /** Processes flagged per indicator (every risk code, 0 when none). */
  byIndicator: Record<string, number>;
  buckets: Record<string, number>;
  /** The first entries of the auditors' queue (default weights, average order). */
  queue: { position: number; ocid: string; score: number; bucket: string; value: number | null; flags: string[] }[];
  issues: LineIssue[];
}

/**
 * Runs Cardinal's indicators and the ProZorro-derived rules over a JSON-lines file of compiled
 * releases (streamed) and reports counts per indicator, buckets and the head of the queue.
 */
export async function assessRiskFile(file: string, opts: { floors?: boolean; top?: number } = {}): Promise<RiskFileReport> {
  const indicators = startIndicatorRun(createAllIndicatorSettings());
  const rules = startProzorroRuleRun({ ...createDefaultProzorroRuleSettings(), ...(opts.floors ? { valueFloors: PROZORRO_VALUE_FLOORS } : {}) });
  const issues: LineIssue[] = [];
  const values = new Map<string, number | null>();
  for await (const { value } of readJsonLines(file, (issue) => issues.push(issue))) {
    indicators.add(value);
    rules.add(value);
    const release = value as { ocid?: unknown; tender?: { value?: { amount?: unknown } } } | null;
    if (release && typeof release.ocid === 'string') {
      const amount = release.tender?.value?.amount;
      values.set(release.ocid, typeof amount === 'number' ? amount : null);
    }
  }
  const flags = new Map<string, Set<string>>();
  const add = (byOcid: Record<string, Record<string, number>> | undefined) => {
    for (const [ocid, codes] of Object.entries(byOcid ?? {}))
      for (const code of Object.keys(codes)) if (isRiskCode(code)) (flags.get(ocid) ?? flags.set(ocid, new Set()).get(ocid)!).add(code);
  };
  add(indicators.finish({ meta: false }).OCID as Record<string, Record<string, number>> | undefined);
  add(rules.finish() as Record<string, Record<string, number>>);
  const byIndicator: Record<string, number> = Object.fromEntries(RISK_CODES.map((c) => [c, 0]));
  const buckets: Record<string, number> = Object.fromEntries(RISK_BUCKETS.map((b) => [b, 0]));
  const candidates: { ocid: string; score: number; value: number | null; flags: string[] }[] = [];
  for (const [ocid, value] of values) {
    const codes = [...(flags.get(ocid) ?? [])].sort();
    for (const c of codes) byIndicator[c]++;
    const score = computeRiskScore(codes, DEFAULT_RISK_WEIGHTS);
    buckets[bucketRiskScore(score)]++;
    if (score > 0) candidates.push({ ocid, score, value, flags: codes });
  }
  const queue = orderAuditQueue(candidates)
    .slice(0, opts.top ?? 10)
    .map((e) => ({
      position: e.position,
      ocid: e.item.ocid,
      score: e.item.score,
      bucket: bucketRiskScore(e.item.score),
      value: e.item.value,
      flags: e.item.flags,
    }));
  return { processes: values.size, flagged: candidates.length, byIndicator, buckets, queue, issues };
}

/** Adds `polity procurement risk FILE [--floors] [--top N] [--json]` under the `procurement` command. */
export function registerRiskCommand(procurement: Command): void {
  procurement
    .command('risk')
    .description('red flags (Cardinal + ProZorro-derived), risk buckets and the head of the auditors queue for compiled releases (JSON lines)')
    .argument('<file>', 'compiled releases, one per line')
    .option('--floors', "apply ProZorro's value floors (goods/services 400,000 UAH, works 1,500,000 UAH) to PZ01-PZ05")
    .option('--top <n>', 'queue entries to print', '10')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, o: { floors?: boolean; top: string; json?: boolean }) => {
      const top = Number.parseInt(o.top, 10);
      if (!Number.isInteger(top) || top < 0) throw new Error('--top must be a whole number');
      const r = await assessRiskFile(file, { floors: o.floors, top });
      for (const issue of r.issues) process.stderr.write(`line ${issue.line}: ${issue.error}\n`);
      if (o.json) {
        process.stdout.write(JSON.stringify(r, null, 2) + '\n');
        return;
      }
      process.stdout.write(`${r.processes} processes, ${r.flagged} flagged\n`);
      process.stdout.write(`buckets: ${RISK_BUCKETS.map((b) => `${b} ${r.buckets[b]}`).join(', ')}\n`);
      process.stdout.write(`by indicator: ${RISK_CODES.map((c) => `${c} ${r.byIndicator[c]}`).join(', ')}\n`);
      for (const q of r.queue)
        process.stdout.write(`${q.position}. ${q.ocid} score ${q.score} (${q.bucket}) value ${q.value ?? '-'} flags ${q.flags.join(',')}\n`);
    });
}
