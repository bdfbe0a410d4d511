import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';
import { refreshConversationAnalysis } from './commands/update-analysis.js';
import { readPolisFiles } from './formats/polis-csv.js';
import { findConversationBySlug } from './store/conversations.js';

const seeds = ['Buses should run all night.', 'The market square should be car-free.', 'More trees on main streets.', 'Parking should cost more.'];

describe.each(testDatabases())('conversations on %s', (kind) => {
  let t: TestContext;
  let editor: Awaited<ReturnType<typeof signedInClient>>;

  beforeAll(async () => {
    t = await createTestContext(kind);
    editor = await signedInClient(t, 'editor');
    const res = await editor.api('POST', '/conversations', { slug: 'transport', topic: 'Transport in 2027', seedStatements: seeds });
    expect(res.status).toBe(201);
  });
  afterAll(() => t.close());

  it('refuses to create a conversation from visitors and with bad input, naming each field', async () => {
    expect((await createClient(t).api('POST', '/conversations', { slug: 'x', topic: 'X' })).status).toBe(401);
    const res = await editor.api('POST', '/conversations', {
      slug: 'Bad Slug',
      topic: '',
      seedStatements: ['', 'x'.repeat(141)],
      settings: { moderation: 'lenient' },
      questions: [
        { id: 'age', label: 'Age', options: ['<30', '30+'] },
        { id: 'age', label: 'Again', options: ['a', 'b'] },
      ],
    });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(Object.keys(error.fields).sort()).toEqual(
      ['questions.1.id', 'seedStatements.0', 'seedStatements.1', 'settings.moderation', 'slug', 'topic'].sort(),
    );
    expect(error.fields['seedStatements.1']).toMatch(/at most 140 characters \(this one has 141\)/);
    const dup = await editor.api('POST', '/conversations', { slug: 'transport', topic: 'Again' });
    expect(dup.status).toBe(409);
    expect((await editor.api('GET', '/conversations')).status).toBe(200);
  });

  it('lets an anonymous participant join by cookie, vote, re-vote and see their votes', async () => {
    const p = createClient(t);
    const next = await (await p.api('GET', '/conversations/transport/next')).json();
    expect(next.total).toBe(4);
    expect(next.remaining).toBe(4);
    expect(seeds).toContain(next.statement.text);
    const vote = await p.api('POST', '/conversations/transport/votes', { statementId: next.statement.id, vote: 'agree' });
    expect(vote.status).toBe(201);
    expect(await vote.json()).toEqual({ statementId: next.statement.id, vote: 'agree', replaced: false });
    expect([...p.jar.keys()]).toContain('polity_participant');
    // A second vote on the same statement within a second is a burst.
    const burst = await p.api('POST', '/conversations/transport/votes', { statementId: next.statement.id, vote: 'agree' });
    expect(burst.status).toBe(429);
    expect((await burst.json()).error.fields.statementId).toMatch(/less than 1 s ago/);
    t.clock.advance(2000);
    const again = await (await p.api('POST', '/conversations/transport/votes', { statementId: next.statement.id, vote: 'disagree' })).json();
    expect(again.replaced).toBe(true);
    const me = await (await p.api('GET', '/conversations/transport/me')).json();
    expect(me.votes).toEqual([{ statementId: next.statement.id, vote: 'disagree' }]);
    const after = await (await p.api('GET', '/conversations/transport/next')).json();
    expect(after.remaining).toBe(3);
    expect(after.statement.id).not.toBe(next.statement.id);
  });

  it('refuses votes on unknown and waiting statements and malformed votes, and stores nothing for them', async () => {
    const p = createClient(t);
    const unknown = await p.api('POST', '/conversations/transport/votes', { statementId: 999, vote: 'agree' });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.fields.statementId).toBe('no statement 999 in this conversation');
    const bad = await p.api('POST', '/conversations/transport/votes', { statementId: 'one', vote: 'maybe' });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['statementId', 'vote']);
    const written = await (await p.api('POST', '/conversations/transport/statements', { text: 'Trams instead of buses on the main line.' })).json();
    expect(written.status).toBe('waiting');
    const waiting = await p.api('POST', '/conversations/transport/votes', { statementId: written.id, vote: 'agree' });
    expect(waiting.status).toBe(400);
    expect((await waiting.json()).error.fields.statementId).toMatch(/waiting for moderation/);
    const me = await (await p.api('GET', '/conversations/transport/me')).json();
    // Only the author's own agree on the statement they wrote (Pol.is records it).
    expect(me.votes).toEqual([{ statementId: written.id, vote: 'agree' }]);
    expect((await createClient(t).api('POST', '/conversations/nope/votes', { statementId: 0, vote: 'agree' })).status).toBe(404);
  });

  it('checks statements: empty, too long, and near-duplicates flagged for the moderator', async () => {
    const p = createClient(t);
    const empty = await p.api('POST', '/conversations/transport/statements', { text: '   ' });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.fields.text).toBe('a statement cannot be empty');
    const long = await p.api('POST', '/conversations/transport/statements', { text: 'y'.repeat(200) });
    expect((await long.json()).error.fields.text).toMatch(/at most 140/);
    const copy = await (await p.api('POST', '/conversations/transport/statements', { text: 'buses should run ALL night!' })).json();
    expect(copy.duplicateOf).toBe(0);
    expect(copy.similarity).toBeGreaterThan(0.8);
  });

  it('keeps the moderation queue to moderators and the owner; moderated-out statements leave the math and the report', async () => {
    const visitor = createClient(t);
    expect((await visitor.api('GET', '/conversations/transport/statements?status=waiting')).status).toBe(401);
    const resident = await signedInClient(t, null);
    expect((await resident.api('GET', '/conversations/transport/statements?status=waiting')).status).toBe(403);
    const moderator = await signedInClient(t, 'moderator');
    const queue = await (await moderator.api('GET', '/conversations/transport/statements?status=waiting')).json();
    expect(queue.items.map((s: { text: string }) => s.text)).toEqual(['Trams instead of buses on the main line.', 'buses should run ALL night!']);
    const [trams, copy] = queue.items;
    expect((await moderator.api('POST', `/conversations/transport/statements/${trams.id}/moderation`, { action: 'accept' })).status).toBe(200);
    expect((await moderator.api('POST', `/conversations/transport/statements/${copy.id}/moderation`, { action: 'reject' })).status).toBe(200);
    const badAction = await moderator.api('POST', `/conversations/transport/statements/${trams.id}/moderation`, { action: 'delete' });
    expect(badAction.status).toBe(400);
    const accepted = await (await visitor.api('GET', '/conversations/transport/statements')).json();
    expect(accepted.items.map((s: { id: number }) => s.id)).toContain(trams.id);
    expect(accepted.items.map((s: { id: number }) => s.id)).not.toContain(copy.id);
    const rejectedVote = await visitor.api('POST', '/conversations/transport/votes', { statementId: copy.id, vote: 'agree' });
    expect((await rejectedVote.json()).error.fields.statementId).toMatch(/moderated out/);
  });

  it('analyses after a batch of votes through the job queue: groups, consensus, and why a participant is in their group', async () => {
    // 30 participants in two camps over the five accepted statements (enough votes to be clustered).
    const clients = Array.from({ length: 30 }, () => createClient(t));
    for (const [i, c] of clients.entries()) {
      const camp = i % 2 === 0;
      for (const id of [0, 1, 2, 3, 4]) {
        // Some pass here and there, so the camps are not two single points.
        const vote = (i * 7 + id) % 11 === 0 ? 'pass' : id === 2 ? 'agree' : (id % 2 === 0) === camp ? 'agree' : 'disagree';
        expect((await c.api('POST', '/conversations/transport/votes', { statementId: id, vote })).status).toBe(201);
      }
    }
    t.clock.advance(1000);
    expect(await t.drainJobs()).toBeGreaterThan(0);
    const { report } = await (await clients[0].api('GET', '/conversations/transport/report')).json();
    expect(report.k.chosen).toBe(2);
    // Pol.is clusters those with at least min(7, statements) votes, else the 15 with most votes;
    // whoever is clustered is grouped with their own camp.
    expect(report.counts.clustered).toBeGreaterThanOrEqual(15);
    const groupOf = new Map(report.participants.map((p: { id: number; group: number }) => [p.id, p.group]));
    const camps = new Map<number, Set<unknown>>([
      [0, new Set()],
      [1, new Set()],
    ]);
    for (const [i, c] of clients.entries()) {
      const pid = (await (await c.api('GET', '/conversations/transport/me')).json()).participantId;
      if (groupOf.has(pid)) camps.get(i % 2)!.add(groupOf.get(pid));
    }
    expect([...camps.values()].map((s) => s.size)).toEqual([1, 1]);
    expect([...camps.get(0)!][0]).not.toBe([...camps.get(1)!][0]);
    // Everyone agrees with "More trees" (id 2): consensus.
    expect(report.consensus.agree.map((s: { statement: number }) => s.statement)).toContain(2);
    const me = await (await clients[0].api('GET', '/conversations/transport/me')).json();
    expect(me.group).not.toBeNull();
    expect(me.why.length).toBeGreaterThan(0);
    // A later batch updates the kept model incrementally; the result equals a full rebuild.
    const late = Array.from({ length: 4 }, () => createClient(t));
    for (const c of late)
      for (const id of [0, 1, 2, 3, 4])
        await c.api('POST', '/conversations/transport/votes', { statementId: id, vote: id % 2 ? 'agree' : 'disagree' });
    t.clock.advance(1000);
    await t.drainJobs();
    const incremental = (await (await clients[0].api('GET', '/conversations/transport/report')).json()).report;
    expect(incremental.counts.votes).toBe(report.counts.votes + 20);
    const conv = await findConversationBySlug(t.deps.db, t.site.id, 'transport');
    const rebuilt = await refreshConversationAnalysis(t.deps, t.site.id, conv!.id, { force: true });
    const members = (r: { participants: { id: number; group: number }[] }) => {
      const byGroup = new Map<number, number[]>();
      for (const p of r.participants) byGroup.set(p.group, [...(byGroup.get(p.group) ?? []), p.id]);
      return [...byGroup.values()].map((ids) => ids.sort((a, b) => a - b).join(',')).sort();
    };
    expect(members(incremental)).toEqual(members(rebuilt!));
    expect(incremental.statements.map((s: { total: unknown }) => s.total)).toEqual(rebuilt!.statements.map((s) => s.total));

    // The moderated-out statement is in no part of the report.
    const conversation = await findConversationBySlug(t.deps.db, t.site.id, 'transport');
    const fresh = await refreshConversationAnalysis(t.deps, t.site.id, conversation!.id, { force: true });
    const mentioned = JSON.stringify([fresh!.groups, fresh!.consensus, fresh!.bridging]);
    expect(fresh!.statements.find((s) => s.id === 5)?.excluded).toBe(true);
    expect(mentioned).not.toMatch(/"statement":5\b/);
  });

  it('does not give a participant their own statement still waiting for a moderator as a reason for their group', async () => {
    const created = await editor.api('POST', '/conversations', {
      slug: 'why-pending',
      topic: 'Why pending',
      seedStatements: seeds,
      settings: { moderation: 'strict', participantsMayWrite: true },
    });
    expect(created.status).toBe(201);
    const clients = Array.from({ length: 20 }, () => createClient(t));
    for (const [i, c] of clients.entries())
      for (const id of [0, 1, 2, 3]) {
        const vote = (i + id) % 7 === 0 ? 'pass' : (id % 2 === 0) === (i % 2 === 0) ? 'agree' : 'disagree';
        expect((await c.api('POST', '/conversations/why-pending/votes', { statementId: id, vote })).status).toBe(201);
      }
    const written = await clients[0].api('POST', '/conversations/why-pending/statements', { text: 'Night buses every ten minutes.' });
    expect(written.status).toBe(201);
    const { id: pendingId } = await written.json();
    t.clock.advance(1000);
    await t.drainJobs();
    const conversation = await findConversationBySlug(t.deps.db, t.site.id, 'why-pending');
    const report = await refreshConversationAnalysis(t.deps, t.site.id, conversation!.id, { force: true });
    const me = await (await clients[0].api('GET', '/conversations/why-pending/me')).json();
    // The analysis counts the author's own agree vote, so it would rank the statement first...
    expect(report!.why[String(me.participantId)]).toContain(pendingId);
    // ...but the participant is not told they are in their group because of a statement nobody else can see yet.
    expect(me.group).not.toBeNull();
    expect(me.why.length).toBeGreaterThan(0);
    expect(me.why).not.toContain(pendingId);
  });

  it('exports a stored conversation in Pol.is’s open-data format that imports back unchanged', async () => {
    const c = createClient(t);
    const files: Record<string, string> = {};
    for (const f of ['comments.csv', 'votes.csv', 'participants-votes.csv', 'summary.csv']) {
      const res = await c.get(`/conversations/transport/export/${f}`);
      expect(res.status, f).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/csv/);
      files[f] = await res.text();
    }
    expect((await c.get('/conversations/transport/export/other.csv')).status).toBe(404);
    const back = readPolisFiles(new Map(Object.entries(files)));
    const statements = await (await editor.api('GET', '/conversations/transport/statements?status=all')).json();
    expect(back.statements.map((s) => s.body)).toEqual(statements.items.map((s: { text: string }) => s.text));
    expect(back.statements.find((s) => s.body === 'buses should run ALL night!')?.moderation).toBe(-1);
    const imported = await editor.api('POST', '/conversations/import', { slug: 'transport-copy', topic: 'Copy', files });
    expect(imported.status).toBe(201);
    for (const f of ['comments.csv', 'votes.csv']) {
      const again = await (await c.get(`/conversations/transport-copy/export/${f}`)).text();
      expect(again, f).toBe(files[f]);
    }
    // A malformed file is refused with its name and line, and nothing is imported.
    const broken = await editor.api('POST', '/conversations/import', {
      slug: 'broken',
      topic: 'Broken',
      files: { ...files, 'votes.csv': files['votes.csv'] + '\n123,notanumber,1,1\n' },
    });
    expect(broken.status).toBe(400);
    expect(Object.keys((await broken.json()).error.fields)).toEqual(['votes.csv']);
    expect((await c.api('GET', '/conversations/broken')).status).toBe(404);
  });

  it('takes xid participants from an embedding site, restricted to the allow-list', async () => {
    const created = await editor.api('POST', '/conversations', {
      slug: 'embedded',
      topic: 'Embedded',
      seedStatements: ['One', 'Two'],
      settings: { participation: 'xid' },
      xidAllowList: ['member-1', 'member-2'],
    });
    expect(created.status).toBe(201);
    const c = createClient(t);
    const missing = await c.api('POST', '/conversations/embedded/votes', { statementId: 0, vote: 'agree' });
    expect((await missing.json()).error.fields.xid).toMatch(/required/);
    const stranger = await c.api('POST', '/conversations/embedded/votes', { statementId: 0, vote: 'agree', xid: 'outsider' });
    expect(stranger.status).toBe(403);
    expect((await c.api('POST', '/conversations/embedded/votes', { statementId: 0, vote: 'agree', xid: 'member-1' })).status).toBe(201);
    const me = await (await createClient(t).api('GET', '/conversations/embedded/me?xid=member-1')).json();
    expect(me.votes).toEqual([{ statementId: 0, vote: 'agree' }]);
  });

  it('asks the conversation’s questions on joining and checks the answers', async () => {
    await editor.api('POST', '/conversations', {
      slug: 'with-questions',
      topic: 'Questions',
      seedStatements: ['A'],
      questions: [{ id: 'district', label: 'District', options: ['North', 'South'] }],
    });
    const c = createClient(t);
    const bad = await c.api('POST', '/conversations/with-questions/participants', { answers: { district: 'East', age: '40' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toEqual({
      'answers.district': 'choose one of: North, South',
      'answers.age': 'this conversation asks no such question',
    });
    const ok = await (await c.api('POST', '/conversations/with-questions/participants', { answers: { district: 'North' } })).json();
    expect(ok.answers).toEqual({ district: 'North' });
  });

  it('refuses votes when closed and keeps the report from participants when the map is hidden', async () => {
    await editor.api('POST', '/conversations', {
      slug: 'closed-one',
      topic: 'Closed',
      seedStatements: ['A'],
      closed: true,
      settings: { showMap: false },
    });
    const c = createClient(t);
    const res = await c.api('POST', '/conversations/closed-one/votes', { statementId: 0, vote: 'agree' });
    expect(res.status).toBe(409);
    expect((await c.api('GET', '/conversations/closed-one/report')).status).toBe(403);
    expect((await editor.api('GET', '/conversations/closed-one/report')).status).toBe(200);
  });
});
