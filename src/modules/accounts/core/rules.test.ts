import { describe, expect, it } from 'vitest';
import { emailSchema, passwordSchema, roleGrantInput, TOKEN_TTL_MS } from './rules.js';

describe('accounts rules', () => {
  it('normalises emails and bounds passwords (10 to 200 characters)', () => {
    expect(emailSchema.parse('  Ana@Example.ORG ')).toBe('ana@example.org');
    expect(emailSchema.safeParse('ana@').success).toBe(false);
    expect(passwordSchema.safeParse('x'.repeat(9)).success).toBe(false);
    expect(passwordSchema.safeParse('x'.repeat(10)).success).toBe(true);
    expect(passwordSchema.safeParse('x'.repeat(200)).success).toBe(true);
    expect(passwordSchema.safeParse('x'.repeat(201)).success).toBe(false);
  });

  it('binds agency staff, and only agency staff, to an agency', () => {
    const agencyId = '00000000-0000-4000-8000-000000000001';
    expect(roleGrantInput.safeParse({ role: 'agency_staff' }).success).toBe(false);
    expect(roleGrantInput.parse({ role: 'agency_staff', agencyId })).toEqual({ role: 'agency_staff', agencyId });
    expect(roleGrantInput.safeParse({ role: 'editor', agencyId }).success).toBe(false);
    expect(roleGrantInput.parse({ role: 'editor' })).toEqual({ role: 'editor', agencyId: null });
  });

  it('keeps the issue’s token lifetimes: confirm 48 h, reset 1 h, sign-in link 15 min', () => {
    expect(TOKEN_TTL_MS).toEqual({ confirm: 48 * 3600_000, reset: 3600_000, login: 15 * 60_000 });
  });
});
