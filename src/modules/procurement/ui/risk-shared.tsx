import { BarChart as KitBarChart } from '../../../web/kit/bar-chart.js';
import { formatMoney as formatKitMoney } from '../../../web/kit/format.js';
import { useT } from '../../../web/kit/i18n.js';
import { Table } from '../../../web/kit/table.js';

/**
 * An amount of a contracting process in whole units (the kit's money format; OCDS amounts may
 * lack a value or a currency).
 */
export function formatMoney(amount: number | null, currency: string | null, locale: string): string {
  if (amount === null) return '';
  const whole = Math.round(amount);
  return currency ? formatKitMoney(whole, currency, locale) : new Intl.NumberFormat(locale).format(whole);
}

/** A share (0..1) as a percentage in the reader's locale. */
export function formatShare(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** The risk bucket as a labelled badge (text, not colour alone). */
export function BucketBadge({ bucket }: { bucket: string }) {
  const t = useT();
  return <span className={`badge badge-${bucket}`}>{t(`procurement.bucket.${bucket}`)}</span>;
}

/** The flags of a process, each with its plain-language explanation. */
export function FlagList({ flags }: { flags: string[] }) {
  const t = useT();
  if (flags.length === 0) return <p>{t('procurement.process.noFlags')}</p>;
  return (
    <ul className="flag-list">
      {flags.map((code) => (
        <li key={code}>
          <strong>{t(`procurement.flag.${code}.title`)}</strong> <span className="muted">({code})</span>. {t(`procurement.flag.${code}.explain`)}
        </li>
      ))}
    </ul>
  );
}

/** The names of a process's flags in the reader's language, for tables (the page of the process explains each). */
export function FlagNames({ flags }: { flags: string[] }) {
  const t = useT();
  if (flags.length === 0) return null;
  return (
    <ul className="flag-names">
      {flags.map((code) => {
        const id = `procurement.flag.${code}.title`;
        const name = t(id);
        return <li key={code}>{name === id ? code : name}</li>;
      })}
    </ul>
  );
}

/**
 * An OCDS status (of a tender, award or contract: the codelists' planning, active, complete,
 * pending, terminated...) in the reader's language; a status outside the codelists as the source wrote it.
 */
export function useStatusWord(): (status: string) => string {
  const t = useT();
  return (status) => {
    const id = `procurement.search.processStatus.${status}`;
    const word = t(id);
    return word === id ? status : word;
  };
}

/** An OCDS procurement method (open, selective, limited, direct) in the reader's language; another as the source wrote it. */
export function useMethodWord(): (method: string) => string {
  const t = useT();
  return (method) => {
    const id = `procurement.method.${method}`;
    const word = t(id);
    return word === id ? method : word;
  };
}

/**
 * A horizontal bar chart (the kit's) followed by the same figures as a table: the table is what
 * keyboard and screen-reader users read, and what people copy.
 */
export function BarChart({
  title,
  rows,
  labelHeader,
  valueHeader,
}: {
  title: string;
  rows: { label: string; value: number }[];
  labelHeader: string;
  valueHeader: string;
}) {
  const t = useT();
  const tableLabel = `${title}: ${t('procurement.chart.table')}`;
  return (
    <>
      <KitBarChart title={title} rows={rows} />
      <Table label={tableLabel}>
        <caption className="visually-hidden">{tableLabel}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            <th scope="col">{valueHeader}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
