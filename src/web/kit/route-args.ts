export type { ActionArgs, LoaderArgs, PolityLoadContext } from '../load-context.js';
