import { formatDate, formatMoney } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import { useMethodWord, useStatusWord } from './risk-shared.js';

/**
 * A changed value as the page receives it: a plain value, or for an object or list of objects
 * only what names it (the whole of an added award is too much to show in a change log).
 */
export type ShownValue =
  string | number | boolean | null | string[] | { object: string | null; amount?: number; currency?: string | null } | { items: number };

/** One field's change, summarised for the page; `before` is absent when the field was added, `after` when removed. */
export interface ShownChange {
  path: string;
  before?: ShownValue;
  after?: ShownValue;
}

/** A compiled release's value, summarised to what the change log shows (server side). */
export function summariseValue(value: unknown): ShownValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return typeof value === 'string' && value.length > 200 ? `${value.slice(0, 199)}…` : value;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.slice(0, 20).map(String);
    return { items: value.length };
  }
  const o = value as Record<string, unknown>;
  // An amount of money (OCDS Value) keeps its amount and currency.
  if (typeof o.amount === 'number') return { object: null, amount: o.amount, currency: typeof o.currency === 'string' ? o.currency : null };
  // OCDS bids are an object around their list (`bids.details`): counted like a list.
  if (Array.isArray(o.details) && Object.keys(o).length === 1) return { items: o.details.length };
  const name = ['title', 'name', 'description', 'id'].map((k) => o[k]).find((v) => typeof v === 'string' || typeof v === 'number');
  return { object: name === undefined ? null : String(name).slice(0, 200) };
}

/** How the values of a field are written. */
type Kind = 'status' | 'money' | 'amount' | 'date' | 'method' | 'text';

/**
 * Fields of a release the change log names (path with `#` for a position in a list) and how their
 * values read; label `procurement.change.<label>` takes `{n}`, the position counted from 1.
 */
const KNOWN: Record<string, { label: string; kind: Kind }> = {
  '/date': { label: 'date', kind: 'date' },
  '/tag': { label: 'tag', kind: 'text' },
  '/tender/status': { label: 'tender.status', kind: 'status' },
  '/tender/title': { label: 'tender.title', kind: 'text' },
  '/tender/description': { label: 'tender.description', kind: 'text' },
  '/tender/value': { label: 'tender.value', kind: 'money' },
  '/tender/value/amount': { label: 'tender.value', kind: 'amount' },
  '/tender/value/currency': { label: 'tender.currency', kind: 'text' },
  '/tender/procurementMethod': { label: 'tender.method', kind: 'method' },
  '/tender/numberOfTenderers': { label: 'tender.numberOfTenderers', kind: 'text' },
  '/tender/tenderPeriod/startDate': { label: 'tender.tenderPeriod.startDate', kind: 'date' },
  '/tender/tenderPeriod/endDate': { label: 'tender.tenderPeriod.endDate', kind: 'date' },
  '/tender/enquiryPeriod/endDate': { label: 'tender.enquiryPeriod.endDate', kind: 'date' },
  '/tender/awardPeriod/startDate': { label: 'tender.awardPeriod.startDate', kind: 'date' },
  '/tender/awardPeriod/endDate': { label: 'tender.awardPeriod.endDate', kind: 'date' },
  '/tender/tenderers': { label: 'tender.tenderers', kind: 'text' },
  '/tender/tenderers/#': { label: 'tender.tenderer', kind: 'text' },
  '/tender/documents/#': { label: 'tender.document', kind: 'text' },
  '/tender/items/#': { label: 'tender.item', kind: 'text' },
  '/awards': { label: 'awards', kind: 'text' },
  '/awards/#': { label: 'award', kind: 'text' },
  '/awards/#/status': { label: 'award.status', kind: 'status' },
  '/awards/#/date': { label: 'award.date', kind: 'date' },
  '/awards/#/value': { label: 'award.value', kind: 'money' },
  '/awards/#/value/amount': { label: 'award.value', kind: 'amount' },
  '/awards/#/suppliers/#': { label: 'award.supplier', kind: 'text' },
  '/contracts': { label: 'contracts', kind: 'text' },
  '/contracts/#': { label: 'contract', kind: 'text' },
  '/contracts/#/status': { label: 'contract.status', kind: 'status' },
  '/contracts/#/dateSigned': { label: 'contract.dateSigned', kind: 'date' },
  '/contracts/#/value': { label: 'contract.value', kind: 'money' },
  '/contracts/#/value/amount': { label: 'contract.value', kind: 'amount' },
  '/contracts/#/period/startDate': { label: 'contract.period.startDate', kind: 'date' },
  '/contracts/#/period/endDate': { label: 'contract.period.endDate', kind: 'date' },
  '/contracts/#/amendments/#': { label: 'contract.amendment', kind: 'text' },
  '/parties': { label: 'parties', kind: 'text' },
  '/parties/#': { label: 'party', kind: 'text' },
  '/bids': { label: 'bids', kind: 'text' },
  '/bids/details/#': { label: 'bid', kind: 'text' },
};

/** Parts of a release path the fallback label names in words (`procurement.change.part.<name>`). */
const PARTS = new Set([
  'tender',
  'awards',
  'contracts',
  'parties',
  'bids',
  'planning',
  'buyer',
  'items',
  'documents',
  'value',
  'status',
  'date',
  'quantity',
  'unit',
  'classification',
  'deliveryDate',
  'deliveryLocation',
  'suppliers',
  'tenderers',
  'title',
  'description',
  'name',
  'amount',
  'currency',
  'period',
  'startDate',
  'endDate',
  'dateSigned',
  'amendments',
  'milestones',
  'implementation',
  'transactions',
  'budget',
  'address',
  'contactPoint',
  'identifier',
  'mainProcurementCategory',
  'procurementMethodDetails',
  'awardCriteria',
  'tenderPeriod',
  'awardPeriod',
  'enquiryPeriod',
  'details',
]);

/** A JSON Pointer's parts (RFC 6901 escapes undone). */
function partsOf(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `numberOfTenderers` as "number of tenderers": the readable form of a field the log does not name. */
function words(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
}

/** What the page needs to word a change: the field's label and how its values read. */
function useDescribe(): (path: string) => { label: string; kind: Kind } {
  const t = useT();
  return (path) => {
    const parts = partsOf(path);
    const positions = parts.filter((p) => /^\d+$/.test(p)).map((p) => Number(p) + 1);
    const pattern = '/' + parts.map((p) => (/^\d+$/.test(p) ? '#' : p)).join('/');
    const known = KNOWN[pattern];
    if (known) return { label: t(`procurement.change.${known.label}`, { n: positions[0] ?? 1, m: positions[1] ?? 1 }), kind: known.kind };
    // Any other field: its parts in words ("Tender › items 2 › quantity"), never the pointer alone.
    const label = parts
      .map((p, i) => {
        if (/^\d+$/.test(p)) return `${Number(p) + 1}`;
        const text = PARTS.has(p) ? t(`procurement.change.part.${p}`) : words(p);
        return i === 0 ? text.charAt(0).toUpperCase() + text.slice(1) : text;
      })
      .join(' › ');
    const last = parts[parts.length - 1] ?? '';
    const kind: Kind = last === 'status' ? 'status' : last === 'amount' ? 'amount' : /date$/i.test(last) ? 'date' : 'text';
    return { label: label || t('procurement.change.release'), kind };
  };
}

/**
 * The auditors' change log of one version: each changed field by its label, its values in the
 * reader's language ("Tender status: Active → Complete"; amounts as money, dates by locale).
 * `currency` is the process's, for amounts changed without their currency.
 */
export function ChangeLog({ changes, currency }: { changes: ShownChange[]; currency: string | null }) {
  const t = useT();
  const { locale } = useRoot();
  const describe = useDescribe();
  const statusWord = useStatusWord();
  const methodWord = useMethodWord();
  const number = (n: number) => new Intl.NumberFormat(locale).format(n);
  const money = (amount: number, cur: string | null | undefined) => (cur ? formatMoney(amount, cur, locale) : number(amount));
  const show = (value: ShownValue, kind: Kind): string => {
    if (value === null) return t('procurement.change.empty');
    if (typeof value === 'boolean') return t(value ? 'procurement.change.yes' : 'procurement.change.no');
    if (typeof value === 'number') return kind === 'amount' ? money(value, currency) : number(value);
    if (typeof value === 'string') {
      if (kind === 'status') return statusWord(value);
      if (kind === 'method') return methodWord(value);
      if (kind === 'date' && !Number.isNaN(Date.parse(value))) return formatDate(value, locale);
      return value;
    }
    if (Array.isArray(value)) return value.join(', ');
    if ('items' in value) return t('procurement.change.items', { count: value.items });
    if (value.amount !== undefined) return money(value.amount, value.currency ?? currency);
    return value.object ?? t('procurement.change.item');
  };
  return (
    <ul className="change-log">
      {changes.map((c) => {
        const { label, kind } = describe(c.path);
        const text =
          c.before === undefined
            ? t('procurement.change.added', { field: label, after: show(c.after ?? null, kind) })
            : c.after === undefined
              ? t('procurement.change.removed', { field: label, before: show(c.before, kind) })
              : t('procurement.change.changed', { field: label, before: show(c.before, kind), after: show(c.after, kind) });
        return <li key={c.path}>{text}</li>;
      })}
    </ul>
  );
}
