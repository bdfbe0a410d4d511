import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/connection.js';
import type { Deps } from '../../../db/context.js';
import { AppError, invalidInput } from '../../../kernel/errors.js';
import { isUuid, newId } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { routeRequest } from '../core/routing.js';
import { canResidentReopen, canTransition, REOPEN_WINDOW_DAYS, STATUSES, type Status } from '../core/status.js';
import { Refusals } from '../core/refusals.js';
import { expectedAt } from '../core/stats.js';
import { findFallbackAgency, findServiceByCode, listAreas } from '../store/catalogue.js';
import { findRequest, listSubscribers } from '../store/requests.js';
import { enqueueJob } from '../../../db/jobs.js';
import { pickText } from '../../../kernel/i18n.js';
import { listAgencyStaff } from '../../accounts/index.js';
import { findOrganisation, findSiteOrigin } from '../../sites/index.js';
import { NOTIFY_AGENCY_JOB } from './create-request.js';
import { reportUrl, reportWords, residentText, siteMailLocale } from './resident-text.js';
import { srRequests, srSubscriptions, srUpdates, type RequestRow } from '../store/tables.js';

/** A change staff make to a report; every part optional, applied together. */
export const staffChangeInput = z.object({
  status: z.enum(STATUSES).optional(),
  text: z.string().max(4000, 'at most 4,000 characters').default(''),
  visibility: z.enum(['public', 'internal']).default('public'),
  duplicateOf: z.string().optional(),
  referredTo: z.string().max(200).optional(),
  assignedTo: z.string().nullable().optional(),
  serviceCode: z.string().max(64).optional(),
});

/** Loads a report or fails with not_found. */
export async function requireRequest(db: Db, siteId: string, id: string): Promise<RequestRow> {
  const row = isUuid(id) ? await findRequest(db, siteId, id) : null;
  if (!row) throw new AppError('not_found', 'Report was not found.');
  return row;
}

/**
 * Applies a staff change: a status move (checked against the status model; `duplicate` needs the
 * original report, `referred` the body it went to), an assignment (to a staff member of the
 * report's agency, or the actor), a change of service (which re-routes the report and resets its
 * due time) and a public update or internal note. Referring to another agency of the site
 * (`referredTo` = its id) hands the report over: it becomes that agency's, open again and
 * unassigned; referring to an outside body (a name) closes it as `referred`. Whenever the agency
 * changes, the new one is told as of a new report. Public updates and status changes are mailed
 * to the report's subscribers.
 */
export async function changeRequest(
  deps: Deps,
  siteId: string,
  id: string,
  input: unknown,
  actorId: string | null,
  origin = '',
): Promise<RequestRow> {
  const v = parseInput(staffChangeInput, input);
  const current = await requireRequest(deps.db, siteId, id);
  const now = deps.clock.now();
  const set: Partial<typeof srRequests.$inferInsert> = { updatedAt: now };
  const refused = new Refusals();
  let referredAgency: string | null = null;
  if (v.status && v.status !== current.status) {
    if (!canTransition(current.status, v.status))
      refused.add('status', `a report cannot go from ${current.status} to ${v.status}`, 'status_not_allowed');
    set.status = v.status;
    if (v.status === 'resolved' || (v.status === 'closed' && !current.resolvedAt)) set.resolvedAt = now;
    if (v.status === 'open') {
      set.resolvedAt = null;
      set.reopened = true;
    }
    if (v.status === 'duplicate') {
      const original = v.duplicateOf && isUuid(v.duplicateOf) && v.duplicateOf !== id ? await findRequest(deps.db, siteId, v.duplicateOf) : null;
      if (!original) refused.add('duplicateOf', 'name the original report (another report of this site)', 'original_report');
      else set.duplicateOf = original.id;
    }
    if (v.status === 'referred') {
      if (!v.referredTo) refused.add('referredTo', 'name the body the report was referred to', 'required');
      else if (isUuid(v.referredTo)) {
        const agency = await findOrganisation(deps.db, siteId, v.referredTo);
        if (!agency || agency.kind !== 'agency') refused.add('referredTo', 'is not an agency of this site', 'invalid_choice');
        else if (agency.id === current.agencyId)
          refused.add('referredTo', 'is already the agency responsible for this report', 'already_responsible');
        else {
          referredAgency = pickText(agency.name, 'en', 'en').text;
          Object.assign(set, { agencyId: agency.id, status: 'open', referredTo: referredAgency, assignedTo: null, escalatedAt: null });
        }
      } else set.referredTo = v.referredTo;
    }
  }
  if (v.serviceCode && v.serviceCode !== current.serviceCode) {
    const service = await findServiceByCode(deps.db, siteId, v.serviceCode);
    if (!service) refused.add('serviceCode', `no service has the code ${JSON.stringify(v.serviceCode)}`, 'invalid_choice');
    else {
      const [areas, fallback] = await Promise.all([listAreas(deps.db, siteId), findFallbackAgency(deps.db, siteId)]);
      const routed = routeRequest(
        { serviceCode: service.code, lat: current.lat, lon: current.lon, serviceAgencyId: service.agencyId, fallbackAgencyId: fallback },
        areas.map((a) => ({ ...a, areaM2: a.areaM2 })),
      );
      Object.assign(set, {
        serviceId: service.id,
        serviceCode: service.code,
        // A referral in the same change names the agency; otherwise the new service routes it.
        ...(referredAgency ? {} : { agencyId: routed.agencyId, areaId: routed.areaId }),
        expectedAt: expectedAt(current.requestedAt, service.targetHours),
        escalatedAt: null,
      });
    }
  }
  const agencyChanged = set.agencyId !== undefined && set.agencyId !== current.agencyId;
  if (agencyChanged && v.assignedTo === undefined) set.assignedTo = null;
  if (v.assignedTo !== undefined) {
    const agencyId = set.agencyId !== undefined ? set.agencyId : current.agencyId;
    if (v.assignedTo === null) set.assignedTo = null;
    else if (!isUuid(v.assignedTo)) refused.add('assignedTo', 'not a person', 'invalid_choice');
    else if (v.assignedTo === actorId) set.assignedTo = v.assignedTo;
    else if (!agencyId || !(await listAgencyStaff(deps.db, siteId, agencyId)).some((p) => p.id === v.assignedTo))
      refused.add('assignedTo', 'is not on the staff of the agency responsible for this report', 'not_agency_staff');
    else set.assignedTo = v.assignedTo;
  }
  if (refused.any) throw invalidInput(refused.fields, undefined, refused.reasons);
  const statusChanged = !!set.status && set.status !== current.status;
  const text = v.text.trim();
  const notes: string[] = [];
  if (set.serviceCode) notes.push(`service changed from ${current.serviceCode} to ${set.serviceCode}`);
  if (v.status === 'referred' && v.referredTo) notes.push(`referred to ${referredAgency ?? v.referredTo}`);
  const row = await inTransaction(deps.db, async (tx) => {
    const [updated] = await tx
      .update(srRequests)
      .set({ ...set, statusNotes: statusChanged && text && v.visibility === 'public' ? text : current.statusNotes })
      .where(and(eq(srRequests.siteId, siteId), eq(srRequests.id, id)))
      .returning();
    if (agencyChanged && set.agencyId)
      await enqueueJob(tx, deps.clock, { kind: NOTIFY_AGENCY_JOB, siteId, payload: { requestId: id, origin, event: 'service_request.routed' } });
    if (statusChanged || text || notes.length) {
      await tx.insert(srUpdates).values({
        id: newId(),
        siteId,
        requestId: id,
        authorId: actorId,
        visibility: statusChanged || referredAgency ? 'public' : v.visibility,
        statusFrom: statusChanged ? current.status : null,
        statusTo: statusChanged ? (set.status as Status) : null,
        text: [text && (statusChanged && v.visibility === 'internal' ? '' : text), ...notes].filter(Boolean).join('\n'),
        createdAt: now,
      });
      if (statusChanged && text && v.visibility === 'internal') {
        await tx.insert(srUpdates).values({
          id: newId(),
          siteId,
          requestId: id,
          authorId: actorId,
          visibility: 'internal',
          statusFrom: null,
          statusTo: null,
          text,
          createdAt: now,
        });
      }
    }
    return updated;
  });
  if (statusChanged || (text && v.visibility === 'public')) await mailSubscribers(deps, siteId, row, v.visibility === 'public' ? text : '', origin);
  return row;
}

/** Applies one change to several reports; each succeeds or fails on its own, reported by id. */
export async function changeRequests(
  deps: Deps,
  siteId: string,
  ids: string[],
  input: unknown,
  actorId: string | null,
  origin = '',
): Promise<{ done: string[]; failed: Record<string, string> }> {
  const done: string[] = [];
  const failed: Record<string, string> = {};
  for (const id of ids) {
    try {
      await changeRequest(deps, siteId, id, input, actorId, origin);
      done.push(id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      failed[id] = Object.values(err.fields)[0] ?? err.message;
    }
  }
  return { done, failed };
}

/**
 * The resident's answer after a fix: `fixed` closes the report; `not_fixed` reopens it, only
 * within the reopen window after resolution.
 */
export async function answerFix(deps: Deps, siteId: string, id: string, answer: 'fixed' | 'not_fixed', text = '', origin = ''): Promise<RequestRow> {
  const current = await requireRequest(deps.db, siteId, id);
  const now = deps.clock.now();
  if (!canResidentReopen(current.status, current.resolvedAt, now)) {
    throw new AppError('invalid_state', 'This report can no longer be confirmed or reopened.', {
      fields: { answer: `only a report resolved in the last ${REOPEN_WINDOW_DAYS} days can be confirmed or reopened` },
      reasons: { answer: { reason: 'reopen_window', values: { days: REOPEN_WINDOW_DAYS } } },
      reason: { reason: 'reopen_window', values: { days: REOPEN_WINDOW_DAYS } },
    });
  }
  const to: Status = answer === 'fixed' ? 'closed' : 'open';
  const note = (text.trim() || (answer === 'fixed' ? 'The reporter confirmed the fix.' : 'The reporter says it is not fixed.')).slice(0, 2000);
  const row = await inTransaction(deps.db, async (tx) => {
    const [updated] = await tx
      .update(srRequests)
      .set(answer === 'fixed' ? { status: to, updatedAt: now } : { status: to, updatedAt: now, reopened: true, resolvedAt: null, escalatedAt: null })
      .where(and(eq(srRequests.siteId, siteId), eq(srRequests.id, id)))
      .returning();
    await tx.insert(srUpdates).values({
      id: newId(),
      siteId,
      requestId: id,
      authorId: null,
      visibility: 'public',
      statusFrom: current.status,
      statusTo: to,
      text: note,
      createdAt: now,
    });
    return updated;
  });
  await mailSubscribers(deps, siteId, row, note, origin);
  return row;
}

/** The link in every subscriber mail that ends that subscription (a page with a confirm button). */
export function unsubscribeUrl(origin: string, token: string): string {
  return `${origin}/service-requests/unsubscribe?token=${encodeURIComponent(token)}`;
}

/**
 * Ends the subscription whose unsubscribe link carries `token`; an unknown or already used token
 * is refused as not_found, so the page can say the link does not work.
 */
export async function unsubscribe(deps: Deps, siteId: string, token: string): Promise<{ requestId: string }> {
  const ok = typeof token === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(token);
  const [row] = ok
    ? await deps.db
        .delete(srSubscriptions)
        .where(and(eq(srSubscriptions.siteId, siteId), eq(srSubscriptions.token, token)))
        .returning({ requestId: srSubscriptions.requestId })
    : [];
  if (!row) throw new AppError('not_found', 'This unsubscribe link is not valid or has already been used.');
  return row;
}

/** Tells every subscriber of a report about its new state; links use the site's canonical origin (`origin`, the request's, lends only scheme and port). */
export async function mailSubscribers(deps: Deps, siteId: string, row: RequestRow, text: string, origin = ''): Promise<void> {
  const subs = await listSubscribers(deps.db, siteId, row.id);
  if (!subs.length) return;
  const base = await findSiteOrigin(deps, siteId, origin);
  const locale = await siteMailLocale(deps, siteId);
  const words = {
    ...reportWords(row, await findServiceByCode(deps.db, siteId, row.serviceCode), locale),
    status: residentText(locale, `sr.status.${row.status}`),
  };
  for (const s of subs) {
    await deps.mailer.send({
      siteId,
      to: s.email,
      subject: residentText(locale, 'sr.mail.progress.subject', words),
      text:
        `${residentText(locale, 'sr.mail.progress.intro', words)}\n\n${text ? `${text}\n\n` : ''}` +
        `${residentText(locale, 'sr.mail.progress.follow', { link: reportUrl(base, row.id) })}\n\n` +
        `${residentText(locale, 'sr.mail.progress.stop', { link: unsubscribeUrl(base, s.token) })}\n`,
    });
  }
}
