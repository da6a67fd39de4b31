import matter from 'gray-matter'
import type { Root as MdastRoot } from 'mdast'
import { toString } from 'mdast-util-to-string'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml'
import type { ResolvedConfig } from './config.js'
import { error, warn } from './diagnostics.js'
import { frontmatterKeys, frontmatterSchema } from './frontmatter.js'
import { formatInstant, parseIsoDate } from './text/dates.js'
import { decodeText } from './text/decode.js'
import { isSafeSlug, slugify } from './text/slug.js'
import { deriveTitle } from './text/title.js'
import type { Article, Source } from './types.js'

/** One processor for the whole process: creating it per file is most of a small file's cost. */
const markdown = unified().use(remarkParse).use(remarkGfm).freeze()

/** Deepest nesting of block quotes and lists rendered; deeper input is refused per file. */
const maxNesting = 64

/** Result of parsing one content file: the file with its messages, and the article when valid. */
export interface ParsedSource {
  readonly file: VFile
  readonly article?: Article
}

/**
 * Parse a content file: YAML frontmatter (never JavaScript) validated against the schema, and a
 * Markdown body whose positions are file-absolute. Every problem is a message on the file.
 */
export function parseArticle(source: Source, config: ResolvedConfig): ParsedSource {
  const file = new VFile({ path: source.path })
  const decoded = decodeText(source.bytes)
  for (const warning of decoded.warnings) warn(file, warning.ruleId as 'encoding-legacy', `${warning.message}.`)
  if (decoded.error) {
    error(file, decoded.error.ruleId as 'encoding-invalid', `Cannot read ${source.path} as text: ${decoded.error.message}. Save it as UTF-8.`)
    return { file }
  }
  const text = decoded.text.replace(/\r\n?/g, '\n')
  file.value = text

  const opening = /^---[ \t]*(\S[^\n]*)?\n/.exec(text)
  if (opening?.[1] !== undefined) {
    error(file, 'frontmatter-language', `Frontmatter marked "${opening[1].trim()}" is not read: Gazette accepts YAML frontmatter only and never runs code. Remove "${opening[1].trim()}" after the opening "---".`, { place: { line: 1, column: 4 } })
    return { file }
  }
  if (!opening) {
    error(file, 'frontmatter-field', 'This file has no frontmatter. Start it with "---", a line "date: 2024-05-01", a line "title: …" and a closing "---".', { place: { line: 1, column: 1 } })
    return { file }
  }
  const closing = /^(?:---|\.\.\.)[ \t]*$/m.exec(text.slice(opening[0].length))
  if (!closing) {
    error(file, 'frontmatter-unclosed', 'The frontmatter opened on line 1 is never closed. Add a line "---" after the last frontmatter key.', { place: { line: 1, column: 1 } })
    return { file }
  }
  const yamlText = text.slice(opening[0].length, opening[0].length + closing.index)

  const lineCounter = new LineCounter()
  const document = parseDocument(yamlText, { lineCounter, uniqueKeys: true, schema: 'core', strict: true, prettyErrors: false, stringKeys: true })
  const yamlPoint = (offset: number) => {
    const point = lineCounter.linePos(offset)
    return { line: point.line + 1, column: point.col }
  }
  for (const problem of [...document.errors, ...document.warnings]) {
    const detail = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    error(file, 'frontmatter-yaml', `Invalid YAML in frontmatter: ${detail}. Fix the YAML between the "---" lines.`, { place: yamlPoint(problem.pos[0]) })
  }
  if (document.errors.length + document.warnings.length > 0) return { file }

  let data: unknown
  try {
    // Bound alias expansion: a "billion laughs" document is refused instead of filling memory.
    data = document.toJS({ maxAliasCount: 64 })
  } catch (cause) {
    error(file, 'frontmatter-yaml', `Invalid YAML in frontmatter: ${(cause as Error).message}. Use fewer aliases.`, { place: { line: 2, column: 1 } })
    return { file }
  }
  if (data === null || data === undefined) data = {}
  if (typeof data !== 'object' || Array.isArray(data)) {
    error(file, 'frontmatter-not-mapping', 'The frontmatter must be a mapping of keys to values, such as "title: …" and "date: …" on their own lines.', { place: { line: 2, column: 1 } })
    return { file }
  }
  // gray-matter separates the body; the YAML above was already parsed with positions, so its
  // engine only hands that result back. Explicit options also turn off gray-matter's cache.
  const split = matter(text, { language: 'yaml', engines: { yaml: () => ({}) } })
  const body = split.content

  const keyPlace = (key: string) => {
    const node = keyNode(document, key)
    return node ? yamlPoint(node) : { line: 2, column: 1 }
  }
  const fields = Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([key]) => key !== '__proto__'))
  for (const key of Object.keys(fields)) {
    if (!frontmatterKeys.has(key)) warn(file, 'frontmatter-unknown-key', `Unknown frontmatter key "${key}" is ignored. Known keys: ${[...frontmatterKeys].join(', ')}.`, { place: keyPlace(key) })
  }
  const parsed = frontmatterSchema.safeParse(fields)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '')
      error(file, 'frontmatter-field', `Frontmatter "${issue.path.join('.')}" ${issue.message}.`, { place: keyPlace(key) })
    }
    return { file }
  }
  const fm = parsed.data
  const date = parseIsoDate(fm.date, config.timezone)
  if (!date) {
    error(file, 'date-invalid', `Frontmatter "date" is "${fm.date}", which is not a real ISO 8601 date. Write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ with a day that exists in that month.`, { place: keyPlace('date') })
    return { file }
  }

  // gray-matter drops the newline after the closing fence; count lines up to where its body starts.
  const bodyLines = text.slice(0, text.length - body.length).split('\n').length - 1
  const tree = parseMarkdown(body, bodyLines)
  if (!tree) {
    error(file, 'markdown-too-deep', `The body nests block quotes or lists more than ${maxNesting} levels deep. Flatten the nesting.`, { place: { line: bodyLines + 1, column: 1 } })
    return { file }
  }

  let slug = fm.slug?.normalize('NFC').toLowerCase()
  if (slug !== undefined && !isSafeSlug(slug)) {
    const suggestion = slugify(slug) || 'article'
    error(file, 'slug-invalid', `Frontmatter "slug" is "${fm.slug}", which is not one safe path segment. Use lower-case letters, digits and hyphens, such as "${suggestion}".`, { place: keyPlace('slug') })
    return { file }
  }
  const firstHeading = tree.children.find((node) => node.type === 'heading' && node.depth === 1)
  const lede = tree.children.find((node) => node.type === 'paragraph')
  const title = fm.title ?? (firstHeading ? toString(firstHeading) : lede ? deriveTitle(toString(lede)) : source.path.replace(/^.*\/|\.[^.]+$/g, ''))
  slug ??= slugify(title) || slugify(source.path.replace(/^.*\/|\.[^.]+$/g, '')) || 'article'

  file.data.explicitSlug = fm.slug !== undefined
  const article: Article = {
    file,
    path: source.path,
    title,
    date: formatInstant(date),
    slug,
    summary: fm.summary,
    tags: normalizeTags(fm.tags ?? []),
    source: fm.source,
    sourceUrl: fm.sourceUrl,
    draft: fm.draft ?? false,
    provenance: {
      ...(fm.seed ? { seed: fm.seed.file } : {}),
      repeatsRemoved: fm.seed?.removed?.repeated ?? 0,
      boilerplateRemoved: fm.seed?.removed?.boilerplate ?? []
    },
    tree
  }
  return { file, article }
}

/**
 * Parse a Markdown body. The frontmatter is replaced by as many empty lines, so every position
 * in the tree is already file-absolute. Returns undefined when nesting is too deep to render.
 */
function parseMarkdown(body: string, lineOffset: number): MdastRoot | undefined {
  if (nestingDepth(body) > maxNesting) return undefined
  try {
    return markdown.parse('\n'.repeat(lineOffset) + body)
  } catch (cause) {
    if (cause instanceof RangeError) return undefined
    throw cause
  }
}

/** A cheap upper bound of block nesting: quote markers and list indentation at a line's start. */
function nestingDepth(body: string): number {
  let deepest = 0
  for (const match of body.matchAll(/^[ \t>*+\-\d.)]{2,}/gm)) {
    const prefix = match[0]
    const quotes = prefix.split('>').length - 1
    const indent = prefix.replace(/\t/g, '    ').match(/^ */)![0].length
    const markers = (prefix.match(/[*+-](?=\s)|\d+[.)](?=\s)/g) ?? []).length
    deepest = Math.max(deepest, quotes + markers + (markers > 0 ? Math.floor(indent / 2) : 0))
  }
  return deepest
}

function keyNode(document: Document, key: string): number | undefined {
  if (!isMap(document.contents)) return undefined
  for (const pair of document.contents.items) {
    if (isScalar(pair.key) && pair.key.value === key) {
      const node = (pair.value && 'range' in (pair.value as object) ? (pair.value as { range?: [number, number, number] }).range : undefined) ?? pair.key.range
      return node?.[0]
    }
  }
  return undefined
}

/** One stable form per tag: Unicode NFC, single spaces; duplicates by case or form dropped. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>()
  const result: string[] = []
  for (const tag of tags) {
    const display = tag.normalize('NFC').replace(/\s+/g, ' ').trim()
    const key = tagKey(display)
    if (!display || seen.has(key)) continue
    seen.add(key)
    result.push(display)
  }
  return result
}

/** The identity of a tag: `Café`, `café`, `CAFÉ` and `Cafe\u0301` share one key. */
export function tagKey(tag: string): string {
  return tag.normalize('NFC').toLocaleLowerCase('und').replace(/\s+/g, ' ').trim()
}
