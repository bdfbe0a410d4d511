/** An outgoing email. */
export interface MailMessage {
  siteId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Sends mail. Implementations: SMTP (nodemailer) or the outbox table; both are real. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
