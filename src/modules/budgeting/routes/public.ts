import type { ApiApp } from '../../../db/context.js';
import { notFound } from '../../../kernel/errors.js';
import { isAllowed } from '../../../kernel/policy.js';
import { writePabulib } from '../formats/pabulib.js';
import { exportDistrict } from '../commands/results.js';
import { loadProcess } from './present.js';

/**
 * `GET /budgeting/:slug/:district.pb`: one district's projects and counted ballots as a Pabulib
 * file, so anyone can recompute a published result (`polity budgeting compute`). Before publication
 * only managers may download it.
 */
export function registerBudgetingRoutes(app: ApiApp): void {
  app.get('/budgeting/:slug/:file{[a-z0-9-]+\\.pb}', async (c) => {
    const deps = c.get('deps');
    const ctx = c.get('ctx');
    const { process, districts } = await loadProcess(deps, ctx.site.id, c.req.param('slug'));
    if (!process.locked && !isAllowed(deps.permissions, ctx.actor, 'budgeting.process.manage')) throw notFound('Published results');
    const district = districts.find((d) => `${d.slug}.pb` === c.req.param('file'));
    if (!district) throw notFound('District');
    const { file } = await exportDistrict(deps, ctx.site.id, process, district);
    return c.body(writePabulib(file), 200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Disposition': `attachment; filename="${process.slug}-${district.slug}.pb"`,
      'Cache-Control': process.locked ? 'public, max-age=300' : 'private, no-store',
    });
  });
}
