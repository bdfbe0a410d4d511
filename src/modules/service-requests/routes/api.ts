import { createRoute, z } from '@hono/zod-openapi';
import type { ApiApp } from '../../../db/context.js';
import { errorResponses, json } from '../../../kernel/api.js';
import { AppError } from '../../../kernel/errors.js';
import { authorize } from '../../../kernel/policy.js';
import { createApiKey, revokeApiKey } from '../commands/api-keys.js';
import {
  agencyContactInput,
  areaInput,
  deleteArea,
  groupInput,
  rotateWebhookSecret,
  saveAgencyContact,
  saveArea,
  saveGroup,
  saveService,
  serviceInput,
  setFallbackAgency,
} from '../commands/catalogue.js';
import { changeRequest, requireRequest, staffChangeInput } from '../commands/update-request.js';
import { isValidPosition } from '../core/geo.js';
import { routeRequest } from '../core/routing.js';
import { listApiKeys } from '../store/api-keys.js';
import { findFallbackAgency, findServiceByCode, listAreas, listGroups, listServices } from '../store/catalogue.js';

const tags = ['Service requests'];
const ok = z.object({ ok: z.literal(true) });

const catalogueSchema = z
  .object({
    groups: z.array(z.object({ code: z.string(), name: z.record(z.string(), z.string()), position: z.number() })),
    services: z.array(
      z.object({
        code: z.string(),
        groupCode: z.string().nullable(),
        name: z.record(z.string(), z.string()),
        description: z.record(z.string(), z.string()),
        keywords: z.array(z.string()),
        type: z.string(),
        attributes: z.array(z.unknown()),
        agencyId: z.string().nullable(),
        targetHours: z.number().nullable(),
        active: z.boolean(),
      }),
    ),
    areas: z.array(
      z.object({
        id: z.string(),
        agencyId: z.string(),
        name: z.string(),
        serviceCodes: z.array(z.string()),
        priority: z.number(),
        areaM2: z.number(),
        geometry: z.unknown(),
      }),
    ),
    fallbackAgencyId: z.string().nullable(),
  })
  .openapi('ServiceCatalogue');

const routingSchema = z
  .object({
    agencyId: z.string().nullable(),
    reason: z.enum(['area', 'service_default', 'fallback', 'none']),
    areaId: z.string().nullable(),
    outsideEveryArea: z.boolean(),
  })
  .openapi('RoutingResult');

/** JSON API of the catalogue (admins), routing preview, API keys (admins) and staff changes (agency staff). */
export function registerServiceRequestsApi(app: ApiApp): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/service-requests/catalogue',
      tags,
      summary: 'Groups, services, agency areas and the fallback agency',
      responses: { 200: json(catalogueSchema) },
    }),
    async (c) => {
      const { db } = c.get('deps');
      const siteId = c.get('ctx').site.id;
      const [groups, services, areas, fallbackAgencyId] = await Promise.all([
        listGroups(db, siteId),
        listServices(db, siteId, { all: true }),
        listAreas(db, siteId),
        findFallbackAgency(db, siteId),
      ]);
      const groupCode = new Map(groups.map((g) => [g.id, g.code]));
      return c.json(
        {
          groups: groups.map((g) => ({ code: g.code, name: g.name, position: g.position })),
          services: services.map((s) => ({
            code: s.code,
            groupCode: s.groupId ? (groupCode.get(s.groupId) ?? null) : null,
            name: s.name,
            description: s.description,
            keywords: s.keywords,
            type: s.type,
            attributes: s.attributes,
            agencyId: s.agencyId,
            targetHours: s.targetHours,
            active: s.active,
          })),
          areas: areas.map((a) => ({
            id: a.id,
            agencyId: a.agencyId,
            name: a.name,
            serviceCodes: a.serviceCodes,
            priority: a.priority,
            areaM2: a.areaM2,
            geometry: a.geometry,
          })),
          fallbackAgencyId,
        },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/service-requests/groups',
      tags,
      summary: 'Create or replace a service group (admins)',
      request: { body: json(groupInput) },
      responses: { 200: json(ok), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      authorize(deps.permissions, c.get('ctx').actor, 'service-requests.catalogue.manage');
      await saveGroup(deps, c.get('ctx').site.id, c.req.valid('json'));
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/service-requests/services',
      tags,
      summary: 'Create or replace a service with its attributes, agency and target time (admins)',
      request: { body: json(serviceInput) },
      responses: { 200: json(ok), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      authorize(deps.permissions, c.get('ctx').actor, 'service-requests.catalogue.manage');
      await saveService(deps, c.get('ctx').site.id, c.req.valid('json'));
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/service-requests/areas',
      tags,
      summary: 'Add an area (GeoJSON Polygon or MultiPolygon) an agency covers (admins)',
      request: { body: json(areaInput) },
      responses: { 201: json(z.object({ id: z.string(), areaM2: z.number() }), 'Created'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      authorize(deps.permissions, c.get('ctx').actor, 'service-requests.catalogue.manage');
      const row = await saveArea(deps, c.get('ctx').site.id, c.req.valid('json'));
      return c.json({ id: row.id, areaM2: row.areaM2 }, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/service-requests/areas/{id}',
      tags,
      summary: 'Remove an area (admins)',
      request: { params: z.object({ id: z.string() }) },
      responses: { 200: json(ok), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      authorize(deps.permissions, c.get('ctx').actor, 'service-requests.catalogue.manage');
      const { id } = c.req.valid('param');
      if (!(await deleteArea(deps, c.get('ctx').site.id, id))) throw new AppError('not_found', 'Area was not found.');
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/service-requests/settings',
      tags,
      summary: 'Set the fallback agency (admins)',
      request: { body: json(z.object({ fallbackAgencyId: z.string().nullable() })) },
      responses: { 200: json(ok), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      authorize(deps.permissions, c.get('ctx').actor, 'service-requests.catalogue.manage');
      await setFallbackAgency(deps, c.get('ctx').site.id, c.req.valid('json').fallbackAgencyId);
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/service-requests/agency-contacts',
      tags,
      summary: 'Set how an agency hears of new and overdue reports (admins)',
      request: { body: json(agencyContactInput) },
      responses: { 200: json(ok), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      authorize(deps.permissions, c.get('ctx').actor, 'service-requests.catalogue.manage');
      await saveAgencyContact(deps, c.get('ctx').site.id, c.req.valid('json'));
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/service-requests/agency-contacts/{agencyId}/webhook-secret',
      tags,
      summary: "Replace an agency's webhook signing secret (admins); answers the new secret",
      description:
        'Every webhook POST carries `X-Polity-Timestamp` (Unix seconds) and `X-Polity-Signature: sha256=<hex>`, the HMAC-SHA256 of `<timestamp>.<body>` keyed by this secret. The old secret stops verifying at once.',
      request: { params: z.object({ agencyId: z.string() }) },
      responses: { 200: json(z.object({ secret: z.string() })), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      authorize(deps.permissions, c.get('ctx').actor, 'service-requests.catalogue.manage');
      const secret = await rotateWebhookSecret(deps, c.get('ctx').site.id, c.req.valid('param').agencyId);
      return c.json({ secret }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/service-requests/route',
      tags,
      summary: 'Which agency a report of a service at a point goes to, and why',
      request: { query: z.object({ service_code: z.string().min(1), lat: z.coerce.number(), long: z.coerce.number() }) },
      responses: { 200: json(routingSchema), ...errorResponses },
    }),
    async (c) => {
      const { db } = c.get('deps');
      const siteId = c.get('ctx').site.id;
      const q = c.req.valid('query');
      if (!isValidPosition(q.lat, q.long))
        throw new AppError('invalid_input', 'Bad position.', { fields: { lat: 'lat must be -90..90 and long -180..180' } });
      const service = await findServiceByCode(db, siteId, q.service_code);
      if (!service)
        throw new AppError('invalid_input', 'Unknown service.', {
          fields: { service_code: `no service has the code ${JSON.stringify(q.service_code)}` },
        });
      const [areas, fallback] = await Promise.all([listAreas(db, siteId), findFallbackAgency(db, siteId)]);
      return c.json(
        routeRequest({ serviceCode: service.code, lat: q.lat, lon: q.long, serviceAgencyId: service.agencyId, fallbackAgencyId: fallback }, areas),
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/service-requests/api-keys',
      tags,
      summary: 'Open311 API keys of the site (admins; never the keys themselves)',
      responses: {
        200: json(
          z.object({
            items: z.array(
              z.object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() }),
            ),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      authorize(deps.permissions, c.get('ctx').actor, 'service-requests.api-keys.manage');
      const rows = await listApiKeys(deps.db, c.get('ctx').site.id);
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            name: r.name,
            prefix: r.prefix,
            createdAt: r.createdAt.toISOString(),
            revokedAt: r.revokedAt?.toISOString() ?? null,
          })),
        },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/service-requests/api-keys',
      tags,
      summary: 'Issue an Open311 API key (admins); the key is in this answer only',
      request: { body: json(z.object({ name: z.string() })) },
      responses: { 201: json(z.object({ id: z.string(), key: z.string() }), 'Created'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { actor, site } = c.get('ctx');
      authorize(deps.permissions, actor, 'service-requests.api-keys.manage');
      const created = await createApiKey(deps, site.id, { name: c.req.valid('json').name, createdBy: actor.kind === 'user' ? actor.userId : null });
      return c.json(created, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/service-requests/api-keys/{id}',
      tags,
      summary: 'Revoke an Open311 API key (admins)',
      request: { params: z.object({ id: z.string() }) },
      responses: { 200: json(ok), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      authorize(deps.permissions, c.get('ctx').actor, 'service-requests.api-keys.manage');
      await revokeApiKey(deps, c.get('ctx').site.id, c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/service-requests/requests/{id}/changes',
      tags,
      summary: 'Change a report: status, public update or internal note, assignment, service (staff of its agency)',
      request: { params: z.object({ id: z.string() }), body: json(staffChangeInput) },
      responses: {
        200: json(z.object({ id: z.string(), status: z.string(), agencyId: z.string().nullable(), serviceCode: z.string() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { actor, site, origin } = c.get('ctx');
      const row = await requireRequest(deps.db, site.id, c.req.valid('param').id);
      authorize(deps.permissions, actor, 'service-requests.request.manage', { agencyId: row.agencyId });
      const updated = await changeRequest(deps, site.id, row.id, c.req.valid('json'), actor.kind === 'user' ? actor.userId : null, origin);
      return c.json({ id: updated.id, status: updated.status, agencyId: updated.agencyId, serviceCode: updated.serviceCode }, 200);
    },
  );
}
