import { useLoaderData } from 'react-router';
import { formatDate } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { findMyBallots } from '../commands/ballots.js';
import { compareRules, readResults } from '../commands/read-results.js';
import type { ProcessRule } from '../core/process-types.js';
import { listDistricts } from '../store/queries.js';
import { loadProcessView } from './load.server.js';
import { ChoicesWonChart, useMoney } from './shared.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

/** Rules a reader may compare the published one with. */
const COMPARABLE: Record<string, ProcessRule> = {
  greedy: { rule: 'greedy' },
  mes: { rule: 'mes', satisfaction: 'cost' },
  'mes-add1': { rule: 'mes', satisfaction: 'cost', completion: 'add1' },
  phragmen: { rule: 'phragmen' },
  'max-welfare': { rule: 'max-welfare' },
};

export function meta(args: TitleArgs & { data?: { view: { title: string } } }) {
  return pageTitle(args, args.data ? { id: 'budgeting.results.heading', values: { title: args.data.view.title } } : { id: 'budgeting.title' });
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const { row, view } = await loadProcessView(context, params.slug ?? '');
  // Before publication residents learn when results are due (staff see the computed ones).
  if (!row.locked && !view.canManage)
    return {
      view,
      results: [],
      compare: '',
      comparison: null,
      comparable: [],
      due: row.phases.results.start,
      dueNow: deps.clock.now().toISOString(),
    };
  const mine = ctx.actor.kind === 'user' ? await findMyBallots(deps, ctx.site.id, row, { kind: 'user', userId: ctx.actor.userId }) : [];
  const results = await readResults(
    deps,
    ctx.site.id,
    row,
    mine.filter((b) => b.status === 'counted').map((b) => ({ districtId: b.districtId, choices: b.choices })),
  );
  const compare = new URL(request.url).searchParams.get('compare') ?? '';
  let comparison: { district: string; sides: { rule: ProcessRule; selected: string[]; totalCost: string }[] }[] | null = null;
  if (COMPARABLE[compare]) {
    comparison = [];
    for (const d of await listDistricts(deps.db, ctx.site.id, row.id)) {
      const r = results.find((x) => x.district.slug === d.slug);
      if (!r || r.numVoters === 0) continue;
      comparison.push({ district: d.slug, sides: await compareRules(deps, ctx.site.id, row, d, [row.rule, COMPARABLE[compare]]) });
    }
  }
  return { view, results, compare, comparison, comparable: Object.keys(COMPARABLE), due: null as string | null, dueNow: '' };
}

function ruleLabel(t: (id: string, v?: Record<string, string | number>) => string, r: ProcessRule): string {
  return r.rule === 'mes'
    ? t(r.completion && r.completion !== 'none' ? 'budgeting.rule.mes-add1' : 'budgeting.rule.mes')
    : t(`budgeting.rule.${r.rule}`);
}

export default function ResultsPage() {
  const { view, results, compare, comparison, comparable, due, dueNow } = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useRoot();
  const money = useMoney(view.currency);
  const base = `/budgeting/${view.slug}`;
  return (
    <>
      <p>
        <a href={base}>{view.title}</a>
      </p>
      <h1>{t('budgeting.results.heading', { title: view.title })}</h1>
      {due !== null && (
        <p className="notice" role="status">
          {t(Date.parse(due) > Date.parse(dueNow) ? 'budgeting.results.due' : 'budgeting.results.dueSoon', { date: formatDate(due, locale) })}
        </p>
      )}
      {!view.published && due === null && <p className="notice">{t('budgeting.results.unpublished')}</p>}
      <p className="lead">{t('budgeting.results.rule', { rule: ruleLabel(t, view.rule) })}</p>
      {results.length === 0 && due === null && <p>{t('budgeting.results.none')}</p>}
      {results.map((r) => {
        const title = new Map(r.projects.map((p) => [p.code, p.title]));
        const winners = r.projects.filter((p) => p.selected).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
        const others = r.projects.filter((p) => !p.selected);
        const id = `d-${r.district.slug}`;
        const side = comparison?.find((c) => c.district === r.district.slug);
        return (
          <section key={r.district.slug} aria-labelledby={id}>
            <h2 id={id}>{r.district.cityWide ? t('budgeting.cityWide', { name: r.district.name }) : r.district.name}</h2>
            <p>
              {t('budgeting.results.used', { used: money(r.totalCost), budget: money(r.district.budget), voters: r.numVoters })}{' '}
              <a href={`/budgeting/${view.slug}/${r.district.slug}.pb`}>{t('budgeting.results.download')}</a>
            </p>
            <h3>{t('budgeting.results.winners')}</h3>
            <Table label={`${r.district.name}: ${t('budgeting.results.winners')}`}>
              <thead>
                <tr>
                  <th scope="col">{t('budgeting.results.project')}</th>
                  <th scope="col">{t('budgeting.project.cost')}</th>
                  <th scope="col">{t('budgeting.results.votes')}</th>
                  <th scope="col">{t('budgeting.results.why')}</th>
                </tr>
              </thead>
              <tbody>
                {winners.map((p) => (
                  <tr key={p.code}>
                    <th scope="row">
                      <a href={`${base}/projects/${p.code}`}>{p.title}</a>
                    </th>
                    <td>{money(p.cost)}</td>
                    <td>{p.votes}</td>
                    <td>{t(`budgeting.reason.${p.reason}`, { left: money(p.left ?? 0), order: p.order ?? 0 })}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
            {others.length > 0 && (
              <>
                <h3>{t('budgeting.results.notSelected')}</h3>
                <Table label={`${r.district.name}: ${t('budgeting.results.notSelected')}`}>
                  <thead>
                    <tr>
                      <th scope="col">{t('budgeting.results.project')}</th>
                      <th scope="col">{t('budgeting.project.cost')}</th>
                      <th scope="col">{t('budgeting.results.votes')}</th>
                      <th scope="col">{t('budgeting.results.why')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {others.map((p) => (
                      <tr key={p.code} id={`project-${r.district.slug}-${p.code}`}>
                        <th scope="row">
                          <a href={`${base}/projects/${p.code}`}>{p.title}</a>
                        </th>
                        <td>{money(p.cost)}</td>
                        <td>{p.votes}</td>
                        <td>
                          {t(`budgeting.reason.${p.reason}`, { left: money(p.left ?? 0), order: 0 })}
                          {p.note && <span className="muted"> ({p.note})</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              </>
            )}
            <h3>{t('budgeting.results.chartHeading')}</h3>
            <ChoicesWonChart rows={r.choicesWon} district={r.district.name} />
            {r.shares && (
              <>
                <h3>{t('budgeting.results.sharesHeading')}</h3>
                <p>{t('budgeting.results.share', { share: money(r.shares.perVoter) })}</p>
                {r.shares.mine && (
                  <p className="notice">
                    {r.shares.mine.payments.length
                      ? t('budgeting.results.yourShare', {
                          list: r.shares.mine.payments.map((p) => `${title.get(p.project) ?? p.project} (${money(p.amount)})`).join(', '),
                          left: money(r.shares.mine.left),
                        })
                      : t('budgeting.results.yourShareUnspent', { left: money(r.shares.mine.left) })}
                  </p>
                )}
                <Table label={t('budgeting.results.groupsCaption')}>
                  <caption>{t('budgeting.results.groupsCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('budgeting.results.ballot')}</th>
                      <th scope="col">{t('budgeting.results.chartVoters')}</th>
                      <th scope="col">{t('budgeting.results.spentOn')}</th>
                      <th scope="col">{t('budgeting.results.left')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.shares.groups.map((g, i) => (
                      <tr key={i}>
                        <td>{g.choices.map((c) => title.get(c) ?? c).join(', ')}</td>
                        <td>{g.voters}</td>
                        <td>
                          {g.payments.length ? g.payments.map((p) => `${title.get(p.project) ?? p.project}: ${money(p.amount)}`).join('; ') : '—'}
                        </td>
                        <td>{money(g.left)}</td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
                {r.shares.completion.length > 0 && (
                  <p>{t('budgeting.results.completion', { list: r.shares.completion.map((c) => title.get(c) ?? c).join(', ') })}</p>
                )}
              </>
            )}
            {side && (
              <>
                <h3>{t('budgeting.results.compareHeading')}</h3>
                <Table label={`${r.district.name}: ${t('budgeting.results.compareHeading')}`}>
                  <thead>
                    <tr>
                      {side.sides.map((s, i) => (
                        <th key={i} scope="col">
                          {ruleLabel(t, s.rule)} ({money(s.totalCost)})
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    <tr>
                      {side.sides.map((s, i) => (
                        <td key={i}>
                          <ul>
                            {s.selected.map((c) => (
                              <li key={c}>
                                {title.get(c) ?? c}
                                {!side.sides[1 - i].selected.includes(c) && <strong> {t('budgeting.results.onlyHere')}</strong>}
                              </li>
                            ))}
                          </ul>
                        </td>
                      ))}
                    </tr>
                  </tbody>
                </Table>
              </>
            )}
          </section>
        );
      })}
      {results.length > 0 && (
        <form method="get" className="inline">
          <label htmlFor="compare">{t('budgeting.results.compareWith')}</label>{' '}
          <select id="compare" name="compare" defaultValue={compare}>
            {comparable.map((c) => (
              <option key={c} value={c}>
                {t(`budgeting.rule.${c}`)}
              </option>
            ))}
          </select>{' '}
          <button type="submit" className="button">
            {t('budgeting.results.compare')}
          </button>
        </form>
      )}
    </>
  );
}
