import { createHash } from 'node:crypto'
import type { Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { h } from 'hastscript'
import type { ResolvedConfig } from './config.js'
import type { Listing, RoutedArticle, SitePlan } from './routes.js'
import type { AlsoReported, TemplateAssets, TemplateContext, Templates } from './templates.js'
import type { Page } from './types.js'

/** What pages need beyond the plan: other copies of a story and related stories, by article path. */
export interface StoryLinks {
  readonly alsoReported: ReadonlyMap<string, readonly AlsoReported[]>
  readonly related: ReadonlyMap<string, readonly RoutedArticle[]>
}

/**
 * Render every HTML page of the site through the templates: the paginated digest, one page per
 * article, archives per day and month, topic and source pages with their indexes, search and 404,
 * plus the hashed assets. Trees are serialized here, once, by hast-util-to-html.
 */
export function renderPages(plan: SitePlan, config: ResolvedConfig, templates: Templates, assets: TemplateAssets, links: StoryLinks): Page[] {
  const pages: Page[] = []
  const stylesheet = hashedName('assets/style', 'css', assets.stylesheet)
  const searchScript = hashedName('assets/search', 'js', assets.searchScript)
  pages.push({ path: stylesheet, contents: assets.stylesheet }, { path: searchScript, contents: assets.searchScript }, { path: 'favicon.svg', contents: assets.favicon })
  const ctx = createContext(config, templates, { stylesheet, favicon: 'favicon.svg', searchScript })
  const emit = (route: string, tree: Root) => pages.push({ path: route.endsWith('/') || route === '' ? `${route}index.html` : route, contents: `${toHtml(tree)}\n` })

  for (const [index, group] of paginate(plan.articles, config.pageSize).entries()) {
    const routes = pageRoutes('', plan.articles.length, config.pageSize)
    emit(routes[index]!, templates.home(ctx, { route: routes[index]!, page: index + 1, groups: byDay(group, true), pagination: { page: index + 1, routes } }))
  }
  for (const article of plan.articles) {
    emit(
      article.route,
      templates.article(ctx, {
        article,
        jsonLd: jsonLdScript(newsArticle(article, ctx, config)),
        related: links.related.get(article.path) ?? [],
        alsoReported: links.alsoReported.get(article.path) ?? []
      })
    )
  }
  const listing = (list: Listing, title: string, intro?: string) => {
    const routes = pageRoutes(list.route, list.articles.length, config.pageSize)
    for (const [index, group] of paginate(list.articles, config.pageSize).entries()) {
      const props = { route: routes[index]!, page: index + 1, title: index === 0 ? title : `${title}: page ${index + 1}`, groups: byDay(group, false), pagination: { page: index + 1, routes } }
      emit(routes[index]!, templates.home(ctx, intro === undefined ? props : { ...props, intro }))
    }
  }
  for (const day of plan.days) listing(day, ctx.format.day(day.name))
  for (const month of plan.months) listing(month, formatMonth(month.name, config))
  for (const tag of plan.tags) listing(tag, tag.name, `Stories about ${tag.name}.`)
  for (const source of plan.sources) listing(source, source.name, `Stories reported by ${source.name}.`)
  const count = (lists: readonly Listing[]) => lists.map((list) => ({ name: list.name, route: list.route, count: list.articles.length }))
  emit('tags/', templates.topics(ctx, { title: 'Topics', route: 'tags/', listings: count(plan.tags) }))
  emit('sources/', templates.topics(ctx, { title: 'Sources', route: 'sources/', listings: count(plan.sources) }))
  emit('search/', templates.search(ctx))
  emit('404.html', templates.notFound(ctx))
  return pages
}

/** Build the context templates receive; URLs carry the base path, absolute ones the base URL. */
export function createContext(config: ResolvedConfig, templates: Templates, assets: TemplateContext['assets']): TemplateContext {
  const url = (route: string) => config.basePath + route
  const dateTime = new Intl.DateTimeFormat(config.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: config.timezone })
  const dayFormat = new Intl.DateTimeFormat(config.language, { dateStyle: 'full', timeZone: 'UTC' })
  return {
    h,
    site: config,
    url,
    absoluteUrl: (route) => config.baseUrl + url(route),
    assets: { stylesheet: url(assets.stylesheet), favicon: url(assets.favicon), searchScript: url(assets.searchScript) },
    format: {
      dateTime: (iso) => dateTime.format(new Date(iso)),
      day: (day) => dayFormat.format(new Date(`${day}T12:00:00Z`)),
      readingTime: (words) => `${Math.max(1, Math.round(words / 230))} min`
    },
    contentSecurityPolicy: (scripts) =>
      [
        "default-src 'self'",
        "img-src 'self' https: data:",
        "style-src 'self'",
        scripts.length > 0 ? "script-src 'self' 'wasm-unsafe-eval'" : "script-src 'none'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'"
      ].join('; '),
    templates
  }
}

/** `assets/style.1a2b3c4d.css`: the name changes whenever the bytes do, so hosts may cache forever. */
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

function newsArticle(article: RoutedArticle, ctx: TemplateContext, config: ResolvedConfig): object {
  const publisher = config.publisher ?? config.title
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.summary ?? article.lede,
    datePublished: article.date,
    url: ctx.absoluteUrl(article.route),
    mainEntityOfPage: ctx.absoluteUrl(article.route),
    inLanguage: config.language,
    wordCount: article.words,
    ...(article.tags.length > 0 ? { keywords: article.tags.join(', ') } : {}),
    ...(article.source ? { sourceOrganization: { '@type': 'Organization', name: article.source } } : {}),
    ...(article.sourceUrl ? { isBasedOn: article.sourceUrl } : {}),
    publisher: { '@type': 'Organization', name: publisher }
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

