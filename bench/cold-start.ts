import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/polity.js', import.meta.url));

/** Milliseconds from spawning `polity serve --demo` until /readyz answers 200. */
async function timeToReady(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--demo', '--no-worker'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`polity exited with ${child.exitCode}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (res.ok) return performance.now() - started;
      } catch {
        /* not listening yet */
      }
      if (performance.now() - started > 120_000) throw new Error('polity did not become ready within 120 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** Cold start of `npm start`'s server with an empty data folder, then with the folder it left. */
export async function benchColdStart(): Promise<{ empty: number; existing: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'polity-bench-'));
  try {
    const empty = await timeToReady(dir, 3901);
    const existing = await timeToReady(dir, 3902);
    return { empty, existing };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
