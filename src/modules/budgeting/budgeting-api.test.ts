import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';
import { computeFromFile } from './commands/compute-from-file.js';
import { deleteBudgetingData, exportBudgetingData } from './commands/personal-data.js';
import { parsePabulib } from './formats/pabulib.js';
import { DURING, processBody, setUpVotingProcess, staffClient } from './test-helpers.js';

const datasets = process.env.POLITY_DATASETS ?? path.resolve(process.cwd(), '..', 'shared', 'data');
const ASSEN = path.join(datasets, 'pb', 'Netherlands_Assen_2024.pb');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const read = async (res: Response) => (await res.json()) as Json;

describe.each(testDatabases())('budgeting API on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(kind);
  });
  afterAll(() => t.close());

  it('lets editors create a process and refuses bad processes naming the field', async () => {
    t.clock.set(DURING.proposals);
    const editor = await signedInClient(t, 'editor');
    const resident = await signedInClient(t, null);
    expect((await createClient(t).api('POST', '/budgeting/processes', processBody('p0'))).status).toBe(401);
    expect((await resident.api('POST', '/budgeting/processes', processBody('p0'))).status).toBe(403);
    const created = await editor.api('POST', '/budgeting/processes', processBody('p0'));
    expect(created.status).toBe(201);
    const p = await read(created);
    expect(p.phase).toBe('proposals');
    expect(p.districts.map((d: Json) => [d.slug, d.budget, d.cityWide])).toEqual([
      ['north', '100000.00', false],
      ['city', '50000.00', true],
    ]);
    expect((await editor.api('POST', '/budgeting/processes', processBody('p0'))).status).toBe(409);

    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'title'],
      [{ ballotType: 'borda' }, 'ballotType'],
      [{ rule: { rule: 'dictator' } }, 'rule.rule'],
      [{ districts: [] }, 'districts'],
      [{ districts: [{ slug: 'n', name: 'N', budget: '12.345' }] }, 'districts.0.budget'],
      [{ ballotType: 'ordinal' }, 'constraints.rankK'],
      [{ ballotType: 'cumulative' }, 'constraints.totalPoints'],
      [{ rule: { rule: 'greedy-threshold' } }, 'rule.threshold'],
      [{ constraints: { minProjects: 3, maxProjects: 2 } }, 'constraints.minProjects'],
      [{ phases: { ...processBody('x').phases, review: { start: '2026-03-12T00:00:00Z', end: '2026-03-11T00:00:00Z' } } }, 'phases.review.end'],
      [{ slug: 'Bad Slug' }, 'slug'],
    ];
    for (const [over, field] of cases) {
      const res = await editor.api('POST', '/budgeting/processes', processBody('p1', over));
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(Object.keys((await read(res)).error.fields), JSON.stringify(over)).toContain(field);
    }
    const notJson = await editor.request('/api/v1/budgeting/processes', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': editor.csrf },
      body: '{oops',
    });
    expect(notJson.status).toBe(400);
    expect((await read(await editor.get('/api/v1/budgeting/processes'))).items.some((x: Json) => x.slug === 'p1')).toBe(false);
  });

  it('takes proposals only in the proposal phase, and reviews them with a public reason when set aside', async () => {
    t.clock.set(DURING.proposals);
    const editor = await signedInClient(t, 'editor');
    const resident = await signedInClient(t, null);
    const staff = await staffClient(t);
    await editor.api('POST', '/budgeting/processes', processBody('p2'));
    const proposal = {
      title: 'Benches in the park',
      description: 'Ten benches along the river path.',
      district: 'north',
      category: 'parks',
      cost: 12000,
      lat: 41.9,
      lng: 12.5,
    };
    expect((await createClient(t).api('POST', '/budgeting/processes/p2/proposals', proposal)).status).toBe(401);
    for (const [over, field] of [
      [{ cost: '200000' }, 'cost'],
      [{ district: 'south' }, 'district'],
      [{ category: 'roads' }, 'category'],
      [{ lat: 95 }, 'lat'],
      [{ title: '' }, 'title'],
      [{ cost: 'cheap' }, 'cost'],
    ] as const) {
      const res = await resident.api('POST', '/budgeting/processes/p2/proposals', { ...proposal, ...over });
      expect(res.status, field).toBe(400);
      expect(Object.keys((await read(res)).error.fields)).toContain(field);
    }
    const made = await resident.api('POST', '/budgeting/processes/p2/proposals', proposal);
    expect(made.status).toBe(201);
    const project = await read(made);
    expect(project).toMatchObject({ code: '1', status: 'proposed', cost: '12000.00', district: 'north', category: 'parks', lat: 41.9 });

    t.clock.set(DURING.review);
    expect((await resident.api('POST', '/budgeting/processes/p2/proposals', proposal)).status).toBe(409);
    expect((await resident.api('POST', '/budgeting/processes/p2/projects/1/review', { status: 'feasible' })).status).toBe(403);
    const noReason = await staff.api('POST', '/budgeting/processes/p2/projects/1/review', { status: 'set-aside' });
    expect(noReason.status).toBe(400);
    expect((await read(noReason)).error.fields.reason).toMatch(/public reason/);
    const aside = await staff.api('POST', '/budgeting/processes/p2/projects/1/review', {
      status: 'set-aside',
      reason: 'The park is being rebuilt in 2027.',
      cost: '15000',
    });
    expect(aside.status).toBe(200);
    expect(await read(aside)).toMatchObject({ status: 'set-aside', statusReason: 'The park is being rebuilt in 2027.', cost: '15000.00' });
    const detail = await read(await createClient(t).get('/api/v1/budgeting/processes/p2/projects/1'));
    expect(detail.history.map((h: Json) => h.kind)).toEqual(['proposed', 'reviewed']);
    expect(detail.history[1].changes.cost).toEqual({ from: '12000.00', to: '15000' });
    expect((await createClient(t).get('/api/v1/budgeting/processes/p2/projects/99')).status).toBe(404);
  });

  it('enforces a knapsack ballot on the server, lets the voter change it and say how they voted', async () => {
    const { resident, editor } = await setUpVotingProcess(t, 'k1', [
      { title: 'Playground', cost: '60000' },
      { title: 'Trees', cost: '30000' },
      { title: 'Library books', cost: '20000' },
      { title: 'Bike lanes', cost: '40000', district: 'city' },
    ]);
    const over = await resident.api('PUT', '/budgeting/processes/k1/ballot', {
      district: 'north',
      choices: [{ project: '1' }, { project: '2' }, { project: '3' }],
    });
    expect(over.status).toBe(400);
    const err = (await read(over)).error;
    expect(err.message).toBe('The projects you chose cost 110000, more than the budget of 100000.');
    expect(err.fields.choices).toBe(err.message);
    for (const [choices, msg] of [
      [[{ project: '4' }], /Project 4 is not on this ballot/],
      [[{ project: '1' }, { project: '1' }], /appears more than once/],
      [[], /empty/],
    ] as const) {
      const res = await resident.api('PUT', '/budgeting/processes/k1/ballot', { district: 'north', choices });
      expect(res.status).toBe(400);
      expect((await read(res)).error.message).toMatch(msg);
    }
    expect((await resident.api('PUT', '/budgeting/processes/k1/ballot', { district: 'south', choices: [{ project: '1' }] })).status).toBe(400);
    expect((await createClient(t).api('PUT', '/budgeting/processes/k1/ballot', { district: 'north', choices: [{ project: '1' }] })).status).toBe(401);

    const ok = await resident.api('PUT', '/budgeting/processes/k1/ballot', { district: 'north', choices: [{ project: '1' }, { project: '2' }] });
    expect(ok.status).toBe(200);
    const changed = await resident.api('PUT', '/budgeting/processes/k1/ballot', { district: 'north', choices: [{ project: '2' }, { project: '3' }] });
    expect(changed.status).toBe(200);
    expect((await resident.api('PUT', '/budgeting/processes/k1/ballot', { district: 'city', choices: [{ project: '4' }] })).status).toBe(200);
    const mine = await read(await resident.api('POST', '/budgeting/processes/k1/my-ballots', {}));
    expect(mine.voted).toBe(true);
    expect(mine.ballots.map((b: Json) => [b.district, b.choices.map((c: Json) => c.project).join(',')]).sort()).toEqual([
      ['city', '4'],
      ['north', '2,3'],
    ]);
    const turnout = await read(await createClient(t).get('/api/v1/budgeting/processes/k1/turnout'));
    expect(turnout.items).toEqual([
      { district: 'north', online: 1, paper: 0, import: 0, total: 1 },
      { district: 'city', online: 1, paper: 0, import: 0, total: 1 },
    ]);
    // The rule and the budgets are fixed once voting has opened.
    const fixed = await editor.api('PUT', '/budgeting/processes/k1', processBody('k1', { rule: { rule: 'mes' } }));
    expect(fixed.status).toBe(409);
    expect((await read(fixed)).error.fields.rule).toMatch(/voting has opened/);
    const budget = await editor.api(
      'PUT',
      '/budgeting/processes/k1',
      processBody('k1', {
        districts: [
          { slug: 'north', name: 'North', budget: '1' },
          { slug: 'city', name: 'City-wide', budget: '50000', cityWide: true },
        ],
      }),
    );
    expect((await read(budget)).error.fields['districts.north.budget']).toMatch(/cannot change/);
    expect((await editor.api('PUT', '/budgeting/processes/k1', processBody('k1', { title: 'A clearer title' }))).status).toBe(200);

    t.clock.set(DURING.results);
    const late = await resident.api('PUT', '/budgeting/processes/k1/ballot', { district: 'north', choices: [{ project: '1' }] });
    expect(late.status).toBe(409);
    expect((await read(late)).error.message).toMatch(/Voting is not open/);
  });

  it('names the broken constraint for approval, cumulative, ordinal and choose-one ballots', async () => {
    const projects = [
      { title: 'Project A', cost: '10000' },
      { title: 'Project B', cost: '10000' },
      { title: 'Project C', cost: '10000' },
    ];
    const cases: { over: Record<string, unknown>; bad: unknown[]; msg: RegExp; good: unknown[] }[] = [
      {
        over: { ballotType: 'approval', constraints: { minProjects: 2, maxProjects: 2 } },
        bad: [{ project: '1' }],
        msg: /Choose at least 2 projects \(you chose 1\)/,
        good: [{ project: '1' }, { project: '3' }],
      },
      {
        over: { ballotType: 'approval', constraints: { maxProjects: 2 } },
        bad: [{ project: '1' }, { project: '2' }, { project: '3' }],
        msg: /at most 2 projects \(you chose 3\)/,
        good: [{ project: '2' }],
      },
      {
        over: { ballotType: 'cumulative', constraints: { maxPointsPerProject: 3, totalPoints: 5 } },
        bad: [{ project: '1', points: 4 }],
        msg: /At most 3 points per project \(project 1 has 4\)/,
        good: [
          { project: '1', points: 3 },
          { project: '2', points: 2 },
        ],
      },
      {
        over: { ballotType: 'cumulative', constraints: { maxPointsPerProject: 3, totalPoints: 5 } },
        bad: [
          { project: '1', points: 3 },
          { project: '2', points: 3 },
        ],
        msg: /At most 5 points in total \(you gave 6\)/,
        good: [{ project: '3', points: 1 }],
      },
      {
        over: { ballotType: 'ordinal', constraints: { rankK: 2 } },
        bad: [{ project: '3' }, { project: '1' }, { project: '2' }],
        msg: /Rank at most 2 projects \(you ranked 3\)/,
        good: [{ project: '3' }, { project: '1' }],
      },
      {
        over: { ballotType: 'choose-one' },
        bad: [{ project: '1' }, { project: '2' }],
        msg: /Choose exactly one project \(you chose 2\)/,
        good: [{ project: '2' }],
      },
    ];
    for (const [i, c] of cases.entries()) {
      const { resident } = await setUpVotingProcess(t, `b${i}`, projects, c.over);
      const bad = await resident.api('PUT', `/budgeting/processes/b${i}/ballot`, { district: 'north', choices: c.bad });
      expect(bad.status, String(c.msg)).toBe(400);
      expect((await read(bad)).error.message).toMatch(c.msg);
      const good = await resident.api('PUT', `/budgeting/processes/b${i}/ballot`, { district: 'north', choices: c.good });
      expect(good.status, String(c.msg)).toBe(200);
      expect((await read(good)).choices).toEqual(c.good);
    }
  });

  it('counts one ballot per voting code, and paper ballots only after a second person checks them', async () => {
    const { editor, staff } = await setUpVotingProcess(t, 'c1', [
      { title: 'Project A', cost: '30000' },
      { title: 'Project B', cost: '50000' },
    ]);
    expect((await staff.api('POST', '/budgeting/processes/c1/codes', { count: 3 })).status).toBe(403);
    const issued = await editor.api('POST', '/budgeting/processes/c1/codes', { count: 3, batch: 'north letters' });
    expect(issued.status).toBe(201);
    const { codes } = await read(issued);
    expect(codes).toHaveLength(3);
    expect(codes[0]).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect((await editor.api('POST', '/budgeting/processes/c1/codes', { count: 0 })).status).toBe(400);
    const badCsv = await editor.api('POST', '/budgeting/processes/c1/codes', { csv: 'code\nGOODCODE1\nno!\n' });
    expect((await read(badCsv)).error.fields.csv).toMatch(/line 3/);
    expect(
      (await read(await editor.api('POST', '/budgeting/processes/c1/codes', { csv: '\uFEFFcode\nCITY-0001-AB\nCITY-0002-CD\n' }))).imported,
    ).toBe(2);
    expect((await editor.api('POST', '/budgeting/processes/c1/codes', { csv: 'CITY-0001-AB\n' })).status).toBe(409);

    const visitor = createClient(t);
    const wrong = await visitor.api('PUT', '/budgeting/processes/c1/ballot', { district: 'north', choices: [{ project: '1' }], code: 'NOPE-NOPE' });
    expect(wrong.status).toBe(400);
    expect((await read(wrong)).error.fields.code).toMatch(/not valid/);
    expect(
      (await visitor.api('PUT', '/budgeting/processes/c1/ballot', { district: 'north', choices: [{ project: '1' }], code: codes[0].toLowerCase() }))
        .status,
    ).toBe(200);
    expect(
      (await visitor.api('PUT', '/budgeting/processes/c1/ballot', { district: 'north', choices: [{ project: '2' }], code: codes[0] })).status,
    ).toBe(200);
    expect(
      (await visitor.api('PUT', '/budgeting/processes/c1/ballot', { district: 'north', choices: [{ project: '1' }], code: 'city 0001 ab' })).status,
    ).toBe(200);
    const byCode = await read(await visitor.api('POST', '/budgeting/processes/c1/my-ballots', { code: codes[0] }));
    expect(byCode.ballots.map((b: Json) => b.choices)).toEqual([[{ project: '2' }]]);

    // Paper: entered by one person, confirmed by another; the same code cannot vote twice.
    const second = await staffClient(t);
    const twice = await staff.api('POST', '/budgeting/processes/c1/paper-ballots', {
      reference: 'S-1',
      district: 'north',
      choices: [{ project: '1' }],
      code: codes[0],
    });
    expect(twice.status).toBe(409);
    expect(
      (await staff.api('POST', '/budgeting/processes/c1/paper-ballots', { reference: 'S-1', district: 'north', choices: [{ project: '9' }] })).status,
    ).toBe(400);
    expect((await staff.api('POST', '/budgeting/processes/c1/paper-ballots', { district: 'north', choices: [{ project: '1' }] })).status).toBe(400);
    const entered = await staff.api('POST', '/budgeting/processes/c1/paper-ballots', {
      reference: 'S-1',
      district: 'north',
      choices: [{ project: '2' }],
    });
    expect(entered.status).toBe(201);
    const paper = await read(entered);
    expect(paper.status).toBe('pending');
    expect(
      (await staff.api('POST', '/budgeting/processes/c1/paper-ballots', { reference: 'S-1', district: 'north', choices: [{ project: '1' }] })).status,
    ).toBe(409);
    const self = await staff.api('POST', `/budgeting/processes/c1/paper-ballots/${paper.id}/confirm`);
    expect(self.status).toBe(403);
    expect((await read(self)).error.message).toMatch(/different person/);
    let turnout = await read(await visitor.get('/api/v1/budgeting/processes/c1/turnout'));
    expect(turnout.items[0]).toEqual({ district: 'north', online: 2, paper: 0, import: 0, total: 2 });
    expect((await read(await second.get('/api/v1/budgeting/processes/c1/paper-ballots'))).items).toHaveLength(1);
    t.clock.set(DURING.results);
    const pending = await editor.api('POST', '/budgeting/processes/c1/results/compute');
    expect(pending.status).toBe(409);
    expect((await read(pending)).error.message).toMatch(/1 paper ballot/);
    const confirmed = await second.api('POST', `/budgeting/processes/c1/paper-ballots/${paper.id}/confirm`);
    expect((await read(confirmed)).status).toBe('counted');
    expect((await second.api('POST', `/budgeting/processes/c1/paper-ballots/${paper.id}/confirm`)).status).toBe(409);
    expect((await second.api('POST', `/budgeting/processes/c1/paper-ballots/not-an-id/confirm`)).status).toBe(404);
    turnout = await read(await visitor.get('/api/v1/budgeting/processes/c1/turnout'));
    expect(turnout.items[0]).toEqual({ district: 'north', online: 2, paper: 1, import: 0, total: 3 });
  });

  it('computes results with the process rule, explains them, publishes and locks, and exports a .pb that recounts the same', async () => {
    const { editor, resident } = await setUpVotingProcess(
      t,
      'r1',
      [
        { title: 'Pool', cost: '60000' },
        { title: 'Trees', cost: '30000' },
        { title: 'Books', cost: '20000' },
        { title: 'Lights', cost: '50000' },
      ],
      { rule: { rule: 'mes', satisfaction: 'cost' } },
    );
    const voters = [resident, ...(await Promise.all([1, 2, 3, 4].map(() => signedInClient(t, null))))];
    const ballots = [['1'], ['1'], ['1', '2'], ['2', '3'], ['3', '4']];
    for (const [i, v] of voters.entries()) {
      const res = await v.api('PUT', '/budgeting/processes/r1/ballot', { district: 'north', choices: ballots[i].map((project) => ({ project })) });
      expect(res.status).toBe(200);
    }
    expect((await editor.api('POST', '/budgeting/processes/r1/results/compute')).status).toBe(409); // voting still open
    t.clock.set(DURING.results);
    expect((await editor.api('POST', '/budgeting/processes/r1/results/publish')).status).toBe(409); // not computed
    expect((await resident.api('POST', '/budgeting/processes/r1/results/compute')).status).toBe(403);
    const computed = await read(await editor.api('POST', '/budgeting/processes/r1/results/compute'));
    expect(computed.districts, JSON.stringify(computed)).toBeDefined();
    const north = computed.districts.find((d: Json) => d.district.slug === 'north');
    // Equal Shares by hand: 5 voters, 20000 each. Pool (60000) has 3 supporters with 60000: rho = 1 (each pays all).
    // Books (20000): supporters 4 and 5 hold 40000, pay 10000 each. Trees (30000): voters 3 (0 left) and 4 (10000) cannot pay.
    expect(north.selected).toEqual(['1', '3']);
    expect(north.totalCost).toBe('80000');
    expect(north.shares.perVoter).toBe('20000');
    const v4 = north.shares.groups.find((g: Json) => g.choices.join(',') === '2,3');
    expect(v4.payments).toEqual([{ project: '3', amount: '10000' }]);
    expect(v4.left).toBe('10000');
    const trees = north.projects.find((p: Json) => p.code === '2');
    expect(trees.selected).toBe(false);
    expect(trees.reason).toBe('supporters-short');
    expect(north.choicesWon).toEqual([
      { won: 0, voters: 0 },
      { won: 1, voters: 5 },
    ]);
    const unpublished = await createClient(t).get('/api/v1/budgeting/processes/r1/results');
    expect(unpublished.status).toBe(200);
    expect(await read(unpublished)).toEqual({ published: false, resultsDue: '2026-03-28T00:00:00Z', districts: [] });
    expect((await editor.api('POST', '/budgeting/processes/r1/results/publish')).status).toBe(200);
    const published = await read(await createClient(t).get('/api/v1/budgeting/processes/r1/results'));
    expect(published.published).toBe(true);
    expect((await read(await createClient(t).get('/api/v1/budgeting/processes/r1/projects/1'))).status).toBe('selected');
    expect((await editor.api('POST', '/budgeting/processes/r1/results/publish')).status).toBe(409);
    const locked = await editor.api('PUT', '/budgeting/processes/r1', processBody('r1', { rule: { rule: 'greedy' } }));
    expect((await read(locked)).error.fields.rule).toMatch(/results are published/);

    const pb = await createClient(t).get('/budgeting/r1/north.pb');
    expect(pb.status).toBe(200);
    const text = await pb.text();
    const file = parsePabulib(text);
    expect(file.meta).toMatchObject({ num_projects: '4', num_votes: '5', budget: '100000.00', vote_type: 'approval', rule: 'equalshares' });
    expect(file.votes.rows.map((r) => r.vote).sort()).toEqual(['1', '1', '1,2', '2,3', '3,4']);
    expect(file.projects.rows.find((r) => r.project_id === '1')!.selected).toBe('1');
    const tmp = path.join(process.env.TMPDIR ?? '/tmp', `r1-${kind}.pb`);
    (await import('node:fs')).writeFileSync(tmp, text);
    expect(computeFromFile(tmp, { rule: 'mes' }).selected).toEqual(['1', '3']);
    expect((await createClient(t).get('/budgeting/r1/south.pb')).status).toBe(404);
  });

  it.runIf(existsSync(ASSEN))('imports a Pabulib file as a process and exports it back field for field', async () => {
    t.clock.set(DURING.proposals);
    const editor = await signedInClient(t, 'editor');
    const text = readFileSync(ASSEN, 'utf8');
    await expect((await signedInClient(t, null)).api('POST', '/budgeting/import', { slug: 'assen', file: text }).then((r) => r.status)).resolves.toBe(
      403,
    );
    const bad = await editor.api('POST', '/budgeting/import', { slug: 'bad', file: text.replace(/(\r?\n)3;7200;/, '$13;72x0;') });
    expect(bad.status).toBe(400);
    expect((await read(bad)).error.message).toMatch(/line \d+/);
    const res = await editor.api('POST', '/budgeting/import', { slug: 'assen', file: text });
    expect(res.status).toBe(201);
    const p = await read(res);
    expect(p).toMatchObject({ ballotType: 'approval', rule: { rule: 'mes', completion: 'add1' }, constraints: { minProjects: 2 } });
    const exported = await editor.get('/budgeting/assen/all.pb');
    const again = parsePabulib(await exported.text());
    const original = parsePabulib(text);
    expect(again.meta).toEqual(original.meta);
    expect(again.projects).toEqual(original.projects);
    expect(again.votes).toEqual(original.votes);
    expect((await editor.api('POST', '/budgeting/import', { slug: 'assen', file: text })).status).toBe(409);
    // Counted in the database the same as from the file.
    const computed = await read(await editor.api('POST', '/budgeting/processes/assen/results/compute'));
    expect(computed.districts[0].selected).toEqual(computeFromFile(ASSEN, { rule: 'mes', completion: 'add1' }).selected);
  });

  it.each(['Poland_Czestochowa_2024_Tysiaclecie.pb', 'Poland_Krakow_2020_Grzegorzki.pb'])(
    'round-trips %s (points, voter columns) through the database',
    async (name) => {
      const file = path.join(datasets, 'pb', name);
      if (!existsSync(file)) expect.fail(`No Pabulib data at ${file}: set POLITY_DATASETS (default ../shared/data).`);
      const editor = await signedInClient(t, 'editor');
      const text = readFileSync(file, 'utf8');
      const slug = name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .slice(0, 30);
      expect((await editor.api('POST', '/budgeting/import', { slug, file: text })).status).toBe(201);
      const again = parsePabulib(await (await editor.get(`/budgeting/${slug}/all.pb`)).text());
      const original = parsePabulib(text);
      expect(again.meta).toEqual(original.meta);
      expect(again.projects).toEqual(original.projects);
      expect(again.votes).toEqual(original.votes);
    },
  );

  it('closes voting early on an editor’s word, and forgets a deleted account’s name on its ballots while still counting them', async () => {
    const { editor, resident } = await setUpVotingProcess(t, 'e1', [{ title: 'Project A', cost: '30000' }]);
    expect((await resident.api('PUT', '/budgeting/processes/e1/ballot', { district: 'north', choices: [{ project: '1' }] })).status).toBe(200);
    const exported = (await exportBudgetingData(t.deps, t.site.id, resident.userId)) as { ballots: unknown[] };
    expect(exported.ballots).toHaveLength(1);
    expect((await resident.api('POST', '/budgeting/processes/e1/close-voting')).status).toBe(403);
    expect((await editor.api('POST', '/budgeting/processes/e1/close-voting')).status).toBe(200);
    expect((await editor.api('POST', '/budgeting/processes/e1/close-voting')).status).toBe(409);
    expect((await resident.api('PUT', '/budgeting/processes/e1/ballot', { district: 'north', choices: [{ project: '1' }] })).status).toBe(409);
    await deleteBudgetingData(t.deps, t.site.id, resident.userId);
    expect(((await exportBudgetingData(t.deps, t.site.id, resident.userId)) as { ballots: unknown[] }).ballots).toHaveLength(0);
    const computed = await read(await editor.api('POST', '/budgeting/processes/e1/results/compute'));
    expect(computed.districts[0]).toMatchObject({ numVoters: 1, selected: ['1'] });
  });

  it('gives each person one ballot: a code used while signed in is bound to the account, in both orders and on paper', async () => {
    const { editor, staff } = await setUpVotingProcess(t, 'once', [
      { title: 'Project A', cost: '30000' },
      { title: 'Project B', cost: '50000' },
      { title: 'Project C', cost: '20000', district: 'city' },
    ]);
    const { codes } = await read(await editor.api('POST', '/budgeting/processes/once/codes', { count: 5 }));
    const ballot = (extra: Record<string, unknown> = {}) => ({ district: 'north', choices: [{ project: '1' }], ...extra });
    const put = (c: { api: typeof editor.api }, extra: Record<string, unknown> = {}) =>
      c.api('PUT', '/budgeting/processes/once/ballot', ballot(extra));

    // Online first, then a code: refused, and the code stays free (not bound, not used).
    const ana = await signedInClient(t, null);
    expect((await put(ana)).status).toBe(200);
    const anaCode = await put(ana, { code: codes[0] });
    expect(anaCode.status).toBe(409);
    const anaError = (await read(anaCode)).error;
    expect(anaError.fields.code).toMatch(/already has a ballot/);
    expect(anaError.message).toMatch(/already voted online/);
    // The same code in the city-wide pot is refused too: one person, one channel.
    expect((await ana.api('PUT', '/budgeting/processes/once/ballot', { district: 'city', choices: [{ project: '3' }], code: codes[0] })).status).toBe(
      409,
    );
    const bea = await signedInClient(t, null);
    expect((await put(bea, { code: codes[0] })).status).toBe(200);

    // A code first (signed in: bound to the account), then online: refused.
    const online = await put(bea);
    expect(online.status).toBe(409);
    expect((await read(online)).error.message).toMatch(/already voted with a voting code linked to your account/);
    expect((await bea.api('PUT', '/budgeting/processes/once/ballot', { district: 'city', choices: [{ project: '3' }] })).status).toBe(409);
    // The holder can still change the code ballot; another account cannot use the bound code.
    expect((await put(bea, { code: codes[0], choices: [{ project: '2' }] })).status).toBe(200);
    const cat = await signedInClient(t, null);
    const stolen = await put(cat, { code: codes[0] });
    expect(stolen.status).toBe(409);
    expect((await read(stolen)).error.fields.code).toMatch(/another account/);
    // A second code for the same account is refused as well.
    expect((await put(bea, { code: codes[1] })).status).toBe(409);

    // A code first used anonymously, then by a signed-in person who had already voted online: refused.
    const visitor = createClient(t);
    expect((await put(visitor, { code: codes[2] })).status).toBe(200);
    expect((await put(ana, { code: codes[2] })).status).toBe(409);
    // ... and bound when the signed-in person had not voted: their online ballot is then refused.
    expect((await put(cat, { code: codes[2] })).status).toBe(200);
    expect((await put(cat)).status).toBe(409);

    // Paper: a sheet with a code bound to someone who voted online is refused naming the reason.
    const dan = await signedInClient(t, null);
    expect((await put(dan, { code: codes[3] })).status).toBe(200);
    const paperTwice = await staff.api('POST', '/budgeting/processes/once/paper-ballots', { ...ballot(), reference: 'P-1', code: codes[3] });
    expect(paperTwice.status).toBe(409);
    // A paper sheet with a fresh code, then the person who holds it signs in and uses it: refused.
    const paper = await staff.api('POST', '/budgeting/processes/once/paper-ballots', { ...ballot(), reference: 'P-2', code: codes[4] });
    expect(paper.status).toBe(201);
    const eve = await signedInClient(t, null);
    const afterPaper = await put(eve, { code: codes[4] });
    expect(afterPaper.status).toBe(409);
    expect((await read(afterPaper)).error.message).toMatch(/paper/);

    const turnout = await read(await visitor.get('/api/v1/budgeting/processes/once/turnout'));
    // ana (online), bea (code 0), code 2 (cat), dan (code 3); the pending paper sheet is not counted yet.
    expect(turnout.items.find((i: Json) => i.district === 'north')).toMatchObject({ online: 4, paper: 0 });

    // Deleting bea's account unbinds the code but keeps its one ballot: the code still cannot vote twice by paper.
    expect(((await exportBudgetingData(t.deps, t.site.id, bea.userId)) as { ballots: unknown[] }).ballots).toHaveLength(1);
    await deleteBudgetingData(t.deps, t.site.id, bea.userId);
    expect((await staff.api('POST', '/budgeting/processes/once/paper-ballots', { ...ballot(), reference: 'P-3', code: codes[0] })).status).toBe(409);
  });

  it('keeps one ballot per person when a code and an online ballot race', async () => {
    const { editor } = await setUpVotingProcess(t, 'once-race', [{ title: 'Project A', cost: '30000' }]);
    const { codes } = await read(await editor.api('POST', '/budgeting/processes/once-race/codes', { count: 1 }));
    const fay = await signedInClient(t, null);
    const body = { district: 'north', choices: [{ project: '1' }] };
    const results = await Promise.all([
      fay.api('PUT', '/budgeting/processes/once-race/ballot', body),
      fay.api('PUT', '/budgeting/processes/once-race/ballot', { ...body, code: codes[0] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const turnout = await read(await createClient(t).get('/api/v1/budgeting/processes/once-race/turnout'));
    expect(turnout.items.find((i: Json) => i.district === 'north')).toMatchObject({ online: 1 });
  });

  it('keeps one ballot and distinct project codes when requests race', async () => {
    t.clock.set(DURING.proposals);
    const editor = await signedInClient(t, 'editor');
    await editor.api('POST', '/budgeting/processes', processBody('race'));
    const people = await Promise.all([1, 2, 3, 4].map(() => signedInClient(t, null)));
    const made = await Promise.all(
      people.map((c, i) =>
        c.api('POST', '/budgeting/processes/race/proposals', {
          title: `Idea number ${i}`,
          description: 'A description long enough.',
          district: 'north',
          cost: '1000',
        }),
      ),
    );
    expect(
      made.map((r) => r.status),
      await Promise.all(made.map((r) => r.clone().text())).then((b) => b.join(' | ')),
    ).toEqual([201, 201, 201, 201]);
    const codes = await Promise.all(made.map(async (r) => (await read(r)).code));
    expect(new Set(codes).size).toBe(4);
    t.clock.set(DURING.review);
    const staff = await staffClient(t);
    for (const code of codes) await staff.api('POST', `/budgeting/processes/race/projects/${code}/review`, { status: 'feasible' });
    t.clock.set(DURING.voting);
    const voter = people[0];
    const cast = await Promise.all(
      ['1', '2', '3'].map((project) => voter.api('PUT', '/budgeting/processes/race/ballot', { district: 'north', choices: [{ project }] })),
    );
    expect(cast.map((r) => r.status)).toEqual([200, 200, 200]);
    const mine = await read(await voter.api('POST', '/budgeting/processes/race/my-ballots', {}));
    expect(mine.ballots).toHaveLength(1);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = await read(await createClient(t).get('/api/v1/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/budgeting/processes/{slug}/ballot', '/budgeting/processes/{slug}/results', '/budgeting/import']),
    );
  });
});
