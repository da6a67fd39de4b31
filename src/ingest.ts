import { createHash } from 'node:crypto'
import type { Root as MdastRoot } from 'mdast'
import { toMarkdown } from 'mdast-util-to-markdown'
import { VFile } from 'vfile'
import { stringify } from 'yaml'
import type { ResolvedConfig } from './config.js'
import { info, warn } from './diagnostics.js'
import { findAttribution } from './story/attribution.js'
import { entityTags, extractEntities } from './story/entities.js'
import { extractArticleFromHtml } from './story/extract-html.js'
import { stripBoilerplate } from './text/boilerplate.js'
import { formatInstant, parseIsoDate } from './text/dates.js'
import { decodeText } from './text/decode.js'
import { findRepeats } from './text/dedupe-paragraphs.js'
import { splitParagraphs, type RawParagraph } from './text/paragraphs.js'
import { slugify } from './text/slug.js'
import { deriveTitle, isHeadline } from './text/title.js'
import type { ArticleSummary, Source } from './types.js'

/** What ingesting one seed produced. */
export interface IngestedSeed {
  readonly file: VFile
  /** A content file to write, when the seed is new or changed and its file was not edited by hand. */
  readonly write?: Source
}

/** What ingest needs to know besides the seed. */
export interface IngestContext {
  readonly config: ResolvedConfig
  /** The content file each seed was ingested into before, keyed by seed path. */
  readonly existing: ReadonlyMap<string, { source: Source; article: Pick<ArticleSummary, 'title' | 'date' | 'slug'> }>
  /** Content paths already taken, so a new seed never overwrites another article's file. */
  readonly takenPaths: ReadonlySet<string>
  /** The instant stamped on newly ingested seeds. */
  readonly now: Date
}

/**
 * Turn a raw text seed into a content file: decode it, split it into paragraphs, strip scraped
 * trailers, remove repeats, take or derive a title, and write Markdown whose text shows exactly as
 * typed. A seed already ingested is left alone unless it changed, and a content file a person
 * edited is never overwritten.
 */
export function ingestSeed(source: Source, context: IngestContext): IngestedSeed {
  const file = new VFile({ path: source.path })
  const sha256 = createHash('sha256').update(source.bytes).digest('hex')
  const previous = context.existing.get(source.path)
  if (previous) {
    if (seedHashOf(previous.source) === sha256) return { file }
    if (editedByHand(previous.source)) {
      warn(file, 'seed-edited', `${source.path} changed, but ${previous.source.path} was edited by hand, so it was not overwritten. Delete ${previous.source.path} to ingest the seed again, or copy the changes into it.`)
      return { file }
    }
  }

  const decoded = decodeText(source.bytes)
  for (const warning of decoded.warnings) warn(file, warning.ruleId as 'encoding-legacy', `${warning.message}.`)
  if (decoded.error) {
    // A scrape that came out binary is skipped like an empty one: the rest of the site still builds.
    warn(file, decoded.error.ruleId as 'encoding-invalid', `${source.path} was skipped: ${decoded.error.message}. Save it as UTF-8 text.`)
    return { file }
  }
  file.value = decoded.text

  const extracted = source.kind === 'html' ? extractArticleFromHtml(decoded.text) : undefined
  if (source.kind === 'html' && !extracted) {
    warn(file, 'seed-empty', `${source.path} holds no article that Gazette could find, so it was skipped. Save the article's own page, or its text as a .txt seed.`)
    return { file }
  }
  let paragraphs: RawParagraph[] = extracted ? extracted.paragraphs.map((text) => ({ text, line: 1, column: 1 })) : splitParagraphs(decoded.text)
  let headline = extracted?.title
  const first = paragraphs[0]
  const secondLine = decoded.text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)[first ? first.line : 0]
  if (!extracted && first && paragraphs.length > 1 && isHeadline(first.text) && secondLine !== undefined && secondLine.trim() === '') {
    headline = first.text
    paragraphs = paragraphs.slice(1)
  }
  const trailers = [...context.config.ingest.boilerplate, ...context.config.ingest.extraBoilerplate]
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
    return { file }
  }

  const lede = body[0]!
  const title = headline ?? deriveTitle(lede)
  // Raw text names no topics: people, places and organisations it mentions become its tags.
  const tags = entityTags(extractEntities(body))
  const source_ = extracted?.siteName ?? findAttribution(body)
  const published = extracted?.date ? parseIsoDate(extracted.date, context.config.timezone) : undefined
  const previousFm = previous?.article
  const slug = previousFm?.slug ?? uniqueSlug(slugify(title) || slugify(source.path.replace(/^.*\/|\.[^.]+$/g, '')) || 'article', context.takenPaths)
  const frontmatter = {
    title: previousFm?.title ?? title,
    date: previousFm?.date ?? formatInstant(published ?? new Date(Math.floor(context.now.getTime() / 1000) * 1000)),
    slug,
    summary: lede,
    ...(tags.length > 0 ? { tags } : {}),
    ...(source_ ? { source: source_ } : {}),
    ...(extracted?.byline ? { byline: extracted.byline } : {}),
    ...(extracted?.canonicalUrl ? { sourceUrl: extracted.canonicalUrl } : {}),
    seed: {
      file: source.path,
      sha256,
      removed: { repeated: repeats.length, boilerplate: stripped.removed },
      generated: ''
    }
  }
  const tree: MdastRoot = { type: 'root', children: body.map((text) => ({ type: 'paragraph', children: [{ type: 'text', value: text }] })) }
  const markdownBody = toMarkdown(tree)
  const unsigned = renderContentFile(frontmatter, markdownBody)
  frontmatter.seed.generated = contentHash(unsigned)
  const contents = renderContentFile(frontmatter, markdownBody)
  const path = previous?.source.path ?? `content/${slug}.md`
  const written: Source = { path, kind: 'markdown', bytes: new TextEncoder().encode(contents) }
  info(file, 'seed-ingested', `Ingested into ${path}.`)
  return { file, write: written }
}

function renderContentFile(frontmatter: object, body: string): string {
  return `---\n${stringify(frontmatter, { lineWidth: 0 })}---\n\n${body}`
}

/** Hash of a content file with its own `generated:` value blanked, so the hash can live inside it. */
function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/^(\s+generated: ).*$/m, '$1""')).digest('hex').slice(0, 16)
}

function recordedField(text: string, field: string): string | undefined {
  return new RegExp(`^\\s+${field}: "?([0-9a-f]+)"?$`, 'm').exec(text)?.[1]
}

function seedHashOf(source: Source): string | undefined {
  return recordedField(new TextDecoder().decode(source.bytes), 'sha256')
}

/** Whether a person changed a generated content file since ingest wrote it. */
function editedByHand(source: Source): boolean {
  const text = new TextDecoder().decode(source.bytes)
  const recorded = recordedField(text, 'generated')
  return recorded === undefined || recorded !== contentHash(text)
}

function uniqueSlug(slug: string, taken: ReadonlySet<string>): string {
  if (!taken.has(`content/${slug}.md`)) return slug
  for (let n = 2; ; n++) if (!taken.has(`content/${slug}-${n}.md`)) return `${slug}-${n}`
}

/**
 * Ingest every seed against the content files already processed: returns the seeds' files (for
 * their messages) and the content files to write.
 */
export function ingestSeeds(seeds: readonly Source[], content: readonly Source[], summaries: ReadonlyMap<string, ArticleSummary>, context: Omit<IngestContext, 'existing' | 'takenPaths'>): { seedFiles: VFile[]; writes: Source[] } {
  const existing = new Map<string, { source: Source; article: ArticleSummary }>()
  for (const source of content) {
    const summary = summaries.get(source.path)
    if (summary?.provenance.seed) existing.set(summary.provenance.seed, { source, article: summary })
  }
  const taken = new Set(content.map((source) => source.path))
  const writes: Source[] = []
  const seedFiles: VFile[] = []
  for (const seed of seeds) {
    const result = ingestSeed(seed, { ...context, existing, takenPaths: taken })
    seedFiles.push(result.file)
    if (!result.write) continue
    writes.push(result.write)
    taken.add(result.write.path)
  }
  return { seedFiles, writes }
}
