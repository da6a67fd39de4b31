import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { parseFeed } from '@rowanmanning/feed-parser'
import { parseHTML } from 'linkedom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSite, listFiles, seedParagraphs, seedRoute, siteUrl, type BuildSummary, type BuiltSite } from './site-server.js'

/** The published articles, newest first. */
const published = [
  ['Japan and the US have agreed to further enhance the deterrence and response capabilities', '2026-01-15T12:00:00Z'],
  ['Harbour café reopens after a year of repairs', '2026-01-14T08:30:00Z'],
  ['Coffee prices climb for a third month', '2026-01-13T16:00:00Z'],
  ['Decomposed accents in a tag name', '2026-01-12T09:00:00Z'],
  ["Council adopts next year's budget", '2026-01-10T18:45:00Z'],
  ['River festival draws record crowds', '2025-12-20T14:00:00Z'],
  ['Central library extends its opening hours', '2025-12-05T09:00:00Z']
] as const
const titles = published.map(([title]) => title)

let site: BuiltSite
let first: Record<string, string>
let second: Record<string, string>
let rebuilt: BuildSummary

const read = (name: string) => readFile(join(site.out, name), 'utf8')
const feedFiles = ['feed.xml', 'rss.xml', 'feed.json', 'sitemap.xml'] as const

beforeAll(async () => {
  site = await buildSite({ args: ['--no-search'] })
  first = Object.fromEntries(await Promise.all(feedFiles.map(async (name) => [name, await read(name)])))
  rebuilt = await site.rebuild()
  second = Object.fromEntries(await Promise.all(feedFiles.map(async (name) => [name, await read(name)])))
})

afterAll(async () => {
  await site?.cleanup()
})

/** Whether an absolute site URL names a built page. */
async function exists(url: string): Promise<boolean> {
  if (!url.startsWith(siteUrl)) return false
  const path = decodeURIComponent(url.slice(siteUrl.length).replace(/[?#].*$/, ''))
  try {
    return (await stat(join(site.out, path === '' || path.endsWith('/') ? `${path}index.html` : path))).isFile()
  } catch {
    return false
  }
}

function expectNewestFirst(dates: Array<Date | null>): void {
  const times = dates.map((date) => date?.getTime() ?? Number.NaN)
  expect(times.every((time) => Number.isFinite(time))).toBe(true)
  expect(times).toEqual([...times].sort((a, b) => b - a))
}

function expectSeedContent(html: string | null | undefined): void {
  expect(html).toBeTruthy()
  const text = parseHTML(`<!doctype html><html><body>${html}</body></html>`).document.body.textContent ?? ''
  let from = 0
  for (const paragraph of seedParagraphs) {
    const at = text.indexOf(paragraph, from)
    expect(at, paragraph.slice(0, 40)).toBeGreaterThanOrEqual(from)
    expect(text.indexOf(paragraph, at + 1), `${paragraph.slice(0, 40)} appears twice`).toBe(-1)
    from = at + paragraph.length
  }
  expect(text).not.toContain('Source link')
}

describe('feeds', () => {
  it('a rebuild ingests nothing new and writes byte-identical feeds and sitemap', () => {
    expect(site.summary.ok).toBe(true)
    expect(rebuilt).toMatchObject({ ok: true, ingested: [], articles: 7 })
    for (const name of feedFiles) expect(second[name], name).toBe(first[name])
  })

  it('draft and future articles are in no feed', () => {
    for (const name of ['feed.xml', 'rss.xml', 'feed.json', 'sitemap.xml'] as const) {
      expect(first[name]).not.toMatch(/DRAFTMARKER|FUTUREMARKER|Unfinished draft|far future|2099/)
    }
  })

  it.each([
    ['feed.xml', 'atom', 'https://example.org/news/feed.xml'],
    ['rss.xml', 'rss', 'https://example.org/news/rss.xml']
  ] as const)('%s parses as %s with absolute links, stable ids, full content and valid dates, newest first', async (name, type, self) => {
    const feed = parseFeed(first[name]!)
    const again = parseFeed(second[name]!)
    expect(feed.meta.type).toBe(type)
    if (type === 'rss') expect(feed.meta.version).toBe('2.0')
    expect(feed.title).toBe('Test Gazette')
    expect(feed.url).toBe(siteUrl)
    expect(feed.self).toBe(self)
    expect(feed.items.map((item) => item.title)).toEqual(titles)
    for (const item of feed.items) {
      expect(item.url).toMatch(/^https:\/\/example\.org\/news\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/$/)
      expect(await exists(item.url!), item.url!).toBe(true)
      expect(item.id).toBe(item.url)
      expect(item.description).toBeTruthy()
      expect(item.content).toBeTruthy()
    }
    expect(feed.items.map((item) => item.published?.toISOString().replace('.000Z', 'Z'))).toEqual(published.map(([, date]) => date))
    expectNewestFirst(feed.items.map((item) => item.published))
    expect(again.items.map((item) => item.id)).toEqual(feed.items.map((item) => item.id))
    expectSeedContent(feed.items[0]!.content)
    // Links inside content are absolute, so feed readers can follow them.
    for (const item of feed.items) for (const [, href] of (item.content ?? '').matchAll(/\shref="([^"]*)"/g)) expect(href).toMatch(/^https?:\/\//)
    // Tags in every spelling arrive as one NFC form.
    const categories = feed.items.flatMap((item) => item.categories.map((category) => category.term))
    expect(categories.every((term) => term === term.normalize('NFC'))).toBe(true)
    expect(categories.filter((term) => term.toLowerCase() === 'café')).toHaveLength(3)
  })

  it('feed.json is a JSON Feed 1.1', async () => {
    const feed = JSON.parse(first['feed.json']!) as Record<string, unknown> & { items: Array<Record<string, unknown>> }
    const again = JSON.parse(second['feed.json']!) as typeof feed
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1')
    expect(feed.title).toBe('Test Gazette')
    expect(feed.home_page_url).toBe(siteUrl)
    expect(feed.feed_url).toBe(`${siteUrl}feed.json`)
    expect(Array.isArray(feed.authors)).toBe(true)
    expect(feed).not.toHaveProperty('author') // 1.1 replaced "author" with "authors"
    expect(feed.items.map((item) => item.title)).toEqual(titles)
    for (const item of feed.items) {
      expect(typeof item.id).toBe('string')
      expect(item.id).toBe(item.url)
      expect(await exists(item.url as string), item.url as string).toBe(true)
      expect(typeof item.content_html === 'string' || typeof item.content_text === 'string').toBe(true)
      expect(item.date_published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/)
      if (item.authors !== undefined) expect(item.authors).toEqual([{ name: expect.any(String) }])
      if (item.external_url !== undefined) expect(item.external_url).toMatch(/^https?:\/\//)
    }
    expect(feed.items.map((item) => item.date_published)).toEqual(published.map(([, date]) => date))
    expectNewestFirst(feed.items.map((item) => new Date(item.date_published as string)))
    expect(again.items.map((item) => item.id)).toEqual(feed.items.map((item) => item.id))
    expectSeedContent(feed.items[0]!.content_html as string)
    expect(feed.items[1]).toMatchObject({ external_url: 'https://herald.example.com/harbour-cafe', tags: ['Café', 'Local'] })
  })
})

describe('discovery', () => {
  it('every HTML page advertises all three feeds', async () => {
    const pages = (await listFiles(site.out)).filter((file) => file.endsWith('.html'))
    const missing: string[] = []
    for (const file of pages) {
      const { document } = parseHTML(await read(file))
      const alternates = [...document.querySelectorAll('head link[rel="alternate"]')].map((link) => `${link.getAttribute('type')} ${link.getAttribute('href')}`)
      for (const expected of ['application/atom+xml /news/feed.xml', 'application/rss+xml /news/rss.xml', 'application/feed+json /news/feed.json']) {
        if (!alternates.includes(expected)) missing.push(`${file}: ${expected}`)
      }
    }
    expect(pages.length).toBeGreaterThan(30)
    expect(missing).toEqual([])
  })

  it('sitemap.xml lists absolute URLs of pages that exist, robots.txt names it', async () => {
    const locs = [...first['sitemap.xml']!.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1]!)
    expect(first['sitemap.xml']).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/)
    expect(locs.length).toBeGreaterThan(15)
    expect(new Set(locs).size).toBe(locs.length)
    const missing: string[] = []
    for (const loc of locs) if (!(await exists(loc))) missing.push(loc)
    expect(missing).toEqual([])
    expect(locs).toEqual(expect.arrayContaining([siteUrl, `${siteUrl}${seedRoute}`, `${siteUrl}tags/cafe/`, `${siteUrl}2026/01/15/`]))
    for (const [, lastmod] of first['sitemap.xml']!.matchAll(/<lastmod>([^<]*)<\/lastmod>/g)) expect(Number.isNaN(Date.parse(lastmod!))).toBe(false)
    expect(await read('robots.txt')).toMatch(/^Sitemap: https:\/\/example\.org\/news\/sitemap\.xml$/m)
  })

  it('the article page has NewsArticle JSON-LD and absolute canonical and og:url', async () => {
    const { document } = parseHTML(await read(`${seedRoute}index.html`))
    const scripts = [...document.querySelectorAll('script[type="application/ld+json"]')]
    expect(scripts).toHaveLength(1)
    const data = JSON.parse(scripts[0]!.textContent ?? '') as Record<string, unknown>
    expect(data['@context']).toBe('https://schema.org')
    expect(data['@type']).toBe('NewsArticle')
    expect(data.headline).toBe(titles[0])
    expect(data.datePublished).toBe('2026-01-15T12:00:00Z')
    expect(data.url).toBe(`${siteUrl}${seedRoute}`)
    expect(document.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${siteUrl}${seedRoute}`)
    expect(document.querySelector('meta[property="og:url"]')?.getAttribute('content')).toBe(`${siteUrl}${seedRoute}`)
    expect(document.querySelector('meta[property="og:type"]')?.getAttribute('content')).toBe('article')
  })

  it('every page has an absolute canonical URL that matches og:url and names the page itself, but the 404 page, which has none', async () => {
    const wrong: string[] = []
    for (const file of (await listFiles(site.out)).filter((name) => name.endsWith('.html'))) {
      const { document } = parseHTML(await read(file))
      const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? ''
      const og = document.querySelector('meta[property="og:url"]')?.getAttribute('content')
      if (file === '404.html') {
        if (canonical !== '' || og !== undefined) wrong.push(`${file}: canonical ${canonical}, og:url ${og}`)
        continue
      }
      const expected = `${siteUrl}${file.replace(/index\.html$/, '')}`
      if (canonical !== expected || og !== canonical) wrong.push(`${file}: canonical ${canonical}, og:url ${og}`)
    }
    expect(wrong).toEqual([])
  })
})
