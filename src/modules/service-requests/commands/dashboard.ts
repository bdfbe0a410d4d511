import type { Deps } from '../../../db/context.js';
import { fillPeriods } from '../../../math/periods.js';
import { summariseResolution, type ResolutionStats } from '../core/stats.js';
import { countBy, listResolved, type StatsFilter } from '../store/stats.js';

/** The figures of the dashboard and the open-data page for one site (optionally one agency). */
export interface DashboardFigures {
  since: string;
  total: number;
  byService: { key: string; n: number; stats: ResolutionStats }[];
  byArea: { key: string; n: number }[];
  byWeek: { key: string; n: number }[];
  byStatus: { key: string; n: number }[];
  overall: ResolutionStats;
}

/** Computes reports by service, area, week and status since `days` ago, and time to resolve (median, p90, share within target). */
export async function computeDashboard(deps: Deps, siteId: string, opts: { days: number; agencyId?: string }): Promise<DashboardFigures> {
  const since = new Date(deps.clock.now().getTime() - opts.days * 86_400_000);
  const f: StatsFilter = { since, agencyId: opts.agencyId };
  const [byService, byArea, byWeek, byStatus, resolved] = await Promise.all([
    countBy(deps.db, siteId, f, 'service'),
    countBy(deps.db, siteId, f, 'area'),
    countBy(deps.db, siteId, f, 'week'),
    countBy(deps.db, siteId, f, 'status'),
    listResolved(deps.db, siteId, f),
  ]);
  return {
    since: since.toISOString(),
    total: byStatus.reduce((s, r) => s + r.n, 0),
    byService: byService.map((r) => ({ ...r, stats: summariseResolution(resolved.filter((x) => x.serviceCode === r.key)) })),
    byArea,
    // Every week of the window, those without reports as zero (weeks start on Monday, as date_trunc's).
    byWeek: fillPeriods(byWeek, { unit: 'week', key: (w) => w.key, empty: (key) => ({ key, n: 0 }), from: since, to: deps.clock.now() }),
    byStatus,
    overall: summariseResolution(resolved),
  };
}
