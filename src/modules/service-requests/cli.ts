import type { Command } from 'commander';
import type { Deps } from '../../db/context.js';
import { AppError } from '../../kernel/errors.js';
import { resolveSiteForHost } from '../sites/index.js';
import { readFile } from 'node:fs/promises';
import { createApiKey, revokeApiKey } from './commands/api-keys.js';
import { importPlaces } from './commands/places.js';
import { listPlaces } from './store/places.js';
import { escalateOverdue } from './commands/jobs.js';
import { listApiKeys } from './store/api-keys.js';

/** Opens the dependencies for one command and closes them after (given by the CLI, which owns the server layer). */
export type DepsOpener = () => Promise<{ deps: Deps; close(): Promise<void> }>;

async function withSite<T>(open: DepsOpener, host: string, fn: (deps: Deps, siteId: string) => Promise<T>): Promise<T> {
  const built = await open();
  try {
    const site = await resolveSiteForHost(built.deps.db, host);
    if (!site) throw new AppError('site_not_found', `No site is served at ${host}.`, { fields: { site: 'no site has this host' } });
    return await fn(built.deps, site.id);
  } finally {
    await built.close();
  }
}

/**
 * Adds `polity service-requests api-key create|list|revoke [--site HOST]` and
 * `polity service-requests places import FILE.geojson|list [--site HOST]` and
 * `polity service-requests escalate [--site HOST]`.
 */
export function registerServiceRequestsCommands(program: Command, open: DepsOpener): void {
  const sr = program.command('service-requests').description('citizen service requests and the Open311 server');
  const keys = sr.command('api-key').description('Open311 API keys');
  keys
    .command('create')
    .description('issue a new Open311 API key and print it (shown only once)')
    .option('--site <host>', 'the site, by one of its host names', 'localhost')
    .option('--name <name>', 'who the key is for', 'command line')
    .action(async (opts: { site: string; name: string }) => {
      const { key } = await withSite(open, opts.site, (deps, siteId) => createApiKey(deps, siteId, { name: opts.name }));
      process.stdout.write(`${key}\n`);
    });
  keys
    .command('list')
    .description('list the keys of a site (prefix, name, state)')
    .option('--site <host>', 'the site, by one of its host names', 'localhost')
    .action(async (opts: { site: string }) => {
      const rows = await withSite(open, opts.site, (deps, siteId) => listApiKeys(deps.db, siteId));
      for (const r of rows) process.stdout.write(`${r.id}\t${r.prefix}…\t${r.revokedAt ? 'revoked' : 'live'}\t${r.name}\n`);
    });
  keys
    .command('revoke')
    .description('revoke a key by its id')
    .argument('<id>', 'the key id (see list)')
    .option('--site <host>', 'the site, by one of its host names', 'localhost')
    .action(async (id: string, opts: { site: string }) => {
      await withSite(open, opts.site, (deps, siteId) => revokeApiKey(deps, siteId, id));
      process.stdout.write(`Revoked ${id}.\n`);
    });
  const places = sr.command('places').description("the site's gazetteer: named places a typed address is matched against");
  places
    .command('import')
    .description('load named places from a GeoJSON FeatureCollection of Points (properties: name, kind, aliases); all or nothing')
    .argument('<file>', 'the GeoJSON file')
    .option('--site <host>', 'the site, by one of its host names', 'localhost')
    .action(async (file: string, opts: { site: string }) => {
      let geojson: unknown;
      try {
        geojson = JSON.parse(await readFile(file, 'utf8'));
      } catch (err) {
        throw new AppError('invalid_input', `Cannot read ${file} as JSON: ${(err as Error).message}`, {
          fields: { file: 'not a readable JSON file' },
        });
      }
      const { saved } = await withSite(open, opts.site, (deps, siteId) => importPlaces(deps, siteId, geojson));
      process.stdout.write(`${saved} place(s) saved.\n`);
    });
  places
    .command('list')
    .description('list the places of a site (kind, name, latitude, longitude, other names)')
    .option('--site <host>', 'the site, by one of its host names', 'localhost')
    .action(async (opts: { site: string }) => {
      const rows = await withSite(open, opts.site, (deps, siteId) => listPlaces(deps.db, siteId));
      for (const r of rows) process.stdout.write(`${r.kind}\t${r.name}\t${r.lat}\t${r.lon}\t${r.aliases.join('; ')}\n`);
    });
  sr.command('escalate')
    .description('escalate every overdue open report now (the worker also does it at each due time)')
    .option('--site <host>', 'the site, by one of its host names', 'localhost')
    .action(async (opts: { site: string }) => {
      const n = await withSite(open, opts.site, (deps, siteId) => escalateOverdue(deps, siteId));
      process.stdout.write(`${n} report(s) escalated.\n`);
    });
}
