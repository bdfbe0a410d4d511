import { and, eq, sql } from 'drizzle-orm';
import { inTransaction } from '../../../db/connection.js';
import { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import { AppError, invalidInput } from '../../../kernel/errors.js';
import { isUuid, newId, newToken } from '../../../kernel/ids.js';
import { httpUrl, parseInput } from '../../../kernel/validation.js';
import { findOrganisation } from '../../sites/index.js';
import { ATTRIBUTE_DATATYPES, checkAttributeDefinitions } from '../core/attributes.js';
import { areaOf, validateAreaGeometry } from '../core/geo.js';
import { bumpCatalogueRevision } from '../store/catalogue.js';
import { srAgencyContacts, srAreas, srGroups, srServices, srSettings, type AreaRow, type GroupRow, type ServiceRow } from '../store/tables.js';

const code = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'use 1 to 64 letters, digits, dot, _ or -');
const localized = z.record(z.string().regex(/^[a-z]{2,3}$/), z.string().max(2000));

/** Checks that `agencyId` is an organisation of kind agency on this site; names `field` otherwise. */
export async function assertAgency(deps: Deps, siteId: string, agencyId: string, field: string): Promise<void> {
  const org = z.string().uuid().safeParse(agencyId).success ? await findOrganisation(deps.db, siteId, agencyId) : null;
  if (!org || org.kind !== 'agency')
    throw invalidInput({ [field]: 'is not an agency of this site' }, undefined, { [field]: { reason: 'invalid_choice' } });
}

export const groupInput = z.object({
  code,
  name: localized.refine((n) => Object.values(n).some(Boolean), { message: 'give a name', params: { reason: 'required' } }),
  position: z.number().int().default(0),
});

/** Creates or replaces a catalogue group (by code). */
export async function saveGroup(deps: Deps, siteId: string, input: unknown): Promise<GroupRow> {
  const v = parseInput(groupInput, input);
  return inTransaction(deps.db, async (tx) => {
    const [row] = await tx
      .insert(srGroups)
      .values({ id: newId(), siteId, code: v.code, name: v.name, position: v.position })
      .onConflictDoUpdate({ target: [srGroups.siteId, srGroups.code], set: { name: v.name, position: v.position } })
      .returning();
    await bumpCatalogueRevision(tx, siteId, deps.clock.now());
    return row;
  });
}

const attributeInput = z.object({
  code: z.string(),
  variable: z.boolean().default(true),
  datatype: z.enum(ATTRIBUTE_DATATYPES),
  required: z.boolean().default(false),
  description: z.string().max(500),
  datatypeDescription: z.string().max(500).optional(),
  order: z.number().int().min(0).default(1),
  values: z.array(z.object({ key: z.string().min(1).max(64), name: z.string().min(1).max(200) })).optional(),
});

export const serviceInput = z.object({
  code,
  groupCode: code.nullable().default(null),
  name: localized.refine((n) => Object.values(n).some(Boolean), { message: 'give a name', params: { reason: 'required' } }),
  description: localized.default({}),
  keywords: z.array(z.string().min(1).max(60)).max(30).default([]),
  type: z.enum(['realtime', 'batch', 'blackbox']).default('realtime'),
  attributes: z.array(attributeInput).max(50).default([]),
  agencyId: z.string().nullable().default(null),
  targetHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .nullable()
    .default(null),
  /** false for inquiries: questions that are not about a place. */
  locationRequired: z.boolean().default(true),
  active: z.boolean().default(true),
});

/** Creates or replaces a service (by code) with its attributes, agency and target time. */
export async function saveService(deps: Deps, siteId: string, input: unknown): Promise<ServiceRow> {
  const v = parseInput(serviceInput, input);
  const defs = checkAttributeDefinitions(v.attributes);
  if (defs.any) throw invalidInput(defs.fields, undefined, defs.reasons);
  if (v.agencyId) await assertAgency(deps, siteId, v.agencyId, 'agencyId');
  let groupId: string | null = null;
  if (v.groupCode) {
    const [g] = await deps.db
      .select()
      .from(srGroups)
      .where(and(eq(srGroups.siteId, siteId), eq(srGroups.code, v.groupCode)));
    if (!g) throw invalidInput({ groupCode: 'no such group' }, undefined, { groupCode: { reason: 'invalid_choice' } });
    groupId = g.id;
  }
  const values = {
    groupId,
    name: v.name,
    description: v.description,
    keywords: v.keywords,
    type: v.type,
    attributes: [...v.attributes].sort((a, b) => a.order - b.order),
    agencyId: v.agencyId,
    targetHours: v.targetHours,
    locationRequired: v.locationRequired,
    active: v.active,
  };
  return inTransaction(deps.db, async (tx) => {
    const [row] = await tx
      .insert(srServices)
      .values({ id: newId(), siteId, code: v.code, createdAt: deps.clock.now(), ...values })
      .onConflictDoUpdate({ target: [srServices.siteId, srServices.code], set: values })
      .returning();
    await bumpCatalogueRevision(tx, siteId, deps.clock.now());
    return row;
  });
}

export const areaInput = z.object({
  agencyId: z.string(),
  name: z.string().min(1).max(200),
  geometry: z.unknown(),
  serviceCodes: z.array(code).default([]),
  priority: z.number().int().min(-1000).max(1000).default(0),
});

/** Adds an area an agency covers; the GeoJSON is checked and its area computed once. */
export async function saveArea(deps: Deps, siteId: string, input: unknown): Promise<AreaRow> {
  const v = parseInput(areaInput, input);
  const check = validateAreaGeometry(v.geometry);
  if (!check.ok) throw invalidInput({ geometry: check.reason }, undefined, { geometry: { reason: 'invalid' } });
  await assertAgency(deps, siteId, v.agencyId, 'agencyId');
  return inTransaction(deps.db, async (tx) => {
    const [row] = await tx
      .insert(srAreas)
      .values({
        id: newId(),
        siteId,
        agencyId: v.agencyId,
        name: v.name,
        geometry: check.geometry,
        serviceCodes: v.serviceCodes,
        priority: v.priority,
        areaM2: areaOf(check.geometry),
        createdAt: deps.clock.now(),
      })
      .returning();
    await bumpCatalogueRevision(tx, siteId, deps.clock.now());
    return row;
  });
}

/** Removes an area; false when the site has no area with this id. */
export async function deleteArea(deps: Deps, siteId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  return inTransaction(deps.db, async (tx) => {
    const gone = await tx
      .delete(srAreas)
      .where(and(eq(srAreas.siteId, siteId), eq(srAreas.id, id)))
      .returning({ id: srAreas.id });
    if (gone.length) await bumpCatalogueRevision(tx, siteId, deps.clock.now());
    return gone.length > 0;
  });
}

/** Sets the agency that receives reports no area and no service claims. */
export async function setFallbackAgency(deps: Deps, siteId: string, agencyId: string | null): Promise<void> {
  if (agencyId) await assertAgency(deps, siteId, agencyId, 'fallbackAgencyId');
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await tx
      .insert(srSettings)
      .values({ siteId, fallbackAgencyId: agencyId, updatedAt: now })
      .onConflictDoUpdate({ target: srSettings.siteId, set: { fallbackAgencyId: agencyId, updatedAt: now } });
    await bumpCatalogueRevision(tx, siteId, now);
  });
}

export const agencyContactInput = z.object({
  agencyId: z.string(),
  notifyEmail: z.string().email().max(200).nullable().default(null),
  escalationEmail: z.string().email().max(200).nullable().default(null),
  webhookUrl: httpUrl(500).nullable().default(null),
});

/** A new webhook signing secret: 32 random bytes, URL-safe, prefixed so it is recognisable in a config file. */
export function newWebhookSecret(): string {
  return `whsec_${newToken(32)}`;
}

/**
 * Sets how an agency is told of new reports (email, webhook) and whom overdue ones escalate to.
 * An agency with a webhook gets a signing secret the first time (kept when the address changes;
 * `rotateWebhookSecret` replaces it).
 */
export async function saveAgencyContact(deps: Deps, siteId: string, input: unknown): Promise<void> {
  const v = parseInput(agencyContactInput, input);
  await assertAgency(deps, siteId, v.agencyId, 'agencyId');
  const now = deps.clock.now();
  const set = { notifyEmail: v.notifyEmail, escalationEmail: v.escalationEmail, webhookUrl: v.webhookUrl, updatedAt: now };
  await deps.db
    .insert(srAgencyContacts)
    .values({ siteId, agencyId: v.agencyId, ...set, webhookSecret: v.webhookUrl ? newWebhookSecret() : null })
    .onConflictDoUpdate({
      target: [srAgencyContacts.siteId, srAgencyContacts.agencyId],
      set: { ...set, webhookSecret: sql`coalesce(${srAgencyContacts.webhookSecret}, ${v.webhookUrl ? newWebhookSecret() : null})` },
    });
}

/** Replaces an agency's webhook signing secret (the old one stops verifying at once); returns the new one. */
export async function rotateWebhookSecret(deps: Deps, siteId: string, agencyId: string): Promise<string> {
  await assertAgency(deps, siteId, agencyId, 'agencyId');
  const secret = newWebhookSecret();
  const now = deps.clock.now();
  await deps.db
    .insert(srAgencyContacts)
    .values({ siteId, agencyId, webhookSecret: secret, updatedAt: now })
    .onConflictDoUpdate({ target: [srAgencyContacts.siteId, srAgencyContacts.agencyId], set: { webhookSecret: secret, updatedAt: now } });
  return secret;
}

/** Refuses a service code that does not exist on the site. */
export function unknownService(codeValue: string, field = 'service_code'): AppError {
  return invalidInput({ [field]: `no service has the code ${JSON.stringify(codeValue)}` }, undefined, { [field]: { reason: 'invalid_choice' } });
}
