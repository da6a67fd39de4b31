import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { writeBytesAtomically } from './json-file.js'

/** The typed arrays a file of arrays holds. */
export type NumberArray = Int32Array | Uint16Array | Uint8Array | Float64Array

/**
 * Write a file of arrays: a header, what the arrays go with as JSON, then each array's bytes,
 * each part behind its length; beside the file first, then renamed over it. Why not JSON
 * throughout: the cache keeps millions of numbers this way (a search index's postings, related
 * stories' term counts) at 10,000 articles.
 */
export async function writeArraysFile(path: string, header: string, about: unknown, arrays: readonly NumberArray[]): Promise<void> {
  const parts = [Buffer.from(header), Buffer.from(JSON.stringify(about)), ...arrays.map((array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength))]
  await writeBytesAtomically(path, parts.flatMap((part) => [lengthOf(part), part]))
}

/**
 * Read a file of `count` arrays written for `header`: what they go with, and each array's bytes
 * in a buffer of its own, read straight there (a whole file read at once, then copied out, held
 * twice its size). Undefined when the file is missing, was written for another header, or ends
 * short.
 */
export function readArraysFile(path: string, header: string, count: number): { about: unknown; parts: Uint8Array[] } | undefined {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    return undefined
  }
  try {
    const size = fstatSync(fd).size
    let position = 0
    const next = (): Uint8Array | undefined => {
      const length = Buffer.alloc(4)
      if (position + 4 > size || !readFully(fd, length, position)) return undefined
      const bytes = length.readUInt32LE(0)
      if (position + 4 + bytes > size) return undefined
      const part = new Uint8Array(new ArrayBuffer(bytes))
      if (!readFully(fd, part, position + 4)) return undefined
      position += 4 + bytes
      return part
    }
    const first = next()
    if (!first || Buffer.from(first).toString() !== header) return undefined
    const about = next()
    if (!about) return undefined
    const parts: Uint8Array[] = []
    for (let index = 0; index < count; index++) {
      const part = next()
      if (!part) return undefined
      parts.push(part)
    }
    return { about: JSON.parse(Buffer.from(about).toString()) as unknown, parts }
  } catch {
    return undefined
  } finally {
    closeSync(fd)
  }
}

/** The bytes of a part read by `readArraysFile` as the array they were; undefined when they cannot be one. */
export function arrayOf<T extends NumberArray>(part: Uint8Array, type: { new (buffer: ArrayBuffer, byteOffset: number, length: number): T; readonly BYTES_PER_ELEMENT: number }): T | undefined {
  if (part.byteLength % type.BYTES_PER_ELEMENT !== 0) return undefined
  return new type(part.buffer as ArrayBuffer, part.byteOffset, part.byteLength / type.BYTES_PER_ELEMENT)
}

function readFully(fd: number, into: Uint8Array, position: number): boolean {
  for (let offset = 0; offset < into.length; ) {
    const count = readSync(fd, into, offset, into.length - offset, position + offset)
    if (count === 0) return false
    offset += count
  }
  return true
}

function lengthOf(part: Uint8Array): Buffer {
  const length = Buffer.allocUnsafe(4)
  length.writeUInt32LE(part.byteLength)
  return length
}
