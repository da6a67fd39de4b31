import { readFileSync } from 'node:fs'

/** Gazette's version, from its package.json: part of every cache key. */
export const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version
