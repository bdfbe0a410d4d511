import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every environment variable Polity reads, with its default. This is the only place that reads
 * `process.env` for configuration; the README's configuration table mirrors this schema.
 */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  PGLITE_DURABILITY: z.enum(['full', 'relaxed']).default('full'),
  SECRET_KEY: z.string().min(32).optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Polity <no-reply@polity.localhost>'),
  COOKIE_SECURE: bool.default(true),
  TRUST_PROXY: bool.default(false),
  FRAME_ANCESTORS: z.string().default("'self'"),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  JSON_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  FORM_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(100 * 1024 * 1024),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(1).max(20).default(1),
  MAX_CONNECTIONS_PER_CLIENT: z.coerce.number().int().min(0).default(256),
  MAX_EVENT_STREAMS: z.coerce.number().int().min(0).default(1000),
  MAX_EVENT_STREAMS_PER_CLIENT: z.coerce.number().int().min(0).default(64),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(300_000),
  WORKER_POLL_MS: z.coerce.number().int().positive().default(1000),
  GEOCODER_URL: z.string().url().optional(),
  MAP_TILES_URL: z
    .string()
    .regex(/^https?:\/\/[^\s'";]+$/, 'an http(s) URL template such as https://tile.openstreetmap.org/{z}/{x}/{y}.png')
    .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  MAP_TILES_ATTRIBUTION: z.string().max(300).default('© OpenStreetMap contributors'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10000),
});

export type Env = z.infer<typeof envSchema>;

/** Parses an environment (defaults to `process.env`) and names every bad variable. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const relevant: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = source[key];
    if (v !== undefined && v !== '') relevant[key] = v;
  }
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Descriptions of each variable, used for `polity --help` and the README table. */
export const envDescriptions: Record<keyof Env, string> = {
  PORT: 'HTTP port to listen on',
  HOST: 'interface to bind',
  DATABASE_URL: 'PostgreSQL connection string; when unset, the embedded PGlite database in DATA_DIR is used',
  DATA_DIR:
    'folder for the embedded database, uploads and the generated secret; one process at a time opens the embedded database (lock file pglite.lock)',
  PGLITE_DURABILITY:
    'embedded database only: full flushes every commit to disk (fsync), so acknowledged writes survive power loss; relaxed skips fsync (faster commits, safe across a process crash but not an OS crash or power loss)',
  SECRET_KEY: 'secret for signing tokens (32+ characters); generated into DATA_DIR when unset',
  SMTP_URL: 'SMTP server for outgoing mail (smtp://user:pass@host:port); when unset mail goes to the outbox at /admin/outbox',
  MAIL_FROM: 'sender address of outgoing mail',
  COOKIE_SECURE: 'mark cookies Secure (browsers accept Secure cookies on http://localhost)',
  TRUST_PROXY: 'trust X-Forwarded-Proto/For/Host from a load balancer (enables HSTS behind TLS); see TRUST_PROXY_HOPS',
  FRAME_ANCESTORS: 'CSP frame-ancestors sources allowed to embed Polity pages',
  LOG_LEVEL: 'debug, info, warn, error or silent',
  UPLOAD_MAX_BYTES: 'largest accepted upload in bytes',
  JSON_MAX_BYTES: 'largest JSON (or other non-form) request body in bytes on routes that take no files; larger: 413',
  FORM_MAX_BYTES: 'largest form body (urlencoded or multipart) in bytes on routes that take no files; larger: 413',
  IMPORT_MAX_BYTES:
    'largest body in bytes of an import route (.pb, Pol.is export, OCDS file, voting codes); upload routes allow UPLOAD_MAX_BYTES per file',
  TRUST_PROXY_HOPS:
    'with TRUST_PROXY, how many proxies in front of Polity append to X-Forwarded-For: the client is the entry that many from the right',
  MAX_CONNECTIONS_PER_CLIENT:
    'open connections one address may hold (0: no cap); further ones are answered 429. Not applied with TRUST_PROXY (the peer is the proxy)',
  MAX_EVENT_STREAMS: 'server-sent event streams one process keeps open (0: no cap); further ones are answered 503',
  MAX_EVENT_STREAMS_PER_CLIENT: 'server-sent event streams one client address may keep open (0: no cap); further ones are answered 429',
  HTTP_REQUEST_TIMEOUT_MS: 'how long a client may take to send a whole request (large uploads on slow links need it long)',
  WORKER_POLL_MS: 'how often an idle worker looks for jobs',
  SHUTDOWN_TIMEOUT_MS: 'how long a graceful shutdown waits for requests and jobs',
  GEOCODER_URL:
    'Nominatim-compatible geocoder for addresses the site gazetteer does not know (e.g. https://nominatim.example.org); unset: gazetteer only',
  MAP_TILES_URL:
    "street map tiles under the maps ({z}/{x}/{y} and optional {s} subdomains, as Leaflet reads it); the host is allowed in the pages' image policy",
  MAP_TILES_ATTRIBUTION: "credit shown on every map for its tiles (the tile provider's licence requires it)",
};
