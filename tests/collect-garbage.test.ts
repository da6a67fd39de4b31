import { describe, expect, it } from 'vitest'
import { collectByHand, collectGarbage } from '../src/collect-garbage.js'

const nextJob = () => new Promise((resolve) => setImmediate(resolve))

/** A reference to an object nothing else holds, made in a job of its own: a full collection clears it. */
async function dropped(): Promise<WeakRef<object>> {
  const ref = new WeakRef({ values: new Array(10_000).fill(1) })
  // A target is kept to the end of the job that made or read it.
  await nextJob()
  return ref
}

/** Whether the target is still there, read in a job of its own so that reading it does not keep it. */
async function held(ref: WeakRef<object>): Promise<boolean> {
  const there = ref.deref() !== undefined
  await nextJob()
  return there
}

describe('collectGarbage', () => {
  it('collects while collections by hand are on, and not while they are off, until put back', async () => {
    const collected = await dropped()
    collectGarbage(0)
    expect(await held(collected)).toBe(false)

    const putBack = collectByHand(false)
    const kept = await dropped()
    collectGarbage(0)
    expect(await held(kept)).toBe(true)
    // Off within off, and back to off.
    collectByHand(false)()
    collectGarbage(0)
    expect(await held(kept)).toBe(true)
    // Back to on.
    putBack()
    collectGarbage(0)
    expect(await held(kept)).toBe(false)
  })
})
