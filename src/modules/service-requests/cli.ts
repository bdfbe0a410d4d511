import type { Command } from 'commander';
import type { Deps } from '../../db/context.js';
import { AppError } from '../../kernel/errors.js';
import { resolveSiteForHost } from '../sites/index.js';
import { createApiKey, revokeApiKey } from './commands/api-keys.js';
import { importPlaces } from './commands/places.js';
import { MAX_GAZETTEER_BYTES, MAX_PLACES, readGazetteerFile } from './formats/geojson-places.js';
import { listPlaces } from './store/places.js';
import { escalateOverdue } from './commands/jobs.js';
import { listApiKeys } from './store/api-keys.js';

/** Replaced places listed after an import (all are counted). */
const LISTED = 50;

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
    .description(
      'load named places from a GeoJSON FeatureCollection of Points (properties: name, kind, aliases), all or nothing. ' +
        'Each problem is listed by feature and JSON path. Two features whose names are one name to the gazetteer (case, accents, ' +
        'punctuation and little words aside) refuse the file; a feature named like a stored place replaces it (moved, renamed, ' +
        `new kind and other names), and each replacement is listed. At most ${MAX_PLACES.toLocaleString('en')} places per site, ` +
        `files up to ${MAX_GAZETTEER_BYTES / 1048576} MB, UTF-8 only.`,
    )
    .argument('<file>', 'the GeoJSON file')
    .option('--site <host>', 'the site, by one of its host names', 'localhost')
    .action(async (file: string, opts: { site: string }) => {
      try {
        // The file is checked whole before the database is opened: a bad file changes nothing.
        const entries = await readGazetteerFile(file);
        const { added, replaced } = await withSite(open, opts.site, (deps, siteId) => importPlaces(deps, siteId, entries));
        process.stdout.write(
          `${added + replaced.length} place(s) saved: ${added} new, ${replaced.length} replacing a stored place of the same name.\n`,
        );
        for (const r of replaced.slice(0, LISTED))
          process.stdout.write(`  features[${r.feature}] ${JSON.stringify(r.name)} replaced ${JSON.stringify(r.was)}\n`);
        if (replaced.length > LISTED) process.stdout.write(`  … and ${replaced.length - LISTED} more\n`);
      } catch (err) {
        // The command line shows only the message: list each problem first, by feature and path.
        if (err instanceof AppError && err.code === 'invalid_input')
          for (const [path, reason] of Object.entries(err.fields)) process.stderr.write(`${file}: ${path}: ${reason}\n`);
        throw err;
      }
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
