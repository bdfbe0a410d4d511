import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testDatabases, type TestContext } from '../../../server/testing.js';
import { countCensus } from '../commands/eligibility.js';
import { saveProcess } from '../commands/save-process.js';
import { processBody } from '../test-helpers.js';
import { runCensusImportCommand } from './census-command.js';

const BIN = fileURLToPath(new URL('../../../../bin/polity.js', import.meta.url));

describe('polity budgeting census import', () => {
  it('is wired into the command line, naming its arguments and options', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'budgeting', 'census', 'import', '--help']);
    expect(stdout).toContain('<process-slug>');
    expect(stdout).toContain('--id-column <name>');
    expect(stdout).toContain('--district-column <name>');
    expect(stdout).toContain('--site <host>');
  });
});

describe.each(testDatabases())('polity budgeting census import on a database (%s)', (kind) => {
  let t: TestContext;
  let dir: string;
  beforeAll(async () => {
    t = await createTestContext(kind);
    dir = mkdtempSync(path.join(tmpdir(), 'polity-census-'));
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

  it('loads the list with the page’s command, names bad rows by line and column, and refuses a file without the column', async () => {
    const site = await t.addSite('census', 'census.localhost');
    const row = await saveProcess(t.deps, site.id, processBody('town', { eligibility: 'census' }));
    const out: string[] = [];
    const err: string[] = [];
    const sinks = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
    const opts = { site: 'census.localhost', idColumn: 'dni', districtColumn: 'barrio' };

    // A file without the identifier column: refused naming the column and the file's columns; nothing stored.
    const noColumn = await runCensusImportCommand(t.deps, 'town', file('wrong.csv', 'name;barrio\nAna;north\n'), opts, sinks);
    expect(noColumn).toEqual({ report: null, status: 2 });
    expect(err.join('')).toContain('idColumn: the file has no column "dni" (its columns: name, barrio)');
    expect(err.join('')).toContain('nothing imported');
    expect(await countCensus(t.deps, site.id, row.id)).toEqual({ listed: 0, claimed: 0 });

    err.length = 0;
    const csv = 'DNI;Barrio\n12.345.678-K;North\n;north\nX-1;Nowhere\n12345678k;north\nW-4;north\n';
    const first = await runCensusImportCommand(t.deps, 'town', file('census.csv', csv), opts, sinks);
    expect(first.status).toBe(1);
    expect(first.report).toMatchObject({ rowsRead: 5, imported: 2 });
    expect(out.join('')).toContain('5 rows read: 2 people added, 1 duplicate skipped, 2 rows not imported');
    const lines = err.join('');
    expect(lines).toContain('line 3, column "dni": no identifier');
    expect(lines).toContain('line 4, column "barrio": this process has no such district (found "Nowhere")');
    expect(lines).toContain('line 5: skipped, the same identifier appears earlier in the file');
    expect(await countCensus(t.deps, site.id, row.id)).toEqual({ listed: 2, claimed: 0 });

    // Again with one new person: those already listed are skipped, nothing is lost.
    out.length = 0;
    const again = await runCensusImportCommand(t.deps, 'town', file('more.csv', 'dni;barrio\nW-4;north\nZ-9;north\n'), opts, sinks);
    expect(again.status).toBe(0);
    expect(out.join('')).toContain('2 rows read: 1 person added, 1 duplicate skipped, 0 rows not imported');
    expect(await countCensus(t.deps, site.id, row.id)).toEqual({ listed: 3, claimed: 0 });

    err.length = 0;
    expect((await runCensusImportCommand(t.deps, 'nope', file('x.csv', 'id\nA-1\n'), { site: 'census.localhost' }, sinks)).status).toBe(2);
    expect(err.join('')).toContain('no budgeting process "nope" on census.localhost');
    expect((await runCensusImportCommand(t.deps, 'town', path.join(dir, 'none.csv'), { site: 'census.localhost' }, sinks)).status).toBe(2);
    expect(err.join('')).toContain(`cannot read ${path.join(dir, 'none.csv')}`);
    expect((await runCensusImportCommand(t.deps, 'town', file('y.csv', 'id\nA-1\n'), { site: 'nowhere.example' }, sinks)).status).toBe(2);
    expect(err.join('')).toContain('no site answers to nowhere.example');
    expect(await countCensus(t.deps, site.id, row.id)).toEqual({ listed: 3, claimed: 0 });
  });
});
