// Page tests run the whole server with the built pages (`npm test` builds them first).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../../server/testing.js';
import { seedConversations } from '../seed/demo.js';

describe.each(testDatabases())('conversation pages on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    const pages = await builtPages();
    t = await createTestContext(kind, { pages });
    await seedConversations(t.deps, t.site.id);
  });
  afterAll(() => t.close());

  it('shows the list, the participation page, the report and the embed to visitors, and keeps staff pages from them', async () => {
    const c = createClient(t);
    for (const path of [
      '/conversations',
      '/conversations/city-centre',
      '/conversations/city-centre/report',
      '/conversations/city-centre/embed?xid=a1',
    ]) {
      const res = await c.get(path);
      expect(res.status, path).toBe(200);
    }
    expect(await (await c.get('/conversations/city-centre/report')).text()).toContain('Map of opinion groups');
    const embed = await (await c.get('/conversations/city-centre/embed?xid=a1')).text();
    expect(embed).not.toContain('site-header');
    for (const path of ['/conversations/new', '/conversations/import', '/conversations/city-centre/moderate', '/conversations/city-centre/edit']) {
      const res = await c.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location')).toMatch(/^\/sign-in\?next=/);
    }
    expect((await c.get('/conversations/nope')).status).toBe(404);
  });

  it('takes a vote from a form in a third-party frame (no cookies at all) by the xid, and refuses a bad one with the reason', async () => {
    const res = await t.app.request('http://test.localhost/conversations/city-centre/embed?xid=member-7', {
      method: 'POST',
      headers: { host: 'test.localhost', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ intent: 'vote', statementId: '1', vote: 'agree', xid: 'member-7' }).toString(),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/conversations/city-centre/embed?xid=member-7&voted=agree');
    const me = await (await createClient(t).api('GET', '/conversations/city-centre/me?xid=member-7')).json();
    expect(me.votes).toEqual([{ statementId: 1, vote: 'agree' }]);
    // The ordinary page still wants the form token.
    const plain = await t.app.request('http://test.localhost/conversations/city-centre', {
      method: 'POST',
      headers: { host: 'test.localhost', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ intent: 'vote', statementId: '1', vote: 'agree' }).toString(),
    });
    expect(plain.status).toBe(403);
    const c = createClient(t);
    const bad = await c.form('/conversations/city-centre', { intent: 'vote', statementId: '999', vote: 'agree' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('There is no such statement');
  });

  it('lets an editor create a conversation from the form, naming each bad field and keeping the typed values', async () => {
    const editor = await signedInClient(t, 'editor');
    const bad = await editor.form('/conversations/new', {
      topic: 'Parks',
      slug: 'Bad Slug',
      seedStatements: 'Fine\n' + 'x'.repeat(150),
      statementMaxLength: '140',
      moderation: 'strict',
      participation: 'anonymous',
      questions: 'age | Your age | under 30',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    const summary = (/<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, ' ');
    expect(summary).toContain('Web address: This is not in the expected format');
    expect(summary).toContain('Seed statements: line 2: Use at most 140 characters');
    expect(summary).toContain('Questions for participants: line 1: Choose at least 2');
    expect(html).toContain('value="Parks"');
    const ok = await editor.form('/conversations/new', {
      topic: 'Parks',
      slug: 'parks',
      seedStatements: 'More benches\nLonger opening hours',
      statementMaxLength: '140',
      moderation: 'permissive',
      participation: 'anonymous',
      showMap: 'on',
      participantsMayWrite: 'on',
      questions: 'age | Your age | under 30, 30 to 60, over 60',
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe('/conversations/parks/edit?saved=1');
    const created = await (await editor.api('GET', '/conversations/parks')).json();
    expect(created.settings.moderation).toBe('permissive');
    expect(created.questions).toEqual([{ id: 'age', label: 'Your age', options: ['under 30', '30 to 60', 'over 60'] }]);
  });

  it('imports an export from uploaded files, and refuses a Latin-1 comments.csv beside the files field, storing nothing', async () => {
    const editor = await signedInClient(t, 'editor');
    const comments = 'timestamp,comment-id,author-id,moderated,comment-body\n1,0,0,1,Café ouvert le dimanche\n';
    const votes = 'timestamp,comment-id,voter-id,vote\n5,0,1,1\n';
    const upload = (slug: string, commentBytes: Buffer<ArrayBuffer>) => {
      const form = new FormData();
      form.set('_csrf', editor.csrf);
      form.set('topic', 'Imported');
      form.set('slug', slug);
      form.append('files', new File([commentBytes], 'comments.csv'));
      form.append('files', new File([votes], 'votes.csv'));
      return editor.request('/conversations/import', { method: 'POST', body: form });
    };
    const refused = await upload('latin', Buffer.from(comments, 'latin1'));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(
      /<p class="error" id="[^"]+">comments\.csv, line 2: the file is not in UTF-8; save it as UTF-8 and try again</,
    );
    expect((await editor.get('/conversations/latin')).status).toBe(404);
    const imported = await upload('cafe', Buffer.from(comments, 'utf8'));
    expect(imported.status).toBe(302);
    expect(await (await editor.get('/conversations/cafe/report')).text()).toContain('Café ouvert le dimanche');
  });

  it('lets a moderator accept the demo’s waiting statement from the queue page', async () => {
    const moderator = await signedInClient(t, 'moderator');
    const page = await (await moderator.get('/conversations/city-centre/moderate')).text();
    expect(page).toContain('Nearly repeats #0');
    // The three decisions differ by class (filled, outlined, dashed) and by symbol, not by colour alone.
    for (const [action, icon] of [
      ['accept', '✓'],
      ['reject', '✕'],
      ['meta', '◆'],
    ])
      expect(page).toMatch(new RegExp(`class="decision decision-${action}"[^>]*><span aria-hidden="true" class="decision-icon">${icon}</span>`));
    const res = await moderator.form('/conversations/city-centre/moderate', { statementId: '15', action: 'meta' });
    expect(res.status).toBe(302);
    const accepted = await (await moderator.api('GET', '/conversations/city-centre/statements')).json();
    expect(accepted.items.find((s: { id: number }) => s.id === 15)).toMatchObject({ status: 'accepted', isMeta: true });
  });

  it('shows a moderator only the links their role opens: the queue, not the settings an editor changes', async () => {
    const moderator = await signedInClient(t, 'moderator');
    const asModerator = await (await moderator.get('/conversations/city-centre')).text();
    expect(asModerator).toContain('href="/conversations/city-centre/moderate"');
    expect(asModerator).not.toContain('href="/conversations/city-centre/edit"');
    expect((await moderator.get('/conversations/city-centre/edit')).status).toBe(403);
    const editor = await signedInClient(t, 'editor');
    const asEditor = await (await editor.get('/conversations/city-centre')).text();
    expect(asEditor).toContain('href="/conversations/city-centre/edit"');
    expect((await editor.get('/conversations/city-centre/edit')).status).toBe(200);
  });

  it('names the refused fields of the conversation form by their labels, in Ukrainian with Ukrainian reasons', async () => {
    const editor = await signedInClient(t, 'editor');
    editor.jar.set('polity_locale', 'uk');
    const bad = await editor.form('/conversations/new', {
      topic: 'Парки',
      slug: 'Bad Slug',
      seedStatements: 'Fine\n' + 'x'.repeat(150),
      statementMaxLength: '140',
      moderation: 'strict',
      participation: 'anonymous',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    const summary = (/<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, ' ');
    expect(summary).toContain('Виправте, будь ласка, поля нижче');
    expect(summary).toContain('Вебадреса: Неочікуваний формат');
    expect(summary).toContain('Початкові твердження: рядок 2: Не більше ніж 140 символів');
    expect(summary).not.toMatch(/slug|seedStatements|lower-case|at most/i);
    // A refused vote is said in Ukrainian too.
    const voter = createClient(t);
    voter.jar.set('polity_locale', 'uk');
    const vote = await voter.form('/conversations/city-centre', { intent: 'vote', statementId: '999', vote: 'agree' });
    expect(vote.status).toBe(400);
    const voteSummary = (/<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(await vote.text())?.[1] ?? '').replace(/<[^>]+>/g, ' ');
    expect(voteSummary).toContain('Такого твердження немає');
    expect(voteSummary).not.toContain('no statement 999');
    // An answer is named by its question, linked to its select.
    const answer = await voter.form('/conversations/city-centre', { intent: 'answers', 'answer-district': 'Mars' });
    expect(answer.status).toBe(400);
    const answerHtml = await answer.text();
    const answerSummary = /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(answerHtml)?.[1] ?? '';
    expect(answerSummary).toContain('href="#field-answer-district"');
    expect(answerSummary.replace(/<[^>]+>/g, ' ')).toContain('Where do you live?: Виберіть один із варіантів');
    expect(answerSummary).not.toContain('choose one of');
  });
});
