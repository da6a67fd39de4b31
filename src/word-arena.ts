/** Words per block of an arena: 64 MB. */
const blockWords = 16 * 1024 * 1024

/**
 * Copies of word arrays packed into large blocks. Why: an article's shingles and signature come
 * from a worker thread as small arrays, each its own allocation from the C heap, between the
 * build's short-lived ones. Held until stories are linked and then let go, they left the heap
 * full of holes it never gave back: 240 MB of the process at 50,000 articles. A block this large
 * is mapped on its own and given back whole once no copy in it is held.
 */
export function wordArena(wordsPerBlock = blockWords): { copy(words: Uint32Array): Uint32Array } {
  let block = new Uint32Array(0)
  let used = 0
  return {
    copy(words) {
      if (used + words.length > block.length) {
        // Untouched pages of a block cost no memory: only what is copied into it does.
        block = new Uint32Array(Math.max(wordsPerBlock, words.length))
        used = 0
      }
      const copy = block.subarray(used, used + words.length)
      copy.set(words)
      used += words.length
      return copy
    }
  }
}
