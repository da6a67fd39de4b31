import type { Heading, Root } from 'mdast'
import { describe, expect, it } from 'vitest'
import { resolveConfig, type ResolvedConfig } from '../src/config.js'
import { formatMessage } from '../src/diagnostics.js'
import { frontmatterKeys } from '../src/frontmatter.js'
import { deepestNode, maxTreeDepth, normalizeTags, parseArticle, tagKey } from '../src/parse.js'

const config = (resolveConfig({}) as { config: ResolvedConfig }).config

function parse(text: string | Uint8Array, path = 'content/a.md') {
  const result = parseArticle({ path, kind: 'markdown', bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text }, config)
  return { ...result, printed: result.file.messages.map(formatMessage) }
}

describe('parseArticle', () => {
  it('takes a title from a first heading without the id written after it, and does not show that heading twice', () => {
    const { article } = parse('---\ndate: 2024-01-01\n---\n\n# Storm closes the port {#top}\n\nThe storm closed the port.\n')
    expect(article?.title).toBe('Storm closes the port')
    expect(article?.tree.children.map((node) => node.type)).toEqual(['paragraph'])
  })

  it('gives body positions that are file-absolute, whatever closes the frontmatter', () => {
    for (const [text, line] of [
      ['---\ntitle: T\ndate: 2024-01-01\n---\n\n# Heading', 6],
      ['---\ntitle: T\ndate: 2024-01-01\n---\n# Heading', 5],
      ['---\ntitle: T\ndate: 2024-01-01\n...\n\n\n# Heading', 7],
      ['---   \ntitle: T\ndate: 2024-01-01\n---  \n\n# Heading', 6],
      ['---\r\ntitle: T\r\ndate: 2024-01-01\r\n---\r\n\r\n# Heading', 6],
      ['\uFEFF---\ntitle: T\ndate: 2024-01-01\n---\n\n# Heading', 6]
    ] as const) {
      const { article, printed } = parse(text)
      expect(printed).toEqual([])
      const heading = article!.tree.children.find((node): node is Heading => node.type === 'heading')
      expect(heading?.position?.start, JSON.stringify(text)).toMatchObject({ line, column: 1 })
    }
  })

  it('keeps a thematic break in the body apart from the frontmatter', () => {
    const { article } = parse('---\ntitle: T\ndate: 2024-01-01\n---\n\nOne.\n\n---\n\nTwo.\n')
    expect(article!.tree.children.map((node) => `${node.type}@${node.position?.start.line}`)).toEqual(['paragraph@6', 'thematicBreak@8', 'paragraph@10'])
  })

  it('accepts a fence labelled yaml and refuses every other label at 1:4', () => {
    expect(parse('---yaml\ntitle: T\ndate: 2024-01-01\n---\n').article?.title).toBe('T')
    expect(parse('---YML\ntitle: T\ndate: 2024-01-01\n---\n').article?.title).toBe('T')
    expect(parse('---ts\nexport default {}\n---\n').printed).toEqual([
      'content/a.md:1:4: error: Frontmatter marked "ts" is not read: Gazette accepts YAML frontmatter only and never runs code. Remove "ts" after the opening "---". [gazette:frontmatter-language]'
    ])
  })

  it('points at an unknown key, and at a key\'s value, in a frontmatter of plain lines as in any other', () => {
    // Plain lines are read without the YAML parser; a comment sends the same frontmatter to it.
    for (const comment of ['', '# a comment\n']) {
      const { printed } = parse(`---\n${comment}title: "A"\ntags:\n  - x\ncolour: blue\ndate: 2024-02-30\n---\nBody\n`)
      const line = comment === '' ? 5 : 6
      expect(printed, comment).toEqual([
        `content/a.md:${line}:1: warning: Unknown frontmatter key "colour" is ignored. Known keys: ${[...frontmatterKeys].join(', ')}. [gazette:frontmatter-unknown-key]`,
        `content/a.md:${line + 1}:7: error: Frontmatter "date" is "2024-02-30", which is not a real ISO 8601 date. Write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ with a day that exists in that month. [gazette:date-invalid]`
      ])
    }
  })

  it('reads an offset of hours alone, or written as UTC, and blames the time, not the day, of a date it cannot read', () => {
    for (const [written, instant] of [
      ['2024-01-05T10:00:00+02', '2024-01-05T08:00:00Z'],
      ['"2024-01-05 10:00:00+02"', '2024-01-05T08:00:00Z'],
      ['2024-01-05 10:00:00 UTC', '2024-01-05T10:00:00Z'],
      ['2024-01-05 10:00:00 GMT', '2024-01-05T10:00:00Z'],
      ['2024-01-05 10:00:00 -0530', '2024-01-05T15:30:00Z'],
      ['2024-01-05T10:00-05', '2024-01-05T15:00:00Z']
    ]) {
      const { article, printed } = parse(`---\ntitle: T\ndate: ${written}\n---\nBody.\n`)
      expect(printed, written).toEqual([])
      expect(article!.date, written).toBe(instant)
    }
    expect(parse('---\ntitle: T\ndate: 2024-01-05 10:00 CET\n---\nBody.\n').printed).toEqual([
      'content/a.md:3:7: error: Frontmatter "date" is "2024-01-05 10:00 CET", whose day is right but whose time "10:00 CET" Gazette cannot read. Write the time as HH:MM or HH:MM:SS, with an offset such as Z, +02:00 or UTC if it has one: "2024-01-05T09:30:00+02:00". [gazette:date-invalid]'
    ])
    expect(parse('---\ntitle: T\ndate: 2024-01-05T10:00:00+02:75\n---\nBody.\n').printed[0]).toMatch(/whose day is right but whose time "10:00:00\+02:75"/)
  })

  it('tells a date YAML read as something else from a missing one', () => {
    expect(parse('---\ntitle: T\ndate: 1767607200\n---\n').printed).toEqual([
      'content/a.md:3:7: error: Frontmatter "date" is 1767607200, which is not a date. Write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, such as "date: 2024-05-01". [gazette:frontmatter-field]'
    ])
    expect(parse('---\ntitle: T\ndate:\n---\n').printed).toEqual([
      'content/a.md:3:6: error: Frontmatter "date" is required: add a line such as "date: 2024-05-01" or "date: 2024-05-01T09:30:00Z". [gazette:frontmatter-field]'
    ])
  })

  it('reports an own "__proto__" key as unknown and drops it', () => {
    const { article, printed } = parse('---\ntitle: T\ndate: 2024-01-01\n__proto__: {draft: true}\n---\nBody.\n')
    expect(article?.draft).toBe(false)
    expect(printed).toEqual([`content/a.md:4:1: warning: Unknown frontmatter key "__proto__" is ignored. Known keys: ${[...frontmatterKeys].join(', ')}. [gazette:frontmatter-unknown-key]`])
    expect(Object.prototype).not.toHaveProperty('draft')
  })

  it('finds duplicate keys in one pass, even among thousands', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `k${i}: v`).join('\n')
    const started = performance.now()
    const { printed } = parse(`---\ntitle: T\ndate: 2024-01-01\n${keys}\nk17: again\n---\n`)
    expect(performance.now() - started).toBeLessThan(20_000)
    expect(printed.filter((line) => line.includes(': error: '))).toEqual(['content/a.md:5004:1: error: Invalid YAML in frontmatter: the key "k17" appears twice (first on line 21). Keep one of them. [gazette:frontmatter-yaml]'])
  })

  it('points decoding errors at the byte, as line and column', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('---\ntitle: é\ndate: 2024-01-01\n---\n\nline\nab'), 0xff, 0xfe, 0x00])
    expect(parse(bytes).printed).toEqual(['content/a.md:7:3: error: Cannot read content/a.md as text: invalid UTF-8 sequence in text that also contains NUL bytes at byte 43. Save it as UTF-8. [gazette:encoding-invalid]'])
  })

  it('lowercases and composes explicit slugs, and refuses unsafe ones with a suggestion', () => {
    expect(parse('---\ntitle: T\ndate: 2024-01-01\nslug: Hello-World\n---\n').article?.slug).toBe('hello-world')
    expect(parse(`---\ntitle: T\ndate: 2024-01-01\nslug: "${'한국'.normalize('NFD')}"\n---\n`).article?.slug).toBe('한국')
    expect(parse('---\ntitle: T\ndate: 2024-01-01\nslug: ../x\n---\n').printed).toEqual([
      'content/a.md:4:7: error: Frontmatter "slug" is "../x", which is not one safe path segment. Use lower-case letters, digits and hyphens, such as "x". [gazette:slug-invalid]'
    ])
  })

  it('refuses inline syntax that would take the parser minutes, at its paragraph', () => {
    const { printed } = parse(`---\ntitle: T\ndate: 2024-01-01\n---\n\nFine.\n\n${'![a'.repeat(3000)}${'](b)'.repeat(3000)}\n`)
    expect(printed).toEqual([
      'content/a.md:8:1: error: The paragraph here holds 3000 pairs of "[" and "]" brackets, more than Gazette parses in reasonable time. Split it into shorter paragraphs, or escape the markers with "\\". [gazette:markdown-too-deep]'
    ])
  })

  it('does not count markers in fenced code, or in many short paragraphs', () => {
    const code = `\`\`\`c\n${'int **p = *q * *r;\n'.repeat(3000)}\`\`\``
    const paragraphs = Array.from({ length: 3000 }, (_, i) => `*Emphasis* and **strong** and [a link](https://example.org/${i}).`).join('\n\n')
    const { article, printed } = parse(`---\ntitle: T\ndate: 2024-01-01\n---\n\n${code}\n\n${paragraphs}\n`)
    expect(printed).toEqual([])
    expect(article?.tree.children).toHaveLength(3001)
  })

  it('refuses a tree deeper than the limit at the node that crosses it', () => {
    const { printed } = parse(`---\ntitle: T\ndate: 2024-01-01\n---\n\n${'<b>'.repeat(300)}x ${'*a '.repeat(10)}`)
    expect(printed).toEqual([])
    const tree: Root = { type: 'root', children: [] }
    let parent: { children: unknown[] } = tree
    for (let depth = 0; depth < maxTreeDepth + 5; depth++) {
      const child = { type: 'blockquote', children: [], position: { start: { line: depth + 1, column: 1, offset: 0 }, end: { line: depth + 1, column: 2, offset: 1 } } }
      parent.children.push(child)
      parent = child
    }
    expect(deepestNode(tree, maxTreeDepth)?.position?.start.line).toBe(maxTreeDepth + 1)
    expect(deepestNode(tree, maxTreeDepth + 10)).toBeUndefined()
  })

  it('takes control characters out of values, says so, and quotes values cut short', () => {
    const { printed } = parse(`---\ntitle: T\ndate: "2024-01-01\\u001b[2J${'x'.repeat(100)}"\n---\nBody.\n`)
    expect(printed).toEqual([
      'content/a.md:3:7: warning: Frontmatter "date" holds control characters, which no reader sees and feeds cannot carry; they were removed. Delete the escapes that make them. [gazette:text-control]',
      `content/a.md:3:7: error: Frontmatter "date" is "2024-01-01[2J${'x'.repeat(47)}…", whose day is right but whose time "[2J${'x'.repeat(57)}…" Gazette cannot read. Write the time as HH:MM or HH:MM:SS, with an offset such as Z, +02:00 or UTC if it has one: "2024-01-01T09:30:00+02:00". [gazette:date-invalid]`
    ])
  })
})

describe('tags', () => {
  it('keeps one form per tag and keys them by case and Unicode form', () => {
    expect(normalizeTags(['Café', 'café', 'Cafe\u0301', ' C++ ', 'C', 'c#', '  ', 'a  b'])).toEqual(['Café', 'C++', 'C', 'c#', 'a b'])
    expect(tagKey('CAFÉ')).toBe(tagKey('cafe\u0301'))
    expect(tagKey('C++')).not.toBe(tagKey('C'))
  })
})

describe('a paragraph of very many inline nodes', () => {
  it('is parsed without overflowing the stack (80,000 hard line breaks: 160,000 nodes in one paragraph)', () => {
    // Whether the body shows anything was looked for with `stack.push(...children)`: "Maximum call
    // stack size exceeded" stopped the build.
    const { article, printed } = parse(`---\ntitle: Breaks\ndate: 2024-01-01\n---\n\n${'a  \n'.repeat(80_000)}`)
    expect(printed).toEqual([])
    expect(article?.tree.children).toHaveLength(1)
  })
})

describe('a line of very many figures', () => {
  it('is checked for nesting in time that grows with its length, not its square (200,000 figures)', () => {
    // A list's number was tried from each figure of the line, to its end: 19 s for 80,000 figures.
    const { article, printed } = parse(`---\ntitle: Figures\ndate: 2024-01-01\n---\n\n${'1'.repeat(200_000)}`)
    expect(printed).toEqual([])
    expect(article?.tree.children).toHaveLength(1)
  })
})

describe('a frontmatter of very many unknown keys', () => {
  it('places a warning at each in time that grows with their number, not its square (100,000 keys)', () => {
    // Each key's line was counted from the frontmatter's start: 16 s for 40,000 keys.
    const keys = Array.from({ length: 100_000 }, (_, i) => `k${i}: v`).join('\n')
    const { printed } = parse(`---\ntitle: Keys\ndate: 2024-01-01\n${keys}\n---\n\nBody.`)
    expect(printed).toHaveLength(100_000)
    expect(printed[99_999]).toMatch(/^content\/a\.md:100003:1: warning: Unknown frontmatter key "k99999" is ignored\./)
  })
})
