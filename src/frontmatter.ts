import { decodeHTMLStrict } from 'entities'
import { z } from 'zod'
import { removeForbidden } from './text/forbidden-characters.js'

/** A line of text; `error` says what it must be when it is something else, such as a list. */
const text = (error = 'must be text') => z.string({ error }).trim().min(1, 'must not be empty')

/** What a value longer than `limit` characters is told: without it, the string's own "must be text" was said. */
const atMost = (limit: number) => `must be at most ${limit.toLocaleString('en')} characters`

/** The frontmatter a content file may hold; every other key is reported and ignored. */
export const frontmatterSchema = z.object({
  /** Headline. Default: the first heading, or one derived from the lede. */
  title: text().max(300, atMost(300)).optional(),
  /** ISO 8601 date or date-time; without an offset it is read in the site's time zone. Required. */
  date: z.string({
    // A date YAML read as a number (a timestamp, "date: 20240501") is there, just not a date.
    error: (issue) =>
      issue.input === undefined || issue.input === null
        ? 'is required: add a line such as "date: 2024-05-01" or "date: 2024-05-01T09:30:00Z"'
        : `is ${JSON.stringify(issue.input)}, which is not a date. Write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, such as "date: 2024-05-01"`
  }),
  /** When the story was last corrected or added to: ISO 8601, as `date`. Default: not updated. */
  updated: z.string({ error: 'must be a date' }).optional(),
  /** One-sentence summary. Default: the lede. */
  summary: text().max(2000, `${atMost(2000)}: a sentence or two that listings and feeds show`).optional(),
  /** Topics; a single string is one tag. */
  tags: z.union([z.array(text().max(100, atMost(100))), text().max(100, atMost(100)).transform((tag) => [tag])], { error: 'must be a list of words' }).optional(),
  /** The page's path segment. Default: derived from the title. */
  slug: z.string().optional(),
  /** A draft is built only with --drafts. Default false. */
  draft: z.boolean({ error: 'must be true or false' }).optional(),
  /** Not published before this ISO 8601 date or date-time (Hugo's `publishDate`), as `date`. Default: `date`. */
  publishDate: z.string({ error: 'must be a date' }).optional(),
  /** Who reported the story (a name such as "Kyodo"). */
  source: text().max(200, atMost(200)).optional(),
  /** Who wrote it, as the source page names them. */
  byline: text('must be a name or a list of names').max(200, atMost(200)).optional(),
  /** Where the story was published first; http(s) only. */
  sourceUrl: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).optional(),
  /** Written by ingest: which seed this file came from and what was removed from it. */
  seed: z
    .object({
      file: z.string(),
      sha256: z.string(),
      generated: z.string().optional(),
      removed: z
        .object({
          repeated: z.number().int().min(0).optional(),
          boilerplate: z.array(z.string()).optional()
        })
        .optional()
    })
    .optional()
})

export type Frontmatter = z.output<typeof frontmatterSchema>
export const frontmatterKeys = new Set(Object.keys(frontmatterSchema.shape))

/** Values to show, after "write", in a message about a key whose value is of the wrong kind. */
const examples: Partial<Record<keyof Frontmatter, readonly string[]>> = {
  title: ['Harbour reopens after storm repairs'],
  updated: ['2024-05-02', '2024-05-02T10:00:00Z'],
  summary: ['Ships returned to the harbour on Monday.'],
  tags: ['[Politics, Rail]'],
  draft: ['true'],
  publishDate: ['2024-05-02', '2024-05-02T10:00:00Z'],
  source: ['Kyodo'],
  byline: ['Jane Doe'],
  sourceUrl: ['https://example.org/original-story']
}

/**
 * What to write instead of a value of the wrong kind, under the key the file uses for `field`
 * (an alias such as `author` for `byline`): `write "author: Jane Doe"`. Undefined when there is
 * no example to give.
 */
export function exampleFor(field: string, written: string): string | undefined {
  const values = examples[field as keyof Frontmatter]
  return values && `write ${values.map((value) => `"${written}: ${value}"`).join(' or ')}`
}

/**
 * Names other generators give Gazette's keys, accepted as those keys: a file moved from Hugo,
 * Jekyll, WordPress or Eleventy keeps its summary, author and categories, and stays unpublished
 * if it was.
 */
const aliases: ReadonlyMap<string, keyof Frontmatter> = new Map([
  ['description', 'summary'],
  ['author', 'byline'],
  ['authors', 'byline'],
  ['categories', 'tags'],
  ['keywords', 'tags'],
  ['lastmod', 'updated'],
  ['modified', 'updated'],
  ['published', 'draft'],
  ['status', 'draft'],
  ['publish_date', 'publishDate'],
  ['pubdate', 'publishDate']
])

/** WordPress's and Ghost's post statuses, and whether each keeps a post off the site. */
const statusIsDraft: ReadonlyMap<string, boolean> = new Map([
  ['publish', false],
  ['published', false],
  ['draft', true],
  ['private', true],
  ['pending', true],
  ['future', true],
  ['scheduled', true]
])

/**
 * The value an alias whose meaning differs from its key's gives that key, or a reason it cannot be
 * read. Jekyll's `published: false` is `draft: true`; a WordPress `status` other than `publish` is
 * a draft; Hugo's `published` is a date, its `publishDate`.
 */
function translateAlias(alias: string, value: unknown): { key: keyof Frontmatter; value: unknown } | { reason: string } {
  if (alias === 'published') {
    if (typeof value === 'boolean') return { key: 'draft', value: !value }
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value.trim())) return { key: 'publishDate', value }
    return { reason: 'must be true or false; write "published: true", or "published: false" to keep it off the site' }
  }
  if (alias === 'status') {
    const draft = typeof value === 'string' ? statusIsDraft.get(value.trim().toLowerCase()) : undefined
    if (draft !== undefined) return { key: 'draft', value: draft }
    return { reason: 'is not a status Gazette knows; write "status: publish", or "status: draft" to keep it off the site' }
  }
  return { key: aliases.get(alias)!, value }
}

/** Keys whose value is text: a number or true/false written there is that text as written ("title: 3.10"). */
const textKeys: ReadonlySet<string> = new Set(['title', 'summary', 'slug', 'source', 'byline', 'tags'])

/**
 * Keys whose text may hold HTML character references, as WordPress writes titles
 * ("&#8220;export&#8221; &amp; more"): they are decoded, since the text is shown as text.
 */
const referenceKeys: ReadonlySet<string> = new Set(['title', 'summary', 'byline', 'tags', 'source'])

/** Text with its character references (`&amp;`, `&#8220;`, `&#x2019;`) decoded; only those ended by ";". */
function decodeReferences(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('&') ? decodeHTMLStrict(value) : value
  return Array.isArray(value) ? value.map(decodeReferences) : value
}

/**
 * A frontmatter's keys as the schema reads them. Unknown keys are set aside; an alias is read as
 * its key (lists of tags merged, a list of authors joined) unless the key is given too; an
 * optional key left empty is as if absent; numbers in text and tags are text, as `asWritten` gives
 * them (`title: 007` is "007"); a tags string with commas is a list; character references in
 * titles, summaries, bylines and tags are decoded; control characters made by escapes or
 * references are removed.
 */
export function frontmatterFields(
  data: Record<string, unknown>,
  asWritten: ReadonlyMap<string, unknown> = new Map()
): {
  fields: Record<string, unknown>
  origins: Map<string, string>
  unknown: string[]
  shadowed: Array<{ alias: string; key: string }>
  controlled: string[]
  /** Aliases whose value cannot be read (`published: maybe`), and what to write instead. */
  refused: Array<{ key: string; reason: string }>
} {
  const fields: Record<string, unknown> = {}
  /** The key the file wrote for each field, so that a message names it: `author` for `byline`. */
  const origins = new Map<string, string>()
  const unknown: string[] = []
  const shadowed: Array<{ alias: string; key: string }> = []
  const controlled: string[] = []
  const refused: Array<{ key: string; reason: string }> = []
  const clean = (key: string, value: unknown): unknown => {
    if (typeof value === 'string') {
      const removed = removeForbidden(value)
      if (removed.count > 0 && !controlled.includes(key)) controlled.push(key)
      return removed.text
    }
    return Array.isArray(value) ? value.map((item) => clean(key, item)) : value
  }
  // Gazette's own keys first, so that an alias never decides over the key it stands for.
  const entries = Object.entries(data).sort(([a], [b]) => Number(!frontmatterKeys.has(a)) - Number(!frontmatterKeys.has(b)))
  for (const [key, read] of entries) {
    if (!frontmatterKeys.has(key) && !aliases.has(key)) {
      unknown.push(key)
      continue
    }
    const field = frontmatterKeys.has(key) ? key : aliases.get(key)!
    const raw = asWritten.has(key) && textKeys.has(field) ? asWritten.get(key) : read
    // Decoded before control characters are removed: "&#1;" makes one.
    const written = clean(key, referenceKeys.has(field) ? decodeReferences(raw) : raw)
    const own = frontmatterKeys.has(key)
    // An alias left empty is as if absent, as an optional key is (see valueFor).
    if (!own && (written === null || (typeof written === 'string' && written.trim() === ''))) continue
    const translated = own ? { key: key as keyof Frontmatter, value: written } : translateAlias(key, written)
    if ('reason' in translated) {
      refused.push({ key, reason: translated.reason })
      continue
    }
    const target = translated.key
    const value = valueFor(target, translated.value)
    if (value === undefined) continue
    if (target === key || !(target in fields)) {
      fields[target] = value
      origins.set(target, key)
    } else if (target === 'tags' && Array.isArray(fields.tags) && Array.isArray(value)) fields.tags = [...fields.tags, ...value]
    else shadowed.push({ alias: key, key: target })
  }
  return { fields, origins, unknown, shadowed, controlled, refused }
}

/** A value as the schema reads `key`: undefined when an optional key is left empty. */
function valueFor(key: keyof Frontmatter, value: unknown): unknown {
  const empty = value === null || (typeof value === 'string' && value.trim() === '')
  // An empty date stays, so that it is named as missing.
  if (empty) return key === 'date' ? value : undefined
  if (textKeys.has(key) && key !== 'tags' && (typeof value === 'number' || typeof value === 'boolean')) return String(value)
  if (key === 'byline' && Array.isArray(value) && value.every((name) => typeof name === 'string')) return value.join(', ')
  if (key !== 'tags') return value
  const list = typeof value === 'number' ? [String(value)] : typeof value === 'string' ? value.split(',') : value
  if (!Array.isArray(list)) return list
  const tags = list.map((tag) => (typeof tag === 'number' ? String(tag) : tag)).filter((tag) => !(typeof tag === 'string' && tag.trim() === ''))
  return tags.length > 0 ? tags : undefined
}
