import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast'
import { x } from 'xastscript'
import { toXml } from 'xast-util-to-xml'
import type { ResolvedConfig } from './config.js'
import { serializeHtml } from './html.js'
import { listingRoutes } from './pages.js'
import { bylineNames } from './text/byline.js'
import { forbiddenCharacters } from './text/forbidden-characters.js'
import type { SitePlan } from './routes.js'
import type { Page } from './types.js'

/**
 * Render the Atom, RSS 2.0 and JSON feeds of the newest articles, with absolute URLs, full
 * content and summaries, and ids that stay the same across builds (the article's URL).
 */
export function renderFeeds(plan: SitePlan, config: ResolvedConfig, bodies: ReadonlyMap<string, HastRoot>): Page[] {
  const items = plan.articles.slice(0, config.feedSize)
  const home = absolute(config, '')
  // The feed changed when its newest entry appeared or any entry was last corrected.
  const updated = items.reduce((latest, article) => ((article.updated ?? article.date) > latest ? (article.updated ?? article.date) : latest), items[0]?.date ?? '1970-01-01T00:00:00Z')
  const entries = items.map((article) => ({ article, url: absolute(config, article.route), html: contentHtml(bodies.get(article.path), absolute(config, article.route)), authors: authorsOf(article) }))

  const atom = x('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': config.language }, [
    x('id', home),
    x('title', config.title),
    x('subtitle', config.description),
    x('updated', updated),
    x('link', { rel: 'self', type: 'application/atom+xml', href: absolute(config, 'feed.xml') }),
    x('link', { rel: 'alternate', type: 'text/html', href: home }),
    x('author', [x('name', config.publisher ?? config.title)]),
    x('generator', 'Gazette'),
    ...entries.map(({ article, url, html, authors }) =>
      x('entry', [
        x('id', url),
        x('title', article.title),
        x('link', { rel: 'alternate', type: 'text/html', href: url }),
        x('published', article.date),
        x('updated', article.updated ?? article.date),
        ...authors.map((name) => x('author', [x('name', name)])),
        ...article.tags.map((tag) => x('category', { term: tag })),
        x('summary', article.summary ?? article.lede),
        x('content', { type: 'html' }, html)
      ])
    )
  ])

  const rss = x('rss', { version: '2.0', 'xmlns:atom': 'http://www.w3.org/2005/Atom', 'xmlns:content': 'http://purl.org/rss/1.0/modules/content/', 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' }, [
    x('channel', [
      x('title', config.title),
      x('link', home),
      x('description', htmlText(config.description)),
      x('language', config.language),
      x('lastBuildDate', new Date(updated).toUTCString()),
      x('generator', 'Gazette'),
      x('atom:link', { href: absolute(config, 'rss.xml'), rel: 'self', type: 'application/rss+xml' }),
      ...entries.map(({ article, url, html, authors }) =>
        x('item', [
          x('title', article.title),
          x('link', url),
          x('guid', { isPermaLink: 'true' }, url),
          x('pubDate', new Date(article.date).toUTCString()),
          // RSS's own <author> must be an email address; Dublin Core's creator is a name.
          ...authors.map((name) => x('dc:creator', name)),
          ...article.tags.map((tag) => x('category', tag)),
          x('description', htmlText(article.summary ?? article.lede)),
          x('content:encoded', html)
        ])
      )
    ])
  ])

  const json = {
    version: 'https://jsonfeed.org/version/1.1',
    title: config.title,
    home_page_url: home,
    feed_url: absolute(config, 'feed.json'),
    description: config.description,
    language: config.language,
    authors: [{ name: config.publisher ?? config.title }],
    items: entries.map(({ article, url, html, authors }) => ({
      id: url,
      url,
      title: article.title,
      summary: article.summary ?? article.lede,
      content_html: html,
      date_published: article.date,
      ...(article.updated ? { date_modified: article.updated } : {}),
      ...(article.tags.length > 0 ? { tags: [...article.tags] } : {}),
      ...(authors.length > 0 ? { authors: authors.map((name) => ({ name })) } : {}),
      ...(article.sourceUrl ? { external_url: article.sourceUrl } : {})
    }))
  }

  return [
    { path: 'feed.xml', contents: xmlDocument(atom) },
    { path: 'rss.xml', contents: xmlDocument(rss) },
    { path: 'feed.json', contents: `${JSON.stringify(json, null, 2)}\n` }
  ]
}

/** Who an entry is by: the people its byline names, else the source that reported it. */
function authorsOf(article: { readonly byline: string | undefined; readonly source: string | undefined }): string[] {
  const names = article.byline ? bylineNames(article.byline) : []
  return names.length > 0 ? names : article.source ? [article.source] : []
}

/** What one sitemap file may hold, by the sitemap protocol: 50,000 URLs and 50 MB, uncompressed. */
export const sitemapLimits = { urls: 50_000, bytes: 50 * 1024 * 1024 }

/** What the sitemaps and robots.txt are made of: the site's address, every URL's route with its last change, and the limits. */
export interface DiscoveryInputs {
  readonly base: string
  readonly urls: ReadonlyArray<readonly [route: string, lastmod: string | undefined]>
  readonly limits: typeof sitemapLimits
}

/**
 * The sitemaps' and robots.txt's inputs, as data: the same inputs make the same files, so a build
 * whose inputs are the last one's can keep those files without making them (`discoveryFiles`).
 */
export function discoveryInputs(plan: SitePlan, config: ResolvedConfig, limits = sitemapLimits): DiscoveryInputs {
  const routes = [...listingRoutes(plan, config), ...plan.articles.map((article) => article.route)]
  const lastModified = new Map<string, string>([['', plan.articles[0]?.date ?? '']])
  for (const article of plan.articles) lastModified.set(article.route, article.updated ?? article.date)
  return { base: absolute(config, ''), urls: routes.map((route) => [route, lastModified.get(route) || undefined]), limits }
}

/**
 * `sitemap.xml` listing every article and listing page, and `robots.txt` pointing at it. A site
 * with more URLs than one sitemap may hold gets `sitemap-1.xml`, `sitemap-2.xml`, … and a
 * `sitemap.xml` that indexes them. Why beside it, not in a folder: a sitemap may list only URLs
 * below its own folder.
 */
export function renderDiscovery(plan: SitePlan, config: ResolvedConfig, limits = sitemapLimits): Page[] {
  return discoveryFiles(discoveryInputs(plan, config, limits))
}

/** The sitemaps and robots.txt made from their inputs: one sitemap, or an index of several within the limits. */
export function discoveryFiles({ base, urls: routes, limits }: DiscoveryInputs): Page[] {
  const urls = routes.map(([route, lastmod]) => ({ lastmod, node: x('url', [x('loc', `${base}${encodeURI(route)}`), ...(lastmod ? [x('lastmod', lastmod)] : [])]) }))
  const robots = { path: 'robots.txt', contents: `User-agent: *\nAllow: /\n\nSitemap: ${base}sitemap.xml\n` }
  const urlset = (group: typeof urls) => xmlDocument(x('urlset', { xmlns: sitemapNamespace }, group.map((url) => url.node)))
  const whole = urls.length <= limits.urls ? urlset(urls) : undefined
  if (whole !== undefined && Buffer.byteLength(whole) <= limits.bytes) return [{ path: 'sitemap.xml', contents: whole }, robots]
  const files = splitUrls(urls, limits).map((group, index) => ({ path: `sitemap-${index + 1}.xml`, contents: urlset(group), lastmod: group.reduce<string | undefined>((newest, url) => (url.lastmod && (!newest || url.lastmod > newest) ? url.lastmod : newest), undefined) }))
  const index = x('sitemapindex', { xmlns: sitemapNamespace }, files.map((file) => x('sitemap', [x('loc', `${base}${file.path}`), ...(file.lastmod ? [x('lastmod', file.lastmod)] : [])])))
  return [{ path: 'sitemap.xml', contents: xmlDocument(index) }, ...files.map(({ path, contents }) => ({ path, contents })), robots]
}

const sitemapNamespace = 'http://www.sitemaps.org/schemas/sitemap/0.9'

/** URLs in runs that each make a sitemap within the limits (a URL too long for any sitemap goes alone). */
function splitUrls<T extends { node: ReturnType<typeof x> }>(urls: readonly T[], limits: typeof sitemapLimits): T[][] {
  const frame = Buffer.byteLength(xmlDocument(x('urlset', { xmlns: sitemapNamespace }, [])))
  const groups: T[][] = []
  let group: T[] = []
  let bytes = frame
  for (const url of urls) {
    // A URL's bytes as the whole document serializes them: its element, escaped the same way.
    const size = Buffer.byteLength(toXml(url.node).replaceAll(']]>', ']]&gt;'))
    if (group.length > 0 && (group.length === limits.urls || bytes + size > limits.bytes)) {
      groups.push(group)
      group = []
      bytes = frame
    }
    group.push(url)
    bytes += size
  }
  groups.push(group)
  return groups
}

/** A route as an absolute URL, percent-encoded: feed readers and the sitemap protocol take URIs, not IRIs ("/tags/東京/"). */
function absolute(config: ResolvedConfig, route: string): string {
  return encodeURI(`${config.baseUrl}${config.basePath}${route}`)
}

function xmlDocument(tree: ReturnType<typeof x>): string {
  // The serializer escapes "<" and "&" but not ">", and XML forbids "]]>" in text. These trees
  // hold no CDATA sections or comments, so every "]]>" is text and "]]&gt;" means the same.
  // References are written by name where XML has one: some feed readers decode only those.
  const xml = toXml(tree).replaceAll(']]>', ']]&gt;').replaceAll('&#x26;', '&amp;').replaceAll('&#x3C;', '&lt;').replaceAll('&#x22;', '&quot;')
  // Whatever reached here from elsewhere (the config), no character XML forbids is written.
  return `<?xml version="1.0" encoding="utf-8"?>\n${xml.replace(forbiddenCharacters, '')}\n`
}

/** RSS readers render `<description>` as HTML, so plain text is escaped once more. */
function htmlText(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** The article body as HTML with every link and image made absolute, as feed readers need. */
function contentHtml(body: HastRoot | undefined, base: string): string {
  if (!body) return ''
  const copy = structuredClone(body)
  const stack: Array<HastRoot | RootContent | ElementContent> = [copy]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'element') {
      absolutize(node, base)
      alignedByAttribute(node)
    }
    if ('children' in node) for (const child of node.children) stack.push(child)
  }
  return serializeHtml(copy)
}

/**
 * A table cell's alignment as the `align` attribute again: a feed reader has no stylesheet to
 * give the site's `align-right` class a meaning, and reads the attribute.
 */
function alignedByAttribute(node: Element): void {
  if ((node.tagName !== 'td' && node.tagName !== 'th') || !Array.isArray(node.properties.className)) return
  const align = node.properties.className.find((name) => typeof name === 'string' && /^align-(?:left|center|right)$/.test(name))
  if (align === undefined) return
  node.properties.align = String(align).slice('align-'.length)
  const rest = node.properties.className.filter((name) => name !== align)
  if (rest.length > 0) node.properties.className = rest
  else delete node.properties.className
}

function absolutize(node: Element, base: string): void {
  // `cite` too: a quotation's source, which a feed reader resolves against nothing it knows.
  for (const key of ['href', 'src', 'cite'] as const) {
    const value = node.properties[key]
    if (typeof value !== 'string') continue
    try {
      node.properties[key] = new URL(value, base).href
    } catch {
      delete node.properties[key]
    }
  }
}
