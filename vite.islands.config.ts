import { defineConfig } from 'vite';

/**
 * The islands script (src/web/islands): built beside the pages into build/client/assets, each island
 * its own chunk, with a manifest the server reads to name the entry's hashed file.
 */
export default defineConfig({
  publicDir: false,
  build: {
    target: 'es2022',
    outDir: 'build/client',
    emptyOutDir: false,
    manifest: '.vite/islands-manifest.json',
    rollupOptions: {
      input: { islands: 'src/web/islands/entry.ts' },
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        // The street map keeps its own name, so tests (and people) can tell when it is downloaded.
        chunkFileNames: (chunk) => (chunk.name === 'map-leaflet' ? 'assets/map-leaflet-[hash].js' : 'assets/island-[name]-[hash].js'),
      },
    },
  },
});
