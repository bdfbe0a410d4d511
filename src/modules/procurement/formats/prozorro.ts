/**
 * ProZorro's native tender (openprocurement API 2.5, `GET /api/2.5/tenders/{id}` → `{data: tender}`;
 * field reference: prozorro-api-docs.readthedocs.io, "Tender", "Bid", "Award", "Contract",
 * "Complaint", "Lot") mapped to one OCDS 1.1 release. The mapping follows the OCDS field names and
 * code lists; ProZorro's `procurementMethodType` goes to `tender.procurementMethodDetails`, as in
 * ProZorro's own OCDS publication (ocid prefix `ocds-be6bcu`). Choices where the formats differ:
 * - release `id` = `{tender.id}-{dateModified}` and `date` = `dateModified`: one release per state of
 *   the tender, so fetching the same state twice gives the same release (deduplicated on ingest);
 * - organisations get the id `{identifier.scheme}-{identifier.id}` and are listed once in `parties`
 *   with every role they hold (buyer and procuringEntity, tenderer, supplier);
 * - a bid on several lots (`lotValues`) becomes one bid detail per lot (`{bid.id}-{lot id}`, with
 *   `relatedLots`), and an award's `bid_id` + `lotID` points at that detail (`relatedBid`);
 * - statuses are re-mapped to the OCDS code lists (tables below); ProZorro's `unsuccessful` and
 *   `invalid` bids are `disqualified`, `deleted` ones `withdrawn`;
 * - the classification scheme `ДК021` (DK021:2015, Ukraine's copy of the CPV) is written `CPV`;
 * - complaints (on the tender, awards, qualifications and cancellations) go to a top-level
 *   `complaints` array (no OCDS core field holds them), each with the award or lot it concerns;
 * - a contract's `changes` (when present) become its `amendments` (id, date signed, rationale, rationale types).
 */

type Obj = Record<string, unknown>;

/** ProZorro tender status → OCDS `tenderStatus`. */
export const TENDER_STATUS: Record<string, string> = {
  draft: 'planning',
  'active.enquiries': 'active',
  'active.tendering': 'active',
  'active.pre-qualification': 'active',
  'active.pre-qualification.stand-still': 'active',
  'active.auction': 'active',
  'active.qualification': 'active',
  'active.qualification.stand-still': 'active',
  'active.awarded': 'active',
  active: 'active',
  complete: 'complete',
  cancelled: 'cancelled',
  unsuccessful: 'unsuccessful',
};

/** ProZorro bid status → OCDS `bidStatus` (bid extension). */
export const BID_STATUS_MAP: Record<string, string> = {
  draft: 'pending',
  pending: 'pending',
  active: 'valid',
  unsuccessful: 'disqualified',
  invalid: 'disqualified',
  'invalid.pre-qualification': 'disqualified',
  deleted: 'withdrawn',
};

/** ProZorro contract status → OCDS `contractStatus`. */
export const CONTRACT_STATUS: Record<string, string> = {
  pending: 'pending',
  active: 'active',
  cancelled: 'cancelled',
  merged: 'cancelled',
  terminated: 'terminated',
};

function obj(v: unknown): Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {};
}

function list(v: unknown): Obj[] {
  return Array.isArray(v) ? v.map(obj) : [];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Drops undefined fields and empty arrays, so the release carries only what the tender has. */
function clean<T extends Obj>(o: T): T {
  for (const [k, v] of Object.entries(o)) if (v === undefined || (Array.isArray(v) && v.length === 0)) delete o[k];
  return o;
}

function value(v: unknown): Obj | undefined {
  const x = obj(v);
  if (typeof x.amount !== 'number' && typeof x.currency !== 'string') return undefined;
  return clean({ amount: typeof x.amount === 'number' ? x.amount : undefined, currency: str(x.currency) });
}

function period(v: unknown): Obj | undefined {
  const x = obj(v);
  const p = clean({ startDate: str(x.startDate), endDate: str(x.endDate) });
  return Object.keys(p).length > 0 ? p : undefined;
}

/** The OCDS organisation id of a ProZorro organisation: `{scheme}-{id}`, else its name. */
export function organisationId(org: Obj): string | undefined {
  const identifier = obj(org.identifier);
  const scheme = str(identifier.scheme);
  const id = str(identifier.id) ?? (typeof identifier.id === 'number' ? String(identifier.id) : undefined);
  if (id) return scheme ? `${scheme}-${id}` : id;
  return str(org.name);
}

class Parties {
  private readonly byId = new Map<string, Obj>();
  /** Adds (or adds a role to) an organisation; returns its reference `{id, name}`. */
  add(org: Obj, role: string): Obj | undefined {
    const id = organisationId(org);
    if (!id) return undefined;
    let party = this.byId.get(id);
    if (!party) {
      const identifier = obj(org.identifier);
      party = clean({
        id,
        name: str(org.name),
        identifier: clean({ scheme: str(identifier.scheme), id: identifier.id as unknown, legalName: str(identifier.legalName) }),
        address: Object.keys(obj(org.address)).length > 0 ? org.address : undefined,
        contactPoint: Object.keys(obj(org.contactPoint)).length > 0 ? org.contactPoint : undefined,
        details: str(org.scale) ? { scale: org.scale } : undefined,
        roles: [] as string[],
      });
      this.byId.set(id, party);
    }
    const roles = (party.roles ?? (party.roles = [])) as string[];
    if (!roles.includes(role)) roles.push(role);
    return clean({ id, name: str(org.name) });
  }
  all(): Obj[] {
    return [...this.byId.values()];
  }
}

function mapItem(item: Obj): Obj {
  const c = obj(item.classification);
  const unit = obj(item.unit);
  return clean({
    id: str(item.id),
    description: str(item.description),
    classification: clean({ scheme: c.scheme === 'ДК021' ? 'CPV' : str(c.scheme), id: str(c.id), description: str(c.description) }),
    quantity: typeof item.quantity === 'number' ? item.quantity : undefined,
    unit: Object.keys(unit).length > 0 ? clean({ id: str(unit.code), name: str(unit.name), value: value(unit.value) }) : undefined,
    deliveryAddress: Object.keys(obj(item.deliveryAddress)).length > 0 ? item.deliveryAddress : undefined,
    relatedLot: str(item.relatedLot),
  });
}

function mapDocument(d: Obj): Obj {
  return clean({
    id: str(d.id),
    documentType: str(d.documentType),
    title: str(d.title),
    url: str(d.url),
    format: str(d.format),
    datePublished: str(d.datePublished),
    dateModified: str(d.dateModified),
  });
}

function mapComplaint(c: Obj, about: { relatedAward?: string; relatedLot?: string }): Obj {
  return clean({
    id: str(c.id),
    complaintID: str(c.complaintID),
    title: str(c.title),
    type: str(c.type),
    status: str(c.status),
    date: str(c.date),
    dateSubmitted: str(c.dateSubmitted),
    dateDecision: str(c.dateDecision),
    author: Object.keys(obj(c.author)).length > 0 ? clean({ id: organisationId(obj(c.author)), name: str(obj(c.author).name) }) : undefined,
    relatedLot: str(c.relatedLot) ?? about.relatedLot,
    relatedAward: about.relatedAward,
  });
}

/** Options of the mapping: the ocid prefix (ProZorro's registered prefix by default). */
export interface ProzorroMappingOptions {
  ocidPrefix?: string;
}

/**
 * Maps one native ProZorro tender (the `data` of `GET /tenders/{id}`) to one OCDS release. Throws
 * `Error` naming the field when the tender has no `id`, `tenderID` or `dateModified`.
 */
export function mapProzorroTender(tender: Obj, opts: ProzorroMappingOptions = {}): Obj {
  const id = str(tender.id);
  const tenderID = str(tender.tenderID);
  const dateModified = str(tender.dateModified);
  if (!id) throw new Error('tender without id');
  if (!tenderID) throw new Error(`tender ${id}: no tenderID`);
  if (!dateModified) throw new Error(`tender ${id}: no dateModified`);
  const parties = new Parties();
  const procuringEntity = obj(tender.procuringEntity);
  const buyer = parties.add(procuringEntity, 'buyer');
  parties.add(procuringEntity, 'procuringEntity');
  const lots = list(tender.lots);
  const bids = list(tender.bids);
  const details: Obj[] = [];
  const tenderers = new Map<string, Obj>();
  for (const bid of bids) {
    const refs = list(bid.tenderers)
      .map((t) => parties.add(t, 'tenderer'))
      .filter((r): r is Obj => r !== undefined);
    for (const r of refs) tenderers.set(r.id as string, r);
    const status = BID_STATUS_MAP[str(bid.status) ?? ''] ?? str(bid.status);
    const lotValues = list(bid.lotValues);
    if (lotValues.length === 0) {
      details.push(clean({ id: str(bid.id), date: str(bid.date), status, value: value(bid.value), tenderers: refs }));
    } else {
      for (const lv of lotValues) {
        const lot = str(lv.relatedLot);
        details.push(
          clean({
            id: lot ? `${str(bid.id)}-${lot}` : str(bid.id),
            date: str(lv.date) ?? str(bid.date),
            status: str(lv.status) ? (BID_STATUS_MAP[lv.status as string] ?? (lv.status as string)) : status,
            value: value(lv.value),
            tenderers: refs,
            relatedLots: lot ? [lot] : undefined,
          }),
        );
      }
    }
  }
  const complaints: Obj[] = list(tender.complaints).map((c) => mapComplaint(c, {}));
  const awards = list(tender.awards).map((a) => {
    const lot = str(a.lotID);
    for (const c of list(a.complaints)) complaints.push(mapComplaint(c, { relatedAward: str(a.id), relatedLot: lot }));
    const bidId = str(a.bid_id);
    return clean({
      id: str(a.id),
      title: str(a.title),
      date: str(a.date),
      status: str(a.status),
      value: value(a.value),
      suppliers: list(a.suppliers)
        .map((s) => parties.add(s, 'supplier'))
        .filter((r): r is Obj => r !== undefined),
      relatedBid: bidId && lot && lots.length > 0 ? `${bidId}-${lot}` : bidId,
      relatedLots: lot ? [lot] : undefined,
      documents: list(a.documents).map(mapDocument),
    });
  });
  for (const q of list(tender.qualifications)) for (const c of list(q.complaints)) complaints.push(mapComplaint(c, { relatedLot: str(q.lotID) }));
  for (const x of list(tender.cancellations)) for (const c of list(x.complaints)) complaints.push(mapComplaint(c, { relatedLot: str(x.relatedLot) }));
  const contracts = list(tender.contracts).map((c) =>
    clean({
      id: str(c.id),
      awardID: str(c.awardID),
      title: str(c.title),
      status: CONTRACT_STATUS[str(c.status) ?? ''] ?? str(c.status),
      value: value(c.value),
      dateSigned: str(c.dateSigned),
      period: period(c.period),
      items: list(c.items).map(mapItem),
      documents: list(c.documents).map(mapDocument),
      // Changes to a signed contract (ProZorro's contracting API `changes`, when the tender carries them) are OCDS amendments.
      amendments: list(c.changes).map((ch) =>
        clean({
          id: str(ch.id),
          date: str(ch.dateSigned) ?? str(ch.date),
          rationale: str(ch.rationale),
          description: Array.isArray(ch.rationaleTypes) ? ch.rationaleTypes.filter((x) => typeof x === 'string').join(', ') || undefined : undefined,
        }),
      ),
    }),
  );
  const tag = ['tender'];
  if (awards.length > 0) tag.push('award');
  if (contracts.length > 0) tag.push('contract');
  const status = str(tender.status);
  const release = clean({
    ocid: `${opts.ocidPrefix ?? 'ocds-be6bcu'}-${tenderID}`,
    id: `${id}-${dateModified}`,
    date: dateModified,
    tag,
    initiationType: 'tender',
    parties: parties.all(),
    buyer,
    tender: clean({
      id,
      title: str(tender.title),
      description: str(tender.description),
      status: status ? (TENDER_STATUS[status] ?? status) : undefined,
      value: value(tender.value),
      procurementMethod: str(tender.procurementMethod),
      procurementMethodDetails: str(tender.procurementMethodType),
      mainProcurementCategory: str(tender.mainProcurementCategory),
      awardCriteria: str(tender.awardCriteria),
      submissionMethod: str(tender.submissionMethod) ? [tender.submissionMethod as string] : undefined,
      procuringEntity: buyer,
      items: list(tender.items).map(mapItem),
      lots: lots.map((l) =>
        clean({ id: str(l.id), title: str(l.title), description: str(l.description), status: str(l.status), value: value(l.value) }),
      ),
      tenderPeriod: period(tender.tenderPeriod),
      enquiryPeriod: period(tender.enquiryPeriod),
      awardPeriod: period(tender.awardPeriod),
      numberOfTenderers: bids.length > 0 ? tenderers.size : undefined,
      tenderers: [...tenderers.values()],
      documents: list(tender.documents).map(mapDocument),
    }),
    bids: details.length > 0 ? { details } : undefined,
    awards,
    contracts,
    complaints,
  });
  return release;
}
