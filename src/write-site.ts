import { createHash } from 'node:crypto'
import type { Root as HastRoot } from 'hast'
import type { ResolvedConfig } from './config.js'
import { renderDiscovery, renderFeeds } from './feeds.js'
import type { BuildCache, CacheState } from './io/cache.js'
import type { Writer } from './io/writer.js'
import { articleDigests, articlePageJobs, assetPages, createContext, hashKey, listingPages, type ArticlePageJob } from './pages.js'
import type { StoryLinks } from './stories.js'
import type { SitePlan } from './routes.js'
import type { Runner } from './runner.js'
import { createSearchIndex, searchDocument } from './search-index.js'
import type { TemplateAssets, Templates } from './templates.js'
import type { Page } from './types.js'

/** What writing the site needs besides the plan. */
export interface WriteSiteOptions {
  readonly config: ResolvedConfig
  readonly templates: { readonly templates: Templates; readonly assets: TemplateAssets; readonly fingerprint: string }
  readonly writer: Writer
  readonly cache: BuildCache
  readonly runner: Runner
  readonly previous: CacheState['pages']
  /** Body cache key of each article, by path. */
  readonly bodyKeys: ReadonlyMap<string, string>
  readonly search: boolean
  readonly version: string
}

/**
 * Render and write every file of the site: assets, listing pages, article pages, feeds, sitemap
 * and the search index. A page whose inputs hash to the key it had in the previous build is
 * carried over from the previous site instead of rendered again, and when every key matches,
 * nothing is written at all (`unchanged`). Returns the key of every page, and each article page's job.
 */
export async function writeSite(plan: SitePlan, links: StoryLinks, options: WriteSiteOptions): Promise<{ keys: Record<string, string>; count: number; unchanged: boolean; jobs: ArticlePageJob[] }> {
  const { config, writer } = options
  const previous = options.previous.out === writer.id ? options.previous.keys : {}
  const keys: Record<string, string> = {}
  const assets = assetPages(options.templates.assets)
  const ctx = createContext(config, options.templates.templates, assets.routes)
  const renderKey = hashKey('render', { version: options.version, config, templates: options.templates.fingerprint, assets: assets.routes })
  const keyed = (path: string, key: string) => (keys[path] = hashKey(renderKey, key))
  const carried = async (path: string) => previous[path] === keys[path] && (await writer.keep(path))

  // First every page's key; only then any writing, since a site whose keys all match is left alone.
  for (const page of assets.pages) keys[page.path] = contentKey(page)
  const digest = articleDigests(plan.articles)
  const listings = listingPages(plan, ctx, digest)
  for (const spec of listings) keyed(spec.path, spec.key)
  const jobs = articlePageJobs(plan, links)
  for (const job of jobs) keyed(job.path, hashKey(job.path, { job, body: options.bodyKeys.get(job.article.path) }, digest))
  const searchKey = hashKey('search', jobs.map((job) => keys[job.path]))
  if (options.search) keys['pagefind/'] = searchKey
  const feedArticles = plan.articles.slice(0, config.feedSize)
  const feedKey = hashKey('feeds', feedArticles.map((article) => [article.path, options.bodyKeys.get(article.path), article.route, article.title, article.date, article.tags, article.summary]))
  const feedPaths = ['feed.xml', 'rss.xml', 'feed.json']
  for (const path of feedPaths) keyed(path, feedKey)
  const discovery = renderDiscovery(plan, config)
  for (const page of discovery) keys[page.path] = contentKey(page)
  const count = () => Object.keys(keys).filter((path) => path !== 'pagefind/').length
  if (sameKeys(previous, keys) && (await writer.previous('index.html')) !== undefined) return { keys, count: count(), unchanged: true, jobs }

  for (const page of assets.pages) await writer.write(page)
  for (const spec of listings) if (!(await carried(spec.path))) await writer.write(spec.render())

  const toRender = []
  for (const job of jobs) if (!(await carried(job.path))) toRender.push(job)
  await options.runner.renderArticlePages(toRender, options.bodyKeys, (page) => writer.write(page))

  // The index is fed every article in plan order, one at a time from the cache: Pagefind's output
  // depends on that order, and holding every page in memory would not scale.
  const reuseSearch = options.search && previous['pagefind/'] === searchKey && (await writer.keepFolder('pagefind/'))
  if (options.search && !reuseSearch) {
    const index = await createSearchIndex()
    // Requests go to Pagefind in plan order, a window of them in flight: one round trip at a time
    // leaves its process idle most of the time.
    const inFlight: Array<Promise<void>> = []
    for (const job of jobs) {
      const body = await options.cache.readBody(options.bodyKeys.get(job.article.path) ?? '')
      if (body) inFlight.push(index.add({ path: job.path, contents: searchDocument(job.article, body, config.language) }))
      if (inFlight.length >= searchWindow) await inFlight.shift()
    }
    await Promise.all(inFlight)
    // On disk, Pagefind writes its bundle into the staged site itself: on a large site the
    // bundle is hundreds of megabytes that would otherwise pass through this process.
    const folder = await writer.folder?.('pagefind/')
    if (folder) await index.finishInto(folder)
    else for (const page of await index.finish()) await writer.write(page)
  }

  if (!(await allCarried(feedPaths, carried))) {
    const bodies = new Map<string, HastRoot>()
    for (const article of feedArticles) {
      const body = await options.cache.readBody(options.bodyKeys.get(article.path) ?? '')
      if (body) bodies.set(article.path, body)
    }
    for (const page of renderFeeds(plan, config, bodies)) await writer.write(page)
  }
  for (const page of discovery) await writer.write(page)
  return { keys, count: count(), unchanged: false, jobs }
}

/** Search documents sent to Pagefind before waiting for the oldest answer. */
const searchWindow = 64

async function allCarried(paths: readonly string[], carried: (path: string) => Promise<boolean>): Promise<boolean> {
  for (const path of paths) if (!(await carried(path))) return false
  return true
}

function contentKey(page: Page): string {
  return createHash('sha256').update(page.contents).digest('hex').slice(0, 32)
}

function sameKeys(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const names = Object.keys(b)
  return names.length === Object.keys(a).length && names.every((name) => a[name] === b[name])
}
