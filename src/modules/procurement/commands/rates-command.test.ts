import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testDatabases, type TestContext } from '../../../server/testing.js';
import { getReferenceCurrency, listExchangeRates } from '../store/currency.js';
import { runRatesImportCommand } from './rates-command.js';

const BIN = fileURLToPath(new URL('../../../../bin/polity.js', import.meta.url));

describe('polity procurement rates import', () => {
  it('is wired into the command line, explaining the columns and the meaning of a rate', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'procurement', 'rates', 'import', '--help']);
    expect(stdout).toContain('--site <host>');
    expect(stdout).toContain('--reference <code>');
    expect(stdout).toMatch(/1 EUR = 1\.0465 USD/);
  });
});

describe.each(testDatabases())('polity procurement rates import on a database (%s)', (kind) => {
  let t: TestContext;
  let dir: string;
  beforeAll(async () => {
    t = await createTestContext(kind);
    dir = mkdtempSync(path.join(tmpdir(), 'polity-rates-'));
  }, 60_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('refuses a file with bad rows by line, storing nothing, then stores a good one', async () => {
    const site = await t.addSite('rates', 'rates.localhost');
    const out: string[] = [];
    const err: string[] = [];
    const sinks = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
    const good = file('good.csv', 'date,currency,rate\n2025-01-02,UAH,45.5\n2025-02-03,UAH,44\n2025-01-02,USD,1.04\n');
    // No reference currency yet: refused, with how to fix it.
    await expect(runRatesImportCommand(t.deps, good, { site: 'rates.localhost' }, sinks)).rejects.toMatchObject({
      fields: { referenceCurrency: expect.stringContaining('reference currency') },
    });
    const bad = file('bad.csv', 'date,currency,rate\n2025-02-30,UAH,45\n2025-01-02,US$,-1\n2025-01-03,EUR,1\n');
    const refused = await runRatesImportCommand(t.deps, bad, { site: 'rates.localhost', reference: 'eur' }, sinks);
    expect(refused).toEqual({ imported: 0, status: 1 });
    expect(await getReferenceCurrency(t.deps.db, site.id)).toBe('EUR');
    const lines = err.join('');
    expect(lines).toContain('line 2 date: must be a day written YYYY-MM-DD (got "2025-02-30")');
    expect(lines).toContain('line 3 currency: must be a three-letter ISO 4217 code such as USD (got "US$")');
    expect(lines).toMatch(/line 3 rate: must be a number above 0/);
    expect(lines).toMatch(/line 4 currency: is the reference currency itself/);
    expect(lines).toContain('rows refused; nothing stored');
    expect(await listExchangeRates(t.deps.db, site.id, 'EUR')).toEqual([]);

    const stored = await runRatesImportCommand(t.deps, good, { site: 'rates.localhost' }, sinks);
    expect(stored).toEqual({ imported: 3, status: 0 });
    expect(out.join('')).toContain('3 rates stored');
    expect(await listExchangeRates(t.deps.db, site.id, 'EUR')).toHaveLength(3);

    await expect(runRatesImportCommand(t.deps, path.join(dir, 'none.csv'), { site: 'rates.localhost' }, sinks)).rejects.toMatchObject({
      fields: { file: 'unreadable' },
    });
    await expect(runRatesImportCommand(t.deps, good, { site: 'nowhere.example' }, sinks)).rejects.toMatchObject({ fields: { site: 'unknown host' } });
    await expect(runRatesImportCommand(t.deps, good, { site: 'rates.localhost', reference: 'euro' }, sinks)).rejects.toMatchObject({
      fields: { referenceCurrency: expect.stringContaining('ISO 4217') },
    });
  });
});
