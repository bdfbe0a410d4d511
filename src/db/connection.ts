import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { lockDataFolder } from './data-lock.js';
import { fsyncTree, pgliteFolderOptions, type PgliteDurability } from './pglite-durability.js';

/**
 * The database handle every store function takes. Both PGlite and node-postgres databases (and
 * transactions) are PgDatabase, so one set of queries serves both.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<any, any, any>;

/**
 * `column = any(values)` with the whole list as one JSON parameter. Drizzle's `inArray` binds one
 * value per element, and for lists of hundreds (a page of ids, a batch of hashes) building the
 * statement costs more than running it. `pgType` is the column's type (`uuid`, `text`).
 */
export function inList(column: AnyColumn, values: readonly string[], pgType: 'uuid' | 'text'): SQL {
  return sql`${column} = any(array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))::${sql.raw(pgType)}[])`;
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies the committed migrations (idempotent). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** Where the committed drizzle-kit migrations live. */
export const MIGRATIONS_DIR = resolve(fileURLToPath(new URL('../../drizzle', import.meta.url)));

export type DatabaseConfig =
  { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'pglite'; dataDir: string | null; durability?: PgliteDurability };

/**
 * Opens PostgreSQL when a URL is given, otherwise PGlite in `dataDir` (null: in memory).
 *
 * A PGlite folder is locked for this process until `close` (see data-lock.ts): every command
 * opens the database here, so none can write into a folder another process has open, and a
 * second opener is refused before it does any work. Its durability defaults to `full` (see
 * pglite-durability.ts).
 */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
    const db = drizzlePg(pool);
    return {
      db,
      kind: 'postgres',
      migrate: () => migratePg(db, { migrationsFolder: MIGRATIONS_DIR }),
      close: () => pool.end(),
    };
  }
  if (!config.dataDir) {
    const client = await PGlite.create();
    const db = drizzlePglite(client);
    return { db, kind: 'pglite', migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_DIR }), close: () => client.close() };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const lock = lockDataFolder(config.dataDir);
  let client: PGlite;
  try {
    const folder = join(config.dataDir, 'pglite');
    const durability = config.durability ?? 'full';
    const fresh = !existsSync(join(folder, 'PG_VERSION'));
    client = await PGlite.create(pgliteFolderOptions(folder, durability));
    if (fresh && durability === 'full') fsyncTree(folder);
  } catch (e) {
    lock.release();
    throw e;
  }
  const db = drizzlePglite(client);
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_DIR }),
    async close() {
      try {
        await client.close();
      } finally {
        lock.release();
      }
    },
  };
}

/** The rows of a raw `db.execute` result, whichever driver produced it. */
export function rowsOf<T>(result: unknown): T[] {
  const r = result as { rows?: T[] };
  return Array.isArray(r.rows) ? r.rows : (result as T[]);
}

/** Runs `fn` in one transaction: it all lands or none of it does. */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}

/** Whether a database error is a unique-constraint violation (SQLSTATE 23505), on PGlite or pg. */
export function isUniqueViolation(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    if ((e as { code?: string }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
