import { createHash } from 'node:crypto'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { threadId } from 'node:worker_threads'
import type { Root as HastRoot } from 'hast'
import type { SavedSearchIndex } from '../search-index.js'
import type { StoryCache } from '../stories.js'
import type { RelatingMemory } from '../story/related-stories.js'
import type { ArticleSummary, MessageRecord, StoryRecord } from '../types.js'
import type { LastBuild } from '../up-to-date.js'
import { whyUnwritable } from '../diagnostics.js'
import { arrayOf, readArraysFile, writeArraysFile, type ArrayInPieces } from './arrays-file.js'
import { makeFolders } from './folders.js'
import { jsonText, writeTextAtomically } from './json-file.js'
import { recordFile, type FileLayout, type RecordCodec } from './record-file.js'

/** What one build leaves for the next: articles by content key, and the key of every page written. */
export interface CacheState {
  readonly articles: Record<string, { readonly messages: MessageRecord[]; readonly summary?: ArticleSummary }>
  /** Page keys by output path, valid only for the output folder named. */
  readonly pages: { readonly out: string; readonly keys: Record<string, string> }
  /** What story clustering found, under the key of the articles it compared. */
  readonly stories?: StoryCache
}

/** A persistent, content-addressed store of what earlier builds computed. */
export interface BuildCache {
  load(): Promise<CacheState>
  /** Save the state; bodies whose keys it no longer names are removed. */
  save(state: CacheState): Promise<void>
  readBody(key: string): Promise<HastRoot | undefined>
  writeBody(key: string, body: HastRoot): Promise<void>
  /** What story detection compares of each article, by content key: one file, read only when clustering runs. */
  loadStories(): Promise<Map<string, StoryRecord>>
  /** Add story records; those saved before stay. */
  addStories(stories: Iterable<readonly [string, StoryRecord]>): Promise<void>
  /**
   * Forget the story records whose content keys `live` does not name. Given each record's
   * signature (`signatureOf`), the cache may keep them apart too, for the next `loadStories`.
   */
  pruneStories(live: ReadonlySet<string>, signatureOf?: (key: string) => Uint32Array | undefined): Promise<void>
  /**
   * Visit the search terms of the saved story records these content keys name, one record at a
   * time: the search index takes them so, and no build holds every article's terms at once.
   */
  eachSearchTerms(keys: ReadonlySet<string>, visit: (key: string, terms: string) => void): Promise<void>
  /**
   * What the last successful build saw and reported: a small file, read first by every build;
   * with `messages`, its messages too, kept in a file of their own.
   */
  loadLast(options?: { readonly messages?: boolean }): Promise<LastBuild | undefined>
  /** Save the last build (its messages too when it has them, else those saved stay), or forget it (undefined). */
  saveLast(last: LastBuild | undefined): Promise<void>
  /** The search index the last build that made one wrote, if the cache has it. */
  loadSearchIndex(): Promise<SavedSearchIndex | undefined>
  saveSearchIndex(index: SavedSearchIndex): Promise<void>
  /** What the last relating of stories found, if the cache has it. */
  loadRelating(): Promise<RelatingMemory | undefined>
  saveRelating(memory: RelatingMemory): Promise<void>
}

/** The shape of what the cache holds. */
const cacheFormat = 8

const empty = (): CacheState => ({ articles: {}, pages: { out: '', keys: {} } })

/** Positions are only for messages; bodies in the cache do without them. */
function withoutPositions(key: string, value: unknown): unknown {
  return key === 'position' ? undefined : value
}

/**
 * A cache that answers from memory what this process saved, and writes it to `disk` only when
 * `flush` is called: for the dev server, whose builds follow each other in one process and need
 * not wait for the disk, which is there for the next process. Bodies go to disk at once (worker
 * threads read them there). Flush between builds, never during one: saving prunes the bodies the
 * state does not name, and a build under way writes bodies of its own.
 */
export function writeBehind(disk: BuildCache): BuildCache & { flush(): Promise<void> } {
  let state: Promise<CacheState> | undefined
  let stories: Map<string, StoryRecord> | undefined
  // Story records added, and the live keys last pruned to (with those added since), since the last flush.
  let added = new Map<string, StoryRecord>()
  let prunedTo: Set<string> | undefined
  let signatureOf: ((key: string) => Uint32Array | undefined) | undefined
  let last: { readonly value: LastBuild | undefined } | undefined
  /** Messages saved with a last build that is not on disk yet. */
  let unwritten: LastBuild['messages']
  let search: { readonly value: SavedSearchIndex } | undefined
  let relating: { readonly value: RelatingMemory } | undefined
  const pending = new Map<'state' | 'stories' | 'last' | 'search' | 'relating', () => Promise<void>>()
  const writeStories = async () => {
    const [records, live] = [added, prunedTo]
    added = new Map()
    prunedTo = undefined
    await disk.addStories(records)
    if (live) await disk.pruneStories(live, signatureOf)
  }
  return {
    load: () => (state ??= disk.load()),
    async save(next) {
      state = Promise.resolve(next)
      pending.set('state', () => disk.save(next))
    },
    readBody: (key) => disk.readBody(key),
    writeBody: (key, body) => disk.writeBody(key, body),
    async loadStories() {
      return new Map(stories ?? (stories = await disk.loadStories()))
    },
    async addStories(next) {
      stories ??= await disk.loadStories()
      for (const [key, story] of next) {
        stories.set(key, story)
        added.set(key, story)
        prunedTo?.add(key)
      }
      pending.set('stories', writeStories)
    },
    async pruneStories(live) {
      const held = (stories ??= await disk.loadStories())
      for (const key of held.keys()) if (!live.has(key)) held.delete(key)
      for (const key of added.keys()) if (!live.has(key)) added.delete(key)
      prunedTo = new Set(live)
      signatureOf = (key) => held.get(key)?.signature
      pending.set('stories', writeStories)
    },
    eachSearchTerms: (keys, visit) => (stories ? searchTermsIn(stories, keys, visit) : disk.eachSearchTerms(keys, visit)),
    async loadLast(options = {}) {
      if (!last) return disk.loadLast(options)
      if (!last.value) return undefined
      const { messages, ...rest } = last.value
      return options.messages && messages ? { ...rest, messages } : rest
    },
    async saveLast(next) {
      // As the disk keeps the messages saved before when the new record has none.
      const before = last ? last.value : await disk.loadLast({ messages: true })
      last = { value: next && !next.messages && before?.messages ? { ...next, messages: before.messages } : next }
      if (!next) unwritten = undefined
      else if (next.messages) unwritten = next.messages
      const record = next && !next.messages && unwritten ? { ...next, messages: unwritten } : next
      pending.set('last', () => disk.saveLast(record))
    },
    loadSearchIndex: async () => (search ? search.value : disk.loadSearchIndex()),
    async saveSearchIndex(index) {
      search = { value: index }
      pending.set('search', () => disk.saveSearchIndex(index))
    },
    loadRelating: async () => (relating ? relating.value : disk.loadRelating()),
    async saveRelating(memory) {
      relating = { value: memory }
      pending.set('relating', () => disk.saveRelating(memory))
    },
    async flush() {
      const writes = [...pending.values()]
      pending.clear()
      unwritten = undefined
      for (const write of writes) await write()
    }
  }
}

/** A cache in memory, for tests and a dev server that cannot write its cache. */
export function memoryCache(): BuildCache {
  let state = empty()
  const bodies = new Map<string, string>()
  let stories = new Map<string, StoryRecord>()
  let last: LastBuild | undefined
  let search: SavedSearchIndex | undefined
  let relating: RelatingMemory | undefined
  return {
    loadSearchIndex: async () => search,
    async saveSearchIndex(index) {
      search = index
    },
    loadRelating: async () => relating,
    async saveRelating(memory) {
      relating = memory
    },
    async loadLast(options = {}) {
      if (!last) return undefined
      const { messages, ...rest } = last
      return options.messages && messages ? { ...rest, messages } : rest
    },
    async saveLast(next) {
      last = next && !next.messages && last?.messages ? { ...next, messages: last.messages } : next
    },
    async load() {
      return state
    },
    async save(next) {
      state = next
      const live = new Set(Object.keys(next.articles))
      for (const key of bodies.keys()) if (!live.has(key)) bodies.delete(key)
    },
    async readBody(key) {
      const text = bodies.get(key)
      return text === undefined ? undefined : (JSON.parse(text) as HastRoot)
    },
    async writeBody(key, body) {
      bodies.set(key, JSON.stringify(body, withoutPositions))
    },
    async loadStories() {
      return new Map(stories)
    },
    async addStories(next) {
      for (const [key, story] of next) stories.set(key, story)
    },
    async pruneStories(live) {
      for (const key of stories.keys()) if (!live.has(key)) stories.delete(key)
    },
    eachSearchTerms: (keys, visit) => searchTermsIn(stories, keys, visit)
  }
}

async function searchTermsIn(stories: ReadonlyMap<string, StoryRecord>, keys: ReadonlySet<string>, visit: (key: string, terms: string) => void): Promise<void> {
  for (const [key, story] of stories) if (keys.has(key)) visit(key, story.search)
}

/** A cache in a folder (`<root>/.gazette-cache/`), shared by the build's worker threads. */
export function fsCache(dir: string, gazetteVersion: string): BuildCache {
  // Bump the format when what the cache holds changes shape: an older cache is then ignored.
  const version = `${gazetteVersion}/cache-format-${cacheFormat}`
  const statePath = join(dir, 'state.json')
  const lastPath = join(dir, 'last-build.json')
  const messagesPath = join(dir, 'last-build-messages.json')
  const searchPath = join(dir, 'search.bin')
  const relatingPath = join(dir, 'related.bin')
  const storiesPath = join(dir, 'stories.bin')
  const signaturesPath = join(dir, 'signatures.bin')
  const signaturesHeader = `gazette-signatures\n${version}`
  const clustersPath = join(dir, 'clusters.bin')
  const clustersHeader = `gazette-clusters\n${version}`
  // What clustering found, as last loaded or saved: written again only when it is another.
  let savedStories: StoryCache | undefined
  const bodyPath = (key: string) => join(dir, 'bodies', key.slice(0, 2), `${key}.json`)
  const madeFolders = new Set<string>()
  let writeCount = 0
  // Written by the first body a build writes and removed by the save that ends it: found by the
  // next load, it tells of a build that wrote bodies and never saved the records naming them.
  const unsavedPath = join(dir, 'bodies', 'unsaved')
  let marked = false
  // The keys the state last loaded or saved named. Each build writes bodies only for the articles
  // its state names, so the bodies a save makes unnamed are those keys it drops.
  let namedKeys: readonly string[] = []
  // Whether bodies may lie there that no saved record names (a cache of another version, a build
  // that died): the next save lists the folder and removes every one its state does not name.
  let sweepAll = true
  // Article records and story records: one file each, appended to (record-file.ts).
  const articleRecords = recordFile(join(dir, 'articles.bin'), `gazette-articles\n${version}`, articleCodec)
  const storyRecords = recordFile(storiesPath, `gazette-stories\n${version}`, storyCodec)
  return {
    async load() {
      // Articles are records of their own, good whatever became of the rest of the state.
      const articles = Object.fromEntries(await articleRecords.load())
      namedKeys = Object.keys(articles)
      // (A cache with no bodies yet has none to sweep: a first build lists no folder.)
      sweepAll = (namedKeys.length === 0 && existsSync(join(dir, 'bodies'))) || existsSync(unsavedPath)
      try {
        const saved = JSON.parse(await readFile(statePath, 'utf8')) as Omit<CacheState, 'articles' | 'stories'> & { version?: string }
        // Another Gazette may shape pages and stories differently: start over.
        if (saved.version === version) {
          savedStories = orNothing(() => readClusters(clustersPath, clustersHeader))
          return { pages: saved.pages, ...(savedStories ? { stories: savedStories } : {}), articles }
        }
      } catch {
        // No state yet, or an unreadable one: start over.
      }
      return { ...empty(), articles }
    },
    async loadLast(options = {}) {
      try {
        const saved = JSON.parse(await readFile(lastPath, 'utf8')) as LastBuild & { version?: string; messagesId?: string }
        if (saved.version !== version) return undefined
        if (!options.messages) return saved
        // The messages must be the ones this record was saved with; without them, there is no last build to answer from.
        const messages = JSON.parse(await readFile(messagesPath, 'utf8')) as { id: string; files: NonNullable<LastBuild['messages']> }
        return messages.id === saved.messagesId ? { ...saved, messages: messages.files } : undefined
      } catch {
        return undefined
      }
    },
    async saveLast(last) {
      if (!last) {
        await rm(lastPath, { force: true })
        return rm(messagesPath, { force: true })
      }
      await mkdir(dir, { recursive: true })
      const { messages, ...record } = last as LastBuild & { messagesId?: string }
      let messagesId = record.messagesId
      if (messages) {
        // Messages first: a record is never saved naming messages that are not there. Their id
        // is the digest of their text, known once the text is written: it comes last.
        const digest = createHash('sha1')
        await writeTextAtomically(messagesPath, (function* () {
          yield '{"files":'
          for (const piece of jsonText(messages, 1)) {
            digest.update(piece)
            yield piece
          }
          messagesId = digest.digest('base64url')
          yield `,"id":${JSON.stringify(messagesId)}}`
        })())
      }
      await writeTextAtomically(lastPath, jsonText({ version, ...record, messagesId }, 3))
    },
    async save(state) {
      await mkdir(dir, { recursive: true })
      const { articles, stories, ...rest } = state
      await articleRecords.save(new Map(Object.entries(articles)))
      // What clustering found has a file of its own, written only when it is another: after a
      // killed build either file may be the newer, and each stands on its own (clusters under
      // the key of the articles they compared).
      if (!stories) await rm(clustersPath, { force: true })
      else if (stories !== savedStories) await writeClusters(clustersPath, clustersHeader, stories)
      savedStories = stories
      await writeTextAtomically(statePath, jsonText({ version, ...rest }, 3))
      const live = new Set(Object.keys(state.articles))
      // Synchronous, like the writes: removed one await at a time, the 10,000 bodies a new
      // version of Gazette leaves took 12.8 s, against 0.3 s here.
      if (sweepAll) sweepBodies(join(dir, 'bodies'), live)
      else for (const key of namedKeys) if (!live.has(key)) removeQuietly(bodyPath(key))
      removeQuietly(unsavedPath)
      marked = false
      namedKeys = [...live]
      sweepAll = false
    },
    // Bodies are small files read and written by worker threads, with synchronous calls: they
    // block only that thread, and a thread-pool round trip per call cost several times as much
    // (5,000 bodies: 0.1 s synchronous, 0.4-0.6 s asynchronous, on this project's machine).
    async readBody(key) {
      try {
        return JSON.parse(readFileSync(bodyPath(key), 'utf8')) as HastRoot
      } catch {
        return undefined
      }
    },
    loadSearchIndex: async () => orNothing(() => readSearchIndex(searchPath, `gazette-search\n${version}`)),
    async saveSearchIndex(index) {
      await mkdir(dir, { recursive: true })
      await writeSearchIndex(searchPath, `gazette-search\n${version}`, index)
    },
    loadRelating: async () => orNothing(() => readRelating(relatingPath, `gazette-related\n${version}`)),
    async saveRelating(memory) {
      await mkdir(dir, { recursive: true })
      await writeRelating(relatingPath, `gazette-related\n${version}`, memory)
    },
    // Read lazily: clustering needs every article's signature but the shingles of a few pairs,
    // and relating stories the term counts of the articles it does not remember. Read whole, the
    // file was 57 MB of a one-article rebuild's memory at 10,000 articles, 287 MB at 50,000.
    // The signatures kept apart spare reading the story file through for them, when they are of
    // the file as it is: 58 MB at 10,000 articles, in every rebuild that clusters stories again.
    async loadStories() {
      const kept = orNothing(() => readSignatures(signaturesPath, signaturesHeader, fileStamp(storiesPath)))
      if (kept) return storyRecords.adopt(kept.layout, (place, parts) => lazyStory(kept.signatures.subarray(kept.starts[place]!, kept.starts[place + 1]!), parts))
      return storyRecords.loadLazily((parts) => wordsOf(parts[storyPart.signature]!), lazyStory)
    },
    addStories: (stories) => storyRecords.add(stories),
    async pruneStories(live, signatureOf) {
      await storyRecords.prune(live)
      const layout = storyRecords.layout()
      const stamp = fileStamp(storiesPath)
      if (signatureOf && layout && stamp) await writeSignatures(signaturesPath, signaturesHeader, layout, stamp, live, signatureOf)
    },
    eachSearchTerms: (keys, visit) => storyRecords.eachOf(keys, (key, parts) => visit(key, parts[storyPart.search]!.toString())),
    async writeBody(key, body) {
      const path = bodyPath(key)
      const folder = join(path, '..')
      if (!madeFolders.has(folder)) {
        mkdirSync(folder, { recursive: true })
        madeFolders.add(folder)
      }
      if (!marked) {
        writeFileSync(unsavedPath, '')
        marked = true
      }
      // Renamed into place, so a killed build never leaves half a body under a valid key.
      const temporary = `${path}.${threadId}-${process.pid}-${(writeCount++).toString(36)}.tmp`
      writeFileSync(temporary, JSON.stringify(body, withoutPositions))
      renameSync(temporary, path)
    }
  }
}

/**
 * Where and why a cache cannot be kept in `folder` (its bodies' folder made, a file written), and
 * whether a file is in the way; undefined when it can be.
 */
export function cacheProblem(folder: string): { path: string; reason: string; blocked: boolean } | undefined {
  let path = folder
  try {
    makeFolders(folder)
    path = join(folder, 'bodies')
    makeFolders(path)
    path = folder
    const probe = join(folder, `.probe.${process.pid}.tmp`)
    writeFileSync(probe, '')
    unlinkSync(probe)
    return undefined
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code
    return { path, reason: whyUnwritable(cause), blocked: code === 'ENOTDIR' || code === 'EEXIST' }
  }
}

/** Remove every body in `folder` whose key `live` does not name, and any temporary file a killed write left. */
function sweepBodies(folder: string, live: ReadonlySet<string>): void {
  let shards: string[]
  try {
    shards = readdirSync(folder)
  } catch {
    return
  }
  for (const shard of shards) {
    let names: string[]
    try {
      names = readdirSync(join(folder, shard))
    } catch {
      // Not a folder: the marker of unsaved bodies, which the save removes itself.
      continue
    }
    for (const name of names) if (!(name.endsWith('.json') && live.has(name.slice(0, -5)))) removeQuietly(join(folder, shard, name))
  }
}

/** Remove a file, if it is still there. */
function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // Gone already, or never made: either way it is not there.
  }
}

/** An article's messages and summary, as JSON. */
const articleCodec: RecordCodec<CacheState['articles'][string]> = {
  parts: 1,
  encode: (record) => [Buffer.from(JSON.stringify(record))],
  decode: ([json]) => JSON.parse(json!.toString()) as CacheState['articles'][string]
}

/**
 * An article's story record: shingles and signature as bytes, terms and search terms as text.
 * Why not JSON: at ten thousand articles the arrays as base64 in JSON took a third of a second
 * to read and as long to write. The file is read lazily (`loadStories`), and the search index
 * reads its terms from the file on its own (`eachSearchTerms`).
 */
const storyCodec: RecordCodec<StoryRecord> = {
  parts: 4,
  encode: (story) => [bytesOf(story.shingles), bytesOf(story.signature), Buffer.from(story.terms), Buffer.from(story.search)],
  decode: (parts) => lazyStory(wordsOf(parts[storyPart.signature]!), () => parts)
}

/** Where each part of a story record is among its parts. */
const storyPart = { shingles: 0, signature: 1, terms: 2, search: 3 } as const

/**
 * A story record read lazily: its signature as read, the rest from the file when asked (the
 * shingles and search terms kept once read, the term counts not: they are read once).
 */
function lazyStory(signature: Uint32Array, parts: () => Buffer[]): StoryRecord {
  let shingles: Uint32Array | undefined
  let search: string | undefined
  return {
    get shingles() {
      return (shingles ??= wordsOf(parts()[storyPart.shingles]!))
    },
    signature,
    get terms() {
      return parts()[storyPart.terms]!.toString()
    },
    get search() {
      return (search ??= parts()[storyPart.search]!.toString())
    }
  }
}

function bytesOf(words: Uint32Array): Buffer {
  return Buffer.from(words.buffer, words.byteOffset, words.byteLength)
}

/** Copy into a buffer of its own: a Uint32Array cannot start at an odd offset of the file's bytes. */
function wordsOf(part: Buffer): Uint32Array {
  const words = new Uint32Array(part.length / 4)
  new Uint8Array(words.buffer).set(part)
  return words
}

/** The story file's size, times and inode: written again or appended to, it is another file. */
function fileStamp(path: string): string | undefined {
  try {
    const stats = statSync(path, { bigint: true })
    return `${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}`
  } catch {
    return undefined
  }
}

/**
 * Keep apart the story file's layout and its records' signatures, stamped with the file they
 * are of. A record no longer live whose signature is not given is left out (a load from this
 * does not give it); without the signature of a live one, nothing is written, and the next load
 * reads the story file.
 */
async function writeSignatures(path: string, header: string, layout: FileLayout, stamp: string, live: ReadonlySet<string>, signatureOf: (key: string) => Uint32Array | undefined): Promise<void> {
  const places: number[] = []
  const signatures: Uint32Array[] = []
  for (let place = 0; place < layout.keys.length; place++) {
    const key = layout.keys[place]!
    const signature = signatureOf(key)
    if (!signature && live.has(key)) return
    if (!signature) continue
    places.push(place)
    signatures.push(signature)
  }
  const starts = new Int32Array(signatures.length + 1)
  signatures.forEach((signature, k) => (starts[k + 1] = starts[k]! + signature.length))
  const about = { stamp, length: layout.length, keys: places.map((place) => layout.keys[place]!) }
  const at = Float64Array.from(places, (place) => layout.at[place]!)
  const size = Float64Array.from(places, (place) => layout.size[place]!)
  await writeArraysFile(path, header, about, [at, size, starts, inPieces(signatures, starts[signatures.length]! * 4)])
}

/** Many small arrays' bytes as one, copied a megabyte at a time: written one by one, they were a system call each. */
function inPieces(arrays: readonly Uint32Array[], byteLength: number): ArrayInPieces {
  return {
    byteLength,
    pieces: (function* () {
      const piece = new Uint32Array(1 << 18)
      let used = 0
      for (const array of arrays) {
        if (used + array.length > piece.length) {
          // The piece is written before the next is asked for, so it can be filled again.
          yield new Uint8Array(piece.buffer, 0, used * 4)
          used = 0
        }
        if (array.length > piece.length) yield new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
        else {
          piece.set(array, used)
          used += array.length
        }
      }
      yield new Uint8Array(piece.buffer, 0, used * 4)
    })()
  }
}

/** The signatures kept apart and the layout they go with, if they are of the story file as it is (`stamp`). */
function readSignatures(path: string, header: string, stamp: string | undefined): { layout: FileLayout; starts: Int32Array; signatures: Uint32Array } | undefined {
  if (stamp === undefined) return undefined
  const read = readArraysFile(path, header, 4)
  if (!read) return undefined
  const about = read.about as { stamp?: unknown; length?: unknown; keys?: unknown }
  if (about.stamp !== stamp || typeof about.length !== 'number' || !Array.isArray(about.keys)) return undefined
  const keys = about.keys as string[]
  const [at, size, starts, signatures] = [arrayOf(read.parts[0]!, Float64Array), arrayOf(read.parts[1]!, Float64Array), arrayOf(read.parts[2]!, Int32Array), arrayOf(read.parts[3]!, Uint32Array)]
  if (!at || !size || !starts || !signatures || at.length !== keys.length || size.length !== keys.length || starts.length !== keys.length + 1 || starts[keys.length] !== signatures.length) return undefined
  return { layout: { keys, at, size, length: about.length }, starts, signatures }
}

/** What `read` gives, or nothing when it fails: a damaged file of the cache is one it does not have. */
function orNothing<T>(read: () => T | undefined): T | undefined {
  try {
    return read()
  } catch {
    return undefined
  }
}

function writeSearchIndex(path: string, header: string, index: SavedSearchIndex): Promise<void> {
  const { postings } = index
  const about = { key: index.key, articles: index.articles, documents: index.documents, shards: index.shards, count: postings.count, names: postings.names, wide: postings.ids instanceof Int32Array }
  return writeArraysFile(path, header, about, [postings.starts, postings.ids, postings.counts, Int32Array.from([...postings.large].flat())])
}

function readSearchIndex(path: string, header: string): SavedSearchIndex | undefined {
  const read = readArraysFile(path, header, 4)
  if (!read) return undefined
  const about = read.about as Pick<SavedSearchIndex, 'key' | 'articles' | 'documents' | 'shards'> & { count: number; names: string[]; wide: boolean }
  const [startsPart, idsPart, countsPart, largePart] = read.parts as [Uint8Array, Uint8Array, Uint8Array, Uint8Array]
  const starts = arrayOf(startsPart, Int32Array)
  const ids = about.wide ? arrayOf(idsPart, Int32Array) : arrayOf(idsPart, Uint16Array)
  const counts = arrayOf(countsPart, Uint8Array)
  const large = arrayOf(largePart, Int32Array)
  if (!starts || !ids || !counts || !large) return undefined
  const pairs = new Map<number, number>()
  for (let k = 0; k + 1 < large.length; k += 2) pairs.set(large[k]!, large[k + 1]!)
  // Parts that do not fit each other are not an index to update.
  const fits = about.articles.length === about.count && starts.length === about.names.length + 1 && starts[0] === 0 && starts.at(-1) === ids.length && counts.length === ids.length && about.shards.reduce((terms, shard) => terms + shard.terms, 0) === about.names.length
  return fits ? { key: about.key, articles: about.articles, ...(Array.isArray(about.documents) ? { documents: about.documents } : {}), shards: about.shards, postings: { count: about.count, names: about.names, starts, ids, counts, large: pairs } } : undefined
}

/**
 * Write what clustering found: its clusters and the remembered pairs' keys as JSON, the pairs'
 * codes as they are, and related stories as numbers standing for paths. Why not in the state's
 * JSON: at 10,000 articles it was seven of its eight megabytes, written and read by every
 * build that clustered again.
 */
function writeClusters(path: string, header: string, stories: StoryCache): Promise<void> {
  const paths: string[] = []
  const numbers = new Map<string, number>()
  const numberOf = (name: string) => {
    let number = numbers.get(name)
    if (number === undefined) numbers.set(name, (number = paths.push(name) - 1))
    return number
  }
  const ids = new Int32Array(stories.related.length)
  const starts = new Int32Array(stories.related.length + 1)
  stories.related.forEach(([id, list], k) => {
    ids[k] = numberOf(id)
    starts[k + 1] = starts[k]! + list.length
  })
  const targets = new Int32Array(starts[stories.related.length]!)
  stories.related.forEach(([, list], k) => list.forEach((target, at) => (targets[starts[k]! + at] = numberOf(target))))
  const about = { key: stories.key, clusters: stories.clusters, paths, pairKeys: stories.pairs?.keys ?? null }
  return writeArraysFile(path, header, about, [ids, starts, targets, stories.pairs?.checked ?? new Float64Array(0)])
}

/** What clustering found, as `writeClusters` wrote it; undefined when the parts do not fit each other. */
function readClusters(path: string, header: string): StoryCache | undefined {
  const read = readArraysFile(path, header, 4)
  if (!read) return undefined
  const about = read.about as { key?: unknown; clusters?: unknown; paths?: unknown; pairKeys?: unknown }
  const [ids, starts, targets, checked] = [arrayOf(read.parts[0]!, Int32Array), arrayOf(read.parts[1]!, Int32Array), arrayOf(read.parts[2]!, Int32Array), arrayOf(read.parts[3]!, Float64Array)]
  if (typeof about.key !== 'string' || !Array.isArray(about.clusters) || !Array.isArray(about.paths) || !ids || !starts || !targets || !checked) return undefined
  const paths = about.paths as string[]
  const within = (numbers: Int32Array) => numbers.every((number) => number >= 0 && number < paths.length)
  if (starts.length !== ids.length + 1 || starts[0] !== 0 || starts[ids.length] !== targets.length || !within(ids) || !within(targets)) return undefined
  const related = Array.from(ids, (id, k) => [paths[id]!, Array.from(targets.subarray(starts[k]!, starts[k + 1]!), (target) => paths[target]!)] as const)
  const pairs = Array.isArray(about.pairKeys) ? { keys: about.pairKeys as string[], checked } : undefined
  return { key: about.key, clusters: about.clusters as StoryCache['clusters'], related, ...(pairs ? { pairs } : {}) }
}

function writeRelating(path: string, header: string, memory: RelatingMemory): Promise<void> {
  const { settings, names, keys, ids, ...arrays } = memory
  const wide = { terms: memory.terms instanceof Int32Array, counts: memory.counts instanceof Int32Array }
  return writeArraysFile(path, header, { settings, names, keys, ids, wide }, relatingArrays.map((name) => arrays[name]))
}

function readRelating(path: string, header: string): RelatingMemory | undefined {
  const read = readArraysFile(path, header, relatingArrays.length)
  if (!read) return undefined
  const { wide, ...about } = read.about as Pick<RelatingMemory, 'settings' | 'names' | 'keys' | 'ids'> & { wide: { terms: boolean; counts: boolean } }
  const part = (name: (typeof relatingArrays)[number]) => read.parts[relatingArrays.indexOf(name)]!
  const numbers = (name: (typeof relatingArrays)[number], isWide: boolean) => (isWide ? arrayOf(part(name), Int32Array) : arrayOf(part(name), Uint16Array))
  const [termStarts, vectorStarts, vectorTerms, relatedStarts, relatedArticles] = (['termStarts', 'vectorStarts', 'vectorTerms', 'relatedStarts', 'relatedArticles'] as const).map((name) => arrayOf(part(name), Int32Array))
  const [vectorWeights, relatedScores] = (['vectorWeights', 'relatedScores'] as const).map((name) => arrayOf(part(name), Float64Array))
  const terms = numbers('terms', wide.terms)
  const counts = numbers('counts', wide.counts)
  if (!termStarts || !terms || !counts || !vectorStarts || !vectorTerms || !relatedStarts || !relatedArticles || !vectorWeights || !relatedScores) return undefined
  const articles = about.ids.length
  const names = about.names.length
  // Parts that do not fit each other are not a memory to use.
  const ends = (starts: Int32Array, of: { length: number }) => starts.length === articles + 1 && starts[0] === 0 && starts[articles] === of.length
  const within = (values: Int32Array | Uint16Array, limit: number) => {
    // A loop, not `every`: millions of term numbers at 10,000 articles.
    for (let at = 0; at < values.length; at++) if (!(values[at]! >= 0 && values[at]! < limit)) return false
    return true
  }
  const fits = about.keys.length === articles && ends(termStarts, terms) && counts.length === terms.length && ends(vectorStarts, vectorTerms) && vectorWeights.length === vectorTerms.length && ends(relatedStarts, relatedArticles) && relatedScores.length === relatedArticles.length && within(terms, names) && within(vectorTerms, names) && within(relatedArticles, articles)
  return fits ? { ...about, termStarts, terms, counts, vectorStarts, vectorTerms, vectorWeights, relatedStarts, relatedArticles, relatedScores } : undefined
}

/** The arrays of a relating memory, in the order the file holds them. */
const relatingArrays = ['termStarts', 'terms', 'counts', 'vectorStarts', 'vectorTerms', 'relatedStarts', 'relatedArticles', 'vectorWeights', 'relatedScores'] as const

