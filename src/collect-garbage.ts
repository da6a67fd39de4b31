import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/** Below this much heap in use, a collection by hand costs more time than the memory it frees is worth. */
const worthCollecting = 256 * 1024 * 1024

/**
 * Collect this thread's garbage now, if its heap holds more than `above` bytes (256 MB unless
 * told): where the build lets go of a large structure, or is about to wait. Why by hand: V8
 * collects when a thread allocates, so what one stage leaves behind stays in the heap while the
 * next piles its own garbage on top, and while the workers render, the main thread mostly waits.
 * At 50,000 articles its heap reached 1 GB, 60 % of it garbage, and stayed so through the render:
 * the build's peak. Node offers `gc` only behind a flag; setting the flag and taking the function
 * from a new context reaches it without starting the process again.
 */
export function collectGarbage(above = worthCollecting): void {
  if (getHeapStatistics().used_heap_size < above) return
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  gc()
}
