import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envDescriptions, envSchema, readEnv } from './env.js';

describe('environment', () => {
  it('has defaults for a one-machine start', () => {
    const env = readEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.COOKIE_SECURE).toBe(true);
  });

  it('names every bad variable and why', () => {
    expect(() => readEnv({ PORT: 'eighty', DATABASE_URL: 'not a url', LOG_LEVEL: 'loud' })).toThrow(/PORT:[\s\S]*DATABASE_URL:[\s\S]*LOG_LEVEL:/);
  });

  it('is documented, variable by variable, in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const key of Object.keys(envSchema.shape)) expect(readme, key).toContain(`| \`${key}\` |`);
    expect(Object.keys(envDescriptions).sort()).toEqual(Object.keys(envSchema.shape).sort());
  });
});
