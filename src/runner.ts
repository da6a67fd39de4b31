import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { Root as HastRoot } from 'hast'
import type { SeedAnalysis } from './analyze-seed.js'
import { processArticle, type ProcessedArticle } from './article-stage.js'
import { collectGarbage } from './collect-garbage.js'
import type { ResolvedConfig } from './config.js'
import type { BuildCache } from './io/cache.js'
import type { StagedPage, StagingArea, Writer } from './io/writer.js'
import { createContext, renderPage, type ArticlePageJob, type AssetRoutes, type PageJob } from './pages.js'
import type { Templates } from './templates.js'
import type { Page, Source } from './types.js'

/** Runs the two per-article stages, in this thread or spread over worker threads. */
export interface Runner {
  /**
   * Analyse raw seeds (decode, clean, find entities), the slow half of ingest; each analysis goes
   * to `take` in the order of the sources, as its batch is done.
   */
  analyzeSeeds(sources: readonly Source[], take: (analysis: SeedAnalysis) => void | Promise<void>): Promise<void>
  /**
   * Parse, dedupe and render articles; bodies go to the cache, and each article's summary and
   * story record to `take`, in the order of the jobs, as their batch is done: a build need not
   * hold every result until the last. The jobs are taken as threads are free for them, so a
   * generator may read each source only then.
   */
  processArticles(jobs: Iterable<ArticleJob>, take: (result: ArticleResult) => void | Promise<void>): Promise<void>
  /**
   * Render pages and write them, in order: listings, and articles around their cached bodies
   * (body keys by article path). Worker threads stage pages on disk themselves when the writer has
   * a staging area. Returns the article pages left unrendered because the cache has lost their
   * body (a file deleted or damaged): the build makes those bodies again and renders them then.
   */
  renderPages(jobs: readonly PageJob[], keys: ReadonlyMap<string, string>, writer: Writer): Promise<ArticlePageJob[]>
  /**
   * Stop the worker threads until a call needs them again, letting go of their heaps while this
   * thread works alone.
   */
  rest(): Promise<void>
  close(): Promise<void>
}

/** What the article stage gives back of a content file (its body went to the cache). */
export type ArticleResult = Omit<ProcessedArticle, 'body'>

/** A content file to process, and its content key. */
export interface ArticleJob {
  readonly source: Source
  readonly key: string
}

/** What every runner needs to know. */
export interface RunnerSetup {
  readonly config: ResolvedConfig
  readonly cache: BuildCache
  readonly templates: Templates
  readonly assets: AssetRoutes
  /** For worker threads: where the cache and the templates are on disk. */
  readonly disk?: { readonly root: string; readonly cacheDir: string; readonly version: string }
}

/** Fewer jobs than this are not worth starting threads for. */
const minJobsForWorkers = 200
/**
 * Fewer pages than this are rendered in this thread when the threads are not running: a page is
 * a fraction of an article's work, and two threads take about 0.3 s to start. A site of 40
 * articles (210 pages) built in 1.0 s here against 1.45 s with threads started for its pages.
 */
const minPagesForWorkers = 1000
/** Calls of fewer jobs than this leave the workers too little garbage to collect when they are done. */
const minJobsToCollectAfter = 1000
/** Jobs sent to a worker at once: enough to keep it busy, few enough to balance the load. */
const batchSize = 64

/**
 * Create a runner: each call runs on worker threads when the cache is on disk (threads share it)
 * and the call has enough jobs; in this thread otherwise. Both give the same output; tests
 * compare them. By default one thread per core, for calls of a few hundred articles or a thousand
 * pages; threads asked for by number (`options.threads`, 2 or more) take calls of any size.
 */
export function createRunner(setup: RunnerSetup, options: { threads?: number } = {}): Runner {
  const threads = options.threads ?? availableParallelism()
  const inline = inlineRunner(setup)
  if (!setup.disk || threads < 2) return inline
  // Threads start on the first call with enough work, so a rebuild that changed little never pays
  // for them. Once running, they take any call of articles or pages of more than one job: the
  // content files ingest writes, 133 at 1,000 articles, took 0.7 s here while both waited. Not
  // seeds: a thread's first seeds cost it a second and more of warming up the tagger.
  let workers: Runner | undefined
  const enough = options.threads === undefined ? minJobsForWorkers : 1
  const enoughPages = options.threads === undefined ? minPagesForWorkers : 1
  const started = () => (workers ??= workerRunner(setup, setup.disk!, threads))
  const pick = (count: number, least = enough): Runner => (count >= least || (workers !== undefined && count > 1) ? started() : inline)
  return {
    analyzeSeeds: (sources, take) => (sources.length >= enough ? started() : inline).analyzeSeeds(sources, take),
    processArticles(jobs, take) {
      const { counted, all } = countUpTo(jobs, enough)
      return pick(counted).processArticles(all, take)
    },
    renderPages: (jobs, keys, writer) => pick(jobs.length, enoughPages).renderPages(jobs, keys, writer),
    async rest() {
      const running = workers
      workers = undefined
      await running?.close()
    },
    close: async () => {
      await workers?.close()
    }
  }
}


/**
 * How many items there are, counting no further than `limit`, and all of them still to be
 * iterated: what a generator yielded while counting is kept, the rest is left to yield.
 */
function countUpTo<T>(items: Iterable<T>, limit: number): { counted: number; all: Iterable<T> } {
  if (Array.isArray(items)) return { counted: items.length, all: items }
  const iterator = items[Symbol.iterator]()
  const head: T[] = []
  while (head.length < limit) {
    const step = iterator.next()
    if (step.done) return { counted: head.length, all: head }
    head.push(step.value)
  }
  function* all(): Generator<T> {
    yield* head
    for (let step = iterator.next(); !step.done; step = iterator.next()) yield step.value
  }
  return { counted: head.length, all: all() }
}

function inlineRunner(setup: RunnerSetup): Runner {
  const ctx = createContext(setup.config, setup.templates, setup.assets)
  return {
    async analyzeSeeds(sources, take) {
      if (sources.length === 0) return
      // Entity tagging loads a large language model of English: only when there are seeds to read.
      const { analyzeSeed } = await import('./analyze-seed.js')
      for (const source of sources) await take(analyzeSeed(source, setup.config))
    },
    async processArticles(jobs, take) {
      for (const { source, key } of jobs) {
        const { body, ...result } = processArticle(source, setup.config, key)
        if (body) await setup.cache.writeBody(key, body)
        await take(result)
      }
    },
    async renderPages(jobs, keys, writer) {
      const lost: ArticlePageJob[] = []
      for (const job of jobs) {
        const body = 'article' in job ? await cachedBody(setup.cache, keys.get(job.article.path)) : undefined
        if ('article' in job && !body) lost.push(job)
        else await writer.write(renderPage(ctx, job, body))
      }
      return lost
    },
    async rest() {},
    async close() {}
  }
}

/** An article's body from the cache, by its key; undefined when the cache has lost it. */
export async function cachedBody(cache: BuildCache, key: string | undefined): Promise<HastRoot | undefined> {
  return key === undefined ? undefined : cache.readBody(key)
}

type Request = { id: number; type: 'collect'; jobs: [] } | { id: number; type: 'analyze'; jobs: Source[] } | { id: number; type: 'process'; jobs: ArticleJob[] } | { id: number; type: 'render'; jobs: Array<{ job: PageJob; key?: string }>; area?: StagingArea }
type Reply = { id: number; results?: unknown[]; error?: string }

function workerRunner(setup: RunnerSetup, disk: NonNullable<RunnerSetup['disk']>, threads: number): Runner {
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./worker.js', import.meta.url), { workerData: { config: setup.config, root: disk.root, cacheDir: disk.cacheDir, version: disk.version, assets: setup.assets } }))
  const pending = new Map<number, { worker: Worker; resolve: (results: unknown[]) => void; reject: (error: Error) => void }>()
  const terminate = async (): Promise<void> => {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
  let nextId = 0
  for (const worker of workers) {
    worker.on('message', (reply: Reply) => {
      const entry = pending.get(reply.id)
      pending.delete(reply.id)
      if (reply.error !== undefined) entry?.reject(new Error(reply.error))
      else entry?.resolve(reply.results ?? [])
    })
    // A thread that died fails its own requests; the others' finish as they would.
    const fail = (error: Error) => {
      for (const [id, entry] of pending) {
        if (entry.worker !== worker) continue
        pending.delete(id)
        entry.reject(error)
      }
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`a worker thread of the build stopped (exit code ${code})`)))
  }
  const send = (worker: Worker, request: Omit<Request, 'id'>) =>
    new Promise<unknown[]>((resolve, reject) => {
      const id = nextId++
      pending.set(id, { worker, resolve, reject })
      worker.postMessage({ ...request, id })
    })

  /**
   * Hand out batches to whichever worker is free, and keep results in input order. A batch is
   * taken from the jobs only when a worker is free for it.
   */
  async function spread<J, R>(jobs: Iterable<J>, type: Request['type'], onBatch?: (results: R[]) => Promise<void>, extra: { area?: StagingArea } = {}): Promise<R[]> {
    const iterator = jobs[Symbol.iterator]()
    let ended = false
    const takeBatch = (): J[] | undefined => {
      const batch: J[] = []
      while (!ended && batch.length < batchSize) {
        const step = iterator.next()
        if (step.done) ended = true
        else batch.push(step.value)
      }
      return batch.length > 0 ? batch : undefined
    }
    const results: Array<R[] | undefined> = []
    let taken = 0
    let delivered = 0
    // Batches finish in any order; they are handed on in input order, so pages are written in
    // plan order however the threads were scheduled.
    let delivering = Promise.resolve()
    const deliver = () => {
      delivering = delivering.then(async () => {
        while (delivered < taken && results[delivered] !== undefined) {
          const batch = results[delivered]!
          if (onBatch) {
            results[delivered] = []
            await onBatch(batch)
          }
          delivered++
        }
      })
      return delivering
    }
    // After a failure no batch is handed out, and the call fails only once every worker is idle:
    // a worker still staging pages while the build throws its staging folder away would fail
    // that (and hide the first error behind its own).
    let failure: { error: unknown } | undefined
    await Promise.all(
      workers.map(async (worker) => {
        while (!failure) {
          let batch: J[] | undefined
          try {
            batch = takeBatch()
          } catch (error) {
            failure ??= { error }
          }
          if (!batch) break
          const index = taken++
          try {
            results[index] = (await send(worker, { type, jobs: batch, ...extra } as Omit<Request, 'id'>)) as R[]
            await deliver()
          } catch (error) {
            failure ??= { error }
          }
        }
      })
    )
    if (failure) throw failure.error
    await deliver()
    return results.flatMap((batch) => batch ?? [])
  }

  /**
   * The workers wait now until the next call, which may be a long while (the main thread links
   * stories and plans the site alone): after a large call, each collects what its work left
   * behind. After a small one there is little to collect, and the collection would only delay
   * the next call.
   */
  function idleAfter(jobs: number): void {
    if (jobs >= minJobsToCollectAfter) for (const worker of workers) send(worker, { type: 'collect', jobs: [] }).catch(() => undefined)
  }

  return {
    async analyzeSeeds(sources, take) {
      if (sources.length === 0) return
      await spread<Source, SeedAnalysis>(sources, 'analyze', async (results) => {
        for (const result of results) await take(result)
      })
      idleAfter(sources.length)
    },
    async processArticles(jobs, take) {
      let count = 0
      await spread<ArticleJob, ArticleResult>(jobs, 'process', async (results) => {
        count += results.length
        for (const result of results) await take(result)
      })
      idleAfter(count)
    },
    async renderPages(jobs, keys, writer) {
      const withKeys = jobs.map((job) => ('article' in job ? { job, key: keys.get(job.article.path) } : { job }))
      // This thread now waits while the workers render: what planning the site left goes first.
      collectGarbage()
      // Pages staged by the workers themselves: page bytes never cross to this thread, which at
      // fifty thousand articles kept gigabytes of strings in its heap until collected.
      const area = await writer.stagingArea?.()
      // A worker gives null for an article page whose body the cache lost; batches come back in
      // the order of the jobs, so the n-th result is the n-th job's.
      const lost: ArticlePageJob[] = []
      let next = 0
      const found = <T>(results: ReadonlyArray<T | null>): T[] =>
        results.flatMap((result) => {
          const { job } = withKeys[next++]!
          if (result === null) lost.push(job as ArticlePageJob)
          return result === null ? [] : [result]
        })
      if (area) await spread<(typeof withKeys)[number], StagedPage | null>(withKeys, 'render', async (staged) => writer.record!(found(staged)), { area })
      else {
        await spread<(typeof withKeys)[number], Page | null>(withKeys, 'render', async (pages) => {
          for (const page of found(pages)) await writer.write(page)
        })
      }
      // The search index is made next, on this thread, while the workers wait.
      idleAfter(jobs.length)
      return lost
    },
    // Threads of their own cannot start again: resting ends them, as closing does.
    rest: terminate,
    close: terminate
  }
}
