import { closeSync, fsyncSync, openSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * How hard the embedded database (PGlite in a data folder) works to keep a commit.
 *
 * - `full`: a commit is acknowledged only after its WAL record is on disk (fsync), and
 *   checkpoints fsync the data files before the WAL that covers them is recycled: acknowledged
 *   writes survive a process crash, an OS crash and a power loss.
 * - `relaxed`: no fsync. Every write still reaches the operating system before the commit is
 *   acknowledged, so a killed process loses nothing, but an OS crash or power loss can lose the
 *   last seconds of commits (or, mid-checkpoint, corrupt the folder).
 */
export type PgliteDurability = 'full' | 'relaxed';

/**
 * PGlite 0.5 out of the box is `relaxed`, for two reasons, and `full` undoes both:
 * 1. it starts PostgreSQL with `-F` (fsync=off), so PostgreSQL never asks for a flush;
 * 2. even when asked, nothing reaches the disk: Emscripten's Node file system (NODEFS) has no
 *    `fsync` stream operation (so `fsync()` inside PostgreSQL returns 0 having done nothing) and
 *    its `fdatasync()` is a no-op.
 * So `full` starts PostgreSQL without `-F`, with `wal_sync_method=fsync` (PostgreSQL's default
 * on Linux is fdatasync, the no-op), and gives NODEFS an `fsync` that calls the real fsync(2) on
 * the file's descriptor. PostgreSQL then fsyncs the WAL at every commit (synchronous_commit=on),
 * the data files and directories at checkpoints, and the whole folder when it starts after a
 * crash. A failed fsync is reported to PostgreSQL, which stops rather than go on unsure.
 *
 * `fsync` is injectable so a test can see the flushes happen.
 */
export function pgliteFolderOptions(
  folder: string,
  durability: PgliteDurability,
  opts: { fsync?: (fd: number) => void } = {},
): Pick<PGliteOptions, 'fs' | 'startParams'> {
  if (durability === 'relaxed') return { fs: new NodeFS(folder), startParams: PGlite.defaultStartParams };
  const fsync = opts.fsync ?? fsyncSync;
  return {
    fs: new DurableNodeFS(folder, fsync),
    startParams: [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'fsync=on', '-c', 'wal_sync_method=fsync'],
  };
}

/** The parts of Emscripten's module we touch: NODEFS's shared stream operations. */
interface EmscriptenModule {
  NODEFS: {
    stream_ops: { fsync?: (stream: { nfd: number }) => number };
    tryFSOperation<T>(f: () => T): T;
  };
}

class DurableNodeFS extends NodeFS {
  constructor(
    folder: string,
    private readonly fsync: (fd: number) => void,
  ) {
    super(folder);
  }

  override async init(...args: Parameters<NodeFS['init']>): ReturnType<NodeFS['init']> {
    const { emscriptenOpts } = await super.init(...args);
    const preRun = [
      ...((emscriptenOpts as { preRun?: unknown[] }).preRun ?? []),
      (mod: EmscriptenModule) => {
        const nodefs = mod.NODEFS;
        // Every NODEFS file shares this object. tryFSOperation turns a Node error into the errno
        // PostgreSQL sees.
        nodefs.stream_ops.fsync = (stream) =>
          nodefs.tryFSOperation(() => {
            this.fsync(stream.nfd);
            return 0;
          });
      },
    ];
    return { emscriptenOpts: { ...emscriptenOpts, preRun } as typeof emscriptenOpts };
  }
}

/**
 * Flushes every file and directory under `dir`, and `dir`'s own entry. PGlite creates a new
 * folder by copying a freshly made database into it without a flush; until its first checkpoint
 * those files live only in the OS cache, so a power loss could leave a folder that does not open.
 */
export function fsyncTree(dir: string, fsync: (fd: number) => void = fsyncSync): void {
  const flush = (path: string) => {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (e) {
      // Directories cannot be opened on Windows; their entries are durable there anyway.
      if (['EISDIR', 'EPERM', 'EACCES'].includes((e as NodeJS.ErrnoException).code ?? '')) return;
      throw e;
    }
    try {
      fsync(fd);
    } finally {
      closeSync(fd);
    }
  };
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) flush(child);
    }
    flush(path);
  };
  walk(dir);
  flush(dirname(dir));
}
