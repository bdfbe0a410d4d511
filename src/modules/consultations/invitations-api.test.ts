import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';

type Batch = { batch: string; label: string | null; createdAt: string; count: number; used: number };

describe.each(testDatabases())('invitation batches on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(kind);
  });
  afterAll(() => t.close());

  it('lists batches with how many codes were used, and revokes the unused codes of one batch', async () => {
    const editor = await signedInClient(t, 'editor');
    await editor.api('POST', '/consultations', {
      slug: 'panel',
      title: { en: 'Panel' },
      description: { en: 'x' },
      status: 'open',
      participation: 'invitation',
    });
    await editor.api('PUT', '/consultations/panel/questionnaire', {
      items: [{ id: 'ok', type: 'short_text', required: true, label: { en: 'All well?' } }],
    });
    const make = async (count: number, label?: string) =>
      (await (await editor.api('POST', '/consultations/panel/invitations', { count, ...(label ? { label } : {}) })).json()).codes as string[];
    const schools = await make(4, 'Schools');
    t.clock.advance(60_000);
    const town = await make(2);
    const answer = (body: Record<string, unknown>) => createClient(t).api('POST', '/consultations/panel/survey', { page: 0, ...body });
    // One school code used, one begun (a saved draft), one of the town's used.
    expect((await answer({ move: 'submit', answers: { ok: 'yes' }, code: schools[0] })).status).toBe(200);
    expect((await answer({ move: 'save', answers: {}, code: schools[1] })).status).toBe(200);
    expect((await answer({ move: 'submit', answers: { ok: 'yes' }, code: town[0] })).status).toBe(200);

    expect((await createClient(t).api('GET', '/consultations/panel/invitations')).status).toBe(401);
    expect((await (await signedInClient(t, null)).api('GET', '/consultations/panel/invitations')).status).toBe(403);
    const list = async () => (await (await editor.api('GET', '/consultations/panel/invitations')).json()).batches as Batch[];
    const before = await list();
    expect(before.map((b) => [b.label, b.count, b.used])).toEqual([
      [null, 2, 1],
      ['Schools', 4, 1],
    ]);
    expect(before[1].createdAt).toBe('2026-03-02T10:00:00.000Z');

    // Revoking the school batch: the two untouched codes go; the used and the begun one stay.
    const revoke = (batch: string) => editor.api('DELETE', `/consultations/panel/invitations?batch=${encodeURIComponent(batch)}`);
    expect((await createClient(t).api('DELETE', `/consultations/panel/invitations?batch=${before[1].batch}`)).status).toBe(401);
    const revoked = await revoke(before[1].batch);
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({ revoked: 2 });
    expect((await list()).map((b) => [b.label, b.count, b.used])).toEqual([
      [null, 2, 1],
      ['Schools', 2, 1],
    ]);
    expect((await answer({ move: 'submit', answers: { ok: 'yes' }, code: schools[2] })).status).toBe(400);
    // The other batch's unused code still opens the survey.
    expect((await answer({ move: 'submit', answers: { ok: 'yes' }, code: town[1] })).status).toBe(200);
    // Nothing left to revoke; a malformed batch is refused by name.
    expect(await (await revoke(before[1].batch)).json()).toEqual({ revoked: 0 });
    const bad = await revoke('yesterday');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.batch).toBeTruthy();
  });
});
