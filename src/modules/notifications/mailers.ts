import nodemailer from 'nodemailer';
import type { Db } from '../../db/connection.js';
import type { Clock } from '../../kernel/clock.js';
import { enqueueJob } from '../../db/jobs.js';
import { newId } from '../../kernel/ids.js';
import type { Mailer } from '../../kernel/mail.js';
import { outbox } from './store/tables.js';

/** Sends through an SMTP server (`smtp://user:pass@host:port`, `smtps://` for TLS). */
export function createSmtpMailer(url: string, from: string): Mailer & { close(): void } {
  const u = new URL(url);
  const transport = nodemailer.createTransport({
    host: u.hostname,
    port: Number(u.port || (u.protocol === 'smtps:' ? 465 : 25)),
    secure: u.protocol === 'smtps:',
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    tls: { rejectUnauthorized: u.searchParams.get('tls') !== 'insecure' },
    ignoreTLS: u.searchParams.get('starttls') === 'off',
  });
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html });
    },
    close: () => transport.close(),
  };
}

/** Writes mail to the outbox table instead of sending it. */
export function createOutboxMailer(db: Db, clock: Clock): Mailer {
  return {
    async send(m) {
      await db
        .insert(outbox)
        .values({ id: newId(), siteId: m.siteId, to: m.to, subject: m.subject, text: m.text, html: m.html ?? null, createdAt: clock.now() });
    },
  };
}

/** The job kind that delivers one queued message. */
export const SEND_MAIL_JOB = 'notifications.send-mail';

/**
 * Queues mail as a job, so a slow or failing SMTP server never fails the request that wrote the
 * mail: the worker delivers it with retries and back-off.
 */
export function createQueuedMailer(db: Db, clock: Clock): Mailer {
  return {
    async send(m) {
      await enqueueJob(db, clock, { kind: SEND_MAIL_JOB, siteId: m.siteId, payload: { ...m } });
    },
  };
}
