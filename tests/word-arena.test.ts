import { describe, expect, it } from 'vitest'
import { textArena, wordArena } from '../src/word-arena.js'

describe('wordArena', () => {
  it('copies word arrays into shared blocks that double up to the largest, and gives an array larger than a block one of its own', () => {
    const arena = wordArena(16, 4)
    const originals = [Uint32Array.of(1, 2, 3), Uint32Array.of(4, 5, 6, 7), Uint32Array.of(8, 9, 10, 11), Uint32Array.from({ length: 25 }, (_, i) => i * 3), Uint32Array.of(12), ...Array.from({ length: 5 }, (_, i) => Uint32Array.of(i, i, i, i, i, i, i, i))]
    const copies = originals.map((words) => arena.copy(words))
    expect(copies).toEqual(originals)
    // The copies are the arena's, not views of the originals.
    originals[0]![0] = 99
    expect(copies[0]![0]).toBe(1)
    // Blocks of 4, 8 (two copies), then 25 words for the array larger than the next block of 16,
    // which the next small copy starts; then 16 words at most.
    expect(copies.map((copy) => copy.buffer.byteLength / 4)).toEqual([4, 8, 8, 25, 16, 16, 16, 16, 16, 16])
    expect(copies[2]!.buffer).toBe(copies[1]!.buffer)
    expect([copies[2]!.byteOffset, copies[4]!.byteOffset]).toEqual([16, 0])
    expect(copies[5]!.buffer).toBe(copies[4]!.buffer)
    expect(copies[6]!.buffer).not.toBe(copies[5]!.buffer)
    expect(copies[7]!.buffer).toBe(copies[6]!.buffer)
    // Writing into one copy leaves its neighbours alone.
    copies[2]!.fill(0)
    expect([...copies[1]!]).toEqual([4, 5, 6, 7])
  })
})

describe('textArena', () => {
  it('copies texts as UTF-8 into shared blocks, characters beyond Latin-1 and surrogate pairs whole', () => {
    const arena = textArena(64, 16)
    const texts = ['harbour\t2', '', '#ștefan\t1\n#zürich\t3', '😀 emoji\t1', 'x'.repeat(100), 'tail']
    const copies = texts.map((text) => arena.copy(text))
    const decoder = new TextDecoder()
    expect(copies.map((copy) => decoder.decode(copy))).toEqual(texts)
    expect(copies.map((copy) => copy.byteLength)).toEqual(texts.map((text) => Buffer.byteLength(text)))
    // The first two share the first block; the text longer than any block has one of its own.
    expect(copies[1]!.buffer).toBe(copies[0]!.buffer)
    expect(copies[4]!.buffer.byteLength).toBe(100)
    expect(copies[5]!.buffer).not.toBe(copies[4]!.buffer)
    // A lone surrogate comes back as U+FFFD, as the cache's records give it back.
    const lone = arena.copy('#a\ud800b\t1')
    expect(decoder.decode(lone)).toBe('#a\ufffdb\t1')
    expect(decoder.decode(lone)).toBe(Buffer.from('#a\ud800b\t1').toString())
  })
})
