import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../../db/context.js';
import { pickText } from '../../../kernel/i18n.js';
import { findSiteOrigin } from '../../sites/index.js';
import { shortReference } from '../core/reference.js';
import { srSubscriptions, type RequestRow, type ServiceRow } from '../store/tables.js';
import { unsubscribeUrl } from './update-request.js';
import { reportUrl, residentText } from './resident-text.js';

/**
 * Queues the receipt a reporter gets when their report is filed: its short reference, the
 * service in their language, the place, and the link to the report's page (plus the link that
 * stops progress mail when they asked for it). `origin` is the request's (it lends only scheme
 * and port to the site's canonical origin).
 */
export async function mailReceipt(
  deps: Deps,
  siteId: string,
  row: RequestRow,
  service: ServiceRow,
  args: { locale: string; origin?: string },
): Promise<void> {
  if (!row.email) return;
  const locale = args.locale;
  const base = await findSiteOrigin(deps, siteId, args.origin ?? '');
  const values = {
    reference: shortReference(row.id),
    service: pickText(service.name, locale, 'en').text,
    place: row.address ?? '',
    link: reportUrl(base, row.id),
  };
  const lines = [residentText(locale, 'sr.mail.receipt.intro', values), '', residentText(locale, 'sr.mail.receipt.reference', values)];
  lines.push(residentText(locale, 'sr.mail.receipt.service', values));
  if (values.place) lines.push(residentText(locale, 'sr.mail.receipt.place', values));
  lines.push('', residentText(locale, 'sr.mail.receipt.follow', values));
  const [sub] =
    row.notify === 'email'
      ? await deps.db
          .select({ token: srSubscriptions.token })
          .from(srSubscriptions)
          .where(and(eq(srSubscriptions.siteId, siteId), eq(srSubscriptions.requestId, row.id), eq(srSubscriptions.email, row.email)))
      : [];
  if (sub) lines.push('', residentText(locale, 'sr.mail.receipt.progress', { link: unsubscribeUrl(base, sub.token) }));
  await deps.mailer.send({ siteId, to: row.email, subject: residentText(locale, 'sr.mail.receipt.subject', values), text: `${lines.join('\n')}\n` });
}
