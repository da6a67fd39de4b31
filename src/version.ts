import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Where Gazette is: the folder of its package.json, templates/ and lib/. This module sits one
 * level below it both as source (src/) and bundled (lib/), so it is the one place that says so.
 */
export const packageRoot = fileURLToPath(new URL('../', import.meta.url))

/** Gazette's version, from its package.json, as `--version` prints it. */
export const packageVersion = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version

/**
 * What every cache key is made with: Gazette's version and, when it runs from its bundle, the
 * bundle's digest (lib/code-id, written by scripts/bundle.js). Why the digest: code changed
 * without a new version number (another commit, a fork) must not reuse the articles the old code
 * processed, least of all from a cache restored into a fresh checkout in CI. Run from its sources
 * (the tests), there is no bundle and the version alone keys the caches.
 */
export const version = withCodeId(packageVersion)

function withCodeId(base: string): string {
  try {
    const id = readFileSync(new URL('./code-id', import.meta.url), 'utf8').trim()
    return id === '' ? base : `${base}+${id}`
  } catch {
    return base
  }
}
