// @ts-check
/**
 * Gazette runs from one bundle of its code and dependencies in lib/ (`npm run compile`).
 * Why: loading the pipeline as hundreds of small modules took 0.22 s of every build and of every
 * worker thread's start; bundled, 0.08 s. Entries: the CLI, the worker thread, and the story stage
 * on its own for `npm run bench:stories`. Chunks stay at the top of lib/, beside
 * the entries, so `new URL('./worker.js', import.meta.url)` and `src/version.ts`'s
 * `../package.json` mean the same bundled as in src/. Vite is loaded as a package by the dev
 * server, not bundled.
 */
import { defineConfig } from 'rolldown'

export default defineConfig({
  input: {
    cli: 'src/cli.ts',
    worker: 'src/worker.ts',
    'story/same-story': 'src/story/same-story.ts',
    'story/synthetic': 'src/story/synthetic.ts'
  },
  platform: 'node',
  external: [/^vite(\/|$)/],
  // gray-matter's `---js` engine uses eval; Gazette never lets it run (src/parse.ts refuses that engine).
  checks: { eval: false },
  output: { dir: 'lib', format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' }
})
