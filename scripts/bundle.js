// @ts-check
/**
 * Bundle src/ and its dependencies into lib/, which the CLI runs (`npm run compile`, after `tsc`
 * has checked the types).
 *
 * Why a bundle: loading the pipeline as hundreds of small modules took 0.22 s of every build and
 * of every worker thread's start; bundled, 0.08 s. Entries: the CLI, the worker threads (the site
 * listing's too), and the story stage on its own for `npm run bench:stories`. Chunks stay at the
 * top of lib/, beside the entries, so `new URL('./worker.js', import.meta.url)` and
 * src/version.ts's `../package.json` mean the same bundled as in src/. Vite is loaded as a package by the dev server, not bundled.
 *
 * Why only changed files are written, and nothing when no input changed: Gazette's code is part of what a build's output depends
 * on, stamped by its files' times (src/io/load-templates.ts). Rewriting lib/ on every compile
 * would make every `npm run build` rebuild the site instead of finding it up to date.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'lib')

// What the bundle is made from: src/, the locked dependencies and this script, by size and time.
// When none changed since the last bundle and lib/ still holds what it wrote, there is nothing to
// do: bundling takes most of a second, and every build and test run asks. The signature is taken
// before bundling, so a file changed while the bundle is made is bundled again next time.
const stampFile = join(root, 'node_modules/.cache/gazette/bundle-stamp')
const inputs = [...readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name)), join(root, 'package-lock.json'), fileURLToPath(import.meta.url)]
const signature = inputs
  .map((path) => {
    const stats = statSync(path)
    return `${relative(root, path)} ${stats.size} ${stats.mtimeMs}`
  })
  .sort()
  .join('\n')
if (fresh()) process.exit(0)
const { rolldown } = await import('rolldown')

const bundle = await rolldown({
  cwd: root,
  input: {
    cli: 'src/cli.ts',
    worker: 'src/worker.ts',
    'dev-build-worker': 'src/dev-build-worker.ts',
    'site-listing-worker': 'src/io/site-listing-worker.ts',
    'story/same-story': 'src/story/same-story.ts',
    'story/synthetic': 'src/story/synthetic.ts'
  },
  platform: 'node',
  external: [/^vite(\/|$)/],
  // gray-matter's `---js` engine uses eval; Gazette never lets it run (src/parse.ts refuses that engine).
  checks: { eval: false }
})
const { output } = await bundle.generate({ format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' })
await bundle.close()

// The bundle's digest (lib/code-id) is part of the key of everything Gazette caches (src/version.ts):
// code changed without a new version number must not reuse what the old code made.
const files = output.map((file) => ({ fileName: file.fileName, bytes: Buffer.from(file.type === 'chunk' ? file.code : file.source) }))
const digest = createHash('sha256')
for (const file of [...files].sort((a, b) => (a.fileName < b.fileName ? -1 : 1))) digest.update(`${file.fileName}\0${file.bytes.length}\0`).update(file.bytes)
files.push({ fileName: 'code-id', bytes: Buffer.from(`${digest.digest('hex').slice(0, 16)}\n`) })

const written = new Set()
for (const { fileName, bytes } of files) {
  const path = join(out, fileName)
  written.add(path)
  let same = false
  try {
    same = readFileSync(path).equals(bytes)
  } catch {
    // Not there yet.
  }
  if (same) continue
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, bytes)
}
// Whatever else is in lib/ (chunks of an earlier bundle, files of an older layout) goes.
for (const entry of readdirSync(out, { recursive: true, withFileTypes: true })) {
  const path = join(entry.parentPath, entry.name)
  if (entry.isFile() && !written.has(path)) rmSync(path)
}
for (const entry of readdirSync(out, { recursive: true, withFileTypes: true }).reverse()) {
  if (entry.isDirectory() && readdirSync(join(entry.parentPath, entry.name)).length === 0) rmSync(join(entry.parentPath, entry.name), { recursive: true })
}
const outputs = [...written].map((path) => `${relative(root, path)} ${statSync(path).size}`).sort()
mkdirSync(dirname(stampFile), { recursive: true })
writeFileSync(stampFile, JSON.stringify({ signature, outputs }))

/** Whether lib/ is the bundle of the inputs as they are now. */
function fresh() {
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'))
    return stamp.signature === signature && stamp.outputs.every((/** @type {string} */ line) => {
      const [path, size] = line.split(' ')
      return statSync(join(root, path)).size === Number(size)
    })
  } catch {
    return false
  }
}
