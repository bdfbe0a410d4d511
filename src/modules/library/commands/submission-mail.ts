import { IntlMessageFormat } from 'intl-messageformat';
import type { Deps } from '../../../db/context.js';
import { pickText } from '../../../kernel/i18n.js';
import { listPeopleWithRole } from '../../accounts/index.js';
import { findSiteOrigin } from '../../sites/index.js';
import { submissionTitle } from '../core/questionnaire.js';
import type { CallRow, SubmissionRow } from '../store/calls-tables.js';
import en from '../ui/messages-calls/en.json' with { type: 'json' };
import es from '../ui/messages-calls/es.json' with { type: 'json' };
import fr from '../ui/messages-calls/fr.json' with { type: 'json' };
import pt from '../ui/messages-calls/pt.json' with { type: 'json' };
import uk from '../ui/messages-calls/uk.json' with { type: 'json' };

/** The calls' UI and mail messages per locale. */
export const callMessages: Record<string, Record<string, string>> = { en, es, fr, pt, uk };

/** The steps of a review that the submitter hears about by mail. */
export type SubmissionMailKind = 'submitted' | 'resubmitted' | 'changes_requested' | 'comment' | 'accepted' | 'rejected';

function format(locale: string, id: string, values: Record<string, string>): string {
  const messages = callMessages[locale] ?? callMessages.en;
  const source = messages[id] ?? callMessages.en[id] ?? id;
  return String(new IntlMessageFormat(source, locale).format(values));
}

/** The page where the submitter follows their submission. */
export function submissionLink(origin: string, call: Pick<CallRow, 'slug'>): string {
  return `${origin}/library/calls/${call.slug}/submission`;
}

/**
 * Queues the mail that tells the submitter about a step of their submission, in the language
 * they wrote it in, with a link to it (and to the case study once accepted) on the site's
 * canonical origin (`args.origin`, the request's, lends only scheme and port).
 */
export async function mailSubmitter(
  deps: Deps,
  siteId: string,
  args: { kind: SubmissionMailKind; call: CallRow; submission: SubmissionRow; origin: string; message?: string; caseStudySlug?: string },
): Promise<void> {
  const { kind, call, submission } = args;
  const origin = await findSiteOrigin(deps, siteId, args.origin);
  const locale = submission.locale;
  const values = {
    name: submission.name,
    call: pickText(call.title, locale, locale).text,
    link: submissionLink(origin, call),
    message: args.message ?? '',
    caseStudy: args.caseStudySlug ? `${origin}/library/case-studies/${args.caseStudySlug}` : '',
  };
  await deps.mailer.send({
    siteId,
    to: submission.email,
    subject: format(locale, `library.calls.mail.${kind}.subject`, values),
    text: format(locale, `library.calls.mail.${kind}.text`, values),
  });
}

/**
 * Queues a mail to each of the site's editors saying that a submission arrived (or came back
 * after changes), in the editor's own language when their account has one (else the site's),
 * naming it by its title and linking to its review page on the site's canonical origin.
 */
export async function mailEditors(
  deps: Deps,
  siteId: string,
  args: { kind: 'submitted' | 'resubmitted'; call: CallRow; submission: SubmissionRow; origin: string; siteLocale: string },
): Promise<void> {
  const { kind, call, submission } = args;
  const editors = await listPeopleWithRole(deps.db, siteId, 'editor');
  if (editors.length === 0) return;
  const origin = await findSiteOrigin(deps, siteId, args.origin);
  const link = `${origin}/library/admin/submissions/${submission.id}`;
  const title = submissionTitle(call.questions, submission.answers);
  for (const editor of editors) {
    const locale = editor.locale && callMessages[editor.locale] ? editor.locale : args.siteLocale;
    const values = {
      name: editor.name,
      submitter: submission.name,
      call: pickText(call.title, locale, args.siteLocale).text,
      title: title ?? format(locale, 'library.calls.review.untitled', {}),
      link,
    };
    await deps.mailer.send({
      siteId,
      to: editor.email,
      subject: format(locale, `library.calls.mail.editors.${kind}.subject`, values),
      text: format(locale, `library.calls.mail.editors.${kind}.text`, values),
    });
  }
}
