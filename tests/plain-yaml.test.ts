import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isMap, isScalar, isSeq, parseDocument } from 'yaml'
import { readPlainYaml } from '../src/text/plain-yaml.js'

/** What the YAML parser makes of a frontmatter, with the options the build gives it. */
function parsed(text: string) {
  const document = parseDocument(text, { uniqueKeys: false, schema: 'core', strict: true, prettyErrors: false, stringKeys: true })
  const offsets = new Map<string, number>()
  const keyOffsets = new Map<string, number>()
  const asWritten = new Map<string, unknown>()
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) {
      if (!isScalar(pair.key) || offsets.has(String(pair.key.value))) continue
      const range = (pair.value as { range?: [number, number, number] } | null)?.range ?? pair.key.range
      if (range) offsets.set(String(pair.key.value), range[0])
      if (pair.key.range) keyOffsets.set(String(pair.key.value), pair.key.range[0])
      // Numbers and true/false as written, for a value that is one or a list holding one.
      const written = (node: unknown) => (isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'boolean') ? node.source : undefined)
      if (written(pair.value) !== undefined) asWritten.set(String(pair.key.value), written(pair.value))
      else if (isSeq(pair.value) && pair.value.items.every(isScalar) && pair.value.items.some((item) => written(item) !== undefined)) asWritten.set(String(pair.key.value), pair.value.items.map((item) => written(item) ?? (isScalar(item) ? item.value : item)))
    }
  }
  const problems = document.errors.length + document.warnings.length
  return { problems, data: problems === 0 ? (document.toJS() ?? {}) : undefined, offsets, keyOffsets, asWritten }
}

function agrees(text: string): boolean {
  const plain = readPlainYaml(text)
  if (!plain) return false
  const expected = parsed(text)
  expect(expected.problems, text).toBe(0)
  expect(plain.data, text).toEqual(expected.data)
  expect(Object.keys(plain.data), text).toEqual(Object.keys(expected.data as object))
  expect(plain.valueOffsets, text).toEqual(expected.offsets)
  expect(plain.keyOffsets, text).toEqual(expected.keyOffsets)
  expect(plain.asWritten, text).toEqual(expected.asWritten)
  return true
}

describe('readPlainYaml', () => {
  it('reads the frontmatter Gazette writes and most people write, as the parser does', () => {
    const written = 'title: Aarhus council backs heat pump subsidies\ndate: 2026-09-21T14:13:20Z\nslug: aarhus-council\ntags:\n  - Aarhus\n  - Björn Benali\nseed:\n  file: seeds/03734_37f1ace910d0477d.txt\n  sha256: 9aae477ffd\n  removed:\n    repeated: 0\n    boilerplate: []\n  generated: 519d2295be81278f\n'
    const quoted = 'title: "Aarhus council approves diesel ban: “a bitter pill”"\ndate: 2025-12-02T03:36:51Z\nsummary: \'It is 25 percent.\'\ntags:\n- "Nuclear"\nsource: "The Continental"\ndraft: false\n'
    expect(agrees(written)).toBe(true)
    expect(agrees(quoted)).toBe(true)
    expect(readPlainYaml(written)?.data).toMatchObject({ tags: ['Aarhus', 'Björn Benali'], seed: { removed: { repeated: 0, boilerplate: [] } } })
  })

  it.each(['title: a # comment', 'title: "a\\"b"', "title: 'it''s'", 'title: |\n  block', 'tags: [a, b]', 'title: &a x', 'title: *a', 'title:\ndate: x', 'title: a\ntitle: b', 'n: 1.5', 'n: 0x1f', 'n: 1234567890123456', 'title: a\n  continued', 'title:\ttab', '# comment\ntitle: a', 'true: x', '__proto__: x', 'title: a:', 'title:  two spaces', 'k: ~x', 'tags:\n- \n', 'tags:\n-\n', 'title: a \n'])(
    'leaves %j to the parser, or reads it as the parser does',
    (text) => {
      if (readPlainYaml(text)) expect(agrees(text)).toBe(true)
    }
  )

  it('leaves nesting deeper than sixteen levels to the parser, so a hostile file cannot exhaust the stack', () => {
    const deep = Array.from({ length: 18 }, (_, depth) => `${' '.repeat(depth)}k:`).join('\n') + ' v\n'
    expect(readPlainYaml(deep)).toBeUndefined()
    const shallow = Array.from({ length: 10 }, (_, depth) => `${' '.repeat(depth)}k:`).join('\n') + ' v\n'
    expect(agrees(shallow)).toBe(true)
  })

  it('agrees with the parser on any frontmatter it reads', () => {
    const key = fc.constantFrom('title', 'date', 'tags', 'seed', 'k', 'a_b', 'x-y', 'true', 'null', '__proto__', 'Title')
    const scalarText = fc.constantFrom('word', 'Word', 'two words', 'é', 'ü ö', '“q”', 'a:b', 'a: b', 'a #b', 'a#b', '#a', '-a', '- a', '?a', ':a', 'a:', '12', '007', '1.5', '1e3', '0x1f', '.5', '+1', '-1', '2024-05-01', '2024-05-01T09:30:00Z', '2024-05-01 09:30', 'true', 'True', 'tRUE', 'false', 'null', 'NULL', '~', 'yes', 'no', 'on', '[]', '[a]', '{}', '&a', '*a', '!t x', '|', '>', '%x', '@x', '`x', '"q"', "'q'", '"a\\"b"', '"a\\\\b"', "'it''s'", '"unclosed', "'a'b", 'a\u00a0', '\u00a0a', 'a\\b', ' a', 'a ', '')
    const entry = fc.tuple(key, fc.constantFrom(0, 2, 4), fc.constantFrom('scalar', 'empty', 'item'), scalarText).map(([name, indent, kind, value]) => {
      const pad = ' '.repeat(indent)
      if (kind === 'item') return `${pad}- ${value}`
      if (kind === 'empty') return `${pad}${name}:`
      return `${pad}${name}: ${value}`
    })
    const lines = fc.array(fc.oneof({ arbitrary: entry, weight: 10 }, { arbitrary: fc.constantFrom('', '  ', '# c', '\t'), weight: 1 }), { maxLength: 12 }).map((each) => each.join('\n') + '\n')
    // Frontmatter shaped as people and ingest write it, with any of the scalars above: most of it is read without the parser.
    const usual = fc.constantFrom('word', 'Two words', 'é ü', '“q”', 'a:b', 'C#', 'a, b', '12', '2024-05-01', '2024-05-01T09:30:00Z', 'seeds/0a1b.txt', '9aae477ffd', 'true', 'null', '"q: x"', "'q'", '""')
    const value = fc.oneof({ arbitrary: usual, weight: 12 }, { arbitrary: scalarText, weight: 1 })
    const shaped = fc
      .tuple(value, value, fc.array(value, { maxLength: 3 }), fc.constantFrom(0, 2), value, value, fc.boolean())
      .map(([title, date, tags, tagIndent, file, repeated, nested]) => {
        const list = tags.length === 0 ? ' []' : tags.map((tag) => `\n${' '.repeat(tagIndent)}- ${tag}`).join('')
        const seed = nested ? `seed:\n  file: ${file}\n  removed:\n    repeated: ${repeated}\n    boilerplate: []\n` : ''
        return `title: ${title}\ndate: ${date}\ntags:${list}\n${seed}`
      })
    const doc = fc.oneof(lines, shaped)
    let read = 0
    fc.assert(
      fc.property(doc, (text) => {
        if (agrees(text)) read++
      }),
      { numRuns: 3000 }
    )
    // Many of the frontmatters compared must have been read without the parser.
    expect(read).toBeGreaterThan(1000)
  })
})
