import type { Command } from 'commander';
import type { ModuleManifest } from '../../db/context.js';
import { AppError } from '../../kernel/errors.js';
import { computeFromFile, presentReport, type ComputeFlags } from './commands/compute-from-file.js';
import { registerCensusCommand, type OpenDeps } from './cli/census-command.js';
import { budgetingPermissions, registerBudgetingApi } from './routes/api.js';
import { registerBudgetingRoutes } from './routes/public.js';
import { seedBudgeting } from './seed/seed.js';
import { deleteBudgetingData, exportBudgetingData } from './commands/personal-data.js';
import { countPendingPaperBallots, listProcesses } from './store/queries.js';
import en from './ui/messages/en.json' with { type: 'json' };
import es from './ui/messages/es.json' with { type: 'json' };
import fr from './ui/messages/fr.json' with { type: 'json' };
import pt from './ui/messages/pt.json' with { type: 'json' };
import uk from './ui/messages/uk.json' with { type: 'json' };

export { computeOutcome, RULES, SATISFACTIONS, type RuleName, type RuleOptions, type ComputedOutcome } from './core/compute.js';
export type { Election, BallotGroup, ElectionProject, VoteType } from './core/election.js';
export { parsePabulib, writePabulib, readElection, type PabulibFile, type PabulibTable } from './formats/pabulib.js';
export { computeFromFile, presentReport, type ComputeReport } from './commands/compute-from-file.js';
export { seedBudgeting, DEMO_PROCESS, DEMO_PAST_PROCESS } from './seed/seed.js';
export { runCensusImportCommand } from './cli/census-command.js';

const page = (path: string, file: string) => ({ path, file: `../modules/budgeting/ui/${file}` });

/**
 * Participatory budgeting: processes with phases, districts and a city-wide pot, proposals and
 * their review, ballots enforced on the server (online, voting codes, paper with a second check),
 * results counted by the core's rules and explained, Pabulib import and export.
 */
export const budgetingModule: ModuleManifest = {
  id: 'budgeting',
  permissions: budgetingPermissions,
  api: registerBudgetingApi,
  routes: registerBudgetingRoutes,
  bodyRoutes: [
    { path: '/api/v1/budgeting/processes/:slug/projects/:code/images', kind: 'upload' },
    { path: '/budgeting/:slug/projects/:code', kind: 'upload' },
    { path: '/api/v1/budgeting/import', kind: 'import' },
    { path: '/budgeting/admin', kind: 'import' },
    { path: '/api/v1/budgeting/processes/:slug/codes', kind: 'import' },
    { path: '/budgeting/:slug/admin/codes', kind: 'import' },
    { path: '/api/v1/budgeting/processes/:slug/census', kind: 'import' },
    { path: '/budgeting/:slug/admin/census', kind: 'import' },
  ],
  nav: [
    { id: 'budgeting', label: 'budgeting.nav', href: '/budgeting', area: 'main', order: 40, description: 'budgeting.intro' },
    {
      id: 'budgeting-admin',
      label: 'budgeting.manage.title',
      href: '/budgeting/admin',
      area: 'admin',
      permission: 'budgeting.process.manage',
      order: 40,
    },
  ],
  pages: [
    page('budgeting', 'budgeting-page.tsx'),
    page('budgeting/admin', 'processes-admin-page.tsx'),
    page('budgeting/admin/processes/:slug', 'process-edit-page.tsx'),
    page('budgeting/:slug', 'process-page.tsx'),
    page('budgeting/:slug/projects/:code', 'project-page.tsx'),
    page('budgeting/:slug/propose', 'propose-page.tsx'),
    page('budgeting/:slug/vote', 'vote-page.tsx'),
    page('budgeting/:slug/my-ballot', 'my-ballot-page.tsx'),
    page('budgeting/:slug/results', 'results-page.tsx'),
    page('budgeting/:slug/admin', 'admin-page.tsx'),
    page('budgeting/:slug/admin/codes', 'codes-page.tsx'),
    page('budgeting/:slug/admin/census', 'census-page.tsx'),
    page('budgeting/:slug/admin/paper', 'paper-page.tsx'),
  ],
  seed: async (deps, siteId) => {
    await seedBudgeting(deps, siteId);
  },
  waiting: async (deps, siteId) =>
    (await countPendingPaperBallots(deps.db, siteId)).map((p) => ({
      id: `budgeting-paper-${p.slug}`,
      label: 'budgeting.waits.paper',
      count: p.count,
      href: `/budgeting/${p.slug}/admin/paper`,
      permission: 'budgeting.paper.enter',
      values: { title: p.title },
    })),
  messages: { en, es, fr, pt, uk },
  exportUserData: exportBudgetingData,
  deleteUserData: deleteBudgetingData,
  sitemap: async (deps, siteId) => {
    const rows = await listProcesses(deps.db, siteId);
    return [
      { path: '/budgeting' },
      ...rows.flatMap((r) => [
        { path: `/budgeting/${r.slug}`, lastmod: r.updatedAt },
        ...(r.locked ? [{ path: `/budgeting/${r.slug}/results`, lastmod: r.resultsPublishedAt ?? r.updatedAt }] : []),
      ]),
    ];
  },
};

/**
 * Adds `polity budgeting compute FILE.pb --rule R ...` (issue 4's command line) and, with a way to
 * open the database, `polity budgeting census import <process-slug> <file.csv>`.
 */
export function registerBudgetingCommands(program: Command, opts: { openDeps?: OpenDeps } = {}): void {
  const budgeting = program.command('budgeting').description('participatory budgeting tools');
  budgeting
    .command('compute')
    .description('count a Pabulib .pb file under a rule; prints the selected projects and the total cost')
    .argument('<file>', 'a Pabulib .pb file')
    .option('--rule <rule>', 'greedy | greedy-no-skip | greedy-threshold | greedy-score | mes | phragmen | max-welfare')
    .option('--satisfaction <s>', 'cost | cardinality | points (mes, greedy, max-welfare)')
    .option('--completion <c>', 'none | add1 | add1-exhaustive | add1-exhaustive-greedy (mes)')
    .option('--threshold <n>', 'minimum votes for greedy-threshold (default: META min_project_score_threshold)')
    .option('--tie-break <t>', 'comma list of min-cost, max-votes, file-order, lexico (default: lexico, as pabutools)')
    .option('--comparison', 'comparison step: switch to greedy when more voters prefer it')
    .option('--json', 'print JSON')
    .option('--explain', "add the rule's rounds")
    .action((file: string, opts: ComputeFlags & { json?: boolean }) => {
      try {
        const report = computeFromFile(file, opts);
        process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : presentReport(report));
      } catch (error) {
        if (error instanceof AppError) {
          process.stderr.write(`polity budgeting compute: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
    });
  if (opts.openDeps) registerCensusCommand(budgeting, opts.openDeps);
}
