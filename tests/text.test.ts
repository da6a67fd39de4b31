import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stripBoilerplate } from '../src/text/boilerplate.js'
import { defaultBoilerplate } from '../src/config.js'
import { splitParagraphs } from '../src/text/paragraphs.js'
import { deriveTitle, firstSentence, isHeadline } from '../src/text/title.js'
import { excerpt } from '../src/text/excerpt.js'
import { slugify } from '../src/text/slug.js'
import { readAttributeLine, splitHeadingId } from '../src/text/heading-id.js'

describe('deriveTitle', () => {
  it.each([
    ['a short first sentence, without its full stop', 'Markets rallied on Friday. Traders said the mood was calm.', 'Markets rallied on Friday'],
    ['abbreviations do not end the sentence', 'The U.S. Senate passed the bill on Oct. 1 after a long debate. More follows.', 'The U.S. Senate passed the bill on Oct. 1 after a long debate'],
    ['a long lede cut at a word boundary, never on "the" or "amid"', 'Japan and the US have agreed to further enhance the deterrence and response capabilities of the bilateral alliance, amid security challenges posed by China and North Korea.', 'Japan and the US have agreed to further enhance the deterrence and response capabilities'],
    ['a long lede cut at its main clause', 'Officials from twelve countries met in Geneva on Tuesday to discuss the future of shipping, while protesters gathered outside the building demanding stricter limits on emissions.', 'Officials from twelve countries met in Geneva on Tuesday to discuss the future of shipping'],
    ['a question keeps its mark', 'Is the recession over? Economists disagree.', 'Is the recession over?']
  ])('%s', (_name, lede, title) => {
    expect(deriveTitle(lede)).toBe(title)
  })

  it('never ends mid-word, on a comma or on a dangling little word', () => {
    const lede = 'Residents of the coastal town, which has been battered by storms for weeks, were told on Sunday to leave their homes amid fears that the sea wall could give way within days.'
    const title = deriveTitle(lede)
    expect(title.length).toBeLessThanOrEqual(100)
    expect(lede.startsWith(title)).toBe(true)
    expect(lede[title.length]).toMatch(/[\s,.]/)
    expect(title).not.toMatch(/[,;:]$|\s(?:amid|the|a|of|and|to)$/i)
  })
})

describe('firstSentence and isHeadline', () => {
  it('reads "Mr." and initials as part of the sentence', () => {
    expect(firstSentence('Mr. Smith met J. K. Rowling in London. Then he left.')).toBe('Mr. Smith met J. K. Rowling in London.')
  })
  it.each([
    ['Storm batters coast as thousands flee', true],
    ['The storm battered the coast.', false],
    ['Breaking', false],
    ['A'.repeat(200), false]
  ])('isHeadline(%j) is %s', (line, expected) => {
    expect(isHeadline(line)).toBe(expected)
  })
})

describe('splitParagraphs', () => {
  it('reads one paragraph per line when lines end sentences', () => {
    expect(splitParagraphs('First line here.\nSecond line here.\r\nThird.').map((p) => [p.text, p.line])).toEqual([
      ['First line here.', 1],
      ['Second line here.', 2],
      ['Third.', 3]
    ])
  })
  it('joins hard-wrapped blocks separated by blank lines', () => {
    const text = 'The committee met on Monday to discuss\nthe budget for the coming year and the\nplans for new housing.\n\nA second paragraph follows here with\nmore words in it.\n'
    expect(splitParagraphs(text).map((p) => [p.text, p.line])).toEqual([
      ['The committee met on Monday to discuss the budget for the coming year and the plans for new housing.', 1],
      ['A second paragraph follows here with more words in it.', 5]
    ])
  })
  it('joins a line wrapped mid-sentence in text of a paragraph per line, and no headline or line of its own', () => {
    const text = 'Council backs new library\nThe council voted on Monday to build a new library in the old post office, a\nproject discussed for a decade.\nSupporters said it would help the town centre.\n20 people signed up on the first day.\nApple said\niPhone sales rose.\nOpponents said the cost was too high.\n'
    expect(splitParagraphs(text).map((p) => [p.text, p.line])).toEqual([
      ['Council backs new library', 1],
      ['The council voted on Monday to build a new library in the old post office, a project discussed for a decade.', 2],
      ['Supporters said it would help the town centre.', 4],
      ['20 people signed up on the first day.', 5],
      ['Apple said', 6],
      ['iPhone sales rose.', 7],
      ['Opponents said the cost was too high.', 8]
    ])
  })
  it('strips a BOM and keeps columns of indented lines', () => {
    expect(splitParagraphs('\uFEFF  Indented line.\n')).toEqual([{ text: 'Indented line.', line: 1, column: 3 }])
  })
  it('returns nothing for blank text', () => {
    expect(splitParagraphs(' \n\t\n')).toEqual([])
  })
})

describe('stripBoilerplate', () => {
  const p = (...texts: string[]) => texts.map((text) => ({ text }))
  it.each([
    ['a trailer on its own line', p('Body text.', 'Source link'), p('Body text.'), ['Source link']],
    ['a trailer glued to the last paragraph', p('Body text in the regionSource link'), p('Body text in the region'), ['Source link']],
    ['a trailer after a full stop', p('Body text. Read more'), p('Body text.'), ['Read more']],
    ['a trailer in another case, alone', p('Body.', 'ADVERTISEMENT', 'More body.', 'share this article:'), p('Body.', 'More body.'), ['ADVERTISEMENT', 'share this article:']]
  ])('removes %s', (_name, input, output, removed) => {
    expect(stripBoilerplate(input, defaultBoilerplate)).toEqual({ paragraphs: output, removed })
  })
  it('keeps the same words inside a sentence', () => {
    const input = p('If you want to read more, visit the library.', 'Readers can read more about the case in our archive')
    expect(stripBoilerplate(input, defaultBoilerplate)).toEqual({ paragraphs: input, removed: [] })
  })
  it('removes lines of a scrape\'s known shapes wherever they stand, and what ends a story only at its end', () => {
    const input = p('GENOA (AP) — A storm closed ports on Tuesday.', 'Photo: AP', 'Winds reached 120 km/h.', 'Related: Floods hit northern Italy', 'Sign up for our daily newsletter', 'The region declared an emergency.', 'This article originally appeared on Coast News.', 'Copyright 2026 The Associated Press. All rights reserved.')
    expect(stripBoilerplate(input, defaultBoilerplate)).toEqual({
      paragraphs: p('GENOA (AP) — A storm closed ports on Tuesday.', 'Winds reached 120 km/h.', 'The region declared an emergency.'),
      removed: ['Photo: AP', 'Related: Floods hit northern Italy', 'Sign up for our daily newsletter', 'Copyright 2026 The Associated Press. All rights reserved.', 'This article originally appeared on Coast News.']
    })
  })
  it('removes AP\'s copyright line with its notice on redistribution, or the notice alone, at the end', () => {
    const notice = 'This material may not be published, broadcast, rewritten or redistributed.'
    const input = p('GENOA (AP) — A storm closed ports on Tuesday.', 'Winds reached 120 km/h.', `Copyright 2026 The Associated Press. All rights reserved. ${notice.slice(0, -1)} without permission.`)
    expect(stripBoilerplate(input, defaultBoilerplate)).toEqual({ paragraphs: input.slice(0, 2), removed: [input[2]!.text] })
    expect(stripBoilerplate(p('GENOA (AP) — A storm closed ports on Tuesday.', notice), defaultBoilerplate).removed).toEqual([notice])
  })
  it('keeps news that only begins like those lines', () => {
    const input = p('Copyright law changes were approved on Monday.', 'Photographers said the new rules were too strict for them.', 'Related charges were dropped, the court said.', 'This story was first published in the Times and caused an uproar across the country.')
    expect(stripBoilerplate(input, defaultBoilerplate)).toEqual({ paragraphs: input, removed: [] })
  })
  it('takes time that grows with a paragraph, not its square: 30,000 trailers glued to it, and a run of 100,000 dots inside it', () => {
    // Each glued trailer was searched for from the paragraph's start (40 s for 20,000), and the
    // dots at its end were looked for from each dot of the run (35 s for 80,000).
    const glued = stripBoilerplate(p(`Text${'Source link'.repeat(30_000)}`), defaultBoilerplate)
    expect(glued.paragraphs).toEqual(p('Text'))
    expect(glued.removed).toHaveLength(30_000)
    const dots = p(`Text ${'.'.repeat(100_000)} end`, `Related Articles ${'.'.repeat(100_000)} end`)
    expect(stripBoilerplate(dots, defaultBoilerplate)).toEqual({ paragraphs: dots, removed: [] })
  })
})

describe('slugify', () => {
  it.each([
    ['Hello, World!', 'hello-world'],
    ['Café au lait', 'cafe-au-lait'],
    ['../../etc/passwd', 'etc-passwd'],
    ['CON', 'con-1'],
    ['東京の天気', '東京の天気'],
    ['', '']
  ])('slugify(%j) is %j', (input, output) => {
    expect(slugify(input)).toBe(output)
  })
  it('stays within 64 bytes and never ends on a little word', () => {
    const slug = slugify('Japan and the US have agreed to further enhance the deterrence and response capabilities of the bilateral alliance')
    expect(Buffer.byteLength(slug)).toBeLessThanOrEqual(64)
    expect(slug).toBe('japan-and-the-us-have-agreed-to-further-enhance-the-deterrence')
  })
})

describe('excerpt', () => {
  it('keeps text that fits, on one line', () => {
    expect(excerpt('  A short\n  lede. ', 40)).toBe('A short lede.')
  })

  it('cuts long text at the last word that fits, without trailing punctuation', () => {
    expect(excerpt('The harbour reopened on Monday, after a storm that closed it for a week.', 40)).toBe('The harbour reopened on Monday, after a…')
    expect(excerpt('Markets rallied, then fell; traders said the mood was calm.', 16)).toBe('Markets rallied…')
  })

  it('cuts a text without spaces mid-word, never inside a character', () => {
    expect(excerpt('x'.repeat(50), 10)).toBe(`${'x'.repeat(10)}…`)
    expect(excerpt(`${'a'.repeat(9)}😀😀`, 10)).toBe(`${'a'.repeat(9)}…`)
  })

  it('gives at most max characters and an ellipsis, from the start of the text, with no half character', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\n', ',', '.', '😀', '東', '–'), maxLength: 80 })
    fc.assert(fc.property(text, fc.integer({ min: 2, max: 60 }), (value, max) => {
      const result = excerpt(value, max)
      const clean = value.replace(/\s+/g, ' ').trim()
      expect(result.length).toBeLessThanOrEqual(max + 1)
      expect(result.isWellFormed()).toBe(true)
      if (clean.length <= max) expect(result).toBe(clean)
      else {
        expect(result.endsWith('…')).toBe(true)
        expect(clean.startsWith(result.slice(0, -1))).toBe(true)
      }
    }), { numRuns: 3000 })
  })
})

describe('splitHeadingId', () => {
  it('takes the id written after a heading', () => {
    expect(splitHeadingId('Timeline of events {#timeline} ')).toEqual({ text: 'Timeline of events', id: 'timeline' })
    expect(splitHeadingId('Timeline {#a b}')).toBeUndefined()
    expect(splitHeadingId('Timeline {#a}}')).toBeUndefined()
  })

  it('takes time that grows with a heading, not its square (200,000 spaces before "{#a}x}")', () => {
    // The expression tried the run of spaces from each of them: 10 s for 80,000.
    expect(splitHeadingId(`a${' '.repeat(200_000)}{#a}x}`)).toBeUndefined()
    expect(splitHeadingId(`a${' '.repeat(200_000)}{#a}`)).toEqual({ text: 'a', id: 'a' })
  })

  it('takes the id of a list of attributes, as Hugo, Pandoc and kramdown write them, and drops the rest', () => {
    expect(splitHeadingId('Timeline {#timeline .wide data-x="1 2" y=z}')).toEqual({ text: 'Timeline', id: 'timeline' })
    expect(splitHeadingId('Timeline {.wide #later}')).toEqual({ text: 'Timeline', id: 'later' })
    expect(splitHeadingId('Timeline {: #timeline}')).toEqual({ text: 'Timeline', id: 'timeline' })
    expect(splitHeadingId('Timeline {.wide}')).toEqual({ text: 'Timeline' })
    for (const text of ['Sets {a, b}', 'Timeline {}', 'Timeline {.}', 'Timeline {#a .b c}', 'Timeline {x="1}', 'Money {$5}']) expect(splitHeadingId(text)).toBeUndefined()
  })

  it('reads a list of 100,000 attributes, or a run of them that is not one, in time that grows with it', () => {
    expect(splitHeadingId(`Timeline {#a${' .b'.repeat(100_000)}}`)).toEqual({ text: 'Timeline', id: 'a' })
    expect(splitHeadingId(`Timeline {#a${' .b'.repeat(100_000)} !}`)).toBeUndefined()
    expect(readAttributeLine(`{:${' k=v'.repeat(100_000)}}`)).toEqual({ toc: false })
  })
})

describe('readAttributeLine', () => {
  it('reads kramdown\'s attribute list on a line of its own, and its table of contents', () => {
    expect(readAttributeLine('{: #timeline .wide}')).toEqual({ id: 'timeline', toc: false })
    expect(readAttributeLine(' {: .notice} ')).toEqual({ toc: false })
    expect(readAttributeLine('{:toc}')).toEqual({ toc: true })
    for (const line of ['{: this is prose}', '{#timeline}', 'Note {: .x}', '{:}', ':{ .x}']) expect(readAttributeLine(line)).toBeUndefined()
  })
})
