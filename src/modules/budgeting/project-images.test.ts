import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTestContext, signedInClient, testDatabases, type TestContext } from '../../server/testing.js';
import { DURING, processBody, staffClient } from './test-helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Client = ReturnType<typeof createClient>;

const upload = (client: Client, bytes: Uint8Array, name: string, alt?: string) => {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name);
  if (alt !== undefined) form.set('alt', alt);
  return client.request('/api/v1/budgeting/processes/img/projects/1/images', {
    method: 'POST',
    headers: { 'x-csrf-token': client.csrf },
    body: form,
  });
};

describe.each(testDatabases())('budgeting project images on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(kind, { env: { UPLOAD_MAX_BYTES: '200000' } });
  });
  afterAll(() => t.close());

  it('lets the proposer and staff attach up to three images with alt text, and refuses bad files naming the field', async () => {
    t.clock.set(DURING.proposals);
    const editor = await signedInClient(t, 'editor');
    expect((await editor.api('POST', '/budgeting/processes', processBody('img'))).status).toBe(201);
    const proposer = await signedInClient(t, null);
    const made = await proposer.api('POST', '/budgeting/processes/img/proposals', {
      title: 'Shade trees on the square',
      description: 'Plant twelve trees around the square.',
      district: 'north',
      cost: '12000',
    });
    expect(made.status).toBe(201);
    const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: 'green' } })
      .png()
      .toBuffer();

    // Who: visitors and other residents cannot; the proposer can.
    expect((await upload(createClient(t), png, 'a.png', 'The square today')).status).toBe(401);
    const other = await upload(await signedInClient(t, null), png, 'a.png', 'The square today');
    expect(other.status, await other.clone().text()).toBe(403);

    // Bad input, each naming its field, and nothing attached.
    const noAlt = await upload(proposer, png, 'a.png');
    expect(noAlt.status).toBe(400);
    expect(Object.keys((await noAlt.json()).error.fields)).toEqual(['alt']);
    const blankAlt = await upload(proposer, png, 'a.png', '   ');
    expect(blankAlt.status).toBe(400);
    expect((await blankAlt.json()).error.fields.alt).toMatch(/describe the image/);
    const text = await upload(proposer, new TextEncoder().encode('just some text, not a picture'), 'x.png', 'Text');
    expect(text.status).toBe(415);
    expect(Object.keys((await text.json()).error.fields)).toEqual(['file']);
    const pdf = await upload(proposer, new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'), 'plan.pdf', 'A plan');
    expect(pdf.status).toBe(415);
    const big = new Uint8Array(300_000);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const tooLarge = await upload(proposer, big, 'big.png', 'Big');
    expect(tooLarge.status).toBe(413);
    expect((await tooLarge.json()).error.code).toBe('payload_too_large');
    expect((await (await proposer.get('/api/v1/budgeting/processes/img/projects/1')).json()).images).toEqual([]);

    // Good: the proposer adds two, staff one; a fourth is refused.
    const first = await upload(proposer, png, 'a.png', 'The square today, without shade');
    expect(first.status).toBe(201);
    t.clock.advance(1000);
    expect((await upload(proposer, png, 'b.png', 'A sketch of the trees')).status).toBe(201);
    t.clock.advance(1000);
    const staff = await staffClient(t);
    expect((await upload(staff, png, 'c.png', 'The site survey')).status).toBe(201);
    const fourth = await upload(proposer, png, 'd.png', 'One too many');
    expect(fourth.status).toBe(400);
    expect((await fourth.json()).error.fields.file).toMatch(/at most 3 images/);

    const project = (await (await createClient(t).get('/api/v1/budgeting/processes/img/projects/1')).json()) as Json;
    expect(project.images.map((i: Json) => i.alt)).toEqual(['The square today, without shade', 'A sketch of the trees', 'The site survey']);
    const served = await createClient(t).get(project.images[0].url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(project.history.some((h: Json) => h.changes?.image?.to === 'The site survey' || JSON.stringify(h).includes('The site survey'))).toBe(true);
  });
});
