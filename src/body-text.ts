import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast'
import { wordCount } from './text/words.js'

/** The text of one block of a rendered body, and whether it is prose that tells the story. */
export interface BodyBlock {
  readonly text: string
  /**
   * False for a code block, a table and the footnotes: what story detection has always left out,
   * so that copies of one story are still found whatever code or figures surround it.
   */
  readonly prose: boolean
}

/**
 * Elements whose start and end separate words: "<li>one</li><li>two</li>" is two words, as a
 * reader sees them, not "onetwo".
 */
const blockTags = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul'
])

/**
 * The text of a sanitized body, a block for each of its top-level blocks (what search indexes and
 * story detection compares), and how many words it has (what the reading time counts). It is the
 * text readers see, raw HTML and tables included, with a `<br>` and the edges of blocks as
 * spaces, and without footnote marks, back links and the footnotes' hidden heading, which are no
 * words of the story. An image's alt text stands in the blocks (what a screen reader reads, and
 * what a caption often says) but is no words to read: a body of one photo has no reading time.
 */
export function bodyText(body: HastRoot): { blocks: BodyBlock[]; words: number } {
  const blocks: BodyBlock[] = []
  const alts: string[] = []
  // Text and inline elements between blocks (raw HTML can leave them at the top) run together as one block.
  let loose: string[] = []
  const flush = () => {
    const text = loose.join('').trim()
    if (text !== '') blocks.push({ text, prose: true })
    loose = []
  }
  for (const node of body.children) {
    if (node.type === 'element' && blockTags.has(node.tagName)) {
      flush()
      const parts: string[] = []
      collectText(node, parts, alts)
      // Trimmed: story detection takes a capital after nothing but white space for a name, not a sentence's start.
      const text = parts.join('').trim()
      if (text !== '') blocks.push({ text, prose: !(node.tagName === 'pre' || node.tagName === 'table' || isFootnotes(node)) })
    } else {
      collectText(node, loose, alts)
    }
  }
  flush()
  // Each alt text stands apart, between spaces: its words are exactly those it added.
  let words = -wordCount(alts.join(' '))
  for (const block of blocks) words += wordCount(block.text)
  return { blocks, words }
}

/**
 * The text of an element as readers see it: as `bodyText` takes it, but without the alt text
 * of images, which shows only when an image fails (a lede of "Storm" from a photo's alt read badly).
 */
export function shownText(node: Element): string {
  const parts: string[] = []
  collectText(node, parts, undefined)
  return parts.join('')
}

/**
 * Where a lede is not looked for: a code block, a table, a quotation, a figure, a collapsed
 * `details` and the footnotes are not how a story opens.
 */
const notLede = new Set(['blockquote', 'details', 'figure', 'pre', 'table'])

/**
 * The text a lede is cut from: that of the first paragraph with any text, whatever comes before
 * it (an article may open with a photo, whose paragraph holds none, or a heading or a list); in
 * a body without one, that of the first item of a list with text; else nothing.
 */
export function ledeText(body: HastRoot): string {
  let item: string | undefined
  const stack: Array<RootContent | ElementContent> = [...body.children].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type !== 'element' || notLede.has(node.tagName) || isFootnotes(node)) continue
    if (node.tagName === 'p' || node.tagName === 'li') {
      const text = shownText(node)
      if (!/\S/.test(text)) continue
      if (node.tagName === 'p') return text
      // An item (a loose list's holds paragraphs) is the lede only in a body with no paragraph outside lists.
      item ??= text
      continue
    }
    for (let at = node.children.length - 1; at >= 0; at--) stack.push(node.children[at]!)
  }
  return item ?? ''
}

/** Adds the text of a node to `parts`, and, when `alts` is given, each image's alt text to both. Recursion is safe: rendering refused trees deeper than `maxElementDepth`. */
function collectText(node: RootContent | ElementContent, parts: string[], alts: string[] | undefined): void {
  if (node.type === 'text') {
    parts.push(node.value)
    return
  }
  if (node.type !== 'element' || isNotText(node)) return
  if (node.tagName === 'br') {
    parts.push(' ')
    return
  }
  if (node.tagName === 'img') {
    if (alts && typeof node.properties.alt === 'string') {
      parts.push(' ', node.properties.alt, ' ')
      alts.push(node.properties.alt)
    }
    return
  }
  const block = blockTags.has(node.tagName)
  if (block) parts.push(' ')
  for (const child of node.children) collectText(child, parts, alts)
  if (block) parts.push(' ')
}

/**
 * A footnote's mark in the text ("met.1"), its link back, or the footnotes' heading, which is
 * there for screen readers alone: none are words of the article.
 */
function isNotText(node: Element): boolean {
  if (node.tagName === 'sup') return node.children.some((child) => child.type === 'element' && child.tagName === 'a' && child.properties.dataFootnoteRef !== undefined)
  if (node.tagName === 'a') return node.properties.dataFootnoteBackref !== undefined
  return Array.isArray(node.properties.className) && node.properties.className.includes('sr-only')
}

/** The section GFM footnotes are rendered into. */
function isFootnotes(node: Element): boolean {
  return node.tagName === 'section' && node.properties.dataFootnotes !== undefined
}
