import { closeSync, openSync } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { writeAll } from './record-file.js'

/** Text is written once this much of it is waiting (in UTF-16 code units). */
const chunkLength = 1 << 20

/**
 * The JSON text of `value`, exactly as `JSON.stringify(value)` gives it, in pieces: arrays and
 * plain objects down to `depth` levels are taken apart, and so are long strings. Why: the cache's
 * largest files, each made as one string, were the end of a build's peak (at 50,000 articles, a
 * 32 MB string, a copy of it and its bytes at once). Values are plain data, as the cache holds:
 * no `toJSON`, no cycles.
 */
export function* jsonText(value: unknown, depth: number): Generator<string> {
  if (typeof value === 'string' && value.length > chunkLength) {
    yield '"'
    for (let start = 0; start < value.length; ) {
      let end = Math.min(start + chunkLength, value.length)
      // A surrogate pair is never cut: each half alone would be escaped as a lone surrogate.
      if (end < value.length && isHighSurrogate(value.charCodeAt(end - 1))) end--
      yield JSON.stringify(value.slice(start, end)).slice(1, -1)
      start = end
    }
    yield '"'
    return
  }
  if (depth > 0 && Array.isArray(value)) {
    yield '['
    for (let index = 0; index < value.length; index++) {
      if (index > 0) yield ','
      const item: unknown = value[index]
      if (isUnwritable(item)) yield 'null'
      else yield* jsonText(item, depth - 1)
    }
    yield ']'
    return
  }
  if (depth > 0 && isPlainObject(value)) {
    yield '{'
    let first = true
    for (const [key, item] of Object.entries(value)) {
      if (isUnwritable(item)) continue
      yield `${first ? '' : ','}${JSON.stringify(key)}:`
      first = false
      yield* jsonText(item, depth - 1)
    }
    yield '}'
    return
  }
  yield JSON.stringify(value) ?? 'null'
}

/**
 * Write text given in pieces to `path`, a megabyte at a time, beside it first and then renamed
 * over it: a build killed midway leaves the old file whole.
 */
export async function writeTextAtomically(path: string, pieces: Iterable<string>): Promise<void> {
  await writeBytesAtomically(path, inChunks(pieces))
}

/** Write bytes given in parts to `path`, beside it first and then renamed over it. */
export async function writeBytesAtomically(path: string, parts: Iterable<Uint8Array>): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`
  const fd = openSync(temporary, 'w')
  try {
    let written = 0
    for (const part of parts) {
      writeAll(fd, part, written)
      written += part.byteLength
    }
  } catch (cause) {
    closeSync(fd)
    await rm(temporary, { force: true })
    throw cause
  }
  closeSync(fd)
  await rename(temporary, path)
}

/** Pieces of text joined into bytes a megabyte at a time. */
function* inChunks(pieces: Iterable<string>): Generator<Uint8Array> {
  let waiting: string[] = []
  let length = 0
  for (const piece of pieces) {
    waiting.push(piece)
    length += piece.length
    if (length >= chunkLength) {
      yield Buffer.from(waiting.join(''))
      waiting = []
      length = 0
    }
  }
  yield Buffer.from(waiting.join(''))
}

/** What `JSON.stringify` leaves out of an object and writes as `null` in an array. */
function isUnwritable(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol'
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value) as unknown
  return (prototype === Object.prototype || prototype === null) && !('toJSON' in value)
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}
