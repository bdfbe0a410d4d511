import { pickText } from '../../../kernel/i18n.js';
import { readChoices, type Choice, type Item } from '../../questionnaires/index.js';

/** A stored answer in words, for staff checking a response against its paper form: choices by their labels. */
export function answerText(item: Item, value: unknown, locale: string, fallback: string): string {
  const say = (list: readonly Choice[] | undefined, v: string) => {
    const found = list?.find((c) => c.value === v);
    return found ? pickText(found.label, locale, fallback).text : v;
  };
  switch (item.type) {
    case 'single_choice':
    case 'multiple_choice': {
      const { values, other } = readChoices(value);
      return [...values.map((v) => say(item.options, v)), ...(other ? [other] : [])].join('; ');
    }
    case 'ranking':
      return Array.isArray(value) ? value.map((v, i) => `${i + 1}. ${say(item.options, String(v))}`).join('; ') : '';
    case 'matrix':
      return Object.entries((value ?? {}) as Record<string, string | string[]>)
        .map(([row, cols]) => `${say(item.rows, row)}: ${(Array.isArray(cols) ? cols : [cols]).map((c) => say(item.columns, c)).join(', ')}`)
        .join('; ');
    case 'place': {
      const p = (value ?? {}) as { text?: string; lat?: number; lon?: number };
      return [p.text, p.lat !== undefined && p.lon !== undefined ? `${p.lat}, ${p.lon}` : ''].filter(Boolean).join(' — ');
    }
    default:
      return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  }
}
