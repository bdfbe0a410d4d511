import { and, eq, isNull } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { enqueueJob, type JobRow } from '../../../db/jobs.js';
import { NOTIFY_AGENCY_JOB } from './create-request.js';
import { findOrganisation, findSiteOrigin } from '../../sites/index.js';
import { isOpenStatus } from '../core/status.js';
import { findAgencyContact, findServiceByCode } from '../store/catalogue.js';
import { findRequest, listOverdueUnescalated } from '../store/requests.js';
import { srRequests, srUpdates, type RequestRow } from '../store/tables.js';
import { newId } from '../../../kernel/ids.js';
import { signWebhook } from './webhooks.js';
import { reportWords, residentText, siteMailLocale } from './resident-text.js';
import { pickText } from '../../../kernel/i18n.js';
import { rotateWebhookSecret } from './catalogue.js';

const WEBHOOK_TIMEOUT_MS = 10_000;

/** What a webhook call announces: a new report, or one re-routed to the agency (referred, or its service changed). */
export type WebhookEvent = 'service_request.created' | 'service_request.routed';

/** The JSON an agency's webhook receives for a new or re-routed report (Open311 field names). */
export function webhookPayload(row: RequestRow, event: WebhookEvent = 'service_request.created'): Record<string, unknown> {
  return {
    event,
    service_request_id: row.id,
    service_code: row.serviceCode,
    status: row.status,
    description: row.description,
    lat: row.lat,
    long: row.lon,
    address: row.address,
    requested_datetime: row.requestedAt.toISOString(),
    expected_datetime: row.expectedAt?.toISOString() ?? null,
  };
}

/**
 * Tells the responsible agency of a new report: an email to its notification address and a JSON
 * POST to its webhook, signed with the agency's secret (`X-Polity-Timestamp`, `X-Polity-Signature`;
 * see commands/webhooks.ts). A webhook that fails or answers non-2xx throws, so the job is retried
 * with back-off (each try signed afresh).
 */
export async function notifyAgency(deps: Deps, job: JobRow): Promise<void> {
  const siteId = job.siteId as string;
  const row = await findRequest(deps.db, siteId, String(job.payload.requestId));
  if (!row?.agencyId) return;
  const contact = await findAgencyContact(deps.db, siteId, row.agencyId);
  if (!contact) return;
  const event: WebhookEvent = job.payload.event === 'service_request.routed' ? 'service_request.routed' : 'service_request.created';
  if (job.payload.channel !== 'webhook' && contact.notifyEmail) {
    const locale = await siteMailLocale(deps, siteId);
    const words = reportWords(row, await findServiceByCode(deps.db, siteId, row.serviceCode), locale);
    const link = `${await findSiteOrigin(deps, siteId, String(job.payload.origin ?? ''))}/service-requests/inbox/${row.id}`;
    await deps.mailer.send({
      siteId,
      to: contact.notifyEmail,
      subject: residentText(locale, event === 'service_request.routed' ? 'sr.mail.agency.routedSubject' : 'sr.mail.agency.newSubject', words),
      text: `${residentText(locale, 'sr.mail.agency.intro')}\n\n${row.description}\n\n${residentText(locale, 'sr.mail.agency.open', { link })}\n`,
    });
  }
  if (job.payload.channel !== 'webhook' && contact.webhookUrl) {
    // The webhook gets its own job, so a failing endpoint is retried without mailing twice.
    await enqueueJob(deps.db, deps.clock, { kind: NOTIFY_AGENCY_JOB, siteId, payload: { requestId: row.id, channel: 'webhook', event } });
    return;
  }
  if (job.payload.channel === 'webhook' && contact.webhookUrl) {
    const body = JSON.stringify(webhookPayload(row, event));
    // A contact saved before webhooks were signed gets its secret now (admins see it on the catalogue page).
    const secret = contact.webhookSecret ?? (await rotateWebhookSecret(deps, siteId, row.agencyId));
    const signature = signWebhook(secret, body, deps.clock.now());
    const res = await fetch(contact.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Polity-Open311', ...signature },
      body,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      redirect: 'error',
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  }
}

/** Escalates one overdue report: mail to the agency's escalation contact, an internal note, and the mark. */
async function escalate(deps: Deps, siteId: string, row: RequestRow, origin = ''): Promise<boolean> {
  const now = deps.clock.now();
  const claimed = await deps.db
    .update(srRequests)
    .set({ escalatedAt: now })
    .where(and(eq(srRequests.siteId, siteId), eq(srRequests.id, row.id), isNull(srRequests.escalatedAt)))
    .returning({ id: srRequests.id });
  if (!claimed.length) return false;
  const contact = row.agencyId ? await findAgencyContact(deps.db, siteId, row.agencyId) : null;
  const agency = row.agencyId ? await findOrganisation(deps.db, siteId, row.agencyId) : null;
  const service = await findServiceByCode(deps.db, siteId, row.serviceCode);
  const to = contact?.escalationEmail ?? contact?.notifyEmail;
  if (to) {
    const locale = await siteMailLocale(deps, siteId);
    const words = reportWords(row, service, locale);
    const link = `${await findSiteOrigin(deps, siteId, origin)}/service-requests/inbox/${row.id}`;
    const intro = residentText(locale, 'sr.mail.overdue.intro', {
      agency: agency ? pickText(agency.name, locale, 'en').text : '—',
      due: row.expectedAt ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(row.expectedAt) : '—',
      hours: service?.targetHours ?? '—',
      status: residentText(locale, `sr.status.${row.status}`),
    });
    await deps.mailer.send({
      siteId,
      to,
      subject: residentText(locale, 'sr.mail.overdue.subject', words),
      text: `${intro}\n\n${row.description}\n\n${residentText(locale, 'sr.mail.agency.open', { link })}\n`,
    });
  }
  await deps.db.insert(srUpdates).values({
    id: newId(),
    siteId,
    requestId: row.id,
    authorId: null,
    visibility: 'internal',
    statusFrom: null,
    statusTo: null,
    text: `Escalated: overdue since ${row.expectedAt?.toISOString()}${to ? `; mailed ${to}` : ''}`,
    createdAt: now,
  });
  return true;
}

/** Job run at a report's due time: escalates it if it is still open. */
export async function checkOverdue(deps: Deps, job: JobRow): Promise<void> {
  const siteId = job.siteId as string;
  const row = await findRequest(deps.db, siteId, String(job.payload.requestId));
  if (!row || !isOpenStatus(row.status) || row.escalatedAt || !row.expectedAt) return;
  if (row.expectedAt.getTime() > deps.clock.now().getTime()) return;
  await escalate(deps, siteId, row, String(job.payload.origin ?? ''));
}

/** Escalates every overdue report of a site not escalated yet (the CLI and the sweep job); returns how many. */
export async function escalateOverdue(deps: Deps, siteId: string): Promise<number> {
  let n = 0;
  for (const row of await listOverdueUnescalated(deps.db, siteId, deps.clock.now())) if (await escalate(deps, siteId, row)) n++;
  return n;
}
