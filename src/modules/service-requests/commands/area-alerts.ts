import { and, asc, eq, gt, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { enqueueJob, type JobRow } from '../../../db/jobs.js';
import { hitRateLimit } from '../../../db/rate-limit.js';
import { jobs } from '../../../db/tables.js';
import type { Clock } from '../../../kernel/clock.js';
import { AppError, invalidInput } from '../../../kernel/errors.js';
import { pickText } from '../../../kernel/i18n.js';
import { isUuid, newId, newToken } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { findSiteOrigin } from '../../sites/index.js';
import { containsPoint, haversineMeters, isValidPosition } from '../core/geo.js';
import { shortReference } from '../core/reference.js';
import { Refusals } from '../core/refusals.js';
import { listAreas, listServices } from '../store/catalogue.js';
import { findPlace } from '../store/places.js';
import { srAreaAlerts, srAreas, srRequests, type AreaAlertRow, type AreaRow, type RequestRow } from '../store/tables.js';
import { reportUrl, residentText } from './resident-text.js';

/** Job kind that mails each followed area its new reports. */
export const AREA_ALERTS_JOB = 'service-requests.area-alerts';
/** New reports are gathered this long before their alerts go out: one mail per batch, not per report. */
export const ALERT_BATCH_MS = 15 * 60_000;
/** Reports younger than this are left to the next batch, so a report still being saved is never skipped. */
const ALERT_LAG_MS = 60_000;
/** The distances around a point a person can follow. */
export const ALERT_RADII = [250, 500, 1000, 2000] as const;
/** Most reports listed in one alert; the rest are counted with a link to the list. */
const ALERT_LIST_MAX = 20;

/** Follow requests (each sends a confirmation mail) allowed per client and per address in an hour. */
const ALERT_REQUESTS_PER_HOUR = 10;

const TOKEN = /^[A-Za-z0-9_-]{8,64}$/;

/** What the follow form sends: an area of the site, or a place or point with a distance; and the e-mail. */
export const alertInput = z.object({
  email: z.string().trim().max(200, 'at most 200 characters').email('not an email address'),
  area: z.string().optional(),
  place: z.string().optional(),
  lat: z.number().optional(),
  lon: z.number().optional(),
  radius: z.number().optional(),
});

/**
 * What an alert follows, in words that fit after "in" in the reader's language: the area's name,
 * or "the area within 500 m of Mill Road" for a place or point and a distance.
 */
export function alertLabel(alert: Pick<AreaAlertRow, 'label' | 'radiusM'>, locale: string): string {
  return alert.radiusM ? residentText(locale, 'sr.alerts.around', { meters: alert.radiusM, place: alert.label }) : alert.label;
}

/** The links of an alert's mails: confirm it, stop it. */
export function alertLink(origin: string, step: 'confirm' | 'stop', token: string): string {
  return `${origin}/service-requests/alerts/${step}?token=${encodeURIComponent(token)}`;
}

/**
 * Starts following an area: stores the alert unconfirmed and mails the confirmation link (double
 * opt-in: nothing else is sent before the link is used). Following the same thing again with the
 * same address re-sends the link while unconfirmed and does nothing once confirmed, so the answer
 * never tells who already follows what.
 */
export async function followArea(
  deps: Deps,
  siteId: string,
  raw: unknown,
  args: { locale: string; origin?: string; client?: string },
): Promise<void> {
  const v = parseInput(alertInput, raw);
  // Each request mails someone: capped per client and per address, so the form cannot be used to flood an inbox.
  for (const key of [...(args.client ? [`sr-alerts:client:${args.client}`] : []), `sr-alerts:email:${siteId}:${v.email.toLowerCase()}`]) {
    const hit = await hitRateLimit(deps.db, deps.clock, key, ALERT_REQUESTS_PER_HOUR, 3600_000);
    if (!hit.allowed)
      throw new AppError('rate_limited', 'Too many alert requests: try again later.', {
        reason: { reason: 'rate_limited' },
        details: { retryAfterSeconds: hit.retryAfterSeconds },
      });
  }
  const refused = new Refusals();
  let target: { areaId: string | null; lat: number | null; lon: number | null; radiusM: number | null; label: string } | null = null;
  const hasPoint = v.lat !== undefined || v.lon !== undefined;
  if ([v.area, v.place, hasPoint ? 'point' : undefined].filter(Boolean).length > 1)
    refused.add('area', 'choose one: an area, or a place, or a point on the map', 'alert_one_target');
  else if (v.area) {
    const area = isUuid(v.area) ? (await listAreas(deps.db, siteId)).find((a) => a.id === v.area) : undefined;
    if (!area) refused.add('area', 'choose one of the areas in the list', 'invalid_choice');
    else target = { areaId: area.id, lat: null, lon: null, radiusM: null, label: area.name };
  } else if (v.place || hasPoint) {
    const radius = v.radius ?? 500;
    if (!(ALERT_RADII as readonly number[]).includes(radius)) refused.add('radius', 'choose one of the distances in the list', 'invalid_choice');
    if (v.place) {
      const place = isUuid(v.place) ? await findPlace(deps.db, siteId, v.place) : null;
      if (!place) refused.add('place', 'choose one of the places in the list', 'invalid_choice');
      else target = { areaId: null, lat: place.lat, lon: place.lon, radiusM: radius, label: place.name };
    } else if (v.lat === undefined || v.lon === undefined)
      refused.add(v.lat === undefined ? 'lat' : 'long', 'give both latitude and longitude', 'both_coordinates');
    else if (!isValidPosition(v.lat, v.lon)) {
      if (!isValidPosition(v.lat, 0)) refused.add('lat', 'latitude from -90 to 90', 'latitude_range');
      if (!isValidPosition(0, v.lon)) refused.add('long', 'longitude from -180 to 180', 'longitude_range');
    } else target = { areaId: null, lat: v.lat, lon: v.lon, radiusM: radius, label: `${v.lat.toFixed(5)}, ${v.lon.toFixed(5)}` };
  } else refused.add('area', 'choose an area, a place or a point on the map', 'alert_no_target');
  if (refused.any || !target) throw invalidInput(refused.fields, undefined, refused.reasons);

  const same = await deps.db
    .select()
    .from(srAreaAlerts)
    .where(
      and(
        eq(srAreaAlerts.siteId, siteId),
        eq(srAreaAlerts.email, v.email),
        target.areaId ? eq(srAreaAlerts.areaId, target.areaId) : isNull(srAreaAlerts.areaId),
        target.lat !== null ? eq(srAreaAlerts.lat, target.lat) : isNull(srAreaAlerts.lat),
        target.lon !== null ? eq(srAreaAlerts.lon, target.lon) : isNull(srAreaAlerts.lon),
        target.radiusM !== null ? eq(srAreaAlerts.radiusM, target.radiusM) : isNull(srAreaAlerts.radiusM),
      ),
    )
    .limit(1);
  let alert = same[0];
  if (alert?.confirmedAt) return;
  if (!alert) {
    [alert] = await deps.db
      .insert(srAreaAlerts)
      .values({ id: newId(), siteId, email: v.email, locale: args.locale, ...target, token: newToken(16), createdAt: deps.clock.now() })
      .returning();
  }
  const base = await findSiteOrigin(deps, siteId, args.origin ?? '');
  const values = {
    label: alertLabel(alert, alert.locale),
    link: alertLink(base, 'confirm', alert.token),
    stop: alertLink(base, 'stop', alert.token),
  };
  await deps.mailer.send({
    siteId,
    to: alert.email,
    subject: residentText(alert.locale, 'sr.mail.alertConfirm.subject', values),
    text: `${residentText(alert.locale, 'sr.mail.alertConfirm.text', values)}\n`,
  });
}

/** The alert an e-mailed link's token stands for, or null when the link does not work. */
export async function findAlertByToken(db: Db, siteId: string, token: string): Promise<AreaAlertRow | null> {
  if (typeof token !== 'string' || !TOKEN.test(token)) return null;
  const [row] = await db
    .select()
    .from(srAreaAlerts)
    .where(and(eq(srAreaAlerts.siteId, siteId), eq(srAreaAlerts.token, token)))
    .limit(1);
  return row ?? null;
}

/** Confirms an alert (the confirmation link's button): alerts start with reports made from now on. */
export async function confirmAlert(deps: Deps, siteId: string, token: string): Promise<AreaAlertRow> {
  const row = await findAlertByToken(deps.db, siteId, token);
  if (!row) throw new AppError('not_found', 'This link is not valid or the alert has been stopped.');
  if (row.confirmedAt) return row;
  const now = deps.clock.now();
  const [updated] = await deps.db.update(srAreaAlerts).set({ confirmedAt: now, sentUpTo: now }).where(eq(srAreaAlerts.id, row.id)).returning();
  return updated;
}

/** Stops an alert (the link in every alert and in the confirmation mail); a used or unknown token is not_found. */
export async function stopAlert(deps: Deps, siteId: string, token: string): Promise<{ label: string }> {
  const ok = typeof token === 'string' && TOKEN.test(token);
  const [row] = ok
    ? await deps.db
        .delete(srAreaAlerts)
        .where(and(eq(srAreaAlerts.siteId, siteId), eq(srAreaAlerts.token, token)))
        .returning({ label: srAreaAlerts.label })
    : [];
  if (!row) throw new AppError('not_found', 'This link is not valid or the alert has been stopped.');
  return row;
}

/**
 * Makes sure a batch of area alerts is due for a site that just got a report: queues one job at
 * the end of the batch window, unless one already queued will run late enough to see this report.
 * Takes the transaction the report is saved in.
 */
export async function queueAreaAlerts(db: Db, clock: Clock, siteId: string): Promise<void> {
  const now = clock.now();
  // One round trip: is anyone following an area here, and is a late enough batch already queued?
  const [state] = rowsOf<{ following: boolean; pending: boolean }>(
    await db.execute(sql`SELECT
      EXISTS (SELECT 1 FROM ${srAreaAlerts} WHERE ${srAreaAlerts.siteId} = ${siteId} AND ${srAreaAlerts.confirmedAt} IS NOT NULL) AS following,
      EXISTS (SELECT 1 FROM ${jobs} WHERE ${jobs.kind} = ${AREA_ALERTS_JOB} AND ${jobs.siteId} = ${siteId} AND ${jobs.status} = 'queued'
              AND ${jobs.runAt} >= ${new Date(now.getTime() + ALERT_LAG_MS).toISOString()}) AS pending`),
  );
  if (state?.following && !state.pending)
    await enqueueJob(db, clock, { kind: AREA_ALERTS_JOB, siteId, runAt: new Date(now.getTime() + ALERT_BATCH_MS) });
}

/** Whether a report lies inside what an alert follows. */
function alertCovers(alert: AreaAlertRow, areas: Map<string, AreaRow>, r: RequestRow): boolean {
  if (r.lat === null || r.lon === null) return false;
  if (alert.areaId) {
    const area = areas.get(alert.areaId);
    return !!area && containsPoint(area.geometry, r.lat, r.lon);
  }
  if (alert.lat === null || alert.lon === null || alert.radiusM === null) return false;
  return haversineMeters(alert.lat, alert.lon, r.lat, r.lon) <= alert.radiusM;
}

/**
 * The batch job: for every confirmed alert of the site, the reports made since it was last
 * served (up to a minute ago) that lie inside its area or circle go out in one mail, with the
 * link that stops the alert. Each alert is claimed by moving its mark first, so two workers never
 * mail the same reports twice.
 */
export async function sendAreaAlerts(deps: Deps, job: JobRow): Promise<void> {
  const siteId = job.siteId as string;
  const cutoff = new Date(deps.clock.now().getTime() - ALERT_LAG_MS);
  const alerts = await deps.db
    .select()
    .from(srAreaAlerts)
    .where(and(eq(srAreaAlerts.siteId, siteId), isNotNull(srAreaAlerts.confirmedAt), isNotNull(srAreaAlerts.sentUpTo)));
  if (!alerts.length) return;
  const since = new Date(Math.min(...alerts.map((a) => (a.sentUpTo as Date).getTime())));
  const reports = await deps.db
    .select()
    .from(srRequests)
    .where(
      and(
        eq(srRequests.siteId, siteId),
        gt(srRequests.requestedAt, since),
        lte(srRequests.requestedAt, cutoff),
        isNotNull(srRequests.lat),
        isNotNull(srRequests.lon),
      ),
    )
    .orderBy(asc(srRequests.requestedAt));
  const areaIds = [...new Set(alerts.map((a) => a.areaId).filter((x): x is string => !!x))];
  const areas = new Map(
    areaIds.length ? (await deps.db.select().from(srAreas).where(eq(srAreas.siteId, siteId))).map((a) => [a.id, a] as const) : [],
  );
  const services = new Map((await listServices(deps.db, siteId, { all: true })).map((s) => [s.code, s]));
  const base = await findSiteOrigin(deps, siteId, '');
  for (const alert of alerts) {
    const mark = alert.sentUpTo as Date;
    if (mark.getTime() >= cutoff.getTime()) continue;
    const claimed = await deps.db
      .update(srAreaAlerts)
      .set({ sentUpTo: cutoff })
      .where(and(eq(srAreaAlerts.id, alert.id), eq(srAreaAlerts.sentUpTo, mark)))
      .returning({ id: srAreaAlerts.id });
    if (!claimed.length) continue;
    const found = reports.filter((r) => r.requestedAt.getTime() > mark.getTime() && alertCovers(alert, areas, r));
    if (!found.length) continue;
    const locale = alert.locale;
    const lines = [residentText(locale, 'sr.mail.alert.intro', { count: found.length, label: alertLabel(alert, locale) }), ''];
    for (const r of found.slice(0, ALERT_LIST_MAX)) {
      const service = services.get(r.serviceCode);
      const values = {
        service: service ? pickText(service.name, locale, 'en').text : r.serviceCode,
        reference: shortReference(r.id),
        place: r.address ?? '',
      };
      lines.push(residentText(locale, r.address ? 'sr.mail.alert.itemAt' : 'sr.mail.alert.item', values), `  ${reportUrl(base, r.id)}`);
    }
    if (found.length > ALERT_LIST_MAX)
      lines.push('', residentText(locale, 'sr.mail.alert.more', { count: found.length - ALERT_LIST_MAX, link: `${base}/service-requests` }));
    lines.push('', residentText(locale, 'sr.mail.alert.stop', { link: alertLink(base, 'stop', alert.token) }));
    await deps.mailer.send({
      siteId,
      to: alert.email,
      subject: residentText(locale, 'sr.mail.alert.subject', { count: found.length, label: alertLabel(alert, locale) }),
      text: `${lines.join('\n')}\n`,
    });
  }
}
