/** Bytes in an arena's first block (64 KB); each next block is twice the last, up to the largest. */
const firstBlockBytes = 64 * 1024
/** Bytes in an arena's largest blocks: 64 MB. */
const largestBlockBytes = 64 * 1024 * 1024

/**
 * Copies of word arrays packed into large blocks (of `largest` words at most). Why: an article's
 * shingles and signature come from a worker thread as small arrays, each its own allocation from
 * the C heap, between the build's short-lived ones. Held until stories are linked and then let
 * go, they left the heap full of holes it never gave back: 240 MB of the process at 50,000
 * articles. A block of tens of megabytes is mapped on its own and given back whole once no copy
 * in it is held. Blocks start small and grow: a build of a few articles (each save in the dev
 * server) taking 64 MB made V8 collect its garbage for the memory alone, and a test suite of
 * small builds five times slower.
 */
export function wordArena(largest = largestBlockBytes / 4, first = firstBlockBytes / 4): { copy(words: Uint32Array): Uint32Array } {
  const take = blocks((length) => new Uint32Array(length), largest, first)
  return {
    copy(words) {
      const copy = take(words.length)
      copy.set(words)
      return copy
    }
  }
}

/**
 * Texts packed as UTF-8 into large blocks (of `largest` bytes at most), as `wordArena` packs
 * words: out of the JavaScript heap, and one byte an ASCII character where a string with a single
 * character beyond Latin-1 takes two for every one. A lone surrogate becomes U+FFFD, as it does
 * in the cache's records.
 */
export function textArena(largest = largestBlockBytes, first = firstBlockBytes): { copy(text: string): Uint8Array } {
  const take = blocks((length) => new Uint8Array(length), largest, first)
  const encoder = new TextEncoder()
  return {
    copy(text) {
      const copy = take(Buffer.byteLength(text))
      encoder.encodeInto(text, copy)
      return copy
    }
  }
}

/** Room for `length` items at a time, from blocks that start at `first` items and double up to `largest`. */
function blocks<T extends Uint8Array | Uint32Array>(create: (length: number) => T, largest: number, first: number): (length: number) => T {
  let block = create(0)
  let used = 0
  let next = first
  return (length) => {
    if (used + length > block.length) {
      block = create(Math.max(next, length))
      next = Math.min(next * 2, largest)
      used = 0
    }
    const room = block.subarray(used, used + length) as T
    used += length
    return room
  }
}
