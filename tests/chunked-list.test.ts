import { describe, expect, it } from 'vitest'
import { chunkedList } from '../src/chunked-list.js'

describe('chunkedList', () => {
  it('keeps every number pushed, across chunks, and gives them back as one array of the exact length', () => {
    const list = chunkedList((length) => new Float64Array(length), 8)
    const values = Array.from({ length: 30 }, (_, i) => i * 2 ** 33 + 0.5)
    for (const value of values) list.push(value)
    expect(list.length).toBe(30)
    expect(values.map((_, index) => list.at(index))).toEqual(values)
    const all = list.toArray()
    expect(all).toBeInstanceOf(Float64Array)
    expect([...all]).toEqual(values)
    // The array is a copy: the list can be let go.
    list.clear()
    expect(list.length).toBe(0)
    expect(list.toArray().length).toBe(0)
    expect(all[29]).toBe(values[29])
  })

  it('fills a list that ends exactly at a chunk boundary, and one shorter than its first chunk', () => {
    for (const count of [0, 1, 7, 8, 16, 5000]) {
      const list = chunkedList((length) => new Int32Array(length), 8)
      for (let i = 0; i < count; i++) list.push(count - i)
      expect([...list.toArray()]).toEqual(Array.from({ length: count }, (_, i) => count - i))
    }
    const big = chunkedList((length) => new Int32Array(length))
    for (let i = 0; i < 5000; i++) big.push(i)
    expect(big.at(4095)).toBe(4095)
    expect(big.at(4096)).toBe(4096)
    expect(big.toArray().length).toBe(5000)
  })
})

describe('chunkedList chunk sizes', () => {
  it('takes chunks of a power of two only, since indices are taken apart by bits', () => {
    for (const largest of [0, 3, 12, 1000, 2 ** 31]) expect(() => chunkedList((length) => new Int32Array(length), largest)).toThrow(/power of two/)
    const single = chunkedList((length) => new Int32Array(length), 1)
    for (let i = 0; i < 5; i++) single.push(i * 3)
    expect([0, 1, 2, 3, 4].map((index) => single.at(index))).toEqual([0, 3, 6, 9, 12])
  })
})
