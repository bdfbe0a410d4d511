#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx polity` works from a checkout without a build step.
import { register } from 'tsx/esm/api';

// React and React Router pick their production builds from NODE_ENV when first imported; the dev
// server (`serve --dev`) keeps development mode for its warnings and hot reload.
if (!process.env.NODE_ENV) process.env.NODE_ENV = process.argv.includes('--dev') ? 'development' : 'production';

register();
await import('../src/cli/main.ts');
