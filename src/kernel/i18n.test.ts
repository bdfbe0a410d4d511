import { describe, expect, it } from 'vitest';
import { negotiateLocale, pickText } from './i18n.js';
import { decodeCursor, encodeCursor } from './pagination.js';
import { AppError } from './errors.js';

describe('user content in several languages', () => {
  const text = { en: 'Budget', pt: 'Orçamento' };
  it('shows the reader’s language when it exists', () => expect(pickText(text, 'pt', 'en')).toEqual({ text: 'Orçamento', locale: 'pt' }));
  it('falls back to the site’s default language', () => expect(pickText(text, 'fr', 'en')).toEqual({ text: 'Budget', locale: 'en' }));
  it('falls back to any language when the default is missing too', () =>
    expect(pickText({ uk: 'Бюджет' }, 'fr', 'en')).toEqual({ text: 'Бюджет', locale: 'uk' }));
  it('gives empty text for nothing', () => expect(pickText(null, 'fr', 'en').text).toBe(''));
});

describe('Accept-Language negotiation', () => {
  it('takes the best-weighted available language, matching regional tags to their base', () => {
    expect(negotiateLocale('de-DE,de;q=0.9,pt-BR;q=0.8,en;q=0.5', ['en', 'pt'], 'en')).toBe('pt');
    expect(negotiateLocale('uk;q=0.2, fr;q=0.9', ['en', 'fr', 'uk'], 'en')).toBe('fr');
    expect(negotiateLocale(undefined, ['en'], 'en')).toBe('en');
    expect(negotiateLocale('zh', ['en', 'es'], 'es')).toBe('es');
  });
});

describe('cursors', () => {
  it('round-trip a keyset position', () => expect(decodeCursor(encodeCursor(['2026-01-01', 'abc']), 2)).toEqual(['2026-01-01', 'abc']));
  it('refuse a tampered cursor as bad input on the cursor field', () => {
    try {
      decodeCursor('not-a-cursor', 2);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).fields).toHaveProperty('cursor');
    }
  });
});
