import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDataFolderLock } from '../db/data-lock.js';
import { readEnv } from '../kernel/env.js';
import { manifests } from './modules.js';
import { startServer } from './serve.js';

const dir = mkdtempSync(join(tmpdir(), 'polity-serve-lock-'));

describe('a server and its data-folder lock', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the folder while it runs, refuses a second server on it, and lets go on stop or a failed start', async () => {
    const env = readEnv({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent' });
    const first = await startServer(env, manifests);
    expect(readDataFolderLock(dir)?.pid).toBe(process.pid);
    await expect(startServer(env, manifests)).rejects.toMatchObject({ code: 'conflict' });
    await first.stop();
    expect(readDataFolderLock(dir)).toBeNull();

    // A port already taken: the start fails, and the folder is free again.
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    await expect(startServer({ ...env, PORT: port }, manifests)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await new Promise((resolve) => taken.close(resolve));
    expect(readDataFolderLock(dir)).toBeNull();
  }, 180_000);
});
