import { join } from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import { build } from './build.js'
import { sameContents, type DevBuildReply, type DevBuildRequest, type DevBuildSetup, type SiteChange } from './dev-builder.js'
import { formatMessages } from './diagnostics.js'
import { cacheProblem, fsCache, memoryCache, writeBehind } from './io/cache.js'
import { fsStore } from './io/fs-store.js'
import { loadTemplates } from './io/load-templates.js'
import { memoryWriter } from './io/writer.js'
import type { ArticlePageJob } from './pages.js'
import { version } from './version.js'

/**
 * The dev server's builds, on a thread of their own: a build at ten thousand articles holds its
 * thread for seconds, and the server's thread must answer the browser meanwhile. One writer for
 * the thread's life, so each build renders only what changed; each reply carries only what
 * changed since the last one.
 */
const setup = workerData as DevBuildSetup
// A cache on disk of the dev server's own, beside the CLI's: a restarted server finds the articles
// processed and the stories linked, and its builds share the work with worker threads as the
// CLI's do. Not the CLI's: that one records which pages are in dist/, and a build into memory
// would make the next build into dist/ render every page again; the two may also run at once.
// A root where it cannot be written (read-only, or `.gazette-cache` not a folder) gets a cache in
// memory, as the dev server had before: slower to start again, and as right.
const cacheDir = join(setup.root, '.gazette-cache', 'dev')
const onDisk = cacheProblem(cacheDir) === undefined
const store = fsStore(setup.root, onDisk ? { clock: join(cacheDir, 'clock') } : {})
const writer = memoryWriter({ hold: sharedBytes })
const cache = onDisk ? writeBehind(fsCache(cacheDir, version)) : { ...memoryCache(), flush: async () => {} }
/** The site as the server's thread has it, and the page key of each article page's job last sent. */
let sent: ReadonlyMap<string, string | Uint8Array> | undefined
const sentJobs = new Map<string, string>()
const encoder = new TextEncoder()

// The cache reaches the disk after each build's reply, and before the next build starts. A cache
// that cannot be written costs the next start of the server its head start, nothing else.
let flushed: Promise<void> = Promise.resolve()
parentPort!.on('message', (request: DevBuildRequest) => {
  void flushed
    .then(() => run(request))
    .then(
      (reply) => parentPort!.postMessage(reply),
      (cause: unknown) => parentPort!.postMessage({ type: 'stopped', message: cause instanceof Error ? cause.message : String(cause) } satisfies DevBuildReply)
    )
    .then(() => (flushed = cache.flush().catch(() => undefined)))
})

async function run(request: DevBuildRequest): Promise<DevBuildReply> {
  const report = await build({ store, writer, cache, ...(onDisk ? { disk: { root: setup.root, cacheDir } } : {}), templates: await loadTemplates(setup.root), now: new Date(request.now), drafts: setup.drafts, future: setup.future })
  const messages = formatMessages(report.files)
  if (!report.written) {
    const first = report.files.flatMap((file) => file.messages.filter((message) => message.fatal === true))[0]
    return { type: 'failed', messages, ...(first ? { first: { file: first.file ?? '', line: first.line ?? 1, column: first.column ?? 1 } } : {}) }
  }
  const full = sent === undefined
  const changes: SiteChange[] = []
  for (const [path, contents] of writer.pages) {
    const before = sent?.get(path)
    if (contents === before) continue
    // A page rendered again to the same bytes: the copy the server's thread has stays.
    if (before !== undefined && sameContents(before, contents)) {
      writer.pages.set(path, before)
      continue
    }
    changes.push([path, contents])
  }
  for (const path of sent?.keys() ?? []) if (!writer.pages.has(path)) changes.push([path, null])
  sent = writer.pages
  // A build answered by the up-to-date check has no jobs: the last ones stand.
  const site = report.site && { config: report.site.config, jobs: jobChanges(report.site.articlePages, report.site.keys) }
  return { type: 'built', full, changes, count: writer.pages.size, messages, ...(site ? { site } : {}) }
}

/**
 * A file of the site as UTF-8 in memory both threads share, made as soon as the file is written.
 * Why: the server's thread holds the site to serve it, and this one to carry unchanged files
 * over; as strings, each would hold a copy, and the first build's message a third.
 */
function sharedBytes(contents: string | Uint8Array): Uint8Array {
  if (typeof contents !== 'string' && contents.buffer instanceof SharedArrayBuffer) return contents
  const bytes = new Uint8Array(new SharedArrayBuffer(typeof contents === 'string' ? Buffer.byteLength(contents) : contents.byteLength))
  if (typeof contents === 'string') encoder.encodeInto(contents, bytes)
  else bytes.set(contents)
  return bytes
}

/**
 * The article page jobs that changed since the last reply, by content file path; null for one
 * gone. A job whose page has the same key is the same job: the key hashes all of it.
 */
function jobChanges(jobs: ReadonlyMap<string, ArticlePageJob>, keys: Readonly<Record<string, string>>): Array<[string, ArticlePageJob | null]> {
  const changed: Array<[string, ArticlePageJob | null]> = []
  for (const [path, job] of jobs) {
    const key = keys[job.path]
    if (key !== undefined && sentJobs.get(path) === key) continue
    sentJobs.set(path, key ?? '')
    changed.push([path, job])
  }
  for (const path of [...sentJobs.keys()]) {
    if (jobs.has(path)) continue
    sentJobs.delete(path)
    changed.push([path, null])
  }
  return changed
}

