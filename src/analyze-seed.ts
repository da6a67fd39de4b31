import type { Root as MdastRoot } from 'mdast'
import { toMarkdown } from 'mdast-util-to-markdown'
import { VFile } from 'vfile'
import type { ResolvedConfig } from './config.js'
import { info, warn } from './diagnostics.js'
import { recordMessages } from './messages.js'
import { findAttribution } from './story/attribution.js'
import { entityTags, extractEntities } from './story/entities.js'
import { extractArticleFromHtml } from './story/extract-html.js'
import { stripBoilerplate } from './text/boilerplate.js'
import { removeMarkupResidue } from './text/markup-residue.js'
import { decodeText } from './text/decode.js'
import { findRepeats } from './text/dedupe-paragraphs.js'
import { splitParagraphs, type RawParagraph } from './text/paragraphs.js'
import { deriveTitle, isHeadline } from './text/title.js'
import type { MessageRecord, Source } from './types.js'

/** What a seed says, cleaned: the makings of a content file. */
export interface SeedArticle {
  readonly title: string
  readonly paragraphs: readonly string[]
  /**
   * The paragraphs as a Markdown body that shows each exactly as typed. Made here, on the thread
   * that analyses the seed: on the main thread, where the content file is written, it held up the
   * threads waiting for the ingested articles (0.57 s of 1,277 seeds).
   */
  readonly markdown: string
  readonly tags: readonly string[]
  readonly source?: string
  readonly byline?: string
  readonly sourceUrl?: string
  /** Publication date the page itself gives (saved HTML pages), as written. */
  readonly published?: string
  readonly repeated: number
  readonly boilerplate: readonly string[]
}

/** A seed analysed: its messages, and its article when it has usable text. */
export interface SeedAnalysis {
  readonly path: string
  readonly messages: MessageRecord[]
  readonly article?: SeedArticle
}

/** Entities come from the top of a story (its first paragraphs, about 600 characters), where news names its subjects; tagging takes about 7 ms per 1,000 characters. */
const entityWindow = 600
/** …and never from more than this: a scrape that is one long paragraph is tagged by its first sentences, not all of it. */
const entityWindowMax = 2000

/**
 * Read a raw seed: decode it, extract the article from a saved web page, split paragraphs, take
 * a headline-like first line as the title, strip scraped trailers, remove repeats, and find the
 * people, places and organisations it is about and the agency it names as its source.
 */
export function analyzeSeed(source: Source, config: ResolvedConfig): SeedAnalysis {
  const file = new VFile({ path: source.path })
  const decoded = decodeText(source.bytes)
  for (const warning of decoded.warnings) warn(file, warning.ruleId as 'encoding-legacy', `${warning.message} (from byte ${warning.offset}).`)
  if (decoded.error) {
    // A scrape that came out binary is skipped like an empty one: the rest of the site still builds.
    warn(file, decoded.error.ruleId as 'encoding-invalid', `${source.path} was skipped: ${decoded.error.message} at byte ${decoded.error.offset}. Save it as UTF-8 text.`)
    return { path: source.path, messages: recordMessages(file) }
  }

  // A whole page saved with a .txt name is a page all the same.
  const html = source.kind === 'html' || /^\s*<(?:!doctype\s+html|html)[\s>]/i.test(decoded.text)
  const extracted = html ? extractArticleFromHtml(decoded.text) : undefined
  if (html && !extracted) {
    warn(file, 'seed-empty', `${source.path} holds no article that Gazette could find, so it was skipped. Save the article's own page, or its text as a .txt seed.`)
    return { path: source.path, messages: recordMessages(file) }
  }
  let paragraphs: RawParagraph[] = extracted ? extracted.paragraphs.map((text) => ({ text, line: 1, column: 1 })) : splitParagraphs(decoded.text)
  if (!extracted) {
    // Scraped text often keeps some of the page's markup: "&amp;", "&nbsp;", "<br>", "<p>".
    const cleaned = removeMarkupResidue(paragraphs)
    if (cleaned.tags + cleaned.references > 0) info(file, 'markup-removed', `Took out ${counted(cleaned.tags, 'HTML tag')} and decoded ${counted(cleaned.references, 'character reference')} left in the text.`)
    paragraphs = cleaned.paragraphs
  }
  let headline = extracted?.title
  const first = paragraphs[0]
  const secondLine = decoded.text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)[first ? first.line : 0]
  // A headline stands apart: a blank line after it, or, in text of a paragraph per line, a
  // sentence right after it (a headline has no full stop, and a paragraph's line has).
  const next = paragraphs[1]
  const standsApart = secondLine !== undefined && (secondLine.trim() === '' || (next !== undefined && first !== undefined && next.line === first.line + 1 && /[.!?。！？]["'”’)」』）]?$/u.test(next.text)))
  if (!extracted && first && paragraphs.length > 1 && isHeadline(first.text) && standsApart) {
    headline = first.text
    paragraphs = paragraphs.slice(1)
  }
  const trailers = [...config.ingest.boilerplate, ...config.ingest.extraBoilerplate]
  const stripped = stripBoilerplate(paragraphs, trailers)
  for (const trailer of stripped.removed) info(file, 'boilerplate-removed', `Removed the scraped trailer "${trailer}".`)
  const repeats = findRepeats(stripped.paragraphs.map((paragraph) => paragraph.text))
  const removedIndexes = new Set(repeats.map((repeat) => repeat.index))
  for (const repeat of repeats) {
    const copy = stripped.paragraphs[repeat.index]!
    const original = stripped.paragraphs[repeat.original]!
    const cause = new VFile({ path: source.path }).message('first copy', { place: { line: original.line, column: original.column } })
    info(file, 'repeat-removed', `Removed a ${repeat.kind === 'near' ? 'nearly ' : ''}repeated paragraph.`, { place: { line: copy.line, column: copy.column }, cause })
  }
  const body = stripped.paragraphs.filter((_, index) => !removedIndexes.has(index)).map((paragraph) => paragraph.text)
  if (body.length === 0) {
    warn(file, 'seed-empty', `${source.path} has no usable text${stripped.removed.length > 0 ? ' besides scraped trailers' : ''}, so it was skipped. Add the article's paragraphs or delete the file.`)
    return { path: source.path, messages: recordMessages(file) }
  }
  const top: string[] = []
  for (let length = 0, index = 0; index < body.length && length < entityWindow; index++) {
    const paragraph = leadingSentences(body[index]!, entityWindowMax - length)
    top.push(paragraph)
    length += paragraph.length
  }
  const agency = extracted?.siteName ?? findAttribution(body)
  return {
    path: source.path,
    messages: recordMessages(file),
    article: {
      title: headline ?? deriveTitle(body[0]!),
      paragraphs: body,
      markdown: toMarkdown({ type: 'root', children: body.map((text) => ({ type: 'paragraph', children: [{ type: 'text', value: text }] })) } satisfies MdastRoot),
      // Raw text names no topics: people, places and organisations it mentions become its tags.
      tags: entityTags(extractEntities(top)),
      ...(agency ? { source: agency } : {}),
      ...(extracted?.byline ? { byline: extracted.byline } : {}),
      ...(extracted?.canonicalUrl ? { sourceUrl: extracted.canonicalUrl } : {}),
      ...(extracted?.date ? { published: extracted.date } : {}),
      repeated: repeats.length,
      boilerplate: stripped.removed
    }
  }
}

function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** The text whole when it fits in `max` characters, else up to its last sentence end before `max` (its last space when it has none). */
function leadingSentences(text: string, max: number): string {
  if (text.length <= max) return text
  const head = text.slice(0, max)
  const sentenceEnd = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '))
  if (sentenceEnd > 0) return head.slice(0, sentenceEnd + 1)
  const space = head.lastIndexOf(' ')
  return space > 0 ? head.slice(0, space) : head
}
