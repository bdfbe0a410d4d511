import { defineConfig } from 'drizzle-kit';

/** Migrations are generated from every module's tables and committed in ./drizzle. */
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/tables.ts', './src/modules/*/store/*tables.ts'],
  out: './drizzle',
});
