import { VFile } from 'vfile'
import { articleKey } from './article-stage.js'
import { collectByHand, collectGarbage } from './collect-garbage.js'
import { resolveConfig, type ResolvedConfig } from './config.js'
import { error, hasErrors, warn } from './diagnostics.js'
import type { LastSite } from './edit-preview.js'
import { ingestSeeds } from './ingest.js'
import type { BuildCache, CacheState } from './io/cache.js'
import { digestOf, settleStamp } from './io/stamp.js'
import type { ReadProblem, RootContents, SourceStore } from './io/store.js'
import type { Writer } from './io/writer.js'
import { messageInterner, recordFiles, recordMessages, restoreMessages, type FileMessages } from './messages.js'
import { findMedia } from './media.js'
import { assetPages } from './pages.js'
import { publishedFrom, selectPublished } from './publish.js'
import { planSite } from './routes.js'
import { createRunner, type ArticleJob, type Runner } from './runner.js'
import { linkStories } from './stories.js'
import type { LoadedTemplates, TemplateSource } from './templates.js'
import type { StoryFeatures } from './story/same-story.js'
import type { ArticleSummary, Source, StoryRecord } from './types.js'
import { checkUpToDate, lastBuild, unchangedArticles, type ReportSummary, type UpToDateCheck } from './up-to-date.js'
import { version } from './version.js'
import { textArena, wordArena } from './word-arena.js'
import { writeSite } from './write-site.js'

/** Everything a build needs; the store, writer and cache are the only ways in and out. */
export interface BuildOptions {
  readonly store: SourceStore
  readonly writer: Writer
  readonly cache: BuildCache
  /** Loaded templates, or a source that loads them only when the site must be built. */
  readonly templates: LoadedTemplates | TemplateSource
  /** The instant that decides what is "future" and is stamped on new seeds. */
  readonly now: Date
  readonly drafts?: boolean
  readonly future?: boolean
  /** Publish the valid articles even when others have errors. Default false. */
  readonly keepGoing?: boolean
  /** Build the search index. Default true. */
  readonly search?: boolean
  /** Where the root and cache are on disk, so worker threads can share the work. */
  readonly disk?: { readonly root: string; readonly cacheDir: string }
  /** Worker threads to use at most. Default: one per core. */
  readonly threads?: number
  /**
   * Whether informational messages are wanted (the default): a build answered by the up-to-date
   * check reads the last build's only then.
   */
  readonly info?: boolean
  /** The up-to-date check, when the caller has run it (to answer without loading the pipeline). */
  readonly checked?: UpToDateCheck
  /** Told what the build is doing, for a progress line. */
  readonly onProgress?: (stage: string) => void
}

/** What a build did, for the summary and for `--json`. */
export interface BuildReport {
  readonly ok: boolean
  readonly files: VFile[]
  readonly written: boolean
  /** The site was already up to date: nothing was rewritten. */
  readonly unchanged: boolean
  /** Files of the site Gazette rendered or carried over: pages, feeds, sitemap and assets (the search bundle aside). */
  readonly pages: number
  readonly articles: number
  readonly repeatsRemoved: ReadonlyArray<{ path: string; count: number }>
  readonly skipped: ReadonlyArray<{ path: string; reason: string }>
  readonly ingested: readonly string[]
  readonly merged: number
  /**
   * Articles this build ran through the article stage; the others came from the cache. A build
   * in a fresh checkout with the cache restored (CI) shows here that the cache was used.
   */
  readonly processed: number
  /** Milliseconds spent in each part of the build. */
  readonly timings: Readonly<Record<string, number>>
  /**
   * The site as built, for rendering an edited article's page against it (the dev server), and the
   * key of each page: a page whose key is the same had the same inputs.
   */
  readonly site?: LastSite & { readonly keys: Readonly<Record<string, string>> }
}

/** Build the site: read, ingest, parse → dedupe → render, publish, link stories, plan, write. */
export async function build(options: BuildOptions): Promise<BuildReport> {
  const lap = stopwatch(options.onProgress)
  // Nothing changed since the last build (settings, sources, the site's files): its report stands.
  const { current, last, report: unchanged } = options.checked ?? (await checkUpToDate(options))
  if (unchanged) return unchanged
  const input = await readAndProcess(options, { current, ...(last ? { last } : {}) }, lap)
  if (!input.config) return report(input.files)
  // The site will be written (or the build fail and leave it be): the writer may get ready meanwhile.
  options.writer.begin?.()
  const { config, files, templates, state, runner, processed, texts, seedFiles, written, inputs } = input
  // The records this build made: a record the cache gave is the very object the state holds.
  const made = [...processed.values()].filter((result) => state.articles[result.key] !== result.record).length
  // Collected by hand only when this build made more than one article in a hundred.
  const collected = collectByHand(made * manyMade > processed.size)
  try {
    // Reading and ingesting are over, and their garbage goes before linking stories makes its
    // own: at 50,000 articles the seeds' analyses left 170 MB of it, at the build's peak.
    collectGarbage()
    // The worker threads would wait, their heaps held, while this thread links stories and plans
    // the site: 160 MB of a 50,000-article build's peak. They start again for the render.
    await runner.rest()
    const contentFiles = contentFilesOf(processed)
    const articles = [...processed.values()].flatMap((result) => (result.record.summary ? [result.record.summary] : []))
    const { published, skipped } = selectPublished(articles, { ...options, fileOf: contentFiles.of })
    const remake = async (keys: ReadonlySet<string>) => {
      // A record the cache lost (its file removed or cut short) is made again from the article.
      const paths = [...processed].flatMap(([path, result]) => (keys.has(result.key) ? [path] : []))
      const jobs = (await readAgain(paths, processed, options.store, config)).map((source) => ({ source, key: processed.get(source.path)!.key }))
      const made = new Map<string, StoryRecord>()
      let index = 0
      await runner.processArticles(jobs, (result) => {
        const key = jobs[index++]!.key
        if (result.story) made.set(key, result.story)
      })
      return made
    }
    const stories = await linkStories(published, config, state.stories, (list) => texts.of(list.map((article) => article.key), remake), options.cache)
    // Story records are saved now, whatever becomes of the site: they are content-addressed.
    await texts.save(new Set([...processed.values()].map((result) => result.key)))
    await texts.release()
    // The records were the largest thing this thread held (half a gigabyte at 50,000 articles).
    collectGarbage()
    lap('link stories')
    const { plan, files: planned } = planSite(stories.articles, config)
    const { media, files: mediaFiles } = findMedia(plan.articles, options.store, inputs)
    const planFiles = [...planned, ...mediaFiles]
    // Planning leaves its garbage in the old generation (routes, dates taken apart), and writing
    // the site starts at once to pile its own on top: 345 MB of it in a few seconds at 50,000.
    collectGarbage()
    // Content files' informational messages only when they are wanted, as the up-to-date check
    // does: made into files, the 17,500 of a site of 10,000 articles took 0.17 s of every build.
    const allFiles = () => [...files, ...seedFiles, ...(options.info === false ? contentFiles.warned() : contentFiles.all()), ...stories.files, ...planFiles]
    const failed = contentFiles.haveErrors() || hasErrors([...files, ...seedFiles, ...stories.files, ...planFiles])
    const summary = { articles: plan.articles.length, skipped, ingested: written, processed: made, all: articles, merged: stories.merged }
    if (failed && !options.keepGoing) {
      await options.writer.abort()
      // The site stays as it was, but the articles processed are remembered for the next build.
      await options.cache.save({ ...state, articles: recordsOf(processed) })
      return report(allFiles(), summary)
    }
    const bodyKeys = new Map(articles.map((article) => [article.path, article.key]))
    const site = await writeSite(plan, stories.links, { config, templates, writer: options.writer, cache: options.cache, runner, previous: state.pages, bodyKeys, eachSearchTerms: (keys, visit) => texts.eachSearchTerms(keys, visit, remake), search: options.search !== false, version, remake, media })
    lap('write site')
    // Nothing changed: the previous site is the site, and stays exactly as it is.
    if (site.unchanged) await options.writer.abort()
    else await options.writer.commit()
    lap('commit')
    // What writing the site left goes before the cache's records are made: at 50,000 articles the
    // heap held 70 MB of garbage here, and recording the last build makes 200 MB more.
    collectGarbage()
    // An unchanged site built from the articles the cache already knew leaves the cache as it was.
    const sameState = site.unchanged && stories.cache.key === state.stories?.key && processed.size === Object.keys(state.articles).length && [...processed.values()].every((result) => state.articles[result.key] === result.record)
    if (!sameState) await options.cache.save({ articles: recordsOf(processed), pages: { out: options.writer.id, keys: site.keys }, stories: stories.cache })
    // Recorded for the up-to-date check; a site written despite errors (--keep-going) is not one it may stand in for.
    const done = { ...summary, pages: site.count }
    if (inputs && !failed) {
      const futureDates = skipped.flatMap((article) => (article.draft ? [] : [publishedFrom(article)]))
      const keys = Object.fromEntries([...processed].map(([path, result]) => [path, result.key]))
      // The content files' messages go as the records they are. Made into files and recorded
      // again, they were 120 MB more of this thread's heap at 50,000 articles, at the build's peak.
      const messages = [...recordFiles([...files, ...seedFiles]), ...contentFiles.records(), ...recordFiles([...stories.files, ...planFiles])]
      await options.cache.saveLast(lastBuild({ ...current, inputs }, Object.keys(site.keys), messages, summarize(done), futureDates, keys))
    } else if (last) await options.cache.saveLast(undefined)
    lap('save cache')
    const built = { config, templates, articlePages: new Map(site.jobs.map((job) => [job.article.path, job])), keys: site.keys }
    return { ...report(allFiles(), { ...done, written: true, unchanged: site.unchanged, timings: lap.timings }), site: built }
  } catch (cause) {
    await options.writer.abort()
    throw cause
  } finally {
    collected()
    await runner.close()
  }
}

/** A build that makes anew more than one article in this many collects its garbage by hand (see `collectByHand`). */
const manyMade = 100

type Processed = Map<string, { key: string; record: CacheState['articles'][string] }>

/**
 * Read the root, run the article stage on the content files the cache does not know, and ingest
 * the seeds. What the rest of the build needs comes back; the seeds' bytes stay here. Why a
 * function of its own: an async function keeps its locals alive across all its later awaits.
 * Content files are read one batch at a time, as the threads take them (`readContent`).
 */
async function readAndProcess(options: BuildOptions, check: Pick<UpToDateCheck, 'current' | 'last'>, lap: (stage: string) => void) {
  const input = await options.store.read()
  const { config, files } = configFrom(input)
  if (!config) return { files }
  const templates = 'load' in options.templates ? await options.templates.load() : options.templates
  const state = await options.cache.load()
  const runner = createRunner({ config, cache: options.cache, templates: templates.templates, assets: assetPages(templates.assets).routes, ...(options.disk ? { disk: { ...options.disk, version } } : {}) }, options.threads === undefined ? {} : { threads: options.threads })
  try {
    const stamp = check.current.inputs
    // The digest of each file read while its times could not vouch for its bytes (see `settleStamp`).
    const racy = new Map<string, string>()
    const noteRead = (source: Source) => {
      if (stamp?.[source.path] === '?') racy.set(source.path, digestOf(source.bytes))
    }
    const problems: ReadProblem[] = []
    const readContent = (path: string): Source | undefined => {
      const read = options.store.readContent(path)
      if ('ruleId' in read) return void problems.push(read)
      noteRead(read)
      return read
    }
    const texts = storyRecords(options.cache)
    // Content files stamped as the last build saw them are known by their article keys: not read.
    const known = unchangedArticles(check)
    const processed = await processContent(input.content, readContent, known, config, state, runner, texts)
    files.push(...problemFiles(problems))
    lap('read and process content')
    input.sources.forEach(noteRead)
    const ingested = await ingestSeeds(input.sources, summariesByPath(processed), (sources, take) => runner.analyzeSeeds(sources, take), { config, now: options.now, takenPaths: new Set(processed.keys()) })
    const written = await writeContent(options.store, ingested.writes, ingested.seedFiles)
    const writtenByPath = new Map(written.map((source) => [source.path, source]))
    for (const [path, result] of await processContent([...writtenByPath.keys()], (path) => writtenByPath.get(path), new Map(), config, state, runner, texts)) processed.set(path, result)
    lap('ingest seeds')
    // What was read and written, stamped by its bytes where its times cannot tell.
    const inputs = stamp && settleStamp(stamp, racy, written)
    return { config, files, templates, state, runner, processed, texts, seedFiles: ingested.seedFiles, written: written.map((write) => write.path), inputs }
  } catch (cause) {
    await options.writer.abort()
    await runner.close()
    throw cause
  }
}

/**
 * Run the article stage on the content files (by path) whose content key the cache does not
 * know, in path order. A file known by its key (`known`) is not read, unless the cache lost its
 * record; the others are read (`read`) as the runner takes them.
 */
async function processContent(paths: readonly string[], read: (path: string) => Source | undefined, known: ReadonlyMap<string, string>, config: ResolvedConfig, state: CacheState, runner: Runner, stories: StoryRecords): Promise<Processed> {
  const results: Processed = new Map()
  // The key of each job, in the order the runner takes them and gives their results.
  const keys: string[] = []
  function* jobs(): Generator<ArticleJob> {
    for (const path of paths) {
      const knownKey = known.get(path)
      const knownRecord = knownKey === undefined ? undefined : state.articles[knownKey]
      if (knownRecord) {
        results.set(path, { key: knownKey!, record: knownRecord })
        continue
      }
      const source = read(path)
      if (!source) continue
      const key = articleKey(source, config, version)
      const record = state.articles[key]
      if (record) results.set(path, { key, record })
      else {
        keys.push(key)
        yield { source, key }
      }
    }
  }
  let taken = 0
  const shared = messageInterner()
  await runner.processArticles(jobs(), async (result) => {
    const key = keys[taken++]!
    if (result.story) await stories.add(key, result.story)
    results.set(result.path, { key, record: { messages: shared(result.messages), ...(result.summary ? { summary: result.summary } : {}) } })
  })
  return new Map(paths.flatMap((path) => (results.has(path) ? [[path, results.get(path)!] as const] : [])))
}

/**
 * Content files read again, for the articles whose story records the cache lost. Each must still
 * hold the bytes its key was made from; one changed since is a build to run again.
 */
async function readAgain(paths: readonly string[], processed: Processed, store: SourceStore, config: ResolvedConfig): Promise<Source[]> {
  const sources: Source[] = []
  for (const path of paths) {
    const source = await store.readOne(path)
    if (!source || articleKey(source, config, version) !== processed.get(path)?.key) throw new Error(`${path} changed while the site was being built; build again`)
    sources.push(source)
  }
  return sources
}

/** Write the content files ingest made; one that cannot be written is an error on its seed. */
async function writeContent(store: SourceStore, writes: readonly Source[], seedFiles: readonly VFile[]): Promise<Source[]> {
  const written: Source[] = []
  for (const write of writes) {
    try {
      await store.writeSource(write.path, new TextDecoder().decode(write.bytes))
      written.push(write)
    } catch (cause) {
      const seed = seedFiles.find((file) => file.messages.some((message) => message.reason === `Ingested into ${write.path}.`))
      if (seed) error(seed, 'file-unreadable', `${write.path} could not be written (${(cause as Error).message}). Make content/ a writable folder inside the root.`)
    }
  }
  return written
}

/** Records made again by the article stage, for the content keys the cache lost. */
type Remake = (keys: ReadonlySet<string>) => Promise<ReadonlyMap<string, StoryRecord>>

type StoryRecords = ReturnType<typeof storyRecords>

/** Story records made this build and not yet in the cache are added to it once they take this much. */
const unsavedStoryBytes = 8 * 1024 * 1024

/**
 * Story records. Those made this build go to the cache as they come, and only what clustering
 * compares of them stays here: their search terms wait in the cache for the search index. The
 * others are loaded from the cache on first need (only when clustering must run again), and any
 * the cache lacks made again.
 */
function storyRecords(cache: BuildCache) {
  let saved: Promise<Map<string, StoryRecord>> | undefined
  const load = () => (saved ??= cache.loadStories())
  const fresh = new Map<string, StoryFeatures>()
  let words = wordArena()
  let termBytes = textArena()
  const decoder = new TextDecoder()
  let unsaved: Array<[string, StoryRecord]> = []
  let unsavedBytes = 0
  const flush = async () => {
    const records = unsaved
    unsaved = []
    unsavedBytes = 0
    if (records.length > 0) await cache.addStories(records)
  }
  // What is left unsaved waits for `save`: by then a rebuild that compares old records has read
  // the cache, and appending needs no second pass over the file to learn which keys it holds.
  const add = async (key: string, story: StoryRecord) => {
    // The term counts wait as UTF-8, and are made a string again only when clustering reads them
    // (once, an article at a time). Held as strings, they took 106 MB of this thread's heap at
    // 50,000 articles (a third of the lists name someone beyond Latin-1, and such a string takes
    // two bytes a character); as UTF-8, 79 MB out of it.
    const terms = termBytes.copy(story.terms)
    fresh.set(key, {
      shingles: words.copy(story.shingles),
      signature: words.copy(story.signature),
      get terms() {
        return decoder.decode(terms)
      }
    })
    unsaved.push([key, story])
    unsavedBytes += story.shingles.byteLength + story.signature.byteLength + story.terms.length + story.search.length
    if (unsavedBytes >= unsavedStoryBytes) await flush()
  }
  const remade = async (keys: ReadonlySet<string>, remake: Remake) => {
    const made = await remake(keys)
    for (const [key, story] of made) await add(key, story)
    return made
  }
  return {
    /** A record made this build: added to the cache soon, what clustering compares kept here. */
    add,
    /** What clustering compares of these articles (by content key). */
    async of(keys: readonly string[], remake: Remake): Promise<ReadonlyMap<string, StoryFeatures>> {
      const found = new Map<string, StoryFeatures>()
      const missing = new Set<string>()
      // The cache is read only for keys this build did not make: it holds the others too, added as they came.
      const loaded = keys.every((key) => fresh.has(key)) ? undefined : await load()
      for (const key of keys) {
        const story = fresh.get(key) ?? loaded?.get(key)
        if (story) found.set(key, story)
        else missing.add(key)
      }
      if (missing.size > 0) for (const [key, story] of await remade(missing, remake)) found.set(key, story)
      return found
    },
    /**
     * Add what is left to the cache and forget the records of articles no longer live, their
     * signatures given for the cache to keep apart; nothing when this build made none.
     */
    async save(live: ReadonlySet<string>): Promise<void> {
      if (fresh.size === 0) return
      await flush()
      const loaded = await saved
      await cache.pruneStories(live, (key) => (fresh.get(key) ?? loaded?.get(key))?.signature)
    },
    /**
     * Let go of the records held: once stories are linked and the records saved, the search index
     * reads its terms from the cache as it goes. Held to the end of the build, the search terms
     * alone were 36 of the 120 MB this thread held while a site of 10,000 articles was written.
     */
    async release(): Promise<void> {
      // Emptied, not only dropped: the build's frame holds this object to its end.
      const loaded = await saved
      loaded?.clear()
      fresh.clear()
      words = wordArena()
      termBytes = textArena()
      saved = undefined
    },
    /** Visit these articles' search terms (by content key), from the cache; records it lacks are made again. */
    async eachSearchTerms(keys: readonly string[], visit: (key: string, terms: string) => void, remake: Remake): Promise<void> {
      await flush()
      const seen = new Set<string>()
      await cache.eachSearchTerms(new Set(keys), (key, terms) => {
        if (seen.has(key)) return
        seen.add(key)
        visit(key, terms)
      })
      const missing = new Set(keys.filter((key) => !seen.has(key)))
      if (missing.size > 0) for (const [key, story] of await remade(missing, remake)) visit(key, story.search)
    }
  }
}

/**
 * The content files with their messages, made only for the report: until then the messages stay
 * the records the cache keeps. Made at once they were 15 MB of this thread's heap at 10,000
 * articles, held through the render. A file given a message before the report (`of`) is made then.
 */
function contentFilesOf(processed: Processed) {
  const made = new Map<string, VFile>()
  const fileOf = (path: string): VFile | undefined => {
    const result = processed.get(path)
    if (!result) return undefined
    let file = made.get(path)
    if (!file) made.set(path, (file = restoreMessages(path, result.record.messages)))
    return file
  }
  /** The messages of every content file that has any, in path order, recorded: no file is made for them. */
  const records = (): FileMessages[] =>
    [...processed].flatMap(([path, result]) => {
      const file = made.get(path)
      const messages = file ? recordMessages(file) : result.record.messages
      return messages.length > 0 ? [{ path, messages }] : []
    })
  return {
    of: fileOf,
    haveErrors: () => [...made.values()].some((file) => hasErrors([file])) || [...processed.values()].some((result) => result.record.messages.some((message) => message.fatal === true)),
    /** Every content file, in path order. */
    all: () => [...processed.keys()].map((path) => fileOf(path)!),
    /** The content files with warnings or errors, in path order, with those only. */
    warned: (): VFile[] =>
      records().flatMap(({ path, messages }) => {
        const warnings = messages.filter((message) => message.fatal !== undefined)
        return warnings.length > 0 ? [restoreMessages(path, warnings)] : []
      }),
    records
  }
}

function recordsOf(processed: Processed): CacheState['articles'] {
  return Object.fromEntries([...processed.values()].map((result) => [result.key, result.record]))
}

function summariesByPath(processed: Processed): Map<string, ArticleSummary> {
  return new Map([...processed].flatMap(([path, result]) => (result.record.summary ? [[path, result.record.summary] as const] : [])))
}

function configFrom(input: RootContents): { config?: ResolvedConfig; files: VFile[] } {
  const files = problemFiles(input.problems)
  const resolved = resolveConfig(input.config)
  if ('issues' in resolved) {
    const file = new VFile({ path: input.configPath })
    for (const issue of resolved.issues) error(file, 'config-invalid', `"${issue.key}" ${issue.message}. Fix this key in ${input.configPath}.`)
    return { files: [...files, file] }
  }
  if (files.some((file) => file.path === input.configPath)) return { files }
  return { config: resolved.config, files }
}

/** The reader's problems as messages on their files, one file per path. */
function problemFiles(problems: readonly ReadProblem[]): VFile[] {
  const byPath = new Map<string, VFile>()
  for (const problem of problems) {
    let file = byPath.get(problem.path)
    if (!file) byPath.set(problem.path, (file = new VFile({ path: problem.path })))
    ;(problem.warning ? warn : error)(file, problem.ruleId, problem.reason, { place: problem.place })
  }
  return [...byPath.values()]
}

interface ReportDetail {
  timings?: Record<string, number>
  pages?: number
  written?: boolean
  unchanged?: boolean
  articles?: number
  skipped?: ReadonlyArray<{ path: string; draft: boolean }>
  ingested?: string[]
  processed?: number
  all?: readonly ArticleSummary[]
  merged?: number
}

function report(files: VFile[], detail: ReportDetail = {}): BuildReport {
  return {
    ok: !hasErrors(files),
    files,
    written: detail.written ?? false,
    unchanged: detail.unchanged ?? false,
    ...summarize(detail),
    ingested: detail.ingested ?? [],
    processed: detail.processed ?? 0,
    timings: detail.timings ?? {}
  }
}

/** What the report says besides its messages and timings. */
function summarize(detail: ReportDetail): ReportSummary {
  return {
    pages: detail.pages ?? 0,
    articles: detail.articles ?? 0,
    repeatsRemoved: (detail.all ?? []).flatMap((a) => (a.removed + a.provenance.repeatsRemoved > 0 ? [{ path: a.path, count: a.removed + a.provenance.repeatsRemoved }] : [])),
    skipped: (detail.skipped ?? []).map((a) => ({ path: a.path, reason: a.draft ? 'draft' : 'future' })),
    merged: detail.merged ?? 0
  }
}

function stopwatch(onProgress?: (stage: string) => void): ((name: string) => void) & { timings: Record<string, number> } {
  let last = performance.now()
  const timings: Record<string, number> = {}
  const lap = (name: string) => {
    const now = performance.now()
    timings[name] = Math.round(now - last)
    last = now
    onProgress?.(`done: ${name}`)
  }
  return Object.assign(lap, { timings })
}
