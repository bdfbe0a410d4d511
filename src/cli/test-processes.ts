import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** The `polity` command as installed (`bin/polity.js`), run with this Node. */
export const POLITY_BIN = fileURLToPath(new URL('../../bin/polity.js', import.meta.url));

/**
 * The environment of a child `polity`: this process's, with the given variables. DATABASE_URL
 * is cleared unless given, so a child uses the PGlite folder in DATA_DIR by default.
 */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env };
}

/** What a finished `polity` command printed and how it ended. */
export interface PolityRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `polity ARGS` to its end; never throws on a non-zero exit (the test looks at `code`). */
export function runPolity(args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<PolityRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [POLITY_BIN, ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A `polity serve` running in a child process. */
export interface ServeProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  base: string;
  /** Resolves with how the process ended (once it has, and its pid is reaped). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it wrote so far. */
  output(): string;
}

/**
 * Starts `polity serve ARGS` on a free loopback port and resolves once it logs that it is ready
 * (rejects with its output if it ends first).
 */
export function startServeProcess(env: Record<string, string>, args: string[] = ['--no-worker'], timeoutMs = 180_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [POLITY_BIN, 'serve', ...args], {
    env: childEnv({ PORT: '0', HOST: '127.0.0.1', ...env, LOG_LEVEL: 'info' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`polity serve was not ready in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    let pending = '';
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      const text = d.toString();
      out += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        let entry: { msg?: string; url?: string };
        try {
          entry = JSON.parse(line) as { msg?: string; url?: string };
        } catch {
          continue;
        }
        if (entry.msg !== 'polity ready' || !entry.url) continue;
        clearTimeout(timer);
        const port = Number(new URL(entry.url).port);
        resolve({ child, pid: child.pid as number, port, base: `http://127.0.0.1:${port}`, exited, output: () => out });
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`polity serve ended (${code ?? signal}) before it was ready:\n${out}`));
    });
  });
}

/**
 * A new, empty PostgreSQL database on TEST_DATABASE_URL's server, for tests whose child
 * processes need its URL; `drop` removes it (the processes that used it must have ended).
 */
export async function createScratchDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = new pg.Client({ connectionString: base });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}
