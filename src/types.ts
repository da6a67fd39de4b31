import type { Root as HastRoot } from 'hast'
import type { Root as MdastRoot } from 'mdast'
import type { VFile } from 'vfile'
import type { BodyBlock } from './body-text.js'

/** A file read from the root, before anything is understood about it. */
export interface Source {
  /** Path relative to the root, with forward slashes (`content/a.md`). */
  readonly path: string
  /** `markdown` for `content/*.md`, `text` for raw `seeds/*.txt`, `html` for saved `seeds/*.html`. */
  readonly kind: 'markdown' | 'text' | 'html'
  readonly bytes: Uint8Array
}

/** What the pipeline did to an article, shown to readers on request and totalled in the summary. */
export interface Provenance {
  /** The seed an article was ingested from, if any. */
  readonly seed?: string
  /** The seed's SHA-256 as the file records it: a seed with other bytes is ingested again. */
  readonly seedSha256?: string
  /** A file made from a seed that a person changed since: a changed seed does not overwrite it. */
  readonly handEdited?: boolean
  /** Paragraphs removed as repeats, at ingest and at build. */
  readonly repeatsRemoved: number
  /** Scraped trailers removed at ingest (`Source link`, `Advertisement`, …). */
  readonly boilerplateRemoved: readonly string[]
}

/** A parsed, validated article: frontmatter plus a Markdown tree whose positions are file-absolute. */
export interface Article {
  readonly file: VFile
  readonly path: string
  readonly title: string
  /** ISO 8601 instant: a date written without a time is its day's start in the site's time zone. */
  readonly date: string
  /**
   * The day `date` names when it was written without a time (`2024-01-05`): pages show that day
   * alone, not a time no one gave. Undefined when it has a time.
   */
  readonly dateDay: string | undefined
  /** When it was last corrected or added to, an ISO 8601 instant after `date`, if ever. */
  readonly updated: string | undefined
  /** The day `updated` names when it was written without a time, as `dateDay`. */
  readonly updatedDay: string | undefined
  readonly slug: string
  readonly summary: string | undefined
  readonly tags: readonly string[]
  readonly source: string | undefined
  readonly sourceUrl: string | undefined
  /** Who wrote it, as the frontmatter's `byline` names them. */
  readonly byline: string | undefined
  readonly draft: boolean
  /** An ISO 8601 instant after `date` before which it is not published (Hugo's `publishDate`), if any. */
  readonly publishDate: string | undefined
  readonly provenance: Provenance
  readonly tree: MdastRoot
}

/** An article whose repeated blocks are gone. */
export interface DedupedArticle extends Article {
  readonly removed: number
}

/** An image an article shows from beside it in `content/`, copied into the site (see `isMedia`). */
export interface MediaReference {
  /** The file, root-relative (`content/img/waves.jpg`). */
  readonly path: string
  /** The address as the article wrote it (`img/waves.jpg`), for messages. */
  readonly written: string
  readonly place: { line: number; column: number } | undefined
}

/** An article whose body is a sanitized HTML tree, ready for templates. */
export interface RenderedArticle extends DedupedArticle {
  readonly body: HastRoot
  /** The images its body shows from beside it, in the order it shows them; the body's addresses already point into the site. */
  readonly media: readonly MediaReference[]
  /** First paragraph as plain text, used where no summary is given. */
  readonly lede: string
  /** Words of the body as readers see it, for the reading time. */
  readonly words: number
  /** The body's text, block by block, as readers see it: what search indexes and story detection compares. */
  readonly text: readonly BodyBlock[]
}

/** One output file. */
export interface Page {
  /** Path inside the output folder, forward slashes (`2024/10/05/slug/index.html`). */
  readonly path: string
  readonly contents: string | Uint8Array
}

/** A message recorded on a file, in a form that crosses threads and caches. */
export interface MessageRecord {
  readonly reason: string
  readonly ruleId: string
  /** true for errors, false for warnings, undefined for information. */
  readonly fatal: boolean | undefined
  readonly place?: { start: { line: number; column: number }; end?: { line: number; column: number } }
  readonly cause?: { readonly file: string; readonly reason: string; readonly place?: { start: { line: number; column: number }; end?: { line: number; column: number } } }
  readonly note?: string
}

/**
 * What the pipeline keeps of a rendered article while it plans the site: everything but its
 * trees, which wait in the cache under `key` until the article's page is rendered, and its text,
 * which is made into its search terms and story features as it is rendered.
 */
export interface ArticleSummary extends Omit<RenderedArticle, 'file' | 'tree' | 'body' | 'text'> {
  /** Content address of the article: its bytes, the settings that shape it, Gazette's version. */
  readonly key: string
  /** Whether the slug came from the frontmatter, and where. */
  readonly explicitSlug: boolean
  readonly slugPlace: { line: number; column: number } | undefined
}

/**
 * What story detection and search need of an article's text: sorted shingle hashes, MinHash
 * signature and term counts for stories; the words search finds it by (`term<TAB>count` lines).
 */
export interface StoryRecord {
  readonly shingles: Uint32Array
  readonly signature: Uint32Array
  readonly terms: string
  readonly search: string
}
