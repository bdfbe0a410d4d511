import type { ModuleManifest } from '../../db/context.js';
import { registerRiskApi, riskPermissions } from './routes/risk-api.js';
import { seedRiskDemo } from './seed/risk-demo.js';
import riskEn from './ui/messages/en.json' with { type: 'json' };
import riskEs from './ui/messages/es.json' with { type: 'json' };
import riskFr from './ui/messages/fr.json' with { type: 'json' };
import riskPt from './ui/messages/pt.json' with { type: 'json' };
import riskUk from './ui/messages/uk.json' with { type: 'json' };
import { POLL_SOURCE_JOB, runPollSourceJob } from './jobs/poll-source.js';
import { RISK_REFRESH_JOB, runRiskRefreshJob } from './jobs/risk-refresh.js';
import { ingestPermissions, registerIngestApi } from './routes/ingest-api.js';

export { computeIndicators, formatIndicatorOutput, startIndicatorRun, type IndicatorRun } from './core/compute-indicators.js';
export { findTypeIssues, type TypeIssue } from './core/release-types.js';
export { createEmptySettings, type IndicatorSettings } from './core/settings.js';
export { GROUPS, INDICATOR_CODES, type Group, type IndicatorCode, type IndicatorOutput, type Release } from './core/types.js';
export {
  parseIni,
  readCardinalSettings,
  splitPipeList,
  type CardinalSettings,
  type IniDocument,
  type PrepareSettings,
} from './formats/cardinal-ini.js';
export { compileReleases, sortReleasesByDate, WHOLE_LIST_MERGE_FIELDS } from './core/merge.js';
export { compileFile, Compiler, registerCompileCommand } from './compile-command.js';
export { readJsonLines, type JsonLine, type LineIssue } from './formats/json-lines.js';
export {
  AWARD_STATUS,
  BID_STATUS,
  createPreparePlan,
  prepareRelease,
  type PreparePlan,
  type PreparedRelease,
  type PrepareRow,
} from './core/prepare.js';
export {
  cloneCardinalJson,
  csvField,
  formatFloat,
  formatNumber,
  JsonFloat,
  numberValue,
  parseCardinalJson,
  stringifyCardinalJson,
  type CardinalJson,
} from './formats/cardinal-json.js';
export { formatPrepareRow, prepareStream, registerPrepareCommand, type PrepareSinks, type PrepareSummary } from './prepare-command.js';
export { computeIndicatorsFromFile, createDefaultIndicatorSettings, registerProcurementCommands, type InputIssue } from './indicators-command.js';

export { computeProzorroRules, startProzorroRuleRun } from './core/prozorro-rules/compute-prozorro-rules.js';
export {
  createDefaultProzorroRuleSettings,
  PROZORRO_RULE_CODES,
  PROZORRO_VALUE_FLOORS,
  type ProzorroRuleSettings,
} from './core/prozorro-rules/types.js';
export { assessProcesses, type ProcessAssessment } from './core/risk-process.js';
export { DEFAULT_RISK_WEIGHTS, RISK_CODES, bucketRiskScore, computeRiskScore, type RiskWeights } from './core/risk-score.js';
export { refreshRiskAssessments } from './commands/risk-refresh.js';
export { RISK_REFRESH_JOB, scheduleRiskRefresh } from './jobs/risk-refresh.js';
export { getRiskSettings, saveRiskSettings } from './commands/risk-settings.js';
export { COMPETITIVE_THRESHOLDS_UAH, DEFAULT_RISK_SETTINGS, type RiskSettings } from './core/risk-settings.js';
export { assessRiskFile, registerRiskCommand, type RiskFileReport } from './commands/risk-command.js';
export {
  getProcess,
  getProcessHistory,
  listCompiledReleases,
  listProcesses,
  type CompiledReleaseItem,
  type ProcessFilters,
  type ProcessHistory,
  type ProcessListItem,
} from './store/releases.js';
export { listSources, findSource } from './store/sources.js';
export { getIngest, listIngests } from './store/release-writes.js';
export { ingestReleaseStream, readIngestProgress, storeReleases, type IngestOptions, type IngestProgress } from './commands/ingest-releases.js';
export { createSource, removeSource, runSourceNow, updateSourceFields } from './commands/source-commands.js';
export { extractReleases, readOcdsItems, type OcdsItem } from './formats/ocds-stream.js';
export { mapProzorroTender } from './formats/prozorro.js';
export { diffReleases, type ReleaseChange } from './core/release-diff.js';
export type { FieldChange, IngestSummary, ProcessRow, SourceRow } from './store/tables.js';

const riskPage = (path: string, file: string) => ({ path, file: `../modules/procurement/ui/${file}` });

/** Procurement: red-flag indicators over OCDS data, as Cardinal computes them (issue 6). Calculator, Cardinal's prepare step, the OCDS 1.1 merge and command line so far. */
export const procurementModule: ModuleManifest = {
  id: 'procurement',
  permissions: { ...riskPermissions, ...ingestPermissions },
  api: (app) => {
    registerRiskApi(app);
    registerIngestApi(app);
  },
  bodyRoutes: [
    // The API reads a raw OCDS body as a stream (counted here, checked by the reader).
    { path: '/api/v1/procurement/ingests', kind: 'import', streamed: true },
    { path: '/procurement/admin/ingests', kind: 'import' },
  ],
  nav: [
    {
      id: 'procurement-risk',
      label: 'procurement.nav.risk',
      href: '/procurement/risk',
      area: 'main',
      order: 70,
      description: 'procurement.nav.riskDescription',
    },
    {
      id: 'procurement-processes',
      label: 'procurement.nav.processes',
      href: '/procurement/processes',
      area: 'main',
      order: 71,
      description: 'procurement.nav.processesDescription',
    },
    {
      id: 'procurement-queue',
      label: 'procurement.nav.queue',
      href: '/procurement/risk/queue',
      area: 'admin',
      permission: 'procurement.risk.triage',
      order: 70,
    },
    {
      id: 'procurement-feedback',
      label: 'procurement.moderation.title',
      href: '/procurement/risk/feedback',
      area: 'admin',
      permission: 'procurement.feedback.moderate',
      order: 71,
    },
    {
      id: 'procurement-ingests',
      label: 'procurement.nav.ingests',
      href: '/procurement/admin/ingests',
      area: 'admin',
      permission: 'procurement.source.manage',
      order: 72,
    },
    {
      id: 'procurement-sources',
      label: 'procurement.nav.sources',
      href: '/procurement/admin/sources',
      area: 'admin',
      permission: 'procurement.source.manage',
      order: 73,
    },
    {
      id: 'procurement-risk-settings',
      label: 'procurement.nav.settings',
      href: '/procurement/admin/risk-settings',
      area: 'admin',
      permission: 'procurement.risk.settings',
      order: 74,
    },
  ],
  pages: [
    riskPage('procurement/risk', 'risk-dashboard-page.tsx'),
    riskPage('procurement/risk/queue', 'risk-queue-page.tsx'),
    riskPage('procurement/risk/precision', 'risk-precision-page.tsx'),
    riskPage('procurement/processes', 'process-list-page.tsx'),
    riskPage('procurement/processes/:ocid', 'process-page.tsx'),
    riskPage('procurement/buyers/:id', 'buyer-page.tsx'),
    riskPage('procurement/suppliers/:id', 'supplier-page.tsx'),
    riskPage('procurement/risk/feedback', 'feedback-moderation-page.tsx'),
    riskPage('procurement/admin/ingests', 'ingests-admin-page.tsx'),
    riskPage('procurement/admin/sources', 'sources-admin-page.tsx'),
    riskPage('procurement/admin/risk-settings', 'risk-settings-page.tsx'),
  ],
  messages: { en: riskEn, es: riskEs, fr: riskFr, pt: riskPt, uk: riskUk },
  seed: seedRiskDemo,
  jobs: {
    [POLL_SOURCE_JOB]: (deps, job) => runPollSourceJob(deps, job),
    [RISK_REFRESH_JOB]: (deps, job) => runRiskRefreshJob(deps, job),
  },
};
