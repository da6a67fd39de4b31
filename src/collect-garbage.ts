import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/**
 * Below this much memory held by the heap (its objects, and the bytes of the array buffers they
 * hold), a collection by hand costs more time than the memory it frees is worth. A build of
 * 10,000 articles holds at most 262 MB where it asks.
 */
const worthCollecting = 320 * 1024 * 1024

/** Whether `collectGarbage` collects on this thread (see `collectByHand`). */
let byHand = true

/**
 * Let `collectGarbage` collect or not, until the function returned is called, which puts back
 * what was. Why not always: collections by hand are for the peak of a build that makes much of
 * the site anew. A build that makes a few articles stays far below it (at 50,000 articles, a
 * one-article rebuild peaked at about 760 MB without them, against a cold build's 960), and
 * there its six collections by hand took a second of the main thread's time.
 */
export function collectByHand(enabled: boolean): () => void {
  const before = byHand
  byHand = enabled
  return () => {
    byHand = before
  }
}

/**
 * Collect this thread's garbage now, if its heap holds more than `above` bytes (320 MB unless
 * told): where the build lets go of a large structure, or is about to wait. Why by hand: V8
 * collects when a thread allocates, so what one stage leaves behind stays in the heap while the
 * next piles its own garbage on top, and while the workers render, the main thread mostly waits.
 * At 50,000 articles its heap reached 1 GB, 60 % of it garbage, and stayed so through the render:
 * the build's peak. Node offers `gc` only behind a flag; setting the flag and taking the function
 * from a new context reaches it without starting the process again.
 */
export function collectGarbage(above = worthCollecting): void {
  if (!byHand) return
  // The array buffers count: what a stage lets go of may be mostly theirs (the arenas of story
  // features, 200 MB at 50,000 articles, let go once stories are linked).
  const heap = getHeapStatistics()
  if (heap.used_heap_size + heap.external_memory < above) return
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  gc()
}
