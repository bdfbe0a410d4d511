import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';
import { hashCensusId } from './commands/eligibility.js';
import { budgetingCensus } from './store/tables.js';
import { DURING, setUpVotingProcess } from './test-helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const read = async (res: Response) => (await res.json()) as Json;

/** Three pots: North, South and the city-wide pot, one project each. */
const THREE_POTS = {
  districts: [
    { slug: 'north', name: 'North', budget: '100000' },
    { slug: 'south', name: 'South', budget: '100000' },
    { slug: 'city', name: 'City-wide', budget: '50000', cityWide: true },
  ],
};
const PROJECTS = [
  { title: 'Playground', cost: '60000', district: 'north' },
  { title: 'Trees', cost: '30000', district: 'south' },
  { title: 'Bike lanes', cost: '40000', district: 'city' },
];

describe.each(testDatabases())('budgeting district rule and eligibility on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(kind);
  });
  afterAll(() => t.close());

  it('one district only: a ballot in a second district is refused until the voter confirms replacing the first', async () => {
    const { resident, editor } = await setUpVotingProcess(t, 'd1', PROJECTS, THREE_POTS);
    expect((await read(await editor.get('/api/v1/budgeting/processes/d1'))).districtVoting).toBe('one');
    expect((await resident.api('PUT', '/budgeting/processes/d1/ballot', { district: 'north', choices: [{ project: '1' }] })).status).toBe(200);
    expect((await resident.api('PUT', '/budgeting/processes/d1/ballot', { district: 'city', choices: [{ project: '3' }] })).status).toBe(200);
    // Changing the ballot of the same district needs no confirmation.
    expect((await resident.api('PUT', '/budgeting/processes/d1/ballot', { district: 'north', choices: [{ project: '1' }] })).status).toBe(200);

    const asked = await resident.api('PUT', '/budgeting/processes/d1/ballot', { district: 'south', choices: [{ project: '2' }] });
    expect(asked.status).toBe(409);
    const err = (await read(asked)).error;
    expect(err.fields.replace).toMatch(/North/);
    let mine = await read(await resident.api('POST', '/budgeting/processes/d1/my-ballots', {}));
    expect(mine.ballots.map((b: Json) => b.district).sort()).toEqual(['city', 'north']);

    const replaced = await resident.api('PUT', '/budgeting/processes/d1/ballot', { district: 'south', choices: [{ project: '2' }], replace: true });
    expect(replaced.status).toBe(200);
    mine = await read(await resident.api('POST', '/budgeting/processes/d1/my-ballots', {}));
    expect(mine.ballots.map((b: Json) => [b.district, b.choices[0].project]).sort()).toEqual([
      ['city', '3'],
      ['south', '2'],
    ]);
    const turnout = await read(await createClient(t).get('/api/v1/budgeting/processes/d1/turnout'));
    expect(turnout.items.map((i: Json) => [i.district, i.total])).toEqual([
      ['north', 0],
      ['south', 1],
      ['city', 1],
    ]);
  });

  it('several districts: each district keeps its own ballot, and the rule is fixed once voting opens', async () => {
    const { resident, editor } = await setUpVotingProcess(t, 'd2', PROJECTS, { ...THREE_POTS, districtVoting: 'several' });
    for (const [district, project] of [
      ['north', '1'],
      ['south', '2'],
      ['city', '3'],
    ])
      expect((await resident.api('PUT', '/budgeting/processes/d2/ballot', { district, choices: [{ project }] })).status).toBe(200);
    const mine = await read(await resident.api('POST', '/budgeting/processes/d2/my-ballots', {}));
    expect(mine.ballots.map((b: Json) => b.district).sort()).toEqual(['city', 'north', 'south']);
    const process = await read(await editor.get('/api/v1/budgeting/processes/d2'));
    expect(process.districtVoting).toBe('several');
    const change = await editor.api('PUT', '/budgeting/processes/d2', { ...process, districtVoting: 'one' });
    expect(change.status).toBe(409);
    expect((await read(change)).error.fields.districtVoting).toMatch(/voting has opened/);
  });

  it('residence: a resident declares where they live and votes only there (and in the city-wide pot)', async () => {
    const { resident } = await setUpVotingProcess(t, 'd3', PROJECTS, { ...THREE_POTS, eligibility: 'residence' });
    const before = await resident.api('PUT', '/budgeting/processes/d3/ballot', { district: 'north', choices: [{ project: '1' }] });
    expect(before.status).toBe(403);
    expect((await read(before)).error.fields.residence).toBeDefined();
    expect((await read(await resident.api('POST', '/budgeting/processes/d3/my-ballots', {}))).eligibility).toEqual({
      rule: 'residence',
      eligible: false,
      onCensus: false,
      residence: null,
    });
    expect((await resident.api('PUT', '/budgeting/processes/d3/residence', { district: 'city' })).status).toBe(400);
    const declared = await resident.api('PUT', '/budgeting/processes/d3/residence', { district: 'south' });
    expect(declared.status).toBe(200);
    expect(await read(declared)).toEqual({
      rule: 'residence',
      eligible: true,
      onCensus: false,
      residence: { district: 'south', source: 'declared' },
    });
    const elsewhere = await resident.api('PUT', '/budgeting/processes/d3/ballot', { district: 'north', choices: [{ project: '1' }] });
    expect(elsewhere.status).toBe(403);
    expect((await read(elsewhere)).error.fields.district).toMatch(/live/);
    expect((await resident.api('PUT', '/budgeting/processes/d3/ballot', { district: 'south', choices: [{ project: '2' }] })).status).toBe(200);
    expect((await resident.api('PUT', '/budgeting/processes/d3/ballot', { district: 'city', choices: [{ project: '3' }] })).status).toBe(200);
    // Once a district ballot is cast the declared district stays.
    expect((await resident.api('PUT', '/budgeting/processes/d3/residence', { district: 'north' })).status).toBe(409);
  });

  it('census: keeps only keyed hashes, reports duplicates and bad rows by line, and lets only listed people vote', async () => {
    const { resident, editor } = await setUpVotingProcess(t, 'd4', PROJECTS, { ...THREE_POTS, eligibility: 'census' });
    const other = await signedInClient(t, null);
    const stranger = await signedInClient(t, null);
    const csv = ['dni;barrio', '12.345.678-K;north', 'X-1;South', ';north', '12345678k;north', 'Y-2;nowhere', 'Z-3;south', ''].join('\n');
    expect((await resident.api('POST', '/budgeting/processes/d4/census', { csv })).status).toBe(403);
    const noColumn = await editor.api('POST', '/budgeting/processes/d4/census', { csv });
    expect(noColumn.status).toBe(400);
    expect((await read(noColumn)).error.fields.idColumn).toMatch(/dni, barrio/);
    const imported = await editor.api('POST', '/budgeting/processes/d4/census', { csv, idColumn: 'DNI', districtColumn: 'barrio' });
    expect(imported.status).toBe(201);
    expect(await read(imported)).toEqual({
      rowsRead: 6,
      imported: 3,
      duplicates: [{ line: 5, reason: 'in_file' }],
      badRows: [
        { line: 4, reason: 'no_identifier' },
        { line: 6, reason: 'unknown_district', value: 'nowhere' },
      ],
    });
    const again = await read(await editor.api('POST', '/budgeting/processes/d4/census', { csv: 'dni\nX-1\nW-4\n', idColumn: 'dni' }));
    expect(again).toMatchObject({ rowsRead: 2, imported: 1, duplicates: [{ line: 2, reason: 'already_listed' }], badRows: [] });

    const rows = await t.deps.db.select().from(budgetingCensus);
    const mine = rows.filter((r) => r.idHash === hashCensusId(t.deps.secret, t.site.id, r.processId, '12345678K'));
    expect(mine).toHaveLength(1);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.idHash))).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/12345678|X-1|X1/);

    const refused = await stranger.api('PUT', '/budgeting/processes/d4/ballot', { district: 'city', choices: [{ project: '3' }] });
    expect(refused.status).toBe(403);
    expect((await read(refused)).error.fields.identifier).toBeDefined();
    const notListed = await stranger.api('POST', '/budgeting/processes/d4/census/verify', { identifier: 'nobody-9' });
    expect(notListed.status).toBe(400);
    expect((await read(notListed)).error.fields.identifier).toMatch(/not on the list/);

    const proved = await resident.api('POST', '/budgeting/processes/d4/census/verify', { identifier: ' 12345678-k ' });
    expect(proved.status).toBe(200);
    expect(await read(proved)).toEqual({ rule: 'census', eligible: true, onCensus: true, residence: { district: 'north', source: 'census' } });
    expect((await other.api('POST', '/budgeting/processes/d4/census/verify', { identifier: '12345678K' })).status).toBe(409);
    expect((await resident.api('PUT', '/budgeting/processes/d4/ballot', { district: 'south', choices: [{ project: '2' }] })).status).toBe(403);
    expect((await resident.api('PUT', '/budgeting/processes/d4/ballot', { district: 'north', choices: [{ project: '1' }] })).status).toBe(200);
    expect(await read(await editor.get('/api/v1/budgeting/processes/d4/census'))).toEqual({ eligibility: 'census', listed: 4, claimed: 1 });
  });

  it('says when results are due while voting is still open', async () => {
    await setUpVotingProcess(t, 'd5', PROJECTS, THREE_POTS);
    t.clock.set(DURING.voting);
    const res = await createClient(t).get('/api/v1/budgeting/processes/d5/results');
    expect(res.status).toBe(200);
    expect(await read(res)).toEqual({ published: false, resultsDue: '2026-03-28T00:00:00Z', districts: [] });
  });
});
