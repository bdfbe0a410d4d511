import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../../kernel/i18n.js';
import type { Answers, ServiceAttribute } from '../core/attributes.js';
import type { AreaGeometry } from '../core/geo.js';
import type { Status } from '../core/status.js';

/** Per-site settings of the service: the agency that gets reports nobody else covers. */
export const srSettings = pgTable('sr_settings', {
  siteId: uuid('site_id').primaryKey(),
  fallbackAgencyId: uuid('fallback_agency_id'),
  /** Bumped by every change to the catalogue (groups, services, areas, fallback): keys per-process caches. */
  catalogueRevision: integer('catalogue_revision').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** How an agency (an organisation of kind `agency` in the sites module) is told of reports. */
export const srAgencyContacts = pgTable(
  'sr_agency_contacts',
  {
    siteId: uuid('site_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    notifyEmail: text('notify_email'),
    escalationEmail: text('escalation_email'),
    webhookUrl: text('webhook_url'),
    /** Key of the HMAC-SHA256 signature on every webhook POST (see commands/webhooks.ts). */
    webhookSecret: text('webhook_secret'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sr_agency_contacts_key').on(t.siteId, t.agencyId)],
);

/** Groups of the service catalogue ("Streets", "Waste"): Open311's `group`. */
export const srGroups = pgTable(
  'sr_groups',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    code: text('code').notNull(),
    name: jsonb('name').notNull().$type<LocalizedText>(),
    position: integer('position').notNull().default(0),
  },
  (t) => [uniqueIndex('sr_groups_code').on(t.siteId, t.code)],
);

/** Services residents can ask for; `attributes` are the extra questions (Open311 service definition). */
export const srServices = pgTable(
  'sr_services',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    code: text('code').notNull(),
    groupId: uuid('group_id'),
    name: jsonb('name').notNull().$type<LocalizedText>(),
    description: jsonb('description').notNull().$type<LocalizedText>(),
    keywords: text('keywords').array().notNull().$type<string[]>(),
    /** Open311 type: realtime, batch or blackbox. */
    type: text('type').notNull().default('realtime'),
    attributes: jsonb('attributes').notNull().$type<ServiceAttribute[]>(),
    agencyId: uuid('agency_id'),
    /** Service-level target in hours from the report to resolution; null when none is promised. */
    targetHours: integer('target_hours'),
    /** false for inquiries (questions that are not about a place): no location is asked. */
    locationRequired: boolean('location_required').notNull().default(true),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sr_services_code').on(t.siteId, t.code)],
);

/** The area an agency covers (GeoJSON Polygon or MultiPolygon), optionally for some services only. */
export const srAreas = pgTable(
  'sr_areas',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    name: text('name').notNull(),
    geometry: jsonb('geometry').notNull().$type<AreaGeometry>(),
    serviceCodes: text('service_codes').array().notNull().$type<string[]>(),
    priority: integer('priority').notNull().default(0),
    areaM2: doublePrecision('area_m2').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sr_areas_site').on(t.siteId)],
);

/** Reports (Open311 service requests). */
export const srRequests = pgTable(
  'sr_requests',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    serviceCode: text('service_code').notNull(),
    agencyId: uuid('agency_id'),
    areaId: uuid('area_id'),
    status: text('status').notNull().$type<Status>(),
    statusNotes: text('status_notes'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    address: text('address'),
    addressId: text('address_id'),
    /** The gazetteer's place nearest to a report placed by its position alone: it names the report ("near Mill Road"). */
    nearPlace: text('near_place'),
    description: text('description').notNull(),
    attributes: jsonb('attributes').notNull().$type<Answers>(),
    email: text('email'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    phone: text('phone'),
    deviceId: text('device_id'),
    userId: uuid('user_id'),
    anonymous: boolean('anonymous').notNull().default(false),
    /** How the reporter wants to hear of progress: email or not at all. */
    notify: text('notify').notNull().default('none'),
    mediaUrl: text('media_url'),
    source: text('source').notNull(),
    /** Open311 token, to look the request up before the id is known. */
    token: text('token').notNull(),
    idempotencyKey: text('idempotency_key'),
    apiKeyId: uuid('api_key_id'),
    meTooCount: integer('me_too_count').notNull().default(0),
    reopened: boolean('reopened').notNull().default(false),
    duplicateOf: uuid('duplicate_of'),
    referredTo: text('referred_to'),
    assignedTo: uuid('assigned_to'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    expectedAt: timestamp('expected_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
  },
  (t) => [
    index('sr_requests_site_time').on(t.siteId, t.requestedAt),
    index('sr_requests_site_updated').on(t.siteId, t.updatedAt),
    index('sr_requests_site_status').on(t.siteId, t.status, t.requestedAt),
    index('sr_requests_site_agency').on(t.siteId, t.agencyId, t.status),
    index('sr_requests_site_geo').on(t.siteId, t.lat, t.lon),
    uniqueIndex('sr_requests_token').on(t.siteId, t.token),
    uniqueIndex('sr_requests_idempotency').on(t.siteId, t.idempotencyKey),
  ],
);

/** What happened to a report: public updates, internal notes, status changes. */
export const srUpdates = pgTable(
  'sr_updates',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    requestId: uuid('request_id').notNull(),
    authorId: uuid('author_id'),
    /** public: shown on the report page and sent to subscribers; internal: staff only. */
    visibility: text('visibility').notNull().$type<'public' | 'internal'>(),
    statusFrom: text('status_from').$type<Status>(),
    statusTo: text('status_to').$type<Status>(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sr_updates_request').on(t.siteId, t.requestId, t.createdAt), index('sr_updates_time').on(t.siteId, t.createdAt)],
);

/** Photos of a report: the library's checked uploads (re-encoded, metadata stripped). */
export const srPhotos = pgTable(
  'sr_photos',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    requestId: uuid('request_id').notNull(),
    uploadId: uuid('upload_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sr_photos_request').on(t.siteId, t.requestId)],
);

/** People following a report by email; `token` signs the unsubscribe link. */
export const srSubscriptions = pgTable(
  'sr_subscriptions',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    requestId: uuid('request_id').notNull(),
    email: text('email').notNull(),
    userId: uuid('user_id'),
    token: text('token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sr_subscriptions_key').on(t.siteId, t.requestId, t.email)],
);

/** Open311 API keys; only a SHA-256 of the key is kept. */
export const srApiKeys = pgTable(
  'sr_api_keys',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('sr_api_keys_hash').on(t.keyHash), index('sr_api_keys_site').on(t.siteId)],
);

export type ServiceRow = typeof srServices.$inferSelect;
export type GroupRow = typeof srGroups.$inferSelect;
export type AreaRow = typeof srAreas.$inferSelect;
export type RequestRow = typeof srRequests.$inferSelect;
export type UpdateRow = typeof srUpdates.$inferSelect;
export type ApiKeyRow = typeof srApiKeys.$inferSelect;

/**
 * The site's gazetteer: named streets, squares and landmarks with a point each, so a typed
 * address or place name can be placed on the map (and routed by area) without a map or the
 * internet. `aliases` are other spellings or names in other languages.
 */
export const srPlaces = pgTable(
  'sr_places',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    name: text('name').notNull(),
    /** street, square, landmark or district: groups the list residents choose from. */
    kind: text('kind').notNull().$type<'street' | 'square' | 'landmark' | 'district'>(),
    aliases: text('aliases').array().notNull().$type<string[]>(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sr_places_name').on(t.siteId, t.name)],
);

export type PlaceRow = typeof srPlaces.$inferSelect;

/**
 * Residents following an area ("local alerts", as FixMyStreet's): new reports inside one of the
 * site's areas, or within `radiusM` of a point, are mailed to `email` in batches. Double opt-in:
 * nothing is sent before `confirmedAt`; `token` signs both the confirmation and the unsubscribe
 * link. `sentUpTo` is the report time up to which this alert has been served.
 */
export const srAreaAlerts = pgTable(
  'sr_area_alerts',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id').notNull(),
    email: text('email').notNull(),
    /** The language of the form, for the confirmation and every alert. */
    locale: text('locale').notNull(),
    areaId: uuid('area_id'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    radiusM: integer('radius_m'),
    /** What the person chose, in words (the area's or the place's name), for the mails and pages. */
    label: text('label').notNull(),
    token: text('token').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    sentUpTo: timestamp('sent_up_to', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sr_area_alerts_token').on(t.siteId, t.token), index('sr_area_alerts_site').on(t.siteId, t.confirmedAt)],
);

export type AreaAlertRow = typeof srAreaAlerts.$inferSelect;
