import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { jsonText, writeTextAtomically } from '../src/io/json-file.js'

const megabyte = 1 << 20

describe('jsonText', () => {
  it('gives the text JSON.stringify gives, at every depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 5 }), (value, depth) => {
        expect([...jsonText(value, depth)].join('')).toBe(JSON.stringify(value))
      })
    )
  })

  it('leaves out what JSON.stringify leaves out, and writes null where it does', () => {
    const value = { a: undefined, b: () => 1, c: Symbol('c'), d: [undefined, () => 1, Symbol('d'), 1], e: new Date(0), f: Object.assign(Object.create(null), { g: 1 }) }
    expect([...jsonText(value, 3)].join('')).toBe(JSON.stringify(value))
  })

  it('gives pieces of about a megabyte, taking apart arrays and objects down to the depth asked and no further', () => {
    const item = { text: 'x'.repeat(1000) }
    const value = { list: Array.from({ length: 3000 }, () => item) }
    const apart = [...jsonText(value, 2)]
    expect(apart.join('')).toBe(JSON.stringify(value))
    expect(apart.length).toBeGreaterThanOrEqual(3)
    // A piece ends at the first item past a megabyte.
    expect(Math.max(...apart.map((piece) => piece.length))).toBeLessThan(megabyte + JSON.stringify(item).length + 2)
    // One level less, and the list is made whole.
    const whole = [...jsonText(value, 1)]
    expect(whole.join('')).toBe(JSON.stringify(value))
    expect(Math.max(...whole.map((piece) => piece.length))).toBeGreaterThanOrEqual(JSON.stringify(value.list).length)
  })

  it('cuts a long string into pieces, never between the halves of a surrogate pair', () => {
    // A pair straddles the first piece's end; a lone surrogate and characters to escape follow.
    const value = `${'a'.repeat(megabyte - 1)}😀"\\\n\ud800${'é'.repeat(megabyte)}`
    const pieces = [...jsonText({ value }, 1)]
    expect(pieces.length).toBeGreaterThanOrEqual(3)
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThanOrEqual(megabyte + 16)
    expect(pieces.join('')).toBe(JSON.stringify({ value }))
    expect(JSON.parse(pieces.join(''))).toEqual({ value })
  })
})

describe('writeTextAtomically', () => {
  let dir: string | undefined
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('writes the pieces over the old file and leaves nothing beside it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gazette-json-'))
    const path = join(dir, 'state.json')
    await writeFile(path, 'old')
    const value = { keys: Object.fromEntries(Array.from({ length: 50_000 }, (_, index) => [`page-${index}/index.html`, `ключ-${index}`])) }
    await writeTextAtomically(path, jsonText(value, 2))
    expect(await readFile(path, 'utf8')).toBe(JSON.stringify(value))
    expect(await readdir(dir)).toEqual(['state.json'])
  })

  it('leaves the old file whole when making the text fails', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gazette-json-'))
    const path = join(dir, 'state.json')
    await writeFile(path, 'old')
    function* failing() {
      yield 'x'.repeat(2 * megabyte)
      throw new Error('cannot make the rest')
    }
    await expect(writeTextAtomically(path, failing())).rejects.toThrow('cannot make the rest')
    expect(await readFile(path, 'utf8')).toBe('old')
    expect(await readdir(dir)).toEqual(['state.json'])
  })
})
