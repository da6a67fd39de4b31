import { decodeHTMLStrict } from 'entities'
import { isBlank, type RawParagraph } from './paragraphs.js'

/**
 * Tags of the markup a scrape leaves in text that was meant to be plain: paragraphs, breaks, and
 * inline formatting. Only these are taken out, and only whole (`<b>`, `</span>`, `<a href="…">`):
 * "a < b" and "x<y>z" are text.
 */
const residueTag = /<\/?(?:p|br|div|span|b|i|em|strong|u|small|sup|sub|a|font|mark|cite|q|abbr|time)(?:\s[^<>]*)?\/?>/gi

/**
 * Where a paragraph of markup breaks in two: a closed and opened paragraph, two breaks, or a
 * heading's tags (`<h1>`…`</h6>`), which stand around a paragraph of its own.
 */
const paragraphBreak = /<\/p\s*>\s*<p(?:\s[^<>]*)?>|(?:<br\s*\/?>\s*){2,}|<\/?h[1-6](?:\s[^<>]*)?>/gi

/**
 * A WordPress shortcode a scrape of an auto-posting blog keeps: one with an underscore or a digit
 * in its name (`[ad_1]`, `[related_posts]`, `[/vc_column_text]`), one of WordPress's own
 * (`[caption …]`, `[embed]`, `[gallery]`), or any with attributes (`[su_note id="3"]`) or closing.
 * What it wraps stays (a caption's text, an embed's address). "[sic]", "[1]" and "[Updated]" are text.
 */
const shortcode = /\[\/?(?:[a-z][a-z\d]*(?:_[a-z\d]+)+|[a-z]+\d+|caption|embed|gallery|video|audio|playlist)(?:\s[^[\]]{0,300})?\]|\[[a-z][a-z\d_-]*\s+[a-z_-]+="[^"[\]]{0,200}"[^[\]]{0,300}\]|\[\/[a-z][a-z\d_-]{0,40}\]/g

/** A character reference, named or numbered, ended by its semicolon. */
const characterReference = /&(?:#\d{1,7}|#x[\da-f]{1,6}|[a-z][a-z\d]{1,31});/gi

/** Paragraphs with the markup a scrape left in them taken out, and how many tags and references that was. */
export interface CleanedParagraphs {
  readonly paragraphs: RawParagraph[]
  readonly tags: number
  readonly references: number
  /** WordPress shortcodes taken out (see `shortcode`). */
  readonly shortcodes: number
  /** The lines of the paragraphs that held markup alone ("[ad_1]", "<br>"), which went whole. */
  readonly emptied: readonly number[]
}

/**
 * Take HTML out of a raw seed's paragraphs: character references decoded (`&amp;`, `&nbsp;`,
 * `&#8217;`), the tags of paragraphs, headings, breaks and inline formatting removed, and a
 * paragraph that markup breaks in two (`</p><p>`, `<br><br>`, a heading) split there. A
 * reference is decoded only when it names a character and ends with its semicolon ("AT&T" and
 * "a=1&copy=2" stay as written). WordPress's shortcodes go too, and what they wrap stays.
 * Paragraphs keep their place in the file; ones split keep the place of the paragraph.
 */
export function removeMarkupResidue(paragraphs: readonly RawParagraph[]): CleanedParagraphs {
  let tags = 0
  let references = 0
  let shortcodes = 0
  const cleaned: RawParagraph[] = []
  const emptied: number[] = []
  for (const paragraph of paragraphs) {
    if (!paragraph.text.includes('<') && !paragraph.text.includes('&') && !paragraph.text.includes('[')) {
      cleaned.push(paragraph)
      continue
    }
    // A paragraph's text holds no line break (its white space is collapsed): one marks the splits.
    const marked = paragraph.text.replace(paragraphBreak, (found) => {
      tags += found.match(/</g)!.length
      return '\n'
    })
    const kept = cleaned.length
    for (const part of marked.split('\n')) {
      // A block or a break stands between words; formatting sits inside them ("<b>Monday</b>.").
      let text = part.replace(residueTag, (tag) => {
        tags++
        return /^<\/?(?:p|br|div)\b/i.test(tag) ? ' ' : ''
      })
      // A shortcode stands around words, as formatting does ("[su_highlight]Monday[/su_highlight].").
      text = text.replace(shortcode, () => {
        shortcodes++
        return ''
      })
      text = text.replace(characterReference, (reference) => {
        const character = decodeHTMLStrict(reference)
        if (character === reference) return reference
        references++
        return character
      })
      text = text.replace(/\s+/g, ' ').trim()
      if (!isBlank(text)) cleaned.push({ ...paragraph, text })
    }
    if (cleaned.length === kept) emptied.push(paragraph.line)
  }
  return { paragraphs: cleaned, tags, references, shortcodes, emptied }
}
