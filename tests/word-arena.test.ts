import { describe, expect, it } from 'vitest'
import { wordArena } from '../src/word-arena.js'

describe('wordArena', () => {
  it('copies word arrays into shared blocks, a new block when one is full, and one of its own for an array larger than a block', () => {
    const arena = wordArena(10)
    const originals = [Uint32Array.of(1, 2, 3), Uint32Array.of(4, 5, 6, 7), Uint32Array.of(8, 9, 10, 11), Uint32Array.from({ length: 25 }, (_, i) => i * 3), Uint32Array.of()]
    const copies = originals.map((words) => arena.copy(words))
    expect(copies).toEqual(originals)
    // The copies are the arena's, not views of the originals.
    originals[0]![0] = 99
    expect(copies[0]![0]).toBe(1)
    expect(copies[1]!.buffer).toBe(copies[0]!.buffer)
    expect([copies[1]!.byteOffset, copies[1]!.buffer.byteLength]).toEqual([12, 40])
    expect(copies[2]!.buffer).not.toBe(copies[0]!.buffer)
    expect(copies[3]!.buffer.byteLength).toBe(100)
    // Writing into one copy leaves its neighbours alone.
    copies[1]!.fill(0)
    expect([...copies[0]!]).toEqual([1, 2, 3])
  })
})
