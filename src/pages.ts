import { createHash, hash } from 'node:crypto'
import type { Root } from 'hast'
import { h } from 'hastscript'
import type { ResolvedConfig } from './config.js'
import { serializeHtml } from './html.js'
import { formatLabel, formatNumber, resolveLabels } from './labels.js'
import type { Listing, RoutedArticle, SitePlan } from './routes.js'
import { templateFiles, type AlsoReported, type DigestProps, type IndexProps, type SearchProps, type TemplateAssets, type TemplateContext, type Templates } from './templates.js'
import type { StoryLinks } from './stories.js'
import { bylineNames } from './text/byline.js'
import type { Page } from './types.js'

/** Everything an article page is made of besides its body, small enough to send to a worker. */
export interface ArticlePageJob {
  readonly path: string
  readonly article: RoutedArticle
  readonly related: readonly RoutedArticle[]
  readonly alsoReported: readonly AlsoReported[]
}

/**
 * A listing page as plain data: the template that renders it and the props it is given. Plain,
 * so a worker thread can render it as well as this one.
 */
export type ListingPageJob =
  | { readonly path: string; readonly template: 'home'; readonly props: DigestProps }
  | { readonly path: string; readonly template: 'topics'; readonly props: IndexProps }
  | { readonly path: string; readonly template: 'search'; readonly props: SearchProps }
  | { readonly path: string; readonly template: 'notFound' }

/** Any page the runner renders: an article's around its body, or a listing. */
export type PageJob = ArticlePageJob | ListingPageJob

/** A listing page to write, with a key that changes whenever its bytes could. */
export interface PageSpec {
  readonly path: string
  readonly key: string
  /** The job, made only for a page that is rendered: most are carried over in a rebuild. */
  job(): ListingPageJob
}

/** Asset URLs as templates see them: hashed names, so hosts may cache them forever. */
export interface AssetRoutes {
  readonly stylesheet: string
  readonly favicon: string
  readonly searchScript: string
}

/** The hashed paths of the template assets, and the asset files themselves. */
export function assetPages(assets: TemplateAssets): { routes: AssetRoutes; pages: Page[] } {
  const routes = { stylesheet: hashedName('assets/style', 'css', assets.stylesheet), favicon: 'favicon.svg', searchScript: hashedName('assets/search', 'js', assets.searchScript) }
  return {
    routes,
    pages: [
      { path: routes.stylesheet, contents: assets.stylesheet },
      { path: routes.searchScript, contents: assets.searchScript },
      { path: routes.favicon, contents: assets.favicon }
    ]
  }
}

/** Build the context templates receive; URLs carry the base path, absolute ones the base URL. */
export function createContext(config: ResolvedConfig, templates: Templates, assets: AssetRoutes): TemplateContext {
  const url = (route: string) => config.basePath + route
  const dateTime = new Intl.DateTimeFormat(config.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: config.timezone })
  const dayFormat = new Intl.DateTimeFormat(config.language, { dateStyle: 'full', timeZone: 'UTC' })
  const dateFormat = new Intl.DateTimeFormat(config.language, { dateStyle: 'medium', timeZone: 'UTC' })
  const zonedDateFormat = new Intl.DateTimeFormat(config.language, { dateStyle: 'medium', timeZone: config.timezone })
  const labels = resolveLabels(config.language, config.labels)
  return {
    h,
    site: config,
    url,
    absoluteUrl: (route) => encodeURI(config.baseUrl + url(route)),
    assets: { stylesheet: url(assets.stylesheet), favicon: url(assets.favicon), searchScript: url(assets.searchScript) },
    format: {
      // An article's date is shown on its page and on every listing and story box it is in.
      dateTime: remembered((iso) => dateTime.format(new Date(iso))),
      // A day is formatted as that day in UTC, where no zone's clock change can move it to another.
      date: remembered((value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? dateFormat.format(new Date(`${value}T12:00:00Z`)) : zonedDateFormat.format(new Date(value)))),
      day: remembered((day) => dayFormat.format(new Date(`${day}T12:00:00Z`))),
      readingTime: (words) => `${readingMinutes(words)} min`,
      readingMinutes,
      number: (value) => formatNumber(value, config.language)
    },
    label: (name, values) => formatLabel(labels[name], config.language, values),
    labels,
    contentSecurityPolicy: (scripts) =>
      [
        "default-src 'self'",
        "img-src 'self' https: data:",
        "style-src 'self'",
        scripts.length > 0 ? "script-src 'self'" : "script-src 'none'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'"
      ].join('; '),
    templates
  }
}

/** Whole minutes to read this many words, at 230 a minute; at least one. */
function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / 230))
}

/** `format`, answering a value it has seen from memory: formatting a date takes several microseconds. */
function remembered(format: (value: string) => string): (value: string) => string {
  const seen = new Map<string, string>()
  return (value) => {
    let text = seen.get(value)
    if (text === undefined) {
      // Bounded: a render thread of a 50,000-article site sees each date a few times, then no more.
      if (seen.size >= 100_000) seen.clear()
      text = format(value)
      seen.set(value, text)
    }
    return text
  }
}

/** The job for each article's page. */
export function articlePageJobs(plan: SitePlan, links: StoryLinks): ArticlePageJob[] {
  const byPath = new Map(plan.articles.map((article) => [article.path, article]))
  return plan.articles.map((article) => ({
    path: `${article.route}index.html`,
    article,
    related: (links.related.get(article.path) ?? []).flatMap((path) => byPath.get(path) ?? []),
    alsoReported: links.alsoReported.get(article.path) ?? []
  }))
}

/** Render one article's page around its sanitized body. */
export function renderArticlePage(ctx: TemplateContext, job: ArticlePageJob, body: Root): Page {
  const tree = ctx.templates.article(ctx, { article: job.article, body, jsonLd: jsonLdScript(newsArticle(job.article, ctx)), related: job.related, alsoReported: job.alsoReported })
  return { path: job.path, contents: serialize(tree) }
}

/** Render any page: an article's around its sanitized body, or a listing with the template its job names. */
export function renderPage(ctx: TemplateContext, job: PageJob, body?: Root): Page {
  if ('article' in job && !body) throw new Error(`no body to render ${job.path} with`)
  try {
    if ('article' in job) return renderArticlePage(ctx, job, body!)
    const { templates } = ctx
    const tree = job.template === 'home' ? templates.home(ctx, job.props) : job.template === 'topics' ? templates.topics(ctx, job.props) : job.template === 'search' ? templates.search(ctx, job.props) : templates.notFound(ctx)
    return { path: job.path, contents: serialize(tree) }
  } catch (cause) {
    // A template that throws, or returns what is no tree, is named with the page it was making.
    const template = 'article' in job ? 'article' : job.template
    throw new Error(`the ${template} template (${templateFiles[template]}) failed while making ${job.path}: ${(cause as Error).message}`, { cause })
  }
}

/**
 * Every page that lists articles: the paginated digest, archives per day and month, topic and
 * source pages with their indexes, search and 404. Each comes with a key, so an unchanged page
 * need not be rendered again.
 */
export function listingPages(plan: SitePlan, ctx: TemplateContext, digest = articleDigests(), search = true): PageSpec[] {
  const config = ctx.site
  const specs: PageSpec[] = []
  const pathOf = (route: string) => (route.endsWith('/') || route === '' ? `${route}index.html` : route)
  const spec = (path: string, data: unknown, job: () => ListingPageJob) => specs.push({ path, key: hashKey(path, data), job })
  const listing = (list: Pick<Listing, 'route' | 'articles'>, title: string | undefined, linkDays: boolean, intro?: string) => {
    const routes = pageRoutes(list.route, list.articles.length, config.pageSize)
    for (const [index, group] of paginate(list.articles, config.pageSize).entries()) {
      const route = routes[index]!
      const pageTitle = title === undefined ? undefined : index === 0 ? title : ctx.label('numberedPage', { title, page: index + 1 })
      // The key holds what the page is made of; the routes of the other pages follow from their number.
      const key = { page: index + 1, pages: routes.length, title: pageTitle, intro, linkDays, articles: group.map(digest) }
      const path = pathOf(route)
      spec(path, key, () => ({ path, template: 'home', props: { route, page: index + 1, ...(pageTitle === undefined ? {} : { title: pageTitle }), groups: byDay(group, linkDays), pagination: { page: index + 1, routes }, ...(intro === undefined ? {} : { intro }) } }))
    }
  }
  listing({ route: '', articles: plan.articles }, undefined, true)
  for (const day of plan.days) listing(day, ctx.format.day(day.name), false)
  for (const month of plan.months) listing(month, formatMonth(month.name, config), false)
  for (const tag of plan.tags) listing(tag, tag.name, false, ctx.label('storiesAbout', { name: tag.name }))
  for (const source of plan.sources) listing(source, source.name, false, ctx.label('storiesReportedBy', { name: source.name }))
  const count = (lists: readonly Listing[]) => lists.map((list) => ({ name: list.name, route: list.route, count: list.articles.length }))
  const tags = { title: ctx.label('topics'), route: 'tags/', listings: count(plan.tags) }
  spec(pathOf('tags/'), tags, () => ({ path: pathOf('tags/'), template: 'topics', props: tags }))
  const sources = { title: ctx.label('sources'), route: 'sources/', listings: count(plan.sources) }
  spec(pathOf('sources/'), sources, () => ({ path: pathOf('sources/'), template: 'topics', props: sources }))
  const searchProps = { available: search }
  spec(pathOf('search/'), searchProps, () => ({ path: pathOf('search/'), template: 'search', props: searchProps }))
  spec('404.html', null, () => ({ path: '404.html', template: 'notFound' }))
  return specs
}

/** Every listing route, numbered pages included, for the sitemap. */
export function listingRoutes(plan: SitePlan, config: ResolvedConfig): string[] {
  const routes: string[] = [...pageRoutes('', plan.articles.length, config.pageSize), 'tags/', 'sources/']
  for (const list of [...plan.days, ...plan.months, ...plan.tags, ...plan.sources]) routes.push(...pageRoutes(list.route, list.articles.length, config.pageSize))
  return routes
}

/**
 * A short, stable hash of a page's path and the data it is rendered from. Why `hash`, not a
 * `createHash` object: a build makes tens of thousands of keys of a few hundred bytes, and for
 * those the one-shot function takes a third of the time.
 */
export function hashKey(path: string, data: unknown): string {
  return hash('sha256', `${path}\0${JSON.stringify(data) ?? ''}`, 'hex').slice(0, 32)
}

/**
 * A digest of each article, for page keys: an article listed on many pages is digested once,
 * not once per page, and a page's key holds its articles' digests. An article's summary is what
 * its content key names (the cache keeps summaries by that key), so the key and the place the
 * plan gave the article stand for all of it. Why not the whole article as JSON: serializing and
 * hashing every summary took 0.14 s at 10,000 articles, in every build, the smallest rebuild too.
 */
export function articleDigests(): (article: RoutedArticle) => string {
  const digests = new Map<RoutedArticle, string>()
  return (article) => {
    let digest = digests.get(article)
    if (digest === undefined) {
      const placed = [article.key, article.slug, article.route, article.day, article.tagRefs, article.sourceRef ?? null]
      digests.set(article, (digest = hash('sha256', JSON.stringify(placed), 'base64')))
    }
    return digest
  }
}

/** A page's HTML: `serializeHtml` escapes every value in the tree. */
function serialize(tree: Root): string {
  return `${serializeHtml(tree)}\n`
}

function hashedName(stem: string, extension: string, bytes: Uint8Array): string {
  return `${stem}.${createHash('sha256').update(bytes).digest('hex').slice(0, 10)}.${extension}`
}

function paginate<T>(items: readonly T[], size: number): T[][] {
  const pages: T[][] = []
  for (let start = 0; start < items.length; start += size) pages.push(items.slice(start, start + size))
  return pages.length > 0 ? pages : [[]]
}

/** Routes of a listing's numbered pages: the listing itself, then `page/2/`, `page/3/`, … */
function pageRoutes(route: string, count: number, size: number): string[] {
  const total = Math.max(1, Math.ceil(count / size))
  return Array.from({ length: total }, (_, index) => (index === 0 ? route : `${route}page/${index + 1}/`))
}

function byDay(articles: readonly RoutedArticle[], linkArchive: boolean): Array<{ day: string; archiveRoute?: string; articles: RoutedArticle[] }> {
  const groups: Array<{ day: string; archiveRoute?: string; articles: RoutedArticle[] }> = []
  for (const article of articles) {
    const last = groups[groups.length - 1]
    if (last && last.day === article.day) last.articles.push(article)
    else groups.push({ day: article.day, ...(linkArchive ? { archiveRoute: `${article.day.replaceAll('-', '/')}/` } : {}), articles: [article] })
  }
  return groups
}

function formatMonth(month: string, config: ResolvedConfig): string {
  return new Intl.DateTimeFormat(config.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`))
}

function newsArticle(article: RoutedArticle, ctx: TemplateContext): object {
  const config = ctx.site
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.summary ?? article.lede,
    datePublished: article.date,
    ...(article.updated ? { dateModified: article.updated } : {}),
    url: ctx.absoluteUrl(article.route),
    mainEntityOfPage: ctx.absoluteUrl(article.route),
    inLanguage: config.language,
    wordCount: article.words,
    ...(article.tags.length > 0 ? { keywords: article.tags.join(', ') } : {}),
    ...(article.byline && bylineNames(article.byline).length > 0 ? { author: bylineNames(article.byline).map((name) => ({ '@type': 'Person', name })) } : {}),
    ...(article.source ? { sourceOrganization: { '@type': 'Organization', name: article.source } } : {}),
    ...(article.sourceUrl ? { isBasedOn: article.sourceUrl } : {}),
    publisher: { '@type': 'Organization', name: config.publisher ?? config.title }
  }
}

/**
 * JSON for a `<script type="application/ld+json">`. Script contents are not escaped by the HTML
 * serializer, so `<`, `>`, `&` and the two JavaScript line separators are written as `\u` escapes:
 * no value can close the element or open a comment.
 */
export function jsonLdScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
