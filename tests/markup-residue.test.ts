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
    const text = 'AT&T bought R&D labs; see a=1&copy=2, &bogus; and &amp without its end, if a < b and x<y>z, [sic] [1] [Updated] [a] [x=1].'
    expect(removeMarkupResidue([at(text)])).toEqual({ paragraphs: [at(text)], tags: 0, references: 0, shortcodes: 0, emptied: [] })
  })

  it('takes out tags of paragraphs, breaks and formatting, and splits a paragraph where markup breaks it', () => {
    const { paragraphs, tags } = removeMarkupResidue([
      at('<p>The <b>council</b> met on <a href="https://example.com/x">Monday</a>.<br></p>', 1),
      at('First part.<br><br>Second part.</p><p class="x">Third part.', 5),
    ])
    expect(paragraphs).toEqual([at('The council met on Monday.', 1), at('First part.', 5), at('Second part.', 5), at('Third part.', 5)])
    expect(tags).toBe(11)
  })

  it('takes out WordPress shortcodes and keeps what they wrap, and a paragraph of shortcodes alone', () => {
    const { paragraphs, shortcodes } = removeMarkupResidue([
      at('[ad_1]', 2),
      at('[caption id="attachment_123" align="aligncenter" width="800"]The Old Harbour bridge on Monday.[/caption]', 3),
      at('[embed]https://www.youtube.com/watch?v=abc123[/embed]', 4),
      at('The council met [su_highlight background="#ff0"]on Monday[/su_highlight].', 5),
      at('[/vc_column_text][/vc_column][/vc_row]', 6),
      at('[ad_2]', 7),
    ])
    expect(paragraphs).toEqual([at('The Old Harbour bridge on Monday.', 3), at('https://www.youtube.com/watch?v=abc123', 4), at('The council met on Monday.', 5)])
    expect(shortcodes).toBe(11)
    expect(removeMarkupResidue([at('[ad_1]', 2), at('Text.', 3), at('<br>', 4)]).emptied).toEqual([2, 4])
  })

  it('reads a line of 100,000 brackets and shortcode-like text in well under 100 ms', () => {
    for (const text of ['['.repeat(100_000), `[caption ${'a="b" '.repeat(20_000)}`, `[a_b ${'x'.repeat(100_000)}`, `${'[/a]'.repeat(20_000)}`]) {
      const start = performance.now()
      removeMarkupResidue([at(text)])
      expect(performance.now() - start).toBeLessThan(100)
    }
  })

  it('keeps a paragraph with neither tags nor references the very same', () => {
    const paragraph = at('Plain text, nothing to take out.')
    expect(removeMarkupResidue([paragraph]).paragraphs[0]).toBe(paragraph)
  })
})
