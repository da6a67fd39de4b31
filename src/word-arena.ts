/** Words in an arena's first block (64 KB); each next block is twice the last, up to the largest. */
const firstBlockWords = 16 * 1024
/** Words in an arena's largest blocks: 64 MB. */
const largestBlockWords = 16 * 1024 * 1024

/**
 * Copies of word arrays packed into large blocks. Why: an article's shingles and signature come
 * from a worker thread as small arrays, each its own allocation from the C heap, between the
 * build's short-lived ones. Held until stories are linked and then let go, they left the heap
 * full of holes it never gave back: 240 MB of the process at 50,000 articles. A block of tens of
 * megabytes is mapped on its own and given back whole once no copy in it is held. Blocks start
 * small and grow: a build of a few articles (each save in the dev server) taking 64 MB made V8
 * collect its garbage for the memory alone, and a test suite of small builds five times slower.
 */
export function wordArena(largest = largestBlockWords, first = firstBlockWords): { copy(words: Uint32Array): Uint32Array } {
  let block = new Uint32Array(0)
  let used = 0
  let next = first
  return {
    copy(words) {
      if (used + words.length > block.length) {
        block = new Uint32Array(Math.max(next, words.length))
        next = Math.min(next * 2, largest)
        used = 0
      }
      const copy = block.subarray(used, used + words.length)
      copy.set(words)
      used += words.length
      return copy
    }
  }
}
