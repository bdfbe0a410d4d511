/**
 * Ids whose messages reach `meta` functions through the root data (`RootData.titles`): `meta` runs
 * outside components, and shipping the whole catalogue in every page's data would be too heavy.
 * Kept apart from page-title.ts so the server's catalogue code does not import React.
 */
export const TITLE_ID = /(\.title|Title|\.heading|\.nav)$/;
