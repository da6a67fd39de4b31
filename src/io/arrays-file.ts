import type { NumberArray } from '../chunked-list.js'
import { writeBytesAtomically } from './json-file.js'
import { readPartsAt } from './record-file.js'


/**
 * An array's bytes given in pieces, as they are made: written as one array, without the whole
 * of it held at once.
 */
export interface ArrayInPieces {
  readonly byteLength: number
  readonly pieces: Iterable<Uint8Array>
}

/**
 * Write a file of arrays: a header, what the arrays go with as JSON, then each array's bytes,
 * each part behind its length; beside the file first, then renamed over it. Why not JSON
 * throughout: the cache keeps millions of numbers this way (a search index's postings, related
 * stories' term counts) at 10,000 articles.
 */
export async function writeArraysFile(path: string, header: string, about: unknown, arrays: ReadonlyArray<NumberArray | Uint32Array | ArrayInPieces>): Promise<void> {
  const bytes = (part: Uint8Array): Uint8Array[] => [lengthOf(part.byteLength), part]
  const parts = function* () {
    yield* bytes(Buffer.from(header))
    yield* bytes(Buffer.from(JSON.stringify(about)))
    for (const array of arrays) {
      if ('pieces' in array) {
        yield lengthOf(array.byteLength)
        yield* array.pieces
      } else yield* bytes(Buffer.from(array.buffer, array.byteOffset, array.byteLength))
    }
  }
  await writeBytesAtomically(path, parts())
}

/**
 * Read a file of `count` arrays written for `header`: what they go with, and each array's bytes
 * in a buffer of its own, read straight there (a whole file read at once, then copied out, held
 * twice its size). Undefined when the file is missing, was written for another header, or ends
 * short.
 */
export function readArraysFile(path: string, header: string, count: number): { about: unknown; parts: Uint8Array[] } | undefined {
  const parts = readPartsAt(path, 0, 2 + count, (first) => first.toString() === header)
  if (!parts) return undefined
  try {
    return { about: JSON.parse(parts[1]!.toString()) as unknown, parts: parts.slice(2) }
  } catch {
    return undefined
  }
}

/** The bytes of a part read by `readArraysFile` as the array they were; undefined when they cannot be one. */
export function arrayOf<T extends NumberArray | Uint32Array>(part: Uint8Array, type: { new (buffer: ArrayBuffer, byteOffset: number, length: number): T; readonly BYTES_PER_ELEMENT: number }): T | undefined {
  if (part.byteLength % type.BYTES_PER_ELEMENT !== 0) return undefined
  return new type(part.buffer as ArrayBuffer, part.byteOffset, part.byteLength / type.BYTES_PER_ELEMENT)
}

function lengthOf(byteLength: number): Buffer {
  const length = Buffer.allocUnsafe(4)
  length.writeUInt32LE(byteLength)
  return length
}
