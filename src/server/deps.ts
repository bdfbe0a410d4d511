import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps, ModuleManifest } from '../db/context.js';
import { openDatabase, type Database } from '../db/connection.js';
import type { PermissionRule } from '../kernel/auth.js';
import { systemClock, type Clock } from '../kernel/clock.js';
import type { Env } from '../kernel/env.js';
import { newToken } from '../kernel/ids.js';
import { createLogger, type Logger } from '../kernel/log.js';
import type { Mailer } from '../kernel/mail.js';
import { createOutboxMailer, createQueuedMailer, createSmtpMailer } from '../modules/notifications/index.js';

/** Every permission the manifests declare; two modules may not declare the same one. */
export function collectPermissions(manifests: ModuleManifest[]): Record<string, PermissionRule> {
  const all: Record<string, PermissionRule> = {};
  for (const m of manifests) {
    for (const [name, rule] of Object.entries(m.permissions ?? {})) {
      if (all[name]) throw new Error(`Permission ${name} is declared twice`);
      all[name] = rule;
    }
  }
  return all;
}

/** The signing secret: SECRET_KEY, or one generated once into DATA_DIR and kept there. */
export function loadSecret(env: Env): string {
  if (env.SECRET_KEY) return env.SECRET_KEY;
  const file = join(env.DATA_DIR, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(env.DATA_DIR, { recursive: true });
  const secret = newToken(48);
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Opens the database, applies migrations and assembles the dependencies of every command. */
export async function buildDeps(
  env: Env,
  manifests: ModuleManifest[],
  opts: { database?: Database; clock?: Clock; log?: Logger; transport?: Mailer; secret?: string } = {},
): Promise<{ deps: Deps; database: Database; close(): Promise<void> }> {
  const database =
    opts.database ??
    (await openDatabase(
      env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: env.DATA_DIR, durability: env.PGLITE_DURABILITY },
    ));
  try {
    await database.migrate();
  } catch (e) {
    // Do not keep a data folder locked (or a pool open) for a process that cannot use it.
    if (!opts.database) await database.close();
    throw e;
  }
  const clock = opts.clock ?? systemClock;
  const smtp = !opts.transport && env.SMTP_URL ? createSmtpMailer(env.SMTP_URL, env.MAIL_FROM) : null;
  const transport = opts.transport ?? smtp ?? createOutboxMailer(database.db, clock);
  const deps: Deps = {
    db: database.db,
    clock,
    env,
    log: opts.log ?? createLogger(env.LOG_LEVEL),
    secret: opts.secret ?? loadSecret(env),
    mailer: createQueuedMailer(database.db, clock),
    transport,
    memo: new Map(),
    permissions: collectPermissions(manifests),
  };
  return {
    deps,
    database,
    async close() {
      smtp?.close();
      await database.close();
    },
  };
}
