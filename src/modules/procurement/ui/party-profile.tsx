import { formatDate } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { PartyProfile } from '../core/risk-profile.js';

/** A profile with one page of its processes (commands/risk-views.ts PartyProfilePage), amounts formatted by the server. */
export type PartyProfileWithPage = Omit<PartyProfile, 'processes'> & {
  nextCursor: string | null;
  processes: (PartyProfile['processes'][number] & { valueText: string })[];
};

/**
 * A profile as its page shows it: amounts formatted once, on the server, so the browser's own
 * currency data (Chromium writes "грн" where Node writes "₴") cannot break hydration.
 */
export function presentPartyProfile(profile: PartyProfile & { nextCursor: string | null }, locale: string): PartyProfileWithPage {
  return { ...profile, processes: profile.processes.map((x) => ({ ...x, valueText: formatMoney(x.value, x.currency, locale) })) };
}
import { BarChart, FlagNames, formatMoney, formatShare } from './risk-shared.js';
import { Table } from '../../../web/kit/table.js';

/** A buyer's or supplier's profile: processes, flags over time, win rate, counterparts. */
export function PartyProfileView({ profile: p }: { profile: PartyProfileWithPage }) {
  const t = useT();
  const { locale } = useRoot();
  const counterparts = (title: string, list: PartyProfile['partners'], hrefRole: 'buyers' | 'suppliers' | null, showWins: boolean) =>
    list.length > 0 && (
      <>
        <h2>{title}</h2>
        <Table label={title}>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('procurement.profile.name')}</th>
              <th scope="col">{t('procurement.profile.together')}</th>
              {showWins && <th scope="col">{t('procurement.profile.won')}</th>}
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id}>
                <th scope="row">{hrefRole ? <a href={`/procurement/${hrefRole}/${encodeURIComponent(c.id)}`}>{c.name}</a> : c.name}</th>
                <td>{c.processes}</td>
                {showWins && <td>{c.wins}</td>}
              </tr>
            ))}
          </tbody>
        </Table>
      </>
    );
  return (
    <>
      <p className="muted">{t(p.role === 'buyer' ? 'procurement.profile.buyer' : 'procurement.profile.supplier')}</p>
      <h1>{p.name}</h1>
      <dl className="facts">
        <dt>{t('procurement.profile.processes')}</dt>
        <dd>{p.participated}</dd>
        <dt>{t(p.role === 'buyer' ? 'procurement.profile.winRateBuyer' : 'procurement.profile.winRate')}</dt>
        <dd>
          {p.winRate === null ? '' : formatShare(p.winRate, locale)} ({t('procurement.profile.wins', { wins: p.wins, total: p.participated })})
        </dd>
      </dl>
      <h2>{t('procurement.profile.flagsOverTime')}</h2>
      <BarChart
        title={t('procurement.profile.flagsOverTime')}
        labelHeader={t('procurement.dashboard.month')}
        valueHeader={t('procurement.dashboard.flags')}
        rows={p.flagsByMonth.map((m) => ({ label: m.month, value: m.flags }))}
      />
      {counterparts(
        t(p.role === 'buyer' ? 'procurement.profile.partnersBuyer' : 'procurement.profile.partnersSupplier'),
        p.partners,
        p.role === 'buyer' ? 'suppliers' : 'buyers',
        true,
      )}
      {p.role === 'supplier' && counterparts(t('procurement.profile.competitors'), p.competitors, 'suppliers', false)}
      <h2>{t('procurement.profile.processes')}</h2>
      <p className="muted">{t('procurement.profile.shown', { shown: p.processes.length, total: p.participated })}</p>
      <Table label={t('procurement.profile.processes')}>
        <caption className="visually-hidden">{t('procurement.profile.processes')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('procurement.queue.process')}</th>
            <th scope="col">{t('procurement.profile.date')}</th>
            <th scope="col">{t('procurement.process.value')}</th>
            <th scope="col">{t('procurement.queue.indicator')}</th>
          </tr>
        </thead>
        <tbody>
          {p.processes.map((x) => (
            <tr key={x.ocid}>
              <th scope="row">
                <a href={`/procurement/processes/${encodeURIComponent(x.ocid)}`}>{x.title}</a>
              </th>
              <td>{formatDate(x.date, locale)}</td>
              <td>{x.valueText}</td>
              <td>
                <FlagNames flags={Object.keys(x.flags).sort()} />
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {p.nextCursor && (
        <p>
          <a
            href={`/procurement/${p.role === 'buyer' ? 'buyers' : 'suppliers'}/${encodeURIComponent(p.id)}?cursor=${encodeURIComponent(p.nextCursor)}`}
          >
            {t('procurement.profile.more')}
          </a>
        </p>
      )}
    </>
  );
}
