import { describe, expect, it } from 'vitest';
import uk from '../messages/uk.json' with { type: 'json' };
import en from '../messages/en.json' with { type: 'json' };
import { translate } from './i18n.js';
import { boxesOverlap } from '../../math/map-geometry.js';
import { placePlaceLabels, pluralTemplates } from './map.js';

/** What the map island does with the templates: choose by the locale's plural rules, then fill in the count. */
const fill = (templates: Record<string, string>, locale: string, n: number) =>
  (templates[new Intl.PluralRules(locale).select(n)] ?? templates.other!).replace('{count}', new Intl.NumberFormat(locale).format(n));

describe('pluralTemplates', () => {
  it('gives the island the same words as the catalogue for every count, in a language with four plural forms', () => {
    const words = (n: number) => translate(uk, 'uk', 'map.cluster', { count: n });
    const templates = pluralTemplates('uk', words);
    expect(Object.keys(templates).sort()).toEqual(['few', 'many', 'one', 'other']);
    for (const n of [2, 3, 5, 11, 21, 22, 25, 101, 1234]) expect(fill(templates, 'uk', n)).toBe(words(n));
  });

  it('keeps the locale number formatting (grouping) of large counts', () => {
    const words = (n: number) => translate(en, 'en', 'map.cluster', { count: n });
    const templates = pluralTemplates('en', words);
    expect(templates.other).toContain('{count}');
    expect(fill(templates, 'en', 12345)).toBe(words(12345));
    expect(fill(templates, 'en', 12345)).toContain('12,345');
  });
});

describe('placePlaceLabels', () => {
  it('names places on the plain drawing without two names overlapping, off the features and inside the drawing', () => {
    // The demo town's crowded middle: a square, the town hall and a street a few units apart, and a cluster of reports.
    const points = [
      { name: 'Market Square', x: 110, y: 184 },
      { name: 'Town Hall', x: 115, y: 185 },
      { name: 'Main Street', x: 119, y: 195 },
      { name: 'Station Road', x: 179, y: 250 },
      { name: 'Station Square', x: 183, y: 247 },
      { name: 'Old Quarry', x: 470, y: 10 },
    ];
    const labels = placePlaceLabels(points, { width: 480, height: 320 }, [{ x: 150, y: 184, r: 11 }]);
    const boxes = labels.flatMap((l) => (l ? [l.box] : []));
    expect(boxes.length).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(boxesOverlap(boxes[i], boxes[j])).toBe(false);
    for (const b of boxes) {
      expect(b.x >= 0 && b.y >= 0 && b.x + b.width <= 480 && b.y + b.height <= 320).toBe(true);
      expect(boxesOverlap(b, { x: 139, y: 173, width: 22, height: 22 })).toBe(false);
    }
    // A name at the right edge is written on the left of its dot.
    expect(labels[5]?.side).toBe('left');
  });
});
