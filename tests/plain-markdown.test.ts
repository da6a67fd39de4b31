import fc from 'fast-check'
import type { Root } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { parseMarkdownFast } from '../src/text/plain-markdown.js'

const remark = unified().use(remarkParse).use(remarkGfm)

function counting(): { parse: (text: string) => Root; calls: string[] } {
  const calls: string[] = []
  return { calls, parse: (text) => (calls.push(text), remark.parse(text)) }
}

describe('parseMarkdownFast', () => {
  it('builds plain paragraphs without the parser, with the positions the parser gives', () => {
    const doc = '\n\n\nFirst line of a paragraph, with “quotes” and 3.4% figures.\nIts second line.\n\n\nAnother paragraph (with parentheses) - and a dash.\n'
    const { parse, calls } = counting()
    expect(parseMarkdownFast(doc, parse)).toEqual(remark.parse(doc))
    expect(calls).toEqual([])
  })

  it('builds a paragraph whose last line ends in spaces without the parser; spaces inside it go to the parser', () => {
    const doc = 'One long scraped line.   \n\nTwo lines,\nthe second ending in a space. \n\nA line break  \ninside.\n'
    const { parse, calls } = counting()
    expect(parseMarkdownFast(doc, parse)).toEqual(remark.parse(doc))
    expect(calls).toEqual(['A line break  \ninside.'])
  })

  it('parses only the blocks that hold syntax', () => {
    const doc = 'Plain paragraph one.\n\nA [link](https://example.org) and *emphasis*.\n\nPlain paragraph three.\n'
    const { parse, calls } = counting()
    expect(parseMarkdownFast(doc, parse)).toEqual(remark.parse(doc))
    expect(calls).toEqual(['A [link](https://example.org) and *emphasis*.'])
  })

  it('leaves a table whose delimiter row starts with a colon to the parser', () => {
    const doc = 'A table\n:-'
    const { parse, calls } = counting()
    expect(parseMarkdownFast(doc, parse)).toEqual(remark.parse(doc))
    expect(calls).toEqual([doc])
  })

  it.each(['- item\n\n- loose item', '```\ncode\n\nmore\n```', '> quote\n\n> more', '[x]: https://example.org\n\n[x]', 'Text[^1]\n\n[^1]: note', '    code\n\n    code', '<div>\n\nhtml\n</div>'])(
    'parses %j whole, since its blocks reach across blank lines',
    (doc) => {
      const { parse, calls } = counting()
      expect(parseMarkdownFast(doc, parse)).toEqual(remark.parse(doc))
      expect(calls).toEqual([doc])
    }
  )

  it('agrees with the parser on any document', () => {
    const piece = fc.constantFrom('word', 'Word', 'word', ' ', '\n', '.', 'word', ' ', '  ', '\n', '\n\n', '\n  \n', '.', ',', '-', '+', '=', '1.', '2)', '12', '*', '_', '#', '# ', '>', '<', '<b>', '[', ']', '(', ')', '](x)', '[^1]', '[^1]: ', '!', '&', '&amp;', '|', '~', '~~', '```', '@', ':', 'http://a.b', 'www.x.org', '“', '”', '’', '\u00a0', '\t', 'é', '\u0301', '%', '"', "'", '\\', '`')
    let fast = 0
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 50 }).map((pieces) => pieces.join('')), (doc) => {
        const { parse, calls } = counting()
        expect(parseMarkdownFast(doc, parse)).toEqual(remark.parse(doc))
        if (!calls.includes(doc)) fast++
      }),
      { numRuns: 2000 }
    )
    // The comparison must have covered many documents that took the block-by-block path.
    expect(fast).toBeGreaterThan(400)
  })
})
