import { createHash } from 'node:crypto'
import { VFile } from 'vfile'
import { collectGarbage } from './collect-garbage.js'
import type { ResolvedConfig } from './config.js'
import { info } from './diagnostics.js'
import type { BuildCache } from './io/cache.js'
import { clusterStories, type StoryFeatures } from './story/same-story.js'
import type { AlsoReported } from './templates.js'
import type { ArticleSummary } from './types.js'

/** Bodies shorter than this are never folded into another report. */
const minWords = 40
/**
 * Two reports from one source this far apart are two stories however alike: a daily bulletin,
 * a weather report or a follow-up written from last week's. Closer, they are the same article
 * scraped twice or re-headlined.
 */
const sameSourceApartMs = 18 * 60 * 60 * 1000

/** Other reports of each story, and related stories, by article path. */
export interface StoryLinks {
  readonly alsoReported: ReadonlyMap<string, readonly AlsoReported[]>
  /** Paths of related stories, best first. */
  readonly related: ReadonlyMap<string, readonly string[]>
}

/** The digest's stories, each once, with what links them. */
export interface LinkedStories {
  /** One article per story: the earliest report, then the first by path. */
  readonly articles: ArticleSummary[]
  readonly links: StoryLinks
  /** Notes on the copies that were folded into another report. */
  readonly files: VFile[]
  readonly merged: number
}

/**
 * Show each story once. Reports of the same story (a wire copy, a re-headlined or trimmed
 * version) are found by word shingles and MinHash, confirmed by exact similarity; the earliest
 * report is published and the others are listed under it as "Also reported by". Different
 * stories that share names and terms are linked as related.
 */
export async function linkStories(articles: readonly ArticleSummary[], _config: ResolvedConfig, previous: StoryCache | undefined, storiesOf: (articles: readonly ArticleSummary[]) => Promise<ReadonlyMap<string, StoryFeatures>>, relating?: RelatingStore): Promise<LinkedStories & { cache: StoryCache }> {
  const byPath = new Map(articles.map((article) => [article.path, article]))
  // A few words say too little to call two reports one story ("Developing story." twice).
  const comparable = articles.filter((article) => article.words >= minWords)
  // Clustering depends only on the compared articles' paths and contents: the same set gives the same result.
  const key = createHash('sha256').update(comparable.map((article) => `${article.path}\0${article.key}`).sort().join('\n')).digest('hex').slice(0, 32)
  const found = previous?.key === key ? previous : { key, ...(await cluster(await withStories(comparable, storiesOf), previous?.pairs, relating)) }
  const { clusters, related } = found
  const folded = new Set<string>()
  const alsoReported = new Map<string, AlsoReported[]>()
  const files: VFile[] = []
  for (const cluster of clusters) {
    const canonical = byPath.get(cluster.canonical)!
    const reports: AlsoReported[] = []
    // The last report from the canonical's own source too far from it to be it again, published
    // as a story of its own.
    let later: ArticleSummary | undefined
    for (const { id, similarity } of cluster.copies) {
      const copy = byPath.get(id)!
      const sameSource = copy.source !== undefined && canonical.source !== undefined && copy.source.toLowerCase() === canonical.source.toLowerCase()
      if (sameSource && Math.abs(Date.parse(copy.date) - Date.parse(canonical.date)) >= sameSourceApartMs) {
        // Why compared with the later report too: each report of such a run stood alone, so one
        // article scraped 64 times the next day was 64 stories of the same text. The copies come
        // earliest first, so each is folded into the report that opened its own 18 hours.
        if (later === undefined || Date.parse(copy.date) - Date.parse(later.date) >= sameSourceApartMs) {
          later = copy
          continue
        }
        folded.add(id)
        const file = new VFile({ path: id })
        files.push(file)
        info(file, 'same-story', `Not published on its own: it is ${later.path} again, from the same source.`)
        continue
      }
      folded.add(id)
      const file = new VFile({ path: id })
      files.push(file)
      // The page already names its source: listing it again under "Also reported by" says nothing.
      if (sameSource) {
        info(file, 'same-story', `Not published on its own: it is ${canonical.path} again, from the same source (${Math.round(similarity * 100)}% alike).`)
        continue
      }
      reports.push({ name: copy.source ?? copy.title, ...(copy.sourceUrl ? { url: copy.sourceUrl } : {}) })
      info(file, 'same-story', `Not published on its own: it reports the same story as ${canonical.path} (${Math.round(similarity * 100)}% alike), which lists it under "Also reported by".`)
    }
    if (reports.length > 0) alsoReported.set(canonical.path, reports)
  }
  const relatedPaths = new Map<string, string[]>()
  for (const [id, list] of related) relatedPaths.set(id, list.filter((path) => !folded.has(path)))
  return {
    articles: articles.filter((article) => !folded.has(article.path)),
    links: { alsoReported, related: relatedPaths },
    files,
    merged: folded.size,
    cache: found
  }
}

/** What clustering found, kept between builds under the key of the articles it compared. */
export interface StoryCache {
  readonly key: string
  readonly clusters: ReadonlyArray<{ canonical: string; copies: ReadonlyArray<{ id: string; similarity: number }> }>
  readonly related: ReadonlyArray<readonly [string, readonly string[]]>
  /**
   * The pairs compared and their answers (`PairMemory`): when one article changes, the next
   * clustering compares only the pairs that involve it.
   */
  readonly pairs?: { readonly keys: readonly string[]; readonly checked: Float64Array }
}

async function withStories(articles: readonly ArticleSummary[], storiesOf: (articles: readonly ArticleSummary[]) => Promise<ReadonlyMap<string, StoryFeatures>>): Promise<Array<{ article: ArticleSummary; story: StoryFeatures }>> {
  const stories = await storiesOf(articles)
  return articles.flatMap((article) => {
    const story = stories.get(article.key)
    return story ? [{ article, story }] : []
  })
}

async function cluster(articles: ReadonlyArray<{ article: ArticleSummary; story: StoryFeatures }>, previous: StoryCache['pairs'], relating: RelatingStore | undefined): Promise<Omit<StoryCache, 'key'>> {
  const { clusters, related, pairs, relating: found } = clusterStories(articles.map(({ article, story }) => ({ id: article.path, date: article.date, path: article.path, key: article.key, features: story })), {}, previous, await relating?.loadRelating())
  await relating?.saveRelating(found)
  // Relating stories let go of every article's term counts, vectors and the memory just saved:
  // at 50,000 articles 150 MB, at the build's peak while the pairs and records are saved next.
  collectGarbage()
  // The answers are copied out of the candidates' array they fill the start of: 18 MB at 50,000 articles.
  return { clusters, related: [...related].map(([id, list]) => [id, list.map((entry) => entry.id)] as const), pairs: { keys: pairs.keys, checked: pairs.checked.slice() } }
}

/** Where what relating stories found is kept between builds: the cache. */
type RelatingStore = Pick<BuildCache, 'loadRelating' | 'saveRelating'>
