/**
 * Where JSON text first goes past a bound on its structure, found in one linear scan that skips
 * strings (the text need not be valid JSON): nesting deeper than `maxDepth`, or more than
 * `maxValues` values (counted as commas and opening brackets). Importers run it before
 * `JSON.parse`, so hostile text is refused cheaply and no parser or later code recurses into it.
 */
export function findJsonStructureExcess(
  text: string,
  bounds: { maxDepth: number; maxValues?: number },
): { kind: 'depth' | 'values'; offset: number } | null {
  const maxValues = bounds.maxValues ?? Infinity;
  let depth = 0;
  let values = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > bounds.maxDepth) return { kind: 'depth', offset: i };
      if (++values > maxValues) return { kind: 'values', offset: i };
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x2c && ++values > maxValues) return { kind: 'values', offset: i };
  }
  return null;
}
