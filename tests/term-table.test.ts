import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { termTable } from '../src/term-table.js'

/** What the table must agree with: lines split and terms numbered with a Map. */
function reference(texts: readonly string[]): { names: string[]; read: Array<Array<[number, number]>> } {
  const numbers = new Map<string, number>()
  const names: string[] = []
  const read = texts.map((text) =>
    (text === '' ? [] : text.split('\n')).map((line): [number, number] => {
      const tab = line.indexOf('\t')
      const term = line.slice(0, tab)
      if (!numbers.has(term)) numbers.set(term, names.push(term) - 1)
      return [numbers.get(term)!, Number(line.slice(tab + 1))]
    })
  )
  return { names, read }
}

function readAll(texts: readonly string[]): { names: readonly string[]; read: Array<Array<[number, number]>>; lines: number[] } {
  const table = termTable()
  const lines: number[] = []
  const read = texts.map((text) => {
    const pairs: Array<[number, number]> = []
    lines.push(table.readLines(text, (term, count) => pairs.push([term, count])))
    return pairs
  })
  return { names: table.names, read, lines }
}

describe('termTable', () => {
  it('numbers terms in the order first seen, across texts, with their counts', () => {
    const { names, read, lines } = readAll(['harbour\t3\n#oslo\t1\nferry\t12', 'ferry\t2\nharbour\t1', '', 'new\t1'])
    expect(names).toEqual(['harbour', '#oslo', 'ferry', 'new'])
    expect(read).toEqual([[[0, 3], [1, 1], [2, 12]], [[2, 2], [0, 1]], [], [[3, 1]]])
    expect(lines).toEqual([3, 2, 0, 1])
  })

  it('tells apart terms that differ by one code unit, or only in length, and keeps astral characters whole', () => {
    const { names, read } = readAll(['ab\t1\nab\u0301\t2\nabc\t3\na\t4\n\u{1f600}x\t5\n\u{1f601}x\t6\n\u{1f600}x\t7'])
    expect(names).toEqual(['ab', 'ab\u0301', 'abc', 'a', '\u{1f600}x', '\u{1f601}x'])
    expect(read[0]!.map(([term]) => term)).toEqual([0, 1, 2, 3, 4, 5, 4])
  })

  it('keeps every term apart as the table grows past thousands of terms', () => {
    const texts = Array.from({ length: 40 }, (_, article) => Array.from({ length: 500 }, (_, k) => `w${(article * 37 + k * 11) % 9000}\t${k + 1}`).join('\n'))
    expect(readAll(texts)).toMatchObject(reference(texts))
  })

  it('agrees with splitting the lines and numbering the terms with a Map', () => {
    const term = fc.string({ unit: fc.constantFrom('a', 'b', 'é', '#', ' ', '\u{1f600}', '\ud800', 'z'), minLength: 0, maxLength: 6 })
    const list = fc.array(fc.tuple(term, fc.nat({ max: 100_000 })), { maxLength: 30 }).map((lines) => lines.map(([name, count]) => `${name}\t${count}`).join('\n'))
    fc.assert(
      fc.property(fc.array(list, { maxLength: 8 }), (texts) => {
        const { names, read } = readAll(texts)
        const expected = reference(texts)
        expect(names).toEqual(expected.names)
        expect(read).toEqual(expected.read)
      })
    )
  })
})

describe('termTable with known terms', () => {
  it('keeps the numbers of the terms it starts from, and numbers new ones after them', () => {
    const table = termTable(['storm', 'harbour'])
    const read: Array<[number, number]> = []
    table.readLines('harbour\t2\nvolcano\t1\nstorm\t5', (term, count) => read.push([term, count]))
    expect(read).toEqual([[1, 2], [2, 1], [0, 5]])
    expect(table.names).toEqual(['storm', 'harbour', 'volcano'])
  })
})
