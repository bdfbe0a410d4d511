import type { ModuleManifest } from '../../db/context.js';

import type { MailMessage } from '../../kernel/mail.js';
import { SEND_MAIL_JOB } from './mailers.js';

export { createOutboxMailer, createQueuedMailer, createSmtpMailer } from './mailers.js';
export { listOutbox, type OutboxRow } from './store/outbox.js';

/** Notifications: outgoing mail and the admins' outbox. */
export const notificationsModule: ModuleManifest = {
  id: 'notifications',
  permissions: {
    'notifications.outbox.read': { roles: ['admin'] },
  },
  nav: [{ id: 'outbox', label: 'nav.outbox', href: '/admin/outbox', area: 'admin', permission: 'notifications.outbox.read', order: 90 }],
  jobs: {
    /** Delivers queued mail through the transport (SMTP or the outbox). */
    [SEND_MAIL_JOB]: async (deps, job) => {
      await deps.transport.send(job.payload as unknown as MailMessage);
    },
  },
  pages: [{ path: 'admin/outbox', file: '../modules/notifications/ui/outbox-page.tsx' }],
};
