import type { Source } from '../types.js'
import { digestOf, type Stamp } from './stamp.js'

/** A problem met while reading, reported against a path relative to the root. */
export interface ReadProblem {
  readonly path: string
  readonly ruleId: 'file-unreadable' | 'file-outside-root' | 'config-syntax'
  readonly reason: string
  readonly place?: { line: number; column: number }
}

/** What the reader found under a root. */
export interface RootContents {
  /** The parsed config file, or undefined when there is none. */
  readonly config: unknown
  /** Name of the config file, for messages. */
  readonly configPath: string
  readonly sources: Source[]
  /** Content files found and left unread, as `read` was asked (`skip`): their paths, sorted. */
  readonly unread: string[]
  readonly problems: ReadProblem[]
}

/** The only way the pipeline reads its input or writes content files back (ingest). */
export interface SourceStore {
  /** Read every source and the config; content files named in `skip` are only listed (`unread`), the caller knowing them already. */
  read(options?: { readonly skip?: ReadonlySet<string> }): Promise<RootContents>
  /** Read one content file again, by its path relative to the root; undefined when it is not one the store would read. */
  readOne(path: string): Promise<Source | undefined>
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
    async read(options = {}) {
      const sources: Source[] = []
      const unread: string[] = []
      for (const [path, contents] of [...map].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        const kind = sourceKind(path)
        if (!kind) continue
        if (kind === 'markdown' && options.skip?.has(path)) unread.push(path)
        else sources.push({ path, kind, bytes: typeof contents === 'string' ? new TextEncoder().encode(contents) : contents })
      }
      return { config, configPath: 'gazette.config.json', sources, unread, problems: [] }
    },
    async readOne(path) {
      const contents = map.get(path)
      const kind = sourceKind(path)
      if (contents === undefined || !kind) return undefined
      return { path, kind, bytes: typeof contents === 'string' ? new TextEncoder().encode(contents) : contents }
    },
    async writeSource(path, text) {
      map.set(path, text)
    },
    async stamp() {
      const stamp: Record<string, string> = { 'gazette.config.json': JSON.stringify(config ?? null) }
      for (const [path, contents] of map) if (sourceKind(path)) stamp[path] = digestOf(contents)
      return { stamp }
    }
  }
}

/** The kind of source a root-relative path holds, or undefined when Gazette does not read it. */
export function sourceKind(path: string): Source['kind'] | undefined {
  if (/^content\/.+\.(?:md|markdown)$/i.test(path)) return 'markdown'
  if (/^seeds\/.+\.txt$/i.test(path)) return 'text'
  if (/^seeds\/.+\.html?$/i.test(path)) return 'html'
  return undefined
}
