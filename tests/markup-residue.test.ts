import { describe, expect, it } from 'vitest'
import { removeMarkupResidue } from '../src/text/markup-residue.js'

const at = (text: string, line = 3) => ({ text, line, column: 1 })

describe('removeMarkupResidue', () => {
  it('decodes character references that end with their semicolon, and counts them', () => {
    const { paragraphs, references, tags } = removeMarkupResidue([at('Rates rise &amp; markets fall&nbsp;&mdash; by 2&#37;, or &#x2153;')])
    expect(paragraphs).toEqual([at('Rates rise & markets fall — by 2%, or ⅓')])
    expect([references, tags]).toEqual([5, 0])
  })

  it('leaves what only looks like markup as it is written', () => {
    const text = 'AT&T bought R&D labs; see a=1&copy=2, &bogus; and &amp without its end, if a < b and x<y>z.'
    expect(removeMarkupResidue([at(text)])).toEqual({ paragraphs: [at(text)], tags: 0, references: 0 })
  })

  it('takes out tags of paragraphs, breaks and formatting, and splits a paragraph where markup breaks it', () => {
    const { paragraphs, tags } = removeMarkupResidue([
      at('<p>The <b>council</b> met on <a href="https://example.com/x">Monday</a>.<br></p>', 1),
      at('First part.<br><br>Second part.</p><p class="x">Third part.', 5),
    ])
    expect(paragraphs).toEqual([at('The council met on Monday.', 1), at('First part.', 5), at('Second part.', 5), at('Third part.', 5)])
    expect(tags).toBe(11)
  })

  it('keeps a paragraph with neither tags nor references the very same', () => {
    const paragraph = at('Plain text, nothing to take out.')
    expect(removeMarkupResidue([paragraph]).paragraphs[0]).toBe(paragraph)
  })
})
