import { fsyncSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf } from './connection.js';
import { pgliteFolderOptions } from './pglite-durability.js';
import { sql } from 'drizzle-orm';

const dir = mkdtempSync(join(tmpdir(), 'polity-durability-'));

const setting = async (db: PGlite, name: string) => (await db.query<Record<string, string>>(`show ${name}`)).rows[0][name];

describe('PGlite durability', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('flushes to disk by default: fsync on, through a real fsync', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    const show = async (name: string) => rowsOf<Record<string, string>>(await database.db.execute(sql.raw(`show ${name}`)))[0][name];
    expect(await show('fsync')).toBe('on');
    expect(await show('wal_sync_method')).toBe('fsync');
    expect(await show('synchronous_commit')).toBe('on');
    await database.close();
  }, 180_000);

  it('fsyncs the WAL at every commit when full, never when relaxed', async () => {
    const folder = join(dir, 'pglite');
    let flushes = 0;
    const full = await PGlite.create(pgliteFolderOptions(folder, 'full', { fsync: (fd) => (flushes++, fsyncSync(fd)) }));
    await full.exec('create table if not exists t (id serial primary key, v text)');
    const before = flushes;
    for (let i = 0; i < 5; i++) await full.query('insert into t (v) values ($1)', [`row ${i}`]);
    expect(flushes - before).toBeGreaterThanOrEqual(5);
    await full.close();

    const relaxed = await PGlite.create(pgliteFolderOptions(folder, 'relaxed'));
    expect(await setting(relaxed, 'fsync')).toBe('off');
    expect((await relaxed.query<{ n: number }>('select count(*)::int as n from t')).rows[0].n).toBe(5);
    await relaxed.close();
  }, 180_000);

  it('reports a failed flush to PostgreSQL instead of acknowledging the commit', async () => {
    const folder = join(dir, 'pglite');
    let failing = false;
    const db = await PGlite.create(
      pgliteFolderOptions(folder, 'full', {
        fsync: (fd) => {
          if (failing) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO', errno: -5 });
          fsyncSync(fd);
        },
      }),
    );
    failing = true;
    await expect(db.query("insert into t (v) values ('lost')")).rejects.toThrow();
  }, 180_000);
});
