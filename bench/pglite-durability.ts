import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/connection.js';
import type { PgliteDurability } from '../src/db/pglite-durability.js';
import { ms, percentile, report, timeRuns } from './lib.js';

/**
 * What PGLITE_DURABILITY=full costs: commit latency of a one-row insert and of a ten-row
 * transaction in a PGlite data folder, with fsync at every commit (full) and without (relaxed).
 */
export async function benchPgliteDurability(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'polity-bench-durability-'));
  const rows: [string, string][] = [];
  try {
    for (const durability of ['relaxed', 'full'] as PgliteDurability[]) {
      const database = await openDatabase({ kind: 'pglite', dataDir: join(root, durability), durability });
      const { db } = database;
      await db.execute(sql`create table bench_writes (id serial primary key, body text not null)`);
      const one = await timeRuns(300, (i) => db.execute(sql`insert into bench_writes (body) values (${`row ${i}`})`));
      const ten = await timeRuns(100, (i) =>
        db.transaction(async (tx) => {
          for (let j = 0; j < 10; j++) await tx.execute(sql`insert into bench_writes (body) values (${`tx ${i}.${j}`})`);
        }),
      );
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      rows.push([
        `${durability}: one-row commit, mean / p99`,
        `${ms(mean(one))} / ${ms(percentile(one, 99))} (${Math.round(1000 / mean(one))} commits/s)`,
      ]);
      rows.push([`${durability}: ten-row transaction, mean / p99`, `${ms(mean(ten))} / ${ms(percentile(ten, 99))}`]);
      await database.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  report('PGlite data folder: commit cost of PGLITE_DURABILITY (fsync at every commit)', rows);
}
