/** What an island module exports: a function that enhances its element. */
export interface Island {
  mount(el: HTMLElement): void;
}

/**
 * Every island by name, each loaded on demand (its own chunk), so a page downloads only the code of
 * the islands it contains.
 */
export const islandLoaders: Record<string, () => Promise<Island>> = {
  print: () => import('./print.js'),
  'budget-total': () => import('./budget-total.js'),
  'live-refresh': () => import('./live-refresh.js'),
  map: () => import('./map.js'),
  'show-if': () => import('./show-if.js'),
};
