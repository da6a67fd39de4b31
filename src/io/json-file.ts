import { closeSync, openSync } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { writeAll } from './record-file.js'

/** Text is written once this much of it is waiting (in UTF-16 code units). */
const chunkLength = 1 << 20

/**
 * The JSON text of `value`, exactly as `JSON.stringify(value)` gives it, in pieces of about a
 * megabyte: arrays and plain objects down to `depth` levels are taken apart, and so are long
 * strings; a value below that depth is made whole. Why: the cache's largest files, each made as
 * one string, were the end of a build's peak (at 50,000 articles, a 32 MB string, a copy of it
 * and its bytes at once). Values are plain data, as the cache holds: no `toJSON`, no cycles.
 */
export function* jsonText(value: unknown, depth: number): Generator<string> {
  // The values being taken apart are walked with a stack of their own, not by generators
  // delegating to generators: every piece passed up through each level, and saving a
  // 10,000-article site's state took twice as long as JSON.stringify.
  let pieces: string[] = []
  let length = 0
  const put = (piece: string): void => {
    pieces.push(piece)
    length += piece.length
  }
  const stack: Frame[] = []
  const begin = (value: unknown, depth: number): void => {
    if (typeof value === 'string' && value.length > chunkLength) {
      put('"')
      stack.push({ text: value, at: 0 })
    } else if (depth > 0 && Array.isArray(value)) {
      put('[')
      stack.push({ items: value, depth: depth - 1, next: 0 })
    } else if (depth > 0 && isPlainObject(value)) {
      put('{')
      stack.push({ object: value, keys: Object.keys(value), depth: depth - 1, next: 0, wrote: false })
    } else put(JSON.stringify(value) ?? 'null')
  }
  begin(value, depth)
  while (stack.length > 0) {
    if (length >= chunkLength) {
      yield pieces.join('')
      pieces = []
      length = 0
    }
    const frame = stack[stack.length - 1]!
    if ('text' in frame) {
      if (frame.at === frame.text.length) {
        put('"')
        stack.pop()
        continue
      }
      let end = Math.min(frame.at + chunkLength, frame.text.length)
      // A surrogate pair is never cut: each half alone would be escaped as a lone surrogate.
      if (end < frame.text.length && isHighSurrogate(frame.text.charCodeAt(end - 1))) end--
      put(JSON.stringify(frame.text.slice(frame.at, end)).slice(1, -1))
      frame.at = end
    } else if ('items' in frame) {
      if (frame.next === frame.items.length) {
        put(']')
        stack.pop()
        continue
      }
      const item: unknown = frame.items[frame.next++]
      if (frame.next > 1) put(',')
      if (isUnwritable(item)) put('null')
      else begin(item, frame.depth)
    } else {
      if (frame.next === frame.keys.length) {
        put('}')
        stack.pop()
        continue
      }
      const key = frame.keys[frame.next++]!
      const item = frame.object[key]
      if (isUnwritable(item)) continue
      put(`${frame.wrote ? ',' : ''}${JSON.stringify(key)}:`)
      frame.wrote = true
      begin(item, frame.depth)
    }
  }
  yield pieces.join('')
}

/** A long string, array or object being written by `jsonText`, and how far. */
type Frame =
  | { readonly text: string; at: number }
  | { readonly items: readonly unknown[]; readonly depth: number; next: number }
  | { readonly object: Record<string, unknown>; readonly keys: readonly string[]; readonly depth: number; next: number; wrote: boolean }

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
