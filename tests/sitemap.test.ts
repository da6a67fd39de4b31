import { describe, expect, it } from 'vitest'
import { resolveConfig, type ResolvedConfig } from '../src/config.js'
import { renderDiscovery, sitemapLimits } from '../src/feeds.js'
import type { RoutedArticle, SitePlan } from '../src/routes.js'

const resolved = resolveConfig({ baseUrl: 'https://example.org', basePath: '/news/' })
if ('issues' in resolved) throw new Error('test config invalid')
const config: ResolvedConfig = resolved.config

/** A plan of `count` articles, newest first, one a minute; only what the sitemap reads of them. */
function planOf(count: number): SitePlan {
  const start = Date.parse('2026-01-01T00:00:00Z')
  const articles = Array.from({ length: count }, (_, index) => ({ route: `2026/a-${index}/`, date: new Date(start - index * 60_000).toISOString() }) as unknown as RoutedArticle)
  return { articles, days: [], months: [], tags: [], sources: [] }
}

const text = (page: { contents: string | Uint8Array }) => String(page.contents)
const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1]!)

describe('sitemap', () => {
  it('is one file while the site has no more URLs than one sitemap may hold', () => {
    const pages = renderDiscovery(planOf(40), config)
    expect(pages.map((page) => page.path)).toEqual(['sitemap.xml', 'robots.txt'])
    const sitemap = text(pages[0]!)
    expect(sitemap).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9"><url><loc>https:\/\/example.org\/news\/<\/loc>/)
    expect(locs(sitemap)).toContain('https://example.org/news/2026/a-39/')
  })

  it('becomes an index of sitemaps beside it past the URL limit, each URL listed once and in order', () => {
    const whole = locs(text(renderDiscovery(planOf(40), config)[0]!))
    const pages = renderDiscovery(planOf(40), config, { urls: 7, bytes: sitemapLimits.bytes })
    const files = pages.filter((page) => /^sitemap-\d+\.xml$/.test(page.path))
    expect(files.map((page) => page.path)).toEqual(Array.from({ length: Math.ceil(whole.length / 7) }, (_, index) => `sitemap-${index + 1}.xml`))
    for (const file of files) expect(locs(text(file)).length).toBeLessThanOrEqual(7)
    expect(files.flatMap((file) => locs(text(file)))).toEqual(whole)

    const index = text(pages.find((page) => page.path === 'sitemap.xml')!)
    expect(index).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<sitemapindex xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9"><sitemap>/)
    // The index names each file by its absolute URL, with the newest date among its URLs.
    expect(locs(index)).toEqual(files.map((file) => `https://example.org/news/${file.path}`))
    const lastmods = [...index.matchAll(/<lastmod>([^<]*)<\/lastmod>/g)].map((match) => match[1]!)
    expect(lastmods).toEqual(files.map((file) => [...text(file).matchAll(/<lastmod>([^<]*)<\/lastmod>/g)].map((match) => match[1]!).sort().at(-1)))
    expect(text(pages.find((page) => page.path === 'robots.txt')!)).toMatch(/^Sitemap: https:\/\/example\.org\/news\/sitemap\.xml$/m)
  })

  it('keeps each sitemap within the byte limit, counting the escaped bytes', () => {
    const plan = planOf(30)
    // Routes with characters the serializer escapes: their bytes in the file are more than their length.
    const escaped = { ...plan, articles: plan.articles.map((article, index) => ({ ...article, route: `2026/a&b-${index}/` })) }
    const limit = 1200
    const pages = renderDiscovery(escaped, config, { urls: sitemapLimits.urls, bytes: limit })
    const files = pages.filter((page) => /^sitemap-\d+\.xml$/.test(page.path))
    expect(files.length).toBeGreaterThan(2)
    for (const file of files) expect(Buffer.byteLength(text(file))).toBeLessThanOrEqual(limit)
    expect(files.flatMap((file) => locs(text(file)))).toEqual(locs(text(renderDiscovery(escaped, config)[0]!)))
  })

  it('splits at the protocol’s limits by default: 50,000 URLs and 50 MB a file', () => {
    expect(sitemapLimits).toEqual({ urls: 50_000, bytes: 52_428_800 })
    // The defaults are the ones applied: a plan past a small limit splits only when told the limit.
    expect(renderDiscovery(planOf(40), config).map((page) => page.path)).toEqual(['sitemap.xml', 'robots.txt'])
  })
})
