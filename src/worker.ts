import { getHeapStatistics } from 'node:v8'
import { parentPort, workerData } from 'node:worker_threads'
import { processArticle } from './article-stage.js'
import { collectGarbage } from './collect-garbage.js'
import type { ResolvedConfig } from './config.js'
import { fsCache } from './io/cache.js'
import { loadTemplates } from './io/load-templates.js'
import { stagePage, type StagingArea } from './io/writer.js'
import { createContext, renderPage, type AssetRoutes, type PageJob } from './pages.js'
import { cachedBody } from './runner.js'
import type { Source } from './types.js'

// A worker thread of the build: one template set and one Markdown processor for its whole life.
const data = workerData as { config: ResolvedConfig; root: string; cacheDir: string; version: string; assets: AssetRoutes }
const cache = fsCache(data.cacheDir, data.version)
const { templates } = await loadTemplates(data.root)
const ctx = createContext(data.config, templates, data.assets)

/**
 * How much the heap may grow past what lived at this thread's last collection before it collects
 * after a batch of the seeds' analysis or the render. Neither keeps much alive from one batch to
 * the next (the render 30 MB of heap at 50,000 articles), but V8 let each thread's heap grow to
 * 150 MB of garbage before it collected: two such threads at the build's peak, first while the
 * seeds were analysed, then while pages were rendered. Why not the article stage: after its
 * batches too, a cold build at 50,000 articles took 20 s more CPU (9 %).
 */
const headroom = 48 * 1024 * 1024
let settled = 0

/** Collect after a batch when the heap grew past what lived at the last collection by more than the headroom. */
function collectAfterBatch(): void {
  const before = getHeapStatistics().used_heap_size
  if (before < settled + headroom) return
  collectGarbage(0)
  settled = getHeapStatistics().used_heap_size
}

/** Staging folders this thread made, for pages it stages itself. */
const folders = new Set<string>()

parentPort!.on('message', async (request: { id: number; type: 'analyze' | 'process' | 'render' | 'collect'; jobs: unknown[]; area?: StagingArea }) => {
  try {
    const results: unknown[] = []
    if (request.type === 'analyze') {
      const { analyzeSeed } = await import('./analyze-seed.js')
      for (const source of request.jobs as Source[]) results.push(analyzeSeed(source, data.config))
    } else if (request.type === 'process') {
      for (const { source, key } of request.jobs as Array<{ source: Source; key: string }>) {
        const { body, ...result } = processArticle(source, data.config, key)
        if (body) await cache.writeBody(key, body)
        results.push(result)
      }
    } else if (request.type === 'collect') {
      // Idle until the main thread needs this one again: what its work left need not wait in its heap.
      collectGarbage(32 * 1024 * 1024)
      settled = getHeapStatistics().used_heap_size
    } else {
      for (const { job, key } of request.jobs as Array<{ job: PageJob; key?: string }>) {
        const body = 'article' in job ? await cachedBody(cache, key) : undefined
        // Left for the main thread to make again, and to render once it has.
        if ('article' in job && !body) results.push(null)
        else results.push(request.area ? stagePage(request.area, renderPage(ctx, job, body), folders) : renderPage(ctx, job, body))
      }
    }
    if (request.type === 'render' || request.type === 'analyze') collectAfterBatch()
    parentPort!.postMessage({ id: request.id, results })
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: (error as Error).message })
  }
})
