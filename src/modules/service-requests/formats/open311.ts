import { escapeXml } from '../../../kernel/xml.js';
import { pickText } from '../../../kernel/i18n.js';
import { toOpen311Status } from '../core/status.js';
import type { GroupRow, RequestRow, ServiceRow } from '../store/tables.js';

/**
 * Open311 GeoReport v2 shapes (https://wiki.open311.org/GeoReport_v2, and the community's
 * Swagger file georeport_v2-1.yaml) and their XML. Absent values are left out rather than sent as
 * null, since the schema types them as strings and numbers.
 */
export type Open311Value = string | number | boolean | Open311Object | Open311Value[];
export interface Open311Object {
  [key: string]: Open311Value | undefined;
}

/** W3C datetime without milliseconds, in UTC. */
export function w3cDate(d: Date): string {
  const iso = d.toISOString();
  // Years 0-9999 print as YYYY-MM-DDTHH:mm:ss.sssZ: drop the milliseconds (a slice, not a regular expression, on every row of a list).
  return iso.length === 24 ? `${iso.slice(0, 19)}Z` : iso.replace(/\.\d{3}Z$/, 'Z');
}

/** A catalogue service as Open311's Service. */
export function presentService(s: ServiceRow, groups: Map<string, GroupRow>, locale: string, fallback: string): Open311Object {
  const group = s.groupId ? groups.get(s.groupId) : undefined;
  return {
    service_code: s.code,
    service_name: pickText(s.name, locale, fallback).text,
    description: pickText(s.description, locale, fallback).text || undefined,
    metadata: s.attributes.length > 0,
    type: s.type,
    keywords: s.keywords.join(', ') || undefined,
    group: group ? pickText(group.name, locale, fallback).text : undefined,
  };
}

/** A service's attributes as Open311's ServiceDefinition. */
export function presentServiceDefinition(s: ServiceRow): Open311Object {
  return {
    service_code: s.code,
    attributes: s.attributes.map((a) => ({
      variable: a.variable,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatypeDescription || undefined,
      order: a.order,
      description: a.description,
      values: a.values?.length ? a.values.map((v) => ({ key: v.key, name: v.name })) : undefined,
    })),
  };
}

/** What a request needs besides its row to be presented. */
export interface RequestPresentation {
  serviceName: string;
  agencyName?: string;
  serviceNotice?: string;
  mediaUrl?: string;
}

/** A report as Open311's Request. Personal data (email, names, phone) never leaves. */
export function presentRequest(r: RequestRow, p: RequestPresentation): Open311Object {
  return {
    service_request_id: r.id,
    status: toOpen311Status(r.status),
    status_notes: r.statusNotes || undefined,
    service_name: p.serviceName,
    service_code: r.serviceCode,
    description: r.description || undefined,
    agency_responsible: p.agencyName,
    service_notice: p.serviceNotice,
    requested_datetime: w3cDate(r.requestedAt),
    updated_datetime: w3cDate(r.updatedAt),
    expected_datetime: r.expectedAt ? w3cDate(r.expectedAt) : undefined,
    address: r.address || undefined,
    address_id: r.addressId || undefined,
    lat: r.lat ?? undefined,
    long: r.lon ?? undefined,
    media_url: p.mediaUrl,
  };
}

/** An Open311 error list entry. */
export interface Open311Error {
  code: number;
  description: string;
}

function xmlValue(name: string, value: Open311Value | undefined, itemName?: string): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `<${name}>${value.map((v) => xmlValue(itemName ?? 'item', v)).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${xmlFields(value)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

// Element names for the items of list-valued fields, as the spec's XML examples write them.
const ITEM_NAMES: Record<string, string> = { attributes: 'attribute', values: 'value', formats: 'format', endpoints: 'endpoint' };

function xmlFields(o: Open311Object): string {
  return Object.entries(o)
    .map(([k, v]) => xmlValue(k, v, ITEM_NAMES[k]))
    .join('');
}

/** An XML document: `<root><item>..</item>...</root>` for lists, `<root>..</root>` for one object. */
export function toXml(root: string, body: Open311Object | Open311Object[], itemName?: string): string {
  const inner = Array.isArray(body) ? body.map((o) => `<${itemName}>${xmlFields(o)}</${itemName}>`).join('') : xmlFields(body);
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${inner}</${root}>\n`;
}

/** Errors as the spec writes them in XML. */
export function errorsToXml(errors: Open311Error[]): string {
  return toXml('errors', errors as unknown as Open311Object[], 'error');
}
