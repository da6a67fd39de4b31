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

  it('takes a block the parser gives half a million nodes for (200,000 headings gave "nests too deeply")', () => {
    const heading = { type: 'heading', depth: 1, children: [{ type: 'text', value: 'h' }] } as const
    // The parser's answer for the block, as large as a hostile file makes it: spread as arguments, it overflowed the stack.
    const parse = (): Root => ({ type: 'root', children: Array.from({ length: 500_000 }, () => ({ ...heading, children: [...heading.children] })) })
    const tree = parseMarkdownFast('# h\n# h\n', parse)
    expect(tree.children).toHaveLength(500_000)
    expect(tree.children[499_999]).toMatchObject({ type: 'heading', depth: 1 })
  })

  it('builds paragraphs whose "&", "!", "#", ">" and "|" are text without the parser', () => {
    const doc = 'A Q&A with AT&T on the #1 seed, up 5 > 4!\nThe vote | results follow.\n\nWins! [Read more](https://example.org/a) & more.\n'
    const { parse, calls } = counting()
    expect(parseMarkdownFast(doc, parse)).toEqual(remark.parse(doc))
    expect(calls).toEqual([])
  })

  it.each(['Fish &amp; chips.', 'Fish &#38; chips.', 'A photo![alt](https://a.org/i.png) here.', 'A heading\n# follows', 'Port | Tonnes\n|---|---|', 'A <b>bold</b> > claim.'])('leaves %j to the parser', (doc) => {
    const { parse, calls } = counting()
    expect(parseMarkdownFast(doc, parse)).toEqual(remark.parse(doc))
    expect(calls).toEqual([doc])
  })

  it('parses only the blocks that hold syntax', () => {
    const doc = 'Plain paragraph one.\n\nA [link](https://example.org) and *emphasis*.\n\nPlain paragraph three.\n'
    const { parse, calls } = counting()
    expect(parseMarkdownFast(doc, parse)).toEqual(remark.parse(doc))
    expect(calls).toEqual(['A [link](https://example.org) and *emphasis*.'])
  })

  it('builds paragraphs whose only syntax is simple links without the parser', () => {
    const doc = 'Officials said 3,235 jobs were kept.\nRead the [full report](https://example.org/reports/a-b_c-9?x=1#top) for details.\n\nSee [one](http://a.org) and [two “quoted”](https://b.org/x).  \n\n[Opening link](https://c.org) paragraph.\n'
    const { parse, calls } = counting()
    expect(parseMarkdownFast(doc, parse)).toEqual(remark.parse(doc))
    // The last paragraph opens with a link: a line that starts with "[" may be a definition, and the document goes to the parser whole.
    expect(calls).toEqual([doc])
    const linksOnly = doc.slice(0, doc.indexOf('\n\n[Opening'))
    const second = counting()
    expect(parseMarkdownFast(linksOnly, second.parse)).toEqual(remark.parse(linksOnly))
    expect(second.calls).toEqual([])
  })

  it.each(['An ![image](https://a.org/i.png) here.', 'A [link](<https://a.org>) here.', 'A [link](https://a.org "title") here.', 'A [ spaced ](https://a.org) label.', 'A [*bold*](https://a.org) label.', 'A [link](https://a.org/a&amp;b) here.', 'A [link](https://a.org/(x)) here.', 'A call[^1] here.', 'A [link](https://a.org)   '])('leaves %j to the parser', (doc) => {
    const { parse, calls } = counting()
    expect(parseMarkdownFast(doc, parse)).toEqual(remark.parse(doc))
    expect(calls).toEqual([doc])
  })

  it('agrees with the parser on prose with links', () => {
    const prose = fc.constantFrom('word', 'Word', ' ', ' ', ' ', '  ', '\n', '\n\n', '.', ',', '“', '”', '’', '(', ')', 'é', '-', ':')
    const label = fc.array(fc.constantFrom('full', 'Report', ' ', '“', '”', '’', '(', ')', 'é', '.', '-'), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''))
    const url = fc.constantFrom('https://a.org/b_c?d=1#e', 'x', 'http://a.org/', '/local-path', 'https://a.org/%20x')
    const link = fc.tuple(label, url).map(([text, address]) => `[${text}](${address})`)
    const noise = fc.constantFrom('[', ']', '[word]', '](x)', '](<x>)', '](x "t")', '[^1]', '!', '&', '&amp;', '&#', '#', '|', '>', '_', '*', 'www.a.org', 'a@b.org', '\\', '`', '\t', '1.', '   ')
    const piece = fc.oneof({ arbitrary: prose, weight: 12 }, { arbitrary: link, weight: 3 }, { arbitrary: noise, weight: 1 })
    let links = 0
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join('')), (doc) => {
        const { parse, calls } = counting()
        const tree = parseMarkdownFast(doc, parse)
        expect(tree).toEqual(remark.parse(doc))
        if (!calls.some((text) => text.includes('](')) && JSON.stringify(tree).includes('"type":"link"')) links++
      }),
      { numRuns: 2000 }
    )
    // Many of the documents compared must have had their links built without the parser.
    expect(links).toBeGreaterThan(100)
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
    const piece = fc.constantFrom('word', 'Word', 'word', ' ', '\n', '.', 'word', ' ', '  ', '\n', '\n\n', '\n  \n', '.', ',', '-', '+', '=', '1.', '2)', '12', '*', '_', '#', '# ', '>', '<', '<b>', '[', ']', '(', ')', '](x)', '[^1]', '[^1]: ', '!', '&', '&amp;', '|', '~', '~~', '```', '@', ':', '&#', '&#1;', '&x;', 'Q&A', '![', '|-', '|---|', 'a|b', '#x', 'http://a.b', 'www.x.org', '“', '”', '’', '\u00a0', '\t', 'é', '\u0301', '%', '"', "'", '\\', '`')
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
