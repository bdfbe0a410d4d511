import { data, useLoaderData } from 'react-router';
import { AppError } from '../../../kernel/errors.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import { formatDate } from '../../../web/kit/format.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { groupLetter } from '../core/map-layout.js';
import { canModerate, visibleReport } from '../routes/api.js';
import { findConversationBySlug, listStatements, participationByDay } from '../store/conversations.js';
import { LiveAnalysis } from './live.js';
import { GROUP_COLORS, OpinionMap } from './opinion-map.js';
import { Table } from '../../../web/kit/table.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { topic: string } }) {
  return pageTitle(args, args.data ? { id: 'conversations.report.heading', values: { topic: args.data.topic } } : { id: 'conversations.nav' });
}

/** How many of this many agreed, as a whole percentage. */
function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((100 * part) / whole) : 0;
}

export async function loader({ context, params }: LoaderArgs) {
  const { deps, ctx } = context;
  const conversation = params.slug ? await findConversationBySlug(deps.db, ctx.site.id, params.slug) : null;
  if (!conversation) throw data('not found', { status: 404 });
  let report;
  try {
    report = await visibleReport(deps, ctx, conversation);
  } catch (e) {
    if (e instanceof AppError && e.code === 'forbidden') throw data(e.message, { status: 403 });
    throw e;
  }
  // Moderated-out statements never appear in a report (they are also out of the mathematics).
  const statements = (await listStatements(deps.db, ctx.site.id, conversation.id, [1])).map((s) => ({ id: s.tid, text: s.body, isMeta: s.isMeta }));
  const texts = Object.fromEntries(statements.map((s) => [s.id, s.text]));
  const tally = new Map(report?.statements.map((s) => [s.id, s]) ?? []);
  const gic = report?.groupInformedConsensus ?? {};
  const rows = statements.map((s) => {
    const t = tally.get(s.id);
    const total = t ? t.total.agree + t.total.disagree + t.total.pass : 0;
    return {
      id: s.id,
      text: s.text,
      isMeta: s.isMeta,
      agree: t?.total.agree ?? 0,
      disagree: t?.total.disagree ?? 0,
      pass: t?.total.pass ?? 0,
      total,
      groups: (t?.groups ?? []).map((g) => ({
        agree: percent(g.agree, g.agree + g.disagree + g.pass),
        disagree: percent(g.disagree, g.agree + g.disagree + g.pass),
        votes: g.agree + g.disagree + g.pass,
      })),
      gic: gic[String(s.id)] ?? null,
    };
  });
  const shareOf = (id: number, group: number, direction: 'agree' | 'disagree') => {
    const t = tally.get(id);
    if (!t) return { group: 0, rest: 0 };
    const g = t.groups[group] ?? { agree: 0, disagree: 0, pass: 0 };
    const rest = { agree: t.total.agree - g.agree, disagree: t.total.disagree - g.disagree, pass: t.total.pass - g.pass };
    return { group: percent(g[direction], g.agree + g.disagree + g.pass), rest: percent(rest[direction], rest.agree + rest.disagree + rest.pass) };
  };
  const known = (id: number) => id in texts;
  return {
    slug: conversation.slug,
    topic: conversation.topic,
    canModerate: canModerate(deps, ctx, conversation),
    report: report
      ? {
          computedAt: report.computedAt,
          counts: report.counts,
          participants: report.participants,
          groups: report.groups.map((g) => ({
            id: g.id,
            size: g.size,
            repness: g.repness
              .filter((r) => known(r.statement))
              .map((r) => ({ id: r.statement, text: texts[r.statement], direction: r.direction, ...shareOf(r.statement, g.id, r.direction) })),
          })),
          consensus: {
            agree: report.consensus.agree
              .filter((c) => known(c.statement))
              .map((c) => ({ id: c.statement, text: texts[c.statement], share: percent(c.nSuccess, c.nTrials) })),
            disagree: report.consensus.disagree
              .filter((c) => known(c.statement))
              .map((c) => ({ id: c.statement, text: texts[c.statement], share: percent(c.nSuccess, c.nTrials) })),
          },
          bridging: report.bridging
            .filter((b) => known(b.statement))
            .slice(0, 5)
            .map((b) => ({ id: b.statement, text: texts[b.statement], score: b.intercept })),
          gic: Object.entries(gic)
            .map(([id, v]) => ({ id: Number(id), v }))
            .filter((x) => known(x.id))
            .sort((a, b) => b.v - a.v || a.id - b.id)
            .slice(0, 5)
            .map((x) => ({ id: x.id, text: texts[x.id], score: x.v })),
          statementPositions: report.statements.filter((s) => !s.excluded && known(s.id)).map((s) => ({ id: s.id, x: s.x, y: s.y })),
        }
      : null,
    rows,
    participation: await participationByDay(deps.db, ctx.site.id, conversation.id),
  };
}

/** Agree and disagree shares of one group on one statement as a small bar (the cell's text says the same). */
function SplitBar({ agree, disagree }: { agree: number; disagree: number }) {
  return (
    <svg width="60" height="8" aria-hidden="true" focusable="false" className="split-bar">
      <rect x="0" y="0" width="60" height="8" fill="#e4e4e4" />
      <rect x="0" y="0" width={(60 * agree) / 100} height="8" fill="#1a7f37" />
      <rect x={60 - (60 * disagree) / 100} y="0" width={(60 * disagree) / 100} height="8" fill="#b42318" />
    </svg>
  );
}

/** Votes and new participants per day as columns; the table after it carries the figures. */
function ParticipationChart({ days }: { days: { day: string; votes: number; joined: number }[] }) {
  const t = useT();
  const width = 640;
  const height = 160;
  const max = Math.max(1, ...days.map((d) => d.votes));
  const step = (width - 40) / Math.max(1, days.length);
  return (
    <svg viewBox={`0 0 ${width} ${height + 20}`} width="100%" style={{ maxWidth: width }} role="img" aria-labelledby="participation-chart-title">
      <title id="participation-chart-title">
        {t('conversations.report.participationChart', { days: days.length, votes: days.reduce((s, d) => s + d.votes, 0) })}
      </title>
      <line x1="30" y1={height} x2={width} y2={height} stroke="#767676" />
      {days.map((d, i) => {
        const h = ((height - 10) * d.votes) / max;
        return <rect key={d.day} x={32 + i * step} y={height - h} width={Math.max(1, Math.min(40, step - 2))} height={h} fill="#0072B2" />;
      })}
      <text x="30" y="10" fontSize="10" fill="#333">
        {max}
      </text>
      {days.length > 0 && (
        <>
          <text x="32" y={height + 14} fontSize="10" fill="#333">
            {days[0].day}
          </text>
          <text x={width} y={height + 14} fontSize="10" fill="#333" textAnchor="end">
            {days[days.length - 1].day}
          </text>
        </>
      )}
    </svg>
  );
}

export default function ReportPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useRoot();
  const r = d.report;
  return (
    <>
      <p>
        <a href={`/conversations/${d.slug}`}>{t('conversations.report.back')}</a>
      </p>
      <h1>{t('conversations.report.heading', { topic: d.topic })}</h1>
      <LiveAnalysis slug={d.slug} id="live-report">
        {!r ? (
          <p>{t('conversations.report.none')}</p>
        ) : (
          <>
            <p className="lead">
              {t('conversations.report.counts', {
                participants: r.counts.voters,
                votes: r.counts.votes,
                statements: d.rows.length,
                groups: r.groups.length,
              })}{' '}
              <span className="muted">{t('conversations.report.computedAt', { date: formatDate(r.computedAt, locale, 'datetime') })}</span>
            </p>
            <OpinionMap participants={r.participants} statements={r.statementPositions} />
            <p className="hint">{t('conversations.report.mapHint')}</p>

            <h2>{t('conversations.report.groups')}</h2>
            <div className="card-grid">
              {r.groups.map((g) => (
                <section
                  key={g.id}
                  className="card"
                  aria-labelledby={`group-${g.id}`}
                  style={{ borderTop: `4px solid ${GROUP_COLORS[g.id % GROUP_COLORS.length]}` }}
                >
                  <h3 id={`group-${g.id}`}>{t('conversations.report.group', { group: groupLetter(g.id), count: g.size })}</h3>
                  <ul>
                    {g.repness.map((s) => (
                      <li key={s.id}>
                        <span className="badge">{t(`conversations.report.direction.${s.direction}`)}</span> {s.text}{' '}
                        <span className="muted">{t('conversations.report.share', { group: s.group, rest: s.rest, letter: groupLetter(g.id) })}</span>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </div>

            <h2>{t('conversations.report.consensus')}</h2>
            <p className="hint">{t('conversations.report.consensusHint')}</p>
            {r.consensus.agree.length + r.consensus.disagree.length === 0 ? (
              <p>{t('conversations.report.noConsensus')}</p>
            ) : (
              <ul>
                {r.consensus.agree.map((s) => (
                  <li key={`a${s.id}`}>
                    <span className="badge">{t('conversations.report.direction.agree')}</span> {s.text}{' '}
                    <span className="muted">{t('conversations.report.everyone', { share: s.share })}</span>
                  </li>
                ))}
                {r.consensus.disagree.map((s) => (
                  <li key={`d${s.id}`}>
                    <span className="badge">{t('conversations.report.direction.disagree')}</span> {s.text}{' '}
                    <span className="muted">{t('conversations.report.everyone', { share: s.share })}</span>
                  </li>
                ))}
              </ul>
            )}

            <div className="card-grid">
              <section className="card" aria-labelledby="bridging">
                <h2 id="bridging">{t('conversations.report.bridging')}</h2>
                <p className="hint">{t('conversations.report.bridgingHint')}</p>
                <ol>
                  {r.bridging.map((s) => (
                    <li key={s.id}>{s.text}</li>
                  ))}
                </ol>
              </section>
              <section className="card" aria-labelledby="gic">
                <h2 id="gic">{t('conversations.report.gic')}</h2>
                <p className="hint">{t('conversations.report.gicHint')}</p>
                <ol>
                  {r.gic.map((s) => (
                    <li key={s.id}>
                      {s.text} <span className="muted">({s.score.toFixed(2)})</span>
                    </li>
                  ))}
                </ol>
              </section>
            </div>
          </>
        )}

        <h2 id="all-statements">{t('conversations.report.all')}</h2>
        <Table label={t('conversations.report.all')}>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('conversations.report.col.statement')}</th>
              <th scope="col">{t('conversations.vote.agree')}</th>
              <th scope="col">{t('conversations.vote.disagree')}</th>
              <th scope="col">{t('conversations.vote.pass')}</th>
              {r?.groups.map((g) => (
                <th scope="col" key={g.id}>
                  {t('conversations.report.col.group', { group: groupLetter(g.id) })}
                </th>
              ))}
              <th scope="col">{t('conversations.report.col.gic')}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((s) => (
              <tr key={s.id}>
                <td>{s.id}</td>
                <td>
                  {s.text} {s.isMeta && <span className="badge">{t('conversations.meta')}</span>}
                </td>
                <td>{s.agree}</td>
                <td>{s.disagree}</td>
                <td>{s.pass}</td>
                {r?.groups.map((g) => {
                  const share = s.groups[g.id] ?? { agree: 0, disagree: 0, votes: 0 };
                  return (
                    <td key={g.id}>
                      <SplitBar agree={share.agree} disagree={share.disagree} />{' '}
                      {t('conversations.report.cell', { agree: share.agree, disagree: share.disagree })}
                    </td>
                  );
                })}
                <td>{s.gic === null ? '' : s.gic.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
        <h2 id="participation">{t('conversations.report.participation')}</h2>
        {d.participation.length === 0 ? (
          <p>{t('conversations.report.noParticipation')}</p>
        ) : (
          <>
            <ParticipationChart days={d.participation} />
            <details>
              <summary>{t('conversations.report.participationTable')}</summary>
              <Table label={t('conversations.report.participationTable')}>
                <thead>
                  <tr>
                    <th scope="col">{t('conversations.report.col.day')}</th>
                    <th scope="col">{t('conversations.report.col.votes')}</th>
                    <th scope="col">{t('conversations.report.col.joined')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.participation.map((p) => (
                    <tr key={p.day}>
                      <td>{p.day}</td>
                      <td>{p.votes}</td>
                      <td>{p.joined}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </details>
          </>
        )}
      </LiveAnalysis>
      <h2 id="downloads">{t('conversations.report.downloads')}</h2>
      <p>{t('conversations.report.downloadsHint')}</p>
      <ul className="no-print">
        {['comments.csv', 'votes.csv', 'participants-votes.csv', 'summary.csv'].map((f) => (
          <li key={f}>
            <a href={`/conversations/${d.slug}/export/${f}`} download>
              {f}
            </a>
          </li>
        ))}
      </ul>
      <p className="no-print">
        <button type="button" className="link-button" data-island="print" hidden>
          {t('conversations.report.print')}
        </button>
        {d.canModerate && (
          <>
            {' · '}
            <a href={`/conversations/${d.slug}/moderate`}>{t('conversations.moderate.link')}</a>
          </>
        )}
      </p>
    </>
  );
}
