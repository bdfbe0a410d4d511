import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/polity.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'polity-cli-'));
const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' };
const polity = (...args: string[]) => run(process.execPath, [BIN, ...args], { env });

describe('the polity command', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lists its commands and every environment variable in --help', async () => {
    const { stdout } = await polity('--help');
    for (const cmd of ['serve', 'worker', 'migrate', 'seed']) expect(stdout).toContain(cmd);
    expect(stdout).toContain('DATABASE_URL');
  });

  it.each(['serve', 'worker', 'migrate', 'seed'])('has --help for %s', async (cmd) => {
    const { stdout } = await polity(cmd, '--help');
    expect(stdout).toMatch(new RegExp(`Usage: polity ${cmd}`));
  });

  it('migrates, then seeds the demo site once', async () => {
    await polity('migrate');
    const first = await polity('seed');
    expect(first.stdout).toMatch(/Demo site created/);
    const second = await polity('seed');
    expect(second.stdout).toMatch(/exists already/);
  }, 120_000);

  it('refuses a bad environment variable, naming it', async () => {
    await expect(run(process.execPath, [BIN, 'migrate'], { env: { ...env, PORT: 'eighty' } })).rejects.toMatchObject({
      stderr: expect.stringContaining('PORT'),
    });
  });
});
