/** The list columns of a process, read from its compiled release (OCDS 1.1 field names). */
export interface ProcessFields {
  title: string | null;
  buyerId: string | null;
  buyerName: string | null;
  status: string | null;
  procurementMethod: string | null;
  procurementMethodDetails: string | null;
  amount: number | null;
  currency: string | null;
  date: string | null;
}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {};
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Reads the columns the process list filters and sorts by: `tender.title`, the buyer (`buyer`, else
 * `tender.procuringEntity`), `tender.status`, `tender.procurementMethod(Details)`, the value
 * (`tender.value`, else the sum of active awards' values when they share one currency) and `date`.
 */
export function readProcessFields(compiled: Obj): ProcessFields {
  const tender = obj(compiled.tender);
  const buyer = Object.keys(obj(compiled.buyer)).length > 0 ? obj(compiled.buyer) : obj(tender.procuringEntity);
  let amount = num(obj(tender.value).amount);
  let currency = str(obj(tender.value).currency);
  if (amount === null && Array.isArray(compiled.awards)) {
    const active = compiled.awards.map(obj).filter((a) => a.status === 'active' && num(obj(a.value).amount) !== null);
    const currencies = new Set(active.map((a) => str(obj(a.value).currency)));
    if (active.length > 0 && currencies.size === 1) {
      amount = active.reduce((s, a) => s + (num(obj(a.value).amount) ?? 0), 0);
      currency = [...currencies][0];
    }
  }
  return {
    title: str(tender.title),
    buyerId: str(buyer.id),
    buyerName: str(buyer.name),
    status: str(tender.status),
    procurementMethod: str(tender.procurementMethod),
    procurementMethodDetails: str(tender.procurementMethodDetails),
    amount,
    currency,
    date: str(compiled.date),
  };
}
