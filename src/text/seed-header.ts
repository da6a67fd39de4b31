import { isMap, isScalar, LineCounter, parseDocument } from 'yaml'

/** Where a value starts in the seed (1-based). */
export interface Point {
  readonly line: number
  readonly column: number
}

/** What a seed says about itself above its text, in either form below. */
export interface SeedHeader {
  readonly fields: HeaderFields
  /** Where each field's value starts. */
  readonly places: Partial<Record<keyof HeaderFields, Point>>
  /** Keys that name nothing Gazette uses, with where they are. */
  readonly ignored: ReadonlyArray<{ readonly key: string; readonly place: Point }>
  /** How many lines the header takes from the top: the text starts after them. */
  readonly lines: number
}

/** The fields a header may give, each as written. */
export interface HeaderFields {
  readonly title?: string
  /** The publication date as written ("2026-01-05", "Jan. 5, 2026 10:04 a.m. ET"). */
  readonly date?: string
  /** A date the story was updated, used only when no publication date is given. */
  readonly updated?: string
  readonly byline?: string
  readonly source?: string
  readonly sourceUrl?: string
  readonly tags?: readonly string[]
  readonly summary?: string
}

/** A header Gazette could not read, and where. */
export interface HeaderProblem {
  readonly message: string
  readonly place: Point
}

/**
 * The names scrapers and feed tools give each field, compared without case, spaces, "-" or "_":
 * "Source URL", "source_url" and "sourceUrl" are one key.
 */
const aliases: ReadonlyMap<string, keyof HeaderFields> = new Map(
  Object.entries({
    title: ['title', 'headline'],
    date: ['date', 'published', 'publishdate', 'publisheddate', 'publishedat', 'publishedon', 'datepublished', 'pubdate', 'posted', 'postedon', 'dateposted'],
    updated: ['updated', 'updatedat', 'updatedon', 'lastupdated', 'dateupdated', 'datemodified', 'modified', 'lastmod'],
    byline: ['byline', 'by', 'author', 'authors', 'writer', 'writtenby', 'reporter'],
    source: ['source', 'publisher', 'publication', 'site', 'sitename', 'outlet', 'agency'],
    sourceUrl: ['url', 'link', 'sourceurl', 'originalurl', 'canonical', 'canonicalurl', 'permalink'],
    tags: ['tags', 'keywords', 'categories', 'category', 'topics', 'section'],
    summary: ['summary', 'description', 'excerpt', 'dek', 'standfirst', 'subtitle', 'subheadline']
  } satisfies Record<keyof HeaderFields, string[]>).flatMap(([field, names]) => names.map((name) => [name, field as keyof HeaderFields]))
)

const fieldOf = (key: string): keyof HeaderFields | undefined => aliases.get(key.toLowerCase().replace(/[\s_-]+/g, ''))

/** A line of a header: a key of one to three words, a colon, and a value on the same line. */
const headerLine = /^([\p{L}][\p{L}\p{N}_-]*(?: [\p{L}\p{N}_-]+){0,2}):[ \t]*(\S.*)?$/u

/**
 * Read the header a seed opens with, if any, in one of the two forms scraping tools write:
 *
 * - YAML frontmatter between "---" lines, the same as a content file's;
 * - lines of "Key: value" ("Title:", "Date:", "URL:", "Author:"…), as in mail and text dumps,
 *   ended by a blank line.
 *
 * A header counts only when it names at least one field Gazette knows; "Note: the council met"
 * as a first line is text. In text of a paragraph per line, with no blank line after the header,
 * only the lines of known keys are taken. Gives a problem for frontmatter that is not valid YAML:
 * the seed's author wrote metadata there, and reading it as text would publish it.
 */
export function readSeedHeader(text: string): { header?: SeedHeader; problem?: HeaderProblem } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  if (/^---[ \t]*$/.test(lines[0] ?? '')) return readFrontmatter(lines)
  return { ...lineHeader(lines) }
}

function readFrontmatter(lines: readonly string[]): { header?: SeedHeader; problem?: HeaderProblem } {
  const closing = lines.findIndex((line, index) => index > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(line))
  // A rule drawn with "---" at the top of plain text, with no key on the next line, is text.
  if (closing === -1 || !headerLine.test(lines[1] ?? '')) return {}
  const yamlText = lines.slice(1, closing).join('\n')
  const lineCounter = new LineCounter()
  const document = parseDocument(yamlText, { lineCounter, schema: 'core', strict: true, prettyErrors: false, stringKeys: true })
  const point = (offset: number): Point => {
    const { line, col } = lineCounter.linePos(offset)
    return { line: line + 1, column: col }
  }
  const problem = document.errors[0]
  if (problem) {
    const detail = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '')
    return { problem: { message: `Invalid YAML in the seed's frontmatter: ${detail}. Fix the YAML between the "---" lines.`, place: point(problem.pos[0]) } }
  }
  if (!isMap(document.contents)) return {}
  const fields: Record<string, string | string[]> = {}
  const places: Partial<Record<keyof HeaderFields, Point>> = {}
  const ignored: Array<{ key: string; place: Point }> = []
  for (const pair of document.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    const keyPlace = point(isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0)
    const field = fieldOf(key)
    const value = toValue(pair.value === null ? null : (pair.value as { toJSON(): unknown }).toJSON())
    if (field === undefined || value === undefined || field in fields) {
      ignored.push({ key, place: keyPlace })
      continue
    }
    fields[field] = value
    places[field] = keyPlace
  }
  if (Object.keys(fields).length === 0) return {}
  return { header: { fields: readFields(fields), places, ignored, lines: closing + 1 } }
}

/** A YAML value as header text: a string, a number or date as written, a list as its items. */
function toValue(value: unknown): string | string[] | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) {
    const items = value.filter((item) => typeof item === 'string' || typeof item === 'number').map((item) => String(item).trim()).filter((item) => item !== '')
    return items.length > 0 ? items : undefined
  }
  return undefined
}

function lineHeader(lines: readonly string[]): { header?: SeedHeader } {
  const fields: Record<string, string> = {}
  const places: Partial<Record<keyof HeaderFields, Point>> = {}
  const ignored: Array<{ key: string; place: Point }> = []
  let index = 0
  for (; index < lines.length; index++) {
    const match = headerLine.exec(lines[index]!.trimEnd())
    if (!match) break
    const field = fieldOf(match[1]!)
    if (field === undefined || field in fields || match[2] === undefined) ignored.push({ key: match[1]!, place: { line: index + 1, column: 1 } })
    else {
      fields[field] = match[2].trim()
      places[field] = { line: index + 1, column: match[0].length - match[2].length + 1 }
    }
  }
  if (Object.keys(fields).length === 0) return {}
  const endedByBlank = index === lines.length || lines[index]!.trim() === ''
  if (!endedByBlank) {
    // No blank line after it: keep the known keys from the top, and leave the rest as text.
    const firstOther = ignored.length > 0 ? ignored[0]!.place.line - 1 : index
    for (const [field, place] of Object.entries(places)) {
      if (place.line - 1 >= firstOther) {
        delete fields[field]
        delete places[field as keyof HeaderFields]
      }
    }
    if (Object.keys(fields).length === 0) return {}
    return { header: { fields: readFields(fields), places, ignored: [], lines: firstOther } }
  }
  return { header: { fields: readFields(fields), places, ignored, lines: index } }
}

/** Header values as fields: tags split at commas, a list of authors joined. */
function readFields(values: Readonly<Record<string, string | string[]>>): HeaderFields {
  const text = (value: string | string[] | undefined): string | undefined => {
    const collapsed = (Array.isArray(value) ? value.join(', ') : value)?.replace(/\s+/g, ' ').trim()
    return collapsed === '' ? undefined : collapsed
  }
  const tags = values.tags === undefined ? undefined : (Array.isArray(values.tags) ? values.tags : values.tags.split(/[,;|]/)).map((tag) => tag.replace(/\s+/g, ' ').trim()).filter((tag) => tag !== '')
  const fields: Record<string, string | string[]> = {}
  for (const key of ['title', 'date', 'updated', 'byline', 'source', 'sourceUrl', 'summary'] as const) {
    const value = text(values[key])
    if (value !== undefined) fields[key] = value
  }
  if (tags && tags.length > 0) fields.tags = tags
  return fields as HeaderFields
}
