import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';

type Schema = Record<string, unknown>;

/** The shared datasets folder (POLITY_DATASETS, default ../shared/data). */
export const DATASETS = process.env.POLITY_DATASETS ?? resolve(process.cwd(), '../shared/data');
export const SPEC_PATH = resolve(DATASETS, 'open311/georeport_v2-1.yaml');

/**
 * Validators built from the community's Swagger file of GeoReport v2, with Ajv (a real JSON
 * Schema validator). XML answers are parsed back with fast-xml-parser (independent of ours) and
 * typed by the same schema before validation, since XML carries no types.
 */
export function loadOpen311Spec() {
  const doc = parseYaml(readFileSync(SPEC_PATH, 'utf8')) as {
    definitions: Record<string, Schema>;
    paths: Record<string, Record<string, { responses: Record<string, { schema?: Schema }> }>>;
  };
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = addFormatsModule as unknown as (a: Ajv) => void;
  addFormats(ajv);
  ajv.addFormat('uid', { type: 'string', validate: (s: string) => s.length > 0 });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('uint', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
  ajv.addSchema({ $id: 'georeport', definitions: doc.definitions });
  const rewrite = (s: Schema): Schema => JSON.parse(JSON.stringify(s).replaceAll('"#/definitions/', '"georeport#/definitions/'));
  const responseSchema = (path: string, method = 'get', status = '200'): Schema => {
    const schema = doc.paths[path]?.[method]?.responses[status]?.schema;
    if (!schema) throw new Error(`the spec has no schema for ${method} ${path} ${status}`);
    return rewrite(schema);
  };
  const cache = new Map<string, ValidateFunction>();
  const validatorFor = (key: string, schema: Schema) => {
    if (!cache.has(key)) cache.set(key, ajv.compile(schema));
    return cache.get(key) as ValidateFunction;
  };
  /** Throws with Ajv's errors unless `body` matches the schema of that path's response. */
  const check = (path: string, body: unknown, method = 'get', status = '200') => {
    const v = validatorFor(`${method} ${path} ${status}`, responseSchema(path, method, status));
    if (!v(body)) throw new Error(`${method} ${path} does not match the spec: ${ajv.errorsText(v.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
  };
  /** Same for a named definition (or an array of them). */
  const checkDefinition = (name: string, body: unknown, asArray = false) => {
    const ref = { $ref: `georeport#/definitions/${name}` };
    const v = validatorFor(`def ${name} ${asArray}`, asArray ? { type: 'array', items: ref } : ref);
    if (!v(body)) throw new Error(`${name} does not match the spec: ${ajv.errorsText(v.errors)}`);
  };
  /** A hand-written schema (errors, discovery: the Swagger file does not describe them; the spec text does). */
  const checkWith = (key: string, schema: Schema, body: unknown) => {
    const v = validatorFor(key, schema);
    if (!v(body)) throw new Error(`${key}: ${ajv.errorsText(v.errors)}`);
  };
  const resolveRef = (s: Schema): Schema => (typeof s.$ref === 'string' ? doc.definitions[s.$ref.split('/').pop() as string] : s);
  /** Gives XML text values the types the schema declares. */
  const typeLike = (value: unknown, schema: Schema): unknown => {
    const s = resolveRef(schema);
    if (s.type === 'array') {
      if (value === '' || value === undefined) return [];
      const list = Array.isArray(value) ? value : Object.values(value as object)[0];
      return (Array.isArray(list) ? list : [list]).map((x) => typeLike(x, s.items as Schema));
    }
    if (s.properties && value && typeof value === 'object') {
      const props = s.properties as Record<string, Schema>;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, props[k] ? typeLike(v, props[k]) : v]));
    }
    if (typeof value !== 'string') return value;
    if (s.type === 'number' || s.type === 'integer') return value.trim() === '' ? value : Number(value);
    if (s.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
    return value;
  };
  const parser = new XMLParser({
    parseTagValue: false,
    ignoreDeclaration: true,
    isArray: (name) => ['service', 'request', 'attribute', 'value', 'error', 'endpoint', 'format'].includes(name),
  });
  /** Parses XML and returns the root element's name and content. */
  const parseXml = (xml: string): { root: string; body: Record<string, unknown> | string } => {
    const parsed = parser.parse(xml, true) as Record<string, unknown>;
    const [root] = Object.keys(parsed);
    return { root, body: parsed[root] as Record<string, unknown> | string };
  };
  return { doc, check, checkDefinition, checkWith, typeLike, parseXml, responseSchema, resolveRef };
}

/** The error list of the spec text: `[{code, description}]`. */
export const ERRORS_SCHEMA = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['code', 'description'],
    properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
  },
};

/** Discovery as the spec text describes it. */
export const DISCOVERY_SCHEMA = {
  type: 'object',
  required: ['changeset', 'contact', 'key_service', 'endpoints'],
  properties: {
    changeset: { type: 'string', format: 'date-time' },
    contact: { type: 'string' },
    key_service: { type: 'string' },
    endpoints: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['specification', 'url', 'changeset', 'type', 'formats'],
        properties: {
          specification: { type: 'string', format: 'uri' },
          url: { type: 'string', format: 'uri' },
          changeset: { type: 'string', format: 'date-time' },
          type: { enum: ['production', 'test'] },
          formats: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};
