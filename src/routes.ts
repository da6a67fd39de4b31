import { createHash } from 'node:crypto'
import { VFile } from 'vfile'
import type { ResolvedConfig } from './config.js'
import { error, pointer, warn } from './diagnostics.js'
import { tagKey } from './parse.js'
import { zonedParts } from './text/dates.js'
import { slugify } from './text/slug.js'
import type { ArticleSummary } from './types.js'

/** An article with its place in the site. */
export interface RoutedArticle extends ArticleSummary {
  /** Output folder, such as `2024/10/05/slug/`. */
  readonly route: string
  /** Calendar day in the site's time zone, `YYYY-MM-DD`. */
  readonly day: string
  readonly tagRefs: readonly TagRef[]
  readonly sourceRef: TagRef | undefined
}

/** A tag or source: its display name and its folder. */
export interface TagRef {
  readonly name: string
  readonly route: string
}

/** A group of articles with a page of its own. */
export interface Listing {
  readonly name: string
  readonly route: string
  /** Newest first. */
  readonly articles: readonly RoutedArticle[]
}

/** Every article and listing in the site, with paths planned so that no two share one. */
export interface SitePlan {
  /** Newest first; ties broken by path, so order never depends on the file system. */
  readonly articles: readonly RoutedArticle[]
  readonly days: readonly Listing[]
  readonly months: readonly Listing[]
  readonly tags: readonly Listing[]
  readonly sources: readonly Listing[]
}

/**
 * Plan where every page goes. Articles sort newest first; days and months are the site time
 * zone's. Two articles that would share a path stop the build with an error naming both when
 * both chose their slug, and otherwise the later one gets its slug with a code of its file's path
 * (`same-3f2a9c`) and a warning.
 */
export function planSite(articles: readonly ArticleSummary[], config: ResolvedConfig): { plan: SitePlan; files: VFile[] } {
  const sorted = [...articles].sort((a, b) => (a.date === b.date ? (a.path < b.path ? -1 : 1) : a.date < b.date ? 1 : -1))
  const tagRoutes = assignRoutes(sorted.flatMap((article) => article.tags), 'tags/')
  const sourceRoutes = assignRoutes(sorted.flatMap((article) => (article.source ? [article.source] : [])), 'sources/')
  const taken = new Map<string, ArticleSummary>()
  const routed: RoutedArticle[] = []
  const files: VFile[] = []
  // Claim paths oldest first, so adding a newer article never renames an older page.
  for (const article of [...sorted].reverse()) {
    const parts = zonedParts(new Date(article.date), config.timezone)
    const year = String(parts.year).padStart(4, '0')
    const day = `${year}-${pad(parts.month)}-${pad(parts.day)}`
    const folder = `${year}/${pad(parts.month)}/${pad(parts.day)}/`
    let slug = article.slug
    let route = `${folder}${slug}/`
    const owner = taken.get(pathKey(route))
    if (owner) {
      const file = new VFile({ path: article.path })
      files.push(file)
      if (owner.explicitSlug && article.explicitSlug) {
        const cause = pointer(owner.path, `"${owner.slug}" chosen here`, owner.slugPlace)
        error(file, 'path-collision', `${article.path} and ${owner.path} would both be written to ${route}. Give one of them a different "slug".`, { place: article.slugPlace, cause })
        continue
      }
      // Why a code from the file's path, not a count: counted in date order, one article added
      // with an earlier date moved every later one of its day and title to the next number (143
      // pages of one day renamed). The path is the article's own, whatever else is added.
      const code = createHash('sha256').update(article.path).digest('hex').slice(0, 6)
      slug = `${article.slug}-${code}`
      route = `${folder}${slug}/`
      for (let n = 2; taken.has(pathKey(route)); n++) {
        slug = `${article.slug}-${code}-${n}`
        route = `${folder}${slug}/`
      }
      warn(file, 'path-collision', `${owner.path} already uses ${folder}${article.slug}/, so this article is at ${route}. Set "slug" in its frontmatter to choose another.`, { place: article.slugPlace ?? { line: 1, column: 1 } })
    }
    taken.set(pathKey(route), article)
    // Why not `{ ...article, slug, … }`: in Node 20 an object spread and then given new keys took
    // 6 µs to make, and each of its fields 0.35 µs to read ever after (0.01 µs made this way): at
    // 10,000 articles, 0.1-0.2 s of planning, and more of the listing pages and keys that read them.
    routed.push(
      Object.assign({}, article, {
        slug,
        route,
        day,
        tagRefs: article.tags.map((tag) => tagRoutes.get(tagKey(tag))!),
        sourceRef: article.source ? sourceRoutes.get(tagKey(article.source)) : undefined
      })
    )
  }
  routed.reverse()
  return {
    plan: {
      articles: routed,
      days: group(routed, (a) => [{ name: a.day, route: `${a.day.replaceAll('-', '/')}/` }]),
      months: group(routed, (a) => [{ name: a.day.slice(0, 7), route: `${a.day.slice(0, 7).replace('-', '/')}/` }]),
      tags: group(routed, (a) => a.tagRefs).sort((a, b) => a.name.localeCompare(b.name, config.language)),
      sources: group(routed, (a) => (a.sourceRef ? [a.sourceRef] : [])).sort((a, b) => a.name.localeCompare(b.name, config.language))
    },
    files
  }
}

/**
 * Give each distinct name (by `tagKey`) one folder. The display form is the first spelling seen
 * in newest-first order; names whose slugs coincide ("C++" and "C") get numbered folders in a
 * fixed order.
 */
function assignRoutes(names: readonly string[], prefix: string): Map<string, TagRef> {
  const byKey = new Map<string, string>()
  for (const name of names) if (!byKey.has(tagKey(name))) byKey.set(tagKey(name), name)
  const routes = new Map<string, TagRef>()
  const used = new Set<string>()
  // Names that are their slug already ("c", "new york") claim it first, and symbols are spelt out
  // ("C#" is c-sharp, "R&D" r-and-d): a tag added later never takes another's address.
  const slugs = new Map([...byKey.keys()].map((key) => [key, slugify(spellSymbols(key)) || symbolSlug(key)]))
  const plain = (key: string) => key.replace(/ /g, '-') === slugs.get(key)
  for (const key of [...byKey.keys()].sort((a, b) => Number(plain(b)) - Number(plain(a)) || (a < b ? -1 : a > b ? 1 : 0))) {
    const base = slugs.get(key)!
    let slug = base
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`
    used.add(slug)
    routes.set(key, { name: byKey.get(key)!, route: `${prefix}${slug}/` })
  }
  return routes
}

/**
 * The slug of a name of symbols alone ("🔥", "!!!"): their code points, so that each such name has
 * an address of its own that no other name added later can move ("symbol-1f525").
 */
function symbolSlug(name: string): string {
  const points = [...name.trim()].map((char) => char.codePointAt(0)!.toString(16))
  return slugify(`symbol ${points.join(' ')}`) || 'tag'
}

/** A name with the symbols that tell tags apart as words: "C#" and "C++" are not "C". */
function spellSymbols(name: string): string {
  return name
    .replace(/(?<=[\p{L}\p{N}])#/gu, ' sharp ')
    .replace(/(?<=[\p{L}\p{N}+])\+/gu, ' plus ')
    .replace(/&/g, ' and ')
    .replace(/(?<=\p{L})@(?=\p{L})/gu, ' at ')
}

function group(articles: readonly RoutedArticle[], keys: (article: RoutedArticle) => readonly TagRef[]): Listing[] {
  const groups = new Map<string, { name: string; route: string; articles: RoutedArticle[] }>()
  for (const article of articles) {
    for (const ref of keys(article)) {
      let entry = groups.get(ref.route)
      if (!entry) groups.set(ref.route, (entry = { ...ref, articles: [] }))
      entry.articles.push(article)
    }
  }
  return [...groups.values()]
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

/**
 * Two routes that a case-insensitive file system (macOS, Windows) would store as one file are one
 * route: folding through upper case also joins σ and ς, and ı and i.
 */
function pathKey(route: string): string {
  return route.normalize('NFC').toUpperCase().toLowerCase()
}
