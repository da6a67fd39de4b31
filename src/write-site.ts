import { createHash } from 'node:crypto'
import type { Root as HastRoot } from 'hast'
import { collectGarbage } from './collect-garbage.js'
import type { ResolvedConfig } from './config.js'
import { discoveryFiles, discoveryInputs, renderFeeds } from './feeds.js'
import type { BuildCache, CacheState } from './io/cache.js'
import type { Writer } from './io/writer.js'
import { articleDigests, articlePageJobs, assetPages, createContext, hashKey, listingPages, type ArticlePageJob, type PageJob } from './pages.js'
import type { StoryLinks } from './stories.js'
import type { SitePlan } from './routes.js'
import type { Runner } from './runner.js'
import { documentKeys, reusableShards, searchExcerpt, searchIndex, searchIndexFiles, searchShards, updatePostings, type SearchEntries, type SearchPostings, type SearchShard } from './search-index.js'
import type { LoadedTemplates } from './templates.js'
import { mediaRoute } from './media-links.js'
import type { Page } from './types.js'

/** What writing the site needs besides the plan. */
export interface WriteSiteOptions {
  readonly config: ResolvedConfig
  readonly templates: LoadedTemplates
  readonly writer: Writer
  /** Bodies for the feeds; the search index saved for the next build. */
  readonly cache: BuildCache
  readonly runner: Runner
  readonly previous: CacheState['pages']
  /** Body cache key of each article, by path. */
  readonly bodyKeys: ReadonlyMap<string, string>
  /** Visit articles' search terms (`term<TAB>count` lines) by content key, one article at a time. */
  readonly eachSearchTerms: (keys: readonly string[], visit: (key: string, terms: string) => void) => Promise<void>
  readonly search: boolean
  readonly version: string
  /** Run these content keys' articles through the article stage again, for the bodies the cache lost. */
  readonly remake: (keys: ReadonlySet<string>) => Promise<unknown>
  /** The images the articles show from beside them (`content/…`), found, to copy into the site. */
  readonly media?: SiteMedia
}

/** Images to copy into the site: each read only when its stamp is unknown or changed. */
export interface SiteMedia {
  readonly paths: readonly string[]
  /** How the file looked when the sources were stamped (see `Stamp`); undefined or "?" when that cannot vouch for its bytes. */
  signature(path: string): string | undefined
  read(path: string): Uint8Array | undefined
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
  // Without the search index the search page loads no script, and the site carries none.
  const assetFiles = options.search ? assets.pages : assets.pages.filter((page) => page.path !== assets.routes.searchScript)
  for (const page of assetFiles) keys[page.path] = contentKey(page)
  // An image is keyed by its stamp, so that an unchanged one is carried over unread; by its bytes where the stamp cannot vouch for them.
  const mediaBytes = new Map<string, Uint8Array>()
  for (const path of options.media?.paths ?? []) {
    const signature = options.media!.signature(path)
    if (signature !== undefined && signature !== '?') keys[mediaRoute(path)] = hashKey('media', signature)
    else {
      const bytes = options.media!.read(path)
      if (!bytes) continue
      mediaBytes.set(path, bytes)
      keys[mediaRoute(path)] = contentKey({ path: mediaRoute(path), contents: bytes })
    }
  }
  const digest = articleDigests()
  const listings = listingPages(plan, ctx, digest, options.search)
  for (const spec of listings) keyed(spec.path, spec.key)
  const jobs = articlePageJobs(plan, links)
  for (const job of jobs) keyed(job.path, hashKey(job.path, { article: digest(job.article), related: job.related.map(digest), alsoReported: job.alsoReported, body: options.bodyKeys.get(job.article.path) }))
  // The index holds each article's route and what its content says, nothing of the pages around it.
  const searchKey = hashKey(renderKey, jobs.map(({ article }) => [article.route, article.key]))
  if (options.search) keys[searchFolder] = searchKey
  const feedArticles = plan.articles.slice(0, config.feedSize)
  const feedKey = hashKey('feeds', feedArticles.map((article) => [article.path, options.bodyKeys.get(article.path), article.route, article.title, article.date, article.tags, article.summary]))
  const feedPaths = ['feed.xml', 'rss.xml', 'feed.json']
  for (const path of feedPaths) keyed(path, feedKey)
  // Keying the pages serialized every article for its digest; that goes before the sitemap's
  // tree is made. At 50,000 articles the two together took this thread's heap to 590 MB.
  collectGarbage()
  // The sitemaps and robots.txt are made only when their inputs changed: at 10,000 articles
  // making them took 0.1-0.2 s of every build, a one-article edit's too.
  const inputs = discoveryInputs(plan, config)
  const discoveryKey = hashKey(renderKey, inputs)
  const discoveryPaths = Object.keys(previous).filter((path) => previous[path] === discoveryKey)
  let discovery = discoveryPaths.length === 0 ? discoveryFiles(inputs) : undefined
  for (const path of discovery?.map((page) => page.path) ?? discoveryPaths) keys[path] = discoveryKey
  // Pages, feeds and the site's own files: the search index and the articles' images are not counted.
  const count = () => Object.keys(keys).filter((path) => path !== searchFolder && !path.startsWith('media/')).length
  // Unchanged only if the previous site still has every file: one deleted by hand is written again.
  if (sameKeys(previous, keys) && (await writer.intact(Object.keys(keys)))) return { keys, count: count(), unchanged: true, jobs }

  for (const page of assetFiles) await writer.write(page)
  for (const path of options.media?.paths ?? []) {
    const route = mediaRoute(path)
    if (keys[route] === undefined || (await carried(route))) continue
    const bytes = mediaBytes.get(path) ?? options.media!.read(path)
    // Removed since the sources were stamped: the build that follows the removal says so.
    if (bytes) await writer.write({ path: route, contents: bytes })
  }
  // Listings and articles alike are rendered and written by the runner's threads.
  const toRender: PageJob[] = []
  for (const spec of listings) if (!(await carried(spec.path))) toRender.push(spec.job())
  for (const job of jobs) if (!(await carried(job.path))) toRender.push(job)
  const lost = await options.runner.renderPages(toRender, options.bodyKeys, writer)
  if (lost.length > 0) {
    await remakeBodies(lost.map((job) => job.article.path), options)
    const still = await options.runner.renderPages(lost, options.bodyKeys, writer)
    if (still.length > 0) throw new Error(`the cached body of ${still[0]!.article.path} could not be made again; delete .gazette-cache/ and build again`)
  }

  const reuseSearch = options.search && previous[searchFolder] === searchKey && (await writer.keepFolder(searchFolder))
  if (options.search && !reuseSearch) {
    await writeSearchIndex(jobs, (article) => (article.dateDay ? ctx.format.date(article.dateDay) : ctx.format.dateTime(article.date)), options, { key: searchKey, previous: previous[searchFolder], render: renderKey })
    // The index's lists died with it: a quarter of a gigabyte at 50,000 articles.
    collectGarbage()
  }

  if (!(await allCarried(feedPaths, carried))) {
    const bodies = new Map<string, HastRoot>()
    const readBodies = async (paths: readonly string[]) => {
      for (const path of paths) {
        const key = options.bodyKeys.get(path)
        const body = key === undefined ? undefined : await options.cache.readBody(key)
        if (body) bodies.set(path, body)
      }
    }
    await readBodies(feedArticles.map((article) => article.path))
    const lostFromFeeds = feedArticles.filter((article) => !bodies.has(article.path)).map((article) => article.path)
    if (lostFromFeeds.length > 0) {
      await remakeBodies(lostFromFeeds, options)
      await readBodies(lostFromFeeds)
    }
    for (const page of renderFeeds(plan, config, bodies)) await writer.write(page)
  }
  // One file of the last build's gone from the site: all are made again, with the same paths.
  if (!discovery && !(await allCarried(discoveryPaths, carried))) discovery = discoveryFiles(inputs)
  for (const page of discovery ?? []) await writer.write(page)
  return { keys, count: count(), unchanged: false, jobs }
}

/** Make again the bodies of these articles (by path) that the cache lost. */
async function remakeBodies(paths: readonly string[], options: Pick<WriteSiteOptions, 'bodyKeys' | 'remake'>): Promise<void> {
  await options.remake(new Set(paths.flatMap((path) => options.bodyKeys.get(path) ?? [])))
}

/**
 * Write the search index of these article pages, and save it for the next build. When the
 * previous site's index is the one the cache saved, and few of its articles changed, the saved
 * postings are updated with the changed articles' terms, and the files of terms none of them
 * touched are carried over; otherwise every article's terms are read, one article at a time.
 */
async function writeSearchIndex(jobs: readonly ArticlePageJob[], shownDate: (article: ArticlePageJob['article']) => string, options: Pick<WriteSiteOptions, 'writer' | 'eachSearchTerms' | 'cache'>, keys: { key: string; previous: string | undefined; render: string }): Promise<void> {
  // Oldest first: ids then stay put as articles are added, and so do most of the index's files.
  const oldest = [...jobs].reverse()
  const articles = oldest.map(({ article }) => article.key)
  const saved = keys.previous === undefined ? undefined : await options.cache.loadSearchIndex()
  const changed = saved && saved.key === keys.previous ? changedIds(saved.articles, articles) : undefined
  let postings: SearchPostings
  let shards: SearchShard[]
  let reusable: ((shard: number) => boolean) | undefined
  // A chunk of articles lists each one's route and what its content says, made as the render key says.
  const documents = documentKeys(oldest, (chunk) => hashKey(keys.render, chunk.map(({ article }) => [article.route, article.key])))
  if (saved && changed) {
    const added: Array<[number, string]> = []
    const idOf = new Map([...changed].filter((id) => id < articles.length).map((id) => [articles[id]!, id]))
    if (idOf.size > 0) await options.eachSearchTerms([...idOf.keys()], (key, terms) => added.push([idOf.get(key)!, terms]))
    const updated = updatePostings(saved.postings, articles.length, changed, added)
    postings = updated.postings
    shards = searchShards(postings)
    reusable = reusableShards(saved, { postings, shards }, updated.changedTerms)
  } else {
    const index = searchIndex(articles.length)
    const ids = new Map(articles.map((key, id) => [key, id]))
    await options.eachSearchTerms(articles, (key, terms) => index.add(ids.get(key)!, terms))
    postings = index.postings()
    shards = searchShards(postings)
  }
  // Made only for the chunks written: the excerpts of every article took a tenth of a second of
  // a one-article rebuild at 10,000 articles.
  const entries: SearchEntries = {
    length: oldest.length,
    at: (id) => {
      const article = oldest[id]?.article
      return article && { route: article.route, title: article.title, date: shownDate(article), excerpt: searchExcerpt(article.summary ?? article.lede) }
    }
  }
  const sameDocuments = saved && changed ? (chunk: number) => saved.documents?.[chunk] === documents[chunk] : undefined
  for (const file of searchIndexFiles(postings, shards, entries, reusable, sameDocuments)) {
    if (!(file.reusable && (await options.writer.keep(file.path)))) await options.writer.write(file.page())
  }
  // Saved now, whatever becomes of this build: the next one uses it only if the site it finds
  // has an index folder of this key, that is, if this site was committed.
  await options.cache.saveSearchIndex({ key: keys.key, articles, documents, postings, shards })
}

/**
 * The ids whose article is not the one it was: changed, added after the last or gone from the
 * end. Undefined when more than that moved (an article added among the old ones shifts every
 * id after it), since then the index is made again.
 */
function changedIds(before: readonly string[], now: readonly string[]): Set<number> | undefined {
  const changed = new Set<number>()
  for (let id = 0; id < Math.max(before.length, now.length); id++) {
    if (before[id] === now[id]) continue
    changed.add(id)
    if (changed.size > now.length * maxChangedShare) return undefined
  }
  return changed
}

/** Beyond this share of articles changed, the index is made again from every article's terms. */
const maxChangedShare = 1 / 8

/** The search index's folder, carried over whole when no article it indexes changed. */
const searchFolder = 'search/index/'

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
