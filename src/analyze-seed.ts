import type { Root as MdastRoot } from 'mdast'
import { toMarkdown } from 'mdast-util-to-markdown'
import { VFile } from 'vfile'
import type { ResolvedConfig } from './config.js'
import { error, info, pointer, warn } from './diagnostics.js'
import { recordMessages } from './messages.js'
import { findAttribution, loneDateline, readDateline, withoutSiteName } from './story/attribution.js'
import { entityTags, extractEntities } from './story/entities.js'
import { extractArticleFromHtml, maxPageDepth, PageTooDeep } from './story/extract-html.js'
import { copyrightHolder, creditedWriters, isSectionBreak, namedSource, stripBoilerplate } from './text/boilerplate.js'
import { removeMarkupResidue } from './text/markup-residue.js'
import { readSeedHeader, type SeedHeader } from './text/seed-header.js'
import { readLabelledDate, readPageByline, takeStoryLead, type StoryLead } from './text/story-lead.js'
import { readWrittenDate } from './text/written-date.js'
import { decodeText } from './text/decode.js'
import { findRepeats } from './text/dedupe-paragraphs.js'
import { samePlainWords } from './text/normalize.js'
import { isBlank, splitParagraphs, type RawParagraph } from './text/paragraphs.js'
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
  /** Publication date the seed itself gives (a saved page's, or its header's), as ISO 8601. */
  readonly published?: string
  /** The summary the seed's header gives. */
  readonly summary?: string
  /** Which of the title and date the seed's header states: they replace what an earlier ingest chose. */
  readonly stated?: { readonly title: boolean; readonly date: boolean }
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
    const what = decoded.error.ruleId === 'encoding-nul' ? 'It holds binary data: remove the file if it is not text, or save the text again as UTF-8' : 'Save it as UTF-8 text'
    warn(file, decoded.error.ruleId as 'encoding-invalid', `${source.path} was skipped: ${decoded.error.message} at byte ${decoded.error.offset}. ${what}.`)
    return { path: source.path, messages: recordMessages(file) }
  }

  // A whole page saved with a .txt name is a page all the same.
  const html = source.kind === 'html' || /^\s*<(?:!doctype\s+html|html)[\s>]/i.test(decoded.text)
  let extracted: ReturnType<typeof extractArticleFromHtml>
  try {
    extracted = html ? extractArticleFromHtml(decoded.text) : undefined
  } catch (cause) {
    if (!(cause instanceof PageTooDeep)) throw cause
    warn(file, 'seed-empty', `${source.path} was skipped: the page nests its elements more than ${maxPageDepth} levels deep, more than Gazette reads in reasonable time. Save the article's text as a .txt seed instead.`)
    return { path: source.path, messages: recordMessages(file) }
  }
  if (html && !extracted) {
    warn(file, 'seed-empty', `${source.path} holds no article that Gazette could find, so it was skipped. Save the article's own page, or its text as a .txt seed.`)
    return { path: source.path, messages: recordMessages(file) }
  }
  // A header of metadata above the text ("Title: …", "Date: …", or YAML frontmatter) says what
  // would otherwise be guessed. Its lines are blanked, so the text keeps its line numbers.
  const read = html ? {} : readSeedHeader(decoded.text)
  if (read.problem) {
    error(file, 'frontmatter-yaml', read.problem.message, { place: read.problem.place })
    return { path: source.path, messages: recordMessages(file) }
  }
  const header = read.header
  const text = header ? blankLines(decoded.text, header.lines) : decoded.text
  const stated = header ? statedFields(file, header, config.timezone, config.language) : undefined
  let paragraphs: RawParagraph[] = extracted ? withoutBylineLine(extracted.paragraphs.filter((text) => !isBlank(text)), extracted.byline).map((text) => ({ text, line: 1, column: 1 })) : splitParagraphs(text)
  // Lines that held the page's markup alone, taken out below.
  const emptiedLines = new Set<number>()
  if (!extracted) {
    // Scraped text often keeps some of the page's markup: "&amp;", "&nbsp;", "<br>", "<p>".
    const cleaned = removeMarkupResidue(paragraphs)
    if (cleaned.tags + cleaned.references + cleaned.shortcodes > 0) {
      const taken = [counted(cleaned.tags, 'HTML tag'), ...(cleaned.shortcodes > 0 ? [counted(cleaned.shortcodes, 'WordPress shortcode')] : [])]
      info(file, 'markup-removed', `Took out ${taken.join(', ')} and decoded ${counted(cleaned.references, 'character reference')} left in the text.`)
    }
    paragraphs = cleaned.paragraphs
    for (const line of cleaned.emptied) emptiedLines.add(line)
  }
  // A scrape keeps some of the page around a story: its menus and breadcrumbs above the
  // headline, a byline and a date under it. They are taken out before the headline is chosen.
  const above = extracted ? undefined : takeStoryLead(paragraphs, config.timezone, { language: config.language })
  if (above) paragraphs = above.rest
  paragraphs = withDatelinesJoined(paragraphs)
  let underHeadline = extracted ? undefined : takeLeadUnderHeadline(paragraphs, config.timezone, config.language)
  // A kicker over the headline ("Analysis", "Exclusive") or a newsletter's name ("The Weekly Signal").
  const kicker = underHeadline === undefined || stated?.title !== undefined ? undefined : kickerOverHeadline(paragraphs, underHeadline, config.timezone, config.language)
  if (kicker) {
    paragraphs = paragraphs.slice(1)
    underHeadline = kicker.lead
  }
  let headline = extracted?.title ?? stated?.title
  const first = paragraphs[0]
  // The line after the headline, past any that held markup alone (an auto-posting blog's "[ad_1]").
  let afterHeadline = first ? first.line + 1 : 1
  while (emptiedLines.has(afterHeadline)) afterHeadline++
  const secondLine = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)[afterHeadline - 1]
  // A headline stands apart: a blank line after it, or, in text of a paragraph per line, a
  // byline, a date or a sentence right after it (a headline has no full stop, and a paragraph's
  // line has). A question or an exclamation ends as a paragraph's line does: only a blank line
  // sets it apart.
  const next = paragraphs[1]
  const asks = first !== undefined && /[?!？！]$/u.test(first.text)
  const nextIsLead = underHeadline !== undefined && underHeadline.taken
  const standsApart = secondLine !== undefined && (isBlank(secondLine) || (!asks && next !== undefined && first !== undefined && next.line === afterHeadline && (nextIsLead || /[.!?。！？]["'”’)」』）]?$/u.test(next.text))))
  const leads = [above]
  // A first line copied from the page's title ends with the site's name ("… - BBC News"), which goes and may name the source.
  const titled = first === undefined ? undefined : withoutSiteName(first.text)
  let titleSite: string | undefined
  if (stated?.title !== undefined) {
    // The headline the header states is often the text's first line as well.
    if (first && samePlainWords(first.text, stated.title)) {
      paragraphs = underHeadline ? underHeadline.paragraphs : paragraphs.slice(1)
      leads.push(underHeadline?.lead)
    }
  } else if (underHeadline && titled && underHeadline.paragraphs.length > 0 && isHeadline(titled.title) && standsApart) {
    headline = titled.title
    titleSite = titled.site
    paragraphs = underHeadline.paragraphs
    leads.push(underHeadline.lead)
  }
  const chrome = [...(kicker ? [kicker.line] : []), ...leads.flatMap((lead) => lead?.chrome ?? [])]
  for (const line of chrome) info(file, 'boilerplate-removed', `Removed "${line.text}", a part of the scraped page around the story.`, { place: { line: line.line, column: line.column } })
  const trailers = [...config.ingest.boilerplate, ...config.ingest.extraBoilerplate]
  // A saved page's byline element holds more than names ("By Jane Doe, Reuters", "Jane Doe |
  // Updated …"): the frontmatter gives the names, read from it, or the element's text without "By".
  const pageByline = extracted?.byline === undefined ? undefined : (readPageByline(extracted.byline, config.language)?.names ?? extracted.byline)
  const byline = (stated?.byline ?? (pageByline || undefined) ?? leads.find((lead) => lead?.byline)?.byline)?.replace(/^\s*by\s+/i, '')
  const stripped = stripBoilerplate(paragraphs, trailers, byline)
  for (const trailer of stripped.removed) info(file, 'boilerplate-removed', `Removed the scraped trailer "${trailer}".`)
  // A date that says what it is on the story's last line ("Published: January 5, 2026", the
  // Guardian's "First published on Mon 5 Jan 2026 10.04 GMT") is the page's: it goes, and dates
  // the story when nothing above it did.
  const last = stripped.paragraphs.length > 1 ? stripped.paragraphs[stripped.paragraphs.length - 1]! : undefined
  const closingDate = last === undefined ? undefined : readLabelledDate(last.text, config.timezone, config.language)
  const closing = closingDate === undefined ? [] : [stripped.paragraphs.pop()!.text.trim()]
  for (const line of closing) info(file, 'boilerplate-removed', `Removed "${line}", the page's date under the story.`, { place: { line: last!.line, column: last!.column } })
  // The headline too: a scrape that repeats the body often repeats it over the second copy.
  const repeats = findRepeats(stripped.paragraphs.map((paragraph) => paragraph.text), headline)
  const removedIndexes = new Set(repeats.map((repeat) => repeat.index))
  for (const repeat of repeats) {
    const copy = stripped.paragraphs[repeat.index]!
    const place = { line: copy.line, column: copy.column }
    if (repeat.kind === 'title') {
      info(file, 'repeat-removed', 'Removed the headline repeated over a copy of the body.', { place })
      continue
    }
    const original = stripped.paragraphs[repeat.original]!
    const cause = pointer(source.path, 'first copy', { line: original.line, column: original.column })
    info(file, 'repeat-removed', `Removed a ${repeat.kind === 'near' ? 'nearly ' : ''}repeated paragraph.`, { place, cause })
  }
  const blocks = bodyBlocks(stripped.paragraphs.filter((_, index) => !removedIndexes.has(index)).map((paragraph) => paragraph.text))
  const body = blocks.filter((block): block is string => block !== sectionBreak)
  if (body.length === 0) {
    warn(file, 'seed-empty', `${source.path} has no usable text${chrome.length + stripped.removed.length > 0 ? ' besides scraped trailers' : ''}, so it was skipped. Add the article's paragraphs or delete the file.`)
    return { path: source.path, messages: recordMessages(file) }
  }
  const top: string[] = []
  for (let length = 0, index = 0; index < body.length && length < entityWindow; index++) {
    // A wire's dateline ("HAMBURG, Jan 5 (Reuters) -") names where it was filed, not what it is about.
    const dateline = readDateline(body[index]!)
    const paragraph = leadingSentences(dateline ? body[index]!.slice(dateline.length).trimStart() : body[index]!, entityWindowMax - length)
    top.push(paragraph)
    length += paragraph.length
  }
  // A wire story names its reporters in its credits at the end when no byline did above it.
  const writers = byline ?? stripped.removed.map(creditedWriters).find((names) => names !== undefined)
  const agency = stated?.source ?? extracted?.siteName ?? titleSite ?? stripped.removed.map(namedSource).find((name) => name !== undefined) ?? findAttribution(body) ?? leads.find((lead) => lead?.agency)?.agency ?? stripped.removed.map(copyrightHolder).find((name) => name !== undefined)
  const sourceUrl = stated?.sourceUrl ?? extracted?.canonicalUrl
  const published = stated?.date ?? extracted?.date ?? leads.find((lead) => lead?.date)?.date ?? closingDate
  return {
    path: source.path,
    messages: recordMessages(file),
    article: {
      title: headline ?? deriveTitle(body[0]!),
      paragraphs: body,
      // A saved page's lead photo opens the body, by its address on the web, with its caption as its title (see `titledPhotoFigure`).
      markdown: toMarkdown({ type: 'root', children: [...(extracted?.image ? [{ type: 'paragraph' as const, children: [{ type: 'image' as const, url: extracted.image.src, alt: extracted.image.alt, ...(extracted.image.caption === undefined ? {} : { title: extracted.image.caption }) }] }] : []), ...blocks.map((block) => (block === sectionBreak ? { type: 'thematicBreak' as const } : { type: 'paragraph' as const, children: [{ type: 'text' as const, value: block }] }))] } satisfies MdastRoot),
      // Raw text names no topics: people, places and organisations it mentions become its tags,
      // unless its header names them.
      tags: stated?.tags ?? entityTags(extractEntities(top)),
      ...(agency ? { source: agency } : {}),
      ...(writers ? { byline: writers } : {}),
      ...(sourceUrl ? { sourceUrl } : {}),
      ...(published ? { published } : {}),
      ...(stated?.summary ? { summary: stated.summary } : {}),
      ...(stated ? { stated: { title: stated.title !== undefined, date: stated.date !== undefined } } : {}),
      repeated: repeats.length,
      boilerplate: [...chrome.map((line) => line.text), ...stripped.removed, ...closing]
    }
  }
}

/**
 * The first of the paragraphs when it is a kicker over the story's headline ("Exclusive",
 * "Explainer") or a newsletter's name over it ("The Weekly Signal"), and the lead under that
 * headline: a line of four words at most, with no stop, over a headline that has its byline or
 * date under it (see `takeLeadUnderHeadline`), where the line itself has none (`underLine`, the
 * lead found under it). Undefined otherwise: a short headline over its standfirst and byline is
 * the headline.
 */
function kickerOverHeadline(paragraphs: readonly RawParagraph[], underLine: ReturnType<typeof takeLeadUnderHeadline>, timeZone: string, language: string): { line: RawParagraph; lead: ReturnType<typeof takeLeadUnderHeadline> } | undefined {
  const [line, headline] = paragraphs
  if (underLine.taken || line === undefined || headline === undefined || paragraphs.length < 3) return undefined
  const text = line.text.trim()
  if (text.length > 40 || text.split(/\s+/u).length > 4 || /[.!?:;,。！？]$/u.test(text) || !isHeadline(headline.text)) return undefined
  const lead = takeLeadUnderHeadline(paragraphs.slice(1), timeZone, language)
  return lead.taken ? { line, lead } : undefined
}

/** The longest standfirst that a byline or a date under it is looked for under, in characters. */
const standfirstMax = 300

/**
 * The lines under a story's first line (its headline) that are not its text (see
 * `takeStoryLead`), and the paragraphs left: the story's text. Many pages set a standfirst, a
 * line that sums the story up, between the headline and the byline and date; it is the
 * story's first paragraph, and the byline and date under it are taken out too. `taken` says
 * whether anything was.
 */
function takeLeadUnderHeadline(paragraphs: readonly RawParagraph[], timeZone: string, language: string): { lead: StoryLead<RawParagraph>; paragraphs: RawParagraph[]; taken: boolean } {
  const options = { language, underHeadline: true }
  const lead = takeStoryLead(paragraphs.slice(1), timeZone, options)
  const standfirst = paragraphs[1]
  if (lead.rest[0] === standfirst && standfirst !== undefined && standfirst.text.length <= standfirstMax) {
    // Only a byline says the lines under the standfirst are the page's, not the story's; or a
    // date under a standfirst that is no sentence: a date under the story's first sentence is the
    // story's own.
    const underStandfirst = takeStoryLead(paragraphs.slice(2), timeZone, options)
    const byline = underStandfirst.byline !== undefined || underStandfirst.agency !== undefined
    const dated = underStandfirst.date !== undefined && !/[.!?。！？]["'”’)]?$/u.test(standfirst.text)
    if ((byline || dated) && underStandfirst.rest.length > 0) {
      return { lead: underStandfirst, paragraphs: [standfirst, ...underStandfirst.rest], taken: true }
    }
  }
  return { lead, paragraphs: lead.rest, taken: lead.rest[0] !== standfirst }
}

/**
 * The paragraphs with each dateline that stands alone on its line ("London CNN —", "(CNN) —")
 * joined to the paragraph after it, which it opens on the page. Alone, it was the summary and a
 * topic; joined, it is read as a wire's dateline is, and names the story's source.
 */
function withDatelinesJoined(paragraphs: readonly RawParagraph[]): RawParagraph[] {
  const joined: RawParagraph[] = []
  for (let index = 0; index < paragraphs.length; index++) {
    const paragraph = paragraphs[index]!
    const next = paragraphs[index + 1]
    const dateline = next === undefined ? undefined : loneDateline(paragraph.text)
    if (dateline === undefined || next === undefined || loneDateline(next.text) !== undefined) joined.push(paragraph)
    else {
      joined.push({ ...next, text: `${dateline} ${next.text.trimStart()}`, line: paragraph.line, column: paragraph.column })
      index++
    }
  }
  return joined
}

/** A break between sections of the body, where the text had a line of marks ("***", "* * *"). */
const sectionBreak = Symbol('section break')

/**
 * The body's paragraphs, and a section break for each line of marks between two of them: the
 * line was the text's own markup, and read "* * *" on the page. A break that parts nothing (at
 * either end, or after another, once repeats are gone) is left out.
 */
function bodyBlocks(paragraphs: readonly string[]): Array<string | typeof sectionBreak> {
  const blocks: Array<string | typeof sectionBreak> = []
  for (const text of paragraphs) {
    if (!isSectionBreak(text)) blocks.push(text)
    else if (blocks.length > 0 && blocks[blocks.length - 1] !== sectionBreak) blocks.push(sectionBreak)
  }
  if (blocks[blocks.length - 1] === sectionBreak) blocks.pop()
  return blocks
}

/**
 * A saved page's paragraphs without the byline line near their top ("By Sam Roe"), which the page
 * kept in its article as well as naming it: it was the summary, the first paragraph and a topic.
 */
function withoutBylineLine(paragraphs: readonly string[], byline: string | undefined): string[] {
  if (byline === undefined) return [...paragraphs]
  const name = (text: string) => text.replace(/^\s*by\s+/i, '').trim().toLowerCase()
  const index = paragraphs.slice(0, 3).findIndex((paragraph) => name(paragraph) === name(byline))
  return index === -1 ? [...paragraphs] : paragraphs.filter((_, at) => at !== index)
}

/** The text with its first `count` lines left empty. */
function blankLines(text: string, count: number): string {
  const lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/)
  return lines.map((line, index) => (index < count ? line.replace(/^[^\r\n]*/, '') : line)).join('')
}

/** What a seed's header states, checked: the date as ISO 8601, the link absolute. */
interface StatedFields {
  readonly title?: string
  readonly date?: string
  readonly byline?: string
  readonly source?: string
  readonly sourceUrl?: string
  readonly tags?: readonly string[]
  readonly summary?: string
}

/** A header's fields as the article takes them; a value that cannot be used is named in a warning, and left out. */
function statedFields(file: VFile, header: SeedHeader, timeZone: string, language: string): StatedFields {
  const { fields, places } = header
  for (const ignored of header.ignored) info(file, 'frontmatter-unknown-key', `The header's "${ignored.key}" is not a field Gazette uses, so it was left out.`, { place: ignored.place })
  const dateField = fields.date !== undefined ? 'date' : fields.updated !== undefined ? 'updated' : undefined
  const date = dateField && readWrittenDate(fields[dateField]!, timeZone, language)
  if (dateField && !date) warn(file, 'date-invalid', `The header's date "${fields[dateField]}" is not a date Gazette can read, so the article is dated when it was ingested. Write it as YYYY-MM-DD, such as "2026-01-05", or as "5 January 2026".`, { place: places[dateField] })
  const sourceUrl = fields.sourceUrl !== undefined && /^https?:\/\/[^\s/]+/i.test(fields.sourceUrl) && URL.canParse(fields.sourceUrl) ? new URL(fields.sourceUrl).href : undefined
  if (fields.sourceUrl !== undefined && !sourceUrl) warn(file, 'frontmatter-field', `The header's link "${fields.sourceUrl}" is not an absolute http(s) URL, so it was left out.`, { place: places.sourceUrl })
  const title = fields.title !== undefined && fields.title.length <= 300 ? fields.title : undefined
  if (fields.title !== undefined && !title) warn(file, 'frontmatter-field', `The header's title is longer than 300 characters, so a title was taken from the text instead. Shorten it to a headline.`, { place: places.title })
  return {
    ...(title !== undefined ? { title } : {}),
    ...(date ? { date } : {}),
    ...(fields.byline !== undefined ? { byline: fields.byline.replace(/^by\s+/i, '').slice(0, 200) } : {}),
    ...(fields.source !== undefined ? { source: fields.source.slice(0, 200) } : {}),
    ...(sourceUrl ? { sourceUrl } : {}),
    ...(fields.tags !== undefined ? { tags: fields.tags.filter((tag) => tag.length <= 100) } : {}),
    ...(fields.summary !== undefined ? { summary: fields.summary.slice(0, 2000) } : {})
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
