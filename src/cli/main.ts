import { Command } from 'commander';
import { envDescriptions, readEnv } from '../kernel/env.js';
import { buildDeps } from '../server/deps.js';
import { manifests } from '../server/modules.js';
import { ensureDemoSite } from '../server/seed.js';
import { startServer } from '../server/serve.js';
import { startWorker } from '../server/worker.js';
import { registerModuleCommands } from './modules.js';

const envHelp =
  '\nEnvironment:\n' +
  Object.entries(envDescriptions)
    .map(([k, v]) => `  ${k.padEnd(20)} ${v}`)
    .join('\n');

const program = new Command('polity')
  .description('Polity: civic participation and public-money oversight on one platform.')
  .addHelpText('after', envHelp)
  .showHelpAfterError();

program
  .command('serve')
  .description('run the web server (with an in-process worker unless --no-worker)')
  .option('--demo', 'create the demo site with demo content when it does not exist')
  .option('--no-worker', 'do not run jobs in this process (run `polity worker` separately)')
  .option('-p, --port <port>', 'port (overrides PORT)')
  .option('--dev', 'development mode: pages through Vite with hot reload (implies --demo)')
  .action(async (opts: { demo?: boolean; worker: boolean; port?: string; dev?: boolean }) => {
    const env = readEnv({ ...process.env, ...(opts.port ? { PORT: opts.port } : {}) });
    if (opts.dev) {
      const { startDevServer } = await import('../server/dev.js');
      await startDevServer(env, manifests);
      return;
    }
    await startServer(env, manifests, { demo: !!opts.demo, worker: opts.worker, handleSignals: true });
  });

program
  .command('worker')
  .description('run background jobs (mail, imports, escalations) until stopped')
  .action(async () => {
    const env = readEnv();
    const built = await buildDeps(env, manifests);
    const worker = startWorker(built.deps, manifests);
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      process.once(
        sig,
        () =>
          void worker
            .stop()
            .then(() => built.close())
            .then(() => process.exit(0)),
      );
    }
  });

program
  .command('migrate')
  .description('apply database migrations and exit')
  .action(async () => {
    const built = await buildDeps(readEnv(), manifests);
    await built.close();
    built.deps.log.info('migrations applied', { database: built.database.kind });
  });

program
  .command('seed')
  .description('create the demo site with demo content (does nothing if it exists)')
  .action(async () => {
    const built = await buildDeps(readEnv(), manifests);
    let result: Awaited<ReturnType<typeof ensureDemoSite>>;
    try {
      result = await ensureDemoSite(built.deps, manifests);
    } finally {
      // Closed before the answer is printed: the embedded database has then flushed and
      // released its folder, so what the message reports is stored.
      await built.close();
    }
    process.stdout.write(result.created ? `Demo site created (${result.siteId}).\n` : 'The demo site exists already; nothing changed.\n');
  });

registerModuleCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`polity: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
