import type { Source } from '../types.js'
import { digestOf, type Stamp } from './stamp.js'

/** A problem met while reading, reported against a path relative to the root. */
export interface ReadProblem {
  readonly path: string
  readonly ruleId: 'file-unreadable' | 'file-outside-root' | 'config-syntax' | 'file-misplaced' | 'root-empty'
  readonly reason: string
  readonly place?: { line: number; column: number }
  /** A problem that loses nothing the person meant to publish is a warning; every other stops the build. */
  readonly warning?: boolean
}

/** What the reader found under a root. */
export interface RootContents {
  /** The parsed config file, or undefined when there is none. */
  readonly config: unknown
  /** Name of the config file, for messages. */
  readonly configPath: string
  /** The raw seeds (`seeds/`), read. */
  readonly sources: Source[]
  /**
   * The content files found, by path, sorted, and not read: the build reads each with
   * `readContent` as the worker threads take them, or not at all when it knows the file.
   */
  readonly content: string[]
  readonly problems: ReadProblem[]
}

/** The only way the pipeline reads its input or writes content files back (ingest). */
export interface SourceStore {
  /** Read the seeds and the config, and list the content files. */
  read(): Promise<RootContents>
  /**
   * Read a content file the last `read` listed, or say why it cannot be read now. Synchronous,
   * so that a batch of articles is read the moment a thread is free for it. Why one at a time:
   * read all at once, the content of 50,000 articles was a quarter of a gigabyte held until the
   * last of them was processed, and the memory allocator kept it after that.
   */
  readContent(path: string): Source | ReadProblem
  /** Read one content file again, by its path relative to the root; undefined when it is not one the store would read. */
  readOne(path: string): Promise<Source | undefined>
  /** The bytes of an image beside the articles (`isMedia`), or undefined when there is no such file (or it is over `maxMediaBytes`). */
  readMedia(path: string): Uint8Array | undefined
  /** The size in bytes of an image beside the articles, or undefined when there is no such file. */
  mediaSize(path: string): number | undefined
  /** Write a content file produced by ingest (`content/<slug>.md`). */
  writeSource(path: string, text: string): Promise<void>
  /**
   * How the sources and the config look now, without reading them, to compare with the stamp
   * taken before the last build; undefined when the store cannot tell (the root is then read).
   */
  stamp?(previous?: Stamp): Promise<{ stamp: Stamp; refresh?: Stamp } | undefined>
}

/** An in-memory store for tests: paths relative to the root map to file contents. */
export function memoryStore(files: Record<string, string | Uint8Array>, config?: unknown): SourceStore & { files: Map<string, string | Uint8Array> } {
  const map = new Map(Object.entries(files))
  return {
    files: map,
    async read() {
      const sources: Source[] = []
      const content: string[] = []
      const problems: ReadProblem[] = []
      for (const [path, contents] of [...map].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        const kind = sourceKind(path)
        if (kind === 'markdown') content.push(path)
        else if (kind) sources.push({ path, kind, bytes: typeof contents === 'string' ? new TextEncoder().encode(contents) : contents })
        else {
          const problem = misplaced(path)
          if (problem) problems.push(problem)
        }
      }
      return { config, configPath: 'gazette.config.json', sources, content, problems }
    },
    readContent(path) {
      const contents = map.get(path)
      if (contents === undefined) return unreadable(path, 'ENOENT')
      return { path, kind: 'markdown', bytes: typeof contents === 'string' ? new TextEncoder().encode(contents) : contents }
    },
    async readOne(path) {
      const contents = map.get(path)
      const kind = sourceKind(path)
      if (contents === undefined || !kind) return undefined
      return { path, kind, bytes: typeof contents === 'string' ? new TextEncoder().encode(contents) : contents }
    },
    readMedia(path) {
      const contents = map.get(path)
      return contents === undefined || !isMedia(path) ? undefined : typeof contents === 'string' ? new TextEncoder().encode(contents) : contents
    },
    mediaSize(path) {
      const contents = map.get(path)
      return contents === undefined || !isMedia(path) ? undefined : typeof contents === 'string' ? new TextEncoder().encode(contents).byteLength : contents.byteLength
    },
    async writeSource(path, text) {
      map.set(path, text)
    },
    async stamp() {
      const stamp: Record<string, string> = { 'gazette.config.json': JSON.stringify(config ?? null) }
      for (const [path, contents] of map) if (sourceKind(path) || isMedia(path) || misplaced(path)) stamp[path] = digestOf(contents)
      return { stamp }
    }
  }
}

/**
 * A warning for a file in the wrong folder for its kind, which would otherwise be passed over in
 * silence: raw text or a saved page in `content/`, MDX, AsciiDoc, Org, reStructuredText or Textile
 * in `content/`, and in `seeds/` Markdown, a page saved whole (MHTML, a web archive) or a document
 * (Word, OpenDocument, RTF, PDF, Pages, EPUB). A document in `content/` may be a file an article
 * links to, and is passed over.
 */
export function misplaced(path: string): ReadProblem | undefined {
  if (/^content\/.+\.(?:txt|html?)$/i.test(path)) return { path, ruleId: 'file-misplaced', warning: true, reason: `"${path}" is not read: content/ holds Markdown files with frontmatter. Move raw text and saved pages to seeds/, where they are ingested.` }
  // Other tools' formats: their posts would otherwise vanish from the site without a word.
  if (/^content\/.+\.mdx$/i.test(path)) return { path, ruleId: 'file-misplaced', warning: true, reason: `"${path}" is not read: Gazette reads Markdown, not MDX. Take out its imports and components and rename it to .md.` }
  if (/^content\/.+\.(?:adoc|asciidoc|org|rst|textile)$/i.test(path)) return { path, ruleId: 'file-misplaced', warning: true, reason: `"${path}" is not read: Gazette reads Markdown (.md) with YAML frontmatter. Convert it to Markdown, for example with pandoc.` }
  if (/^seeds\/.+\.(?:md|markdown)$/i.test(path)) return { path, ruleId: 'file-misplaced', warning: true, reason: `"${path}" is not read: seeds/ holds raw text (.txt) and saved pages (.html). Move Markdown files with frontmatter to content/, or rename the file to .txt to have it ingested.` }
  // A page saved whole in one file by a browser, and a word processor's document: the story in it would vanish without a word.
  if (/^seeds\/.+\.(?:mhtml?|webarchive)$/i.test(path)) return { path, ruleId: 'file-misplaced', warning: true, reason: `"${path}" is not read: Gazette reads saved pages as HTML. Save the page again as "Web Page, HTML Only" (.html) into seeds/.` }
  if (/^seeds\/.+\.(?:docx?|odt|rtf|pdf|pages|epub)$/i.test(path)) return { path, ruleId: 'file-misplaced', warning: true, reason: `"${path}" is not read: Gazette reads raw text (.txt), saved pages (.html) and Markdown (.md). Save the article's text as a .txt file in seeds/, or convert it, for example with pandoc.` }
  return undefined
}

/** The problem of a file that could not be read, by the error's code. */
export function unreadable(path: string, code: string): ReadProblem {
  if (code === 'ENOENT') return { path, ruleId: 'file-unreadable', reason: `"${path}" was removed while the site was being built; build again.` }
  return { path, ruleId: 'file-unreadable', reason: `"${path}" could not be read (${code}); check its permissions.` }
}

/** The largest image Gazette copies into a site. */
export const maxMediaBytes = 64 * 1024 * 1024

/**
 * Whether a root-relative path is an image an article in `content/` may show from beside it
 * (`![Waves](img/waves.jpg)`): copied into the site as it is. Not SVG, which can carry scripts
 * that would run on the site's own origin when opened.
 */
export function isMedia(path: string): boolean {
  return /^content\/.+\.(?:jpe?g|png|gif|webp|avif)$/i.test(path)
}

/** The kind of source a root-relative path holds, or undefined when Gazette does not read it. */
export function sourceKind(path: string): Source['kind'] | undefined {
  if (/^content\/.+\.(?:md|markdown|mdown|mkd|mkdn|mdwn|markdn)$/i.test(path)) return 'markdown'
  if (/^seeds\/.+\.txt$/i.test(path)) return 'text'
  if (/^seeds\/.+\.html?$/i.test(path)) return 'html'
  return undefined
}
