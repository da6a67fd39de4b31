import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Where Gazette is: the folder of its package.json, templates/ and lib/. This module sits one
 * level below it both as source (src/) and bundled (lib/), so it is the one place that says so.
 */
export const packageRoot = fileURLToPath(new URL('../', import.meta.url))

/** Gazette's version, from its package.json: part of every cache key. */
export const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version
