/** Numbers a chunk of a `chunkedList` holds at most: a million (2²⁰). */
const largestChunk = 1 << 20

/** Numbers the first chunk holds: it doubles until whole, so a short list takes little. */
const firstChunk = 4096

/** The typed arrays of numbers the project keeps: in a chunked list, or in a file of arrays. */
export type NumberArray = Uint8Array | Uint16Array | Int32Array | Float64Array

/** A list of numbers, grown by `push`, read by index. */
export interface ChunkedList<T extends NumberArray> {
  readonly length: number
  push(value: number): void
  at(index: number): number
  /** The list as one array of exactly its length. */
  toArray(): T
  /** Let go of every chunk: the list is empty again. */
  clear(): void
}

/**
 * A list of numbers kept in chunks of `largest` (a million) at most. Why not one array grown by
 * doubling: lists that grow to millions (a search index's postings, clustering's candidate pairs
 * at 50,000 articles) held the old array and the new one at once at each doubling, the new one up
 * to half empty; the last doubling of the postings was the build's peak. Here growing the list
 * never copies more than one chunk.
 */
export function chunkedList<T extends NumberArray>(create: (length: number) => T, largest = largestChunk): ChunkedList<T> {
  // Chunks hold a power of two, so an index is taken apart by bits: reading a list of millions by
  // index divided each index, a third of the time the search index took to sort its postings.
  if (!(largest >= 1 && (largest & (largest - 1)) === 0 && largest <= 2 ** 30)) throw new RangeError(`chunked list: ${largest} is not a power of two`)
  const shift = Math.log2(largest)
  const mask = largest - 1
  let chunks: T[] = []
  let length = 0
  return {
    get length() {
      return length
    },
    push(value) {
      const offset = length & mask
      let chunk = chunks.at(-1)
      if (!chunk || offset === 0) chunks.push((chunk = create(chunks.length === 0 ? Math.min(firstChunk, largest) : largest)))
      else if (offset === chunk.length) {
        const whole = create(Math.min(chunk.length * 2, largest))
        whole.set(chunk)
        chunks[chunks.length - 1] = chunk = whole
      }
      chunk[offset] = value
      length++
    },
    at: (index) => chunks[index >>> shift]![index & mask]!,
    toArray() {
      const all = create(length)
      let at = 0
      for (const chunk of chunks) {
        const part = chunk.subarray(0, Math.min(chunk.length, length - at))
        all.set(part, at)
        at += part.length
      }
      return all
    },
    clear() {
      chunks = []
      length = 0
    }
  }
}
