import { readFile, stat } from 'node:fs/promises';
import { AppError, invalidInput } from '../../../kernel/errors.js';
import { findJsonStructureExcess } from '../../../kernel/json-scan.js';
import { decodeUtf8Strict, describeUtf8Problem, Utf8DecodeError } from '../../../kernel/utf8.js';
import { placeKey } from '../core/geocode.js';
import { PLACE_ALIASES_MAX, PLACE_KINDS, PLACE_NAME_MAX, type PlaceKind } from '../core/places.js';

/**
 * Reading a gazetteer from GeoJSON (RFC 7946): a FeatureCollection of Point features whose
 * properties give `name`, optionally `kind` and `aliases`. Everything is checked before anything
 * is stored, and each problem is named by its JSON path (`features[12].geometry.coordinates[1]`)
 * with the feature's name when it has one, so a person can fix the file in one go.
 *
 * Bounds, so a hostile or mistaken file is refused quickly and in bounded memory: the file's
 * size (`MAX_GAZETTEER_BYTES`, checked before it is read), its nesting depth (checked before it
 * is parsed), and the number of features (`MAX_PLACES`, a site's gazetteer size).
 */

/** Largest gazetteer file read: a city's 50,000 places with generous properties fit many times. */
export const MAX_GAZETTEER_BYTES = 64 * 1024 * 1024;
/**
 * Most places a site's gazetteer holds. A gazetteer names a town's or city's streets, squares and
 * landmarks, and is listed and matched in every app process; a country's address list belongs in
 * an external geocoder (GEOCODER_URL).
 */
export const MAX_PLACES = 50_000;
/** Deepest nesting of arrays and objects a gazetteer file may have (a Point feature needs 5). */
export const MAX_DEPTH = 32;
/** Most problems listed when a file is refused (all are counted). */
export const MAX_LISTED_ERRORS = 100;

/** One checked place of the file. */
export interface GazetteerEntry {
  /** Its index in `features`. */
  feature: number;
  name: string;
  kind: PlaceKind;
  aliases: string[];
  lat: number;
  lon: number;
  /** Its name the way the gazetteer compares names (`placeKey`): two places may not share one. */
  key: string;
}

/** Where a byte offset is, as people count: line and column from 1. */
function lineAndColumn(text: string | Uint8Array, offset: number): string {
  let line = 1;
  let lineStart = 0;
  const newline = (i: number) => (typeof text === 'string' ? text.charCodeAt(i) : text[i]) === 0x0a;
  for (let i = 0; i < offset; i++) {
    if (newline(i)) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

const fileError = (reason: string, message: string) => invalidInput({ file: reason }, message);

/**
 * The text of a gazetteer file: UTF-8 (a UTF-8 byte-order mark is dropped), refused with the
 * place of the first bad byte when it is UTF-16, another encoding such as Latin-1, or holds a NUL.
 */
export function decodeGazetteer(bytes: Uint8Array): string {
  try {
    return decodeUtf8Strict(bytes);
  } catch (err) {
    if (!(err instanceof Utf8DecodeError)) throw err;
    const message =
      err.problem.kind === 'utf16' ? 'The file is UTF-16, not UTF-8; nothing was imported.' : 'The file is not UTF-8 text; nothing was imported.';
    throw fileError(describeUtf8Problem(err.problem).replace(/^the file /, ''), message);
  }
}

/** The offset where nesting first goes deeper than `max`, or -1 (strings skipped; the JSON need not be valid). */
function tooDeepAt(text: string, max: number): number {
  return findJsonStructureExcess(text, { maxDepth: max })?.offset ?? -1;
}

/**
 * Where JSON text first breaks the grammar of RFC 8259 (its length when it ends too soon), or -1.
 * Used only after `JSON.parse` failed, to say where: the engine's messages do not always give a
 * position. Nesting is already bounded (`tooDeepAt`), so the recursion is shallow.
 */
function jsonErrorAt(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) if (text[i++] !== ch) throw i - 1;
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) throw i;
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c < 0x20) throw i;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw Math.min(i + 2, text.length);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw Math.min(i + 1, text.length);
      } else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === undefined) throw i;
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (close === '}') {
          ws();
          if (text[i] !== '"') throw i;
          string();
          ws();
          if (text[i] !== ':') throw i;
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else throw i;
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) throw i;
    i += m[0].length;
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return Math.min(at as number, text.length);
  }
}

/** Parses the file's JSON; refused with the line and column of the problem, or as cut short. */
export function parseGazetteerJson(text: string): unknown {
  const deep = tooDeepAt(text, MAX_DEPTH);
  if (deep >= 0)
    throw fileError(
      `nests arrays and objects more than ${MAX_DEPTH} deep at ${lineAndColumn(text, deep)}; a GeoJSON point needs 5`,
      'The file is not a gazetteer; nothing was imported.',
    );
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    if (text.trim() === '') throw fileError('is empty', 'The file is empty; nothing was imported.');
    const at = jsonErrorAt(text);
    // The grammar broke only where the text ends: the file was cut short, whatever came before.
    const reason =
      at < 0 || at >= text.trimEnd().length
        ? `ends before its JSON does (${lineAndColumn(text, text.length)}): the file is cut short (truncated?)`
        : `is not valid JSON at ${lineAndColumn(text, at)}: ${(err as Error).message.replace(/ in JSON at position \d+.*$/, '').slice(0, 120)}`;
    throw fileError(reason, 'The file is not valid JSON; nothing was imported.');
  }
}

/** What a value is, for an error message: never its contents, which may be huge or deeply nested. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
// C0 and C1 controls (tabs and newlines included): a name is one line of text. PostgreSQL refuses U+0000 in text.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// JSON may escape half a surrogate pair ("\ud800"): not a character, and no database stores it faithfully.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a name or other name is not usable, or null. */
function textProblem(value: unknown, what: string): string | null {
  if (typeof value !== 'string') return `${what} must be text, got ${kindOf(value)}`;
  const s = value.trim();
  if (!s) return `${what} is empty`;
  if (s.length > PLACE_NAME_MAX) return `${what} is ${s.length} characters long; at most ${PLACE_NAME_MAX}`;
  if (CONTROL.test(s))
    return `${what} holds a control character (U+${(s.match(CONTROL)?.[0].charCodeAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}); one line of text, please`;
  if (LONE_SURROGATE.test(s)) return `${what} holds a lone UTF-16 surrogate (a \\uD800-\\uDFFF escape without its pair)`;
  return null;
}

/** Checks one coordinate; the reason, or null. */
function coordinateProblem(value: unknown, what: 'longitude' | 'latitude'): string | null {
  const limit = what === 'latitude' ? 90 : 180;
  if (typeof value !== 'number') return `${what} must be a number, got ${kindOf(value)}`;
  if (!Number.isFinite(value)) return `${what} must be a finite number (the file says ${value}, e.g. from 1e400)`;
  if (value < -limit || value > limit) return `${what} must be -${limit}..${limit}, got ${value}`;
  return null;
}

/**
 * Reads a gazetteer file from disk: its size is checked before it is read, then its encoding,
 * JSON and features (`decodeGazetteer`, `parseGazetteerJson`, `readGazetteer`). Every refusal is an
 * `invalid_input` AppError naming the file or the feature's JSON path.
 */
export async function readGazetteerFile(file: string, opts: { maxPlaces?: number; maxBytes?: number } = {}): Promise<GazetteerEntry[]> {
  const maxBytes = opts.maxBytes ?? MAX_GAZETTEER_BYTES;
  let bytes: Uint8Array;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw fileError('is not a file', `${file} is not a file.`);
    if (info.size > maxBytes)
      throw fileError(
        `is ${(info.size / 1048576).toFixed(1)} MB; a gazetteer file may be at most ${(maxBytes / 1048576).toFixed(0)} MB`,
        `${file} is too large to be a gazetteer; nothing was imported.`,
      );
    bytes = await readFile(file);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw fileError(`cannot be read: ${(err as Error).message}`, `Cannot read ${file}.`);
  }
  return readGazetteer(parseGazetteerJson(decodeGazetteer(bytes)), opts);
}

/** The places of a gazetteer file, or (thrown) every problem by JSON path, all or nothing. */
export function readGazetteer(geojson: unknown, opts: { maxPlaces?: number } = {}): GazetteerEntry[] {
  const maxPlaces = opts.maxPlaces ?? MAX_PLACES;
  if (!isObject(geojson) || geojson.type !== 'FeatureCollection')
    throw invalidInput({ type: `expected a GeoJSON FeatureCollection, got ${isObject(geojson) ? kindOf(geojson.type) : kindOf(geojson)}` });
  const features = geojson.features;
  if (!Array.isArray(features)) throw invalidInput({ features: `expected a list of features, got ${kindOf(features)}` });
  if (features.length === 0) throw invalidInput({ features: 'no features to import' });
  if (features.length > maxPlaces)
    throw new AppError(
      'invalid_input',
      `The file has ${features.length} features; a site's gazetteer holds at most ${maxPlaces} places. Nothing was imported.`,
      {
        fields: {
          features: `${features.length} features; at most ${maxPlaces} places per site (for a whole country's addresses, set GEOCODER_URL to a Nominatim service instead)`,
        },
      },
    );
  const errors: Record<string, string> = {};
  let errorCount = 0;
  let badFeatures = 0;
  const entries: GazetteerEntry[] = [];
  const byKey = new Map<string, GazetteerEntry>();
  features.forEach((feature: unknown, i) => {
    const at = `features[${i}]`;
    const problems: [string, string][] = [];
    const props = isObject(feature) && isObject(feature.properties) ? feature.properties : {};
    const name = typeof props.name === 'string' && props.name.trim() ? props.name.trim() : null;
    if (!isObject(feature)) problems.push([at, `expected a GeoJSON Feature object, got ${kindOf(feature)}`]);
    else {
      if (feature.type !== 'Feature') problems.push([`${at}.type`, `expected "Feature", got ${kindOf(feature.type)}`]);
      const geometry = feature.geometry;
      if (!isObject(geometry)) problems.push([`${at}.geometry`, `a place needs a Point geometry, got ${kindOf(geometry)}`]);
      else if (geometry.type !== 'Point')
        problems.push([`${at}.geometry.type`, `a place needs a Point with [longitude, latitude], got ${kindOf(geometry.type)}`]);
      else if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length < 2 || geometry.coordinates.length > 3)
        problems.push([`${at}.geometry.coordinates`, `expected [longitude, latitude] (or with an altitude), got ${kindOf(geometry.coordinates)}`]);
      else {
        const lon = coordinateProblem(geometry.coordinates[0], 'longitude');
        const lat = coordinateProblem(geometry.coordinates[1], 'latitude');
        if (lon) problems.push([`${at}.geometry.coordinates[0]`, lon]);
        if (lat) problems.push([`${at}.geometry.coordinates[1]`, lat]);
      }
      if (feature.properties !== undefined && feature.properties !== null && !isObject(feature.properties))
        problems.push([`${at}.properties`, `expected an object, got ${kindOf(feature.properties)}`]);
      else if (props.name === undefined || props.name === null) problems.push([`${at}.properties.name`, 'missing: every place needs a name']);
      else {
        const problem = textProblem(props.name, 'the name');
        if (problem) problems.push([`${at}.properties.name`, problem]);
        else if (!placeKey(props.name as string))
          problems.push([`${at}.properties.name`, 'has no word an address could be matched on (only little words like "the", or punctuation)']);
      }
      if (props.kind !== undefined && props.kind !== null && !PLACE_KINDS.includes(props.kind as PlaceKind))
        problems.push([`${at}.properties.kind`, `must be one of ${PLACE_KINDS.join(', ')}, got ${kindOf(props.kind)}`]);
      const aliases = props.aliases;
      if (aliases !== undefined && aliases !== null && typeof aliases !== 'string' && !Array.isArray(aliases))
        problems.push([`${at}.properties.aliases`, `must be a list of names, or names separated by ";", got ${kindOf(aliases)}`]);
      else {
        const list = typeof aliases === 'string' ? aliases.split(';').filter((a) => a.trim()) : (aliases ?? []);
        if (list.length > PLACE_ALIASES_MAX) problems.push([`${at}.properties.aliases`, `${list.length} other names; at most ${PLACE_ALIASES_MAX}`]);
        else
          list.forEach((alias: unknown, j: number) => {
            const problem = textProblem(alias, 'the other name');
            if (problem) problems.push([typeof aliases === 'string' ? `${at}.properties.aliases` : `${at}.properties.aliases[${j}]`, problem]);
          });
      }
    }
    if (!problems.length) {
      const entry: GazetteerEntry = {
        feature: i,
        name: name as string,
        kind: (props.kind as PlaceKind | undefined) ?? 'landmark',
        aliases: (typeof props.aliases === 'string' ? props.aliases.split(';') : ((props.aliases as string[] | undefined) ?? []))
          .map((a) => a.trim())
          .filter(Boolean),
        lon: (feature as { geometry: { coordinates: number[] } }).geometry.coordinates[0],
        lat: (feature as { geometry: { coordinates: number[] } }).geometry.coordinates[1],
        key: placeKey(name as string),
      };
      const first = byKey.get(entry.key);
      if (first)
        problems.push([
          `${at}.properties.name`,
          `${JSON.stringify(entry.name)} is the same name as features[${first.feature}] (${JSON.stringify(first.name)}) to the gazetteer, which ignores case, accents, punctuation and little words; give each place once (other spellings go in aliases)`,
        ]);
      else {
        byKey.set(entry.key, entry);
        entries.push(entry);
      }
    }
    if (problems.length) badFeatures++;
    for (const [path, reason] of problems) {
      errorCount++;
      if (errorCount <= MAX_LISTED_ERRORS) errors[path] = name ? `(${JSON.stringify(name.slice(0, 60))}) ${reason}` : reason;
    }
  });
  if (errorCount) {
    const listed = errorCount > MAX_LISTED_ERRORS ? ` The first ${MAX_LISTED_ERRORS} of ${errorCount} problems are listed.` : '';
    throw new AppError('invalid_input', `${badFeatures} of ${features.length} features have problems; nothing was imported.${listed}`, {
      fields: errors,
      details: { errorCount, badFeatures },
    });
  }
  return entries;
}
