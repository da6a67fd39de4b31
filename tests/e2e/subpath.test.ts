import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allProblems, openTracked, visit, type PageProblems } from './browser.js'
import { basePath, listFiles, openSite, seedRoute, type BuiltSite, type OpenSite, type SiteServer } from './site-server.js'

let site: BuiltSite
let server: SiteServer
let opened: OpenSite
let context: BrowserContext
let page: Page
let problems: PageProblems
let files: string[]
/** Paths of every request the browser made. */
const requested: string[] = []

beforeAll(async () => {
  opened = await openSite()
  ;({ site, server } = opened)
  files = await listFiles(site.out)
  ;({ context, page, problems } = await openTracked(opened.browser, server.origin))
  page.on('request', (request) => requested.push(new URL(request.url()).pathname))
})

afterAll(async () => {
  await context?.close()
  await opened?.close()
})

/** Attribute values that are URLs, or may hold one. */
const urlAttributes = /\s(href|src|srcset|action|poster|data-[a-z-]+|content)="([^"]*)"/g

describe('served under /news/', () => {
  it('no page, stylesheet or script refers to a root path outside /news/', async () => {
    const escaping: string[] = []
    for (const file of files.filter((name) => /\.(?:html|css)$/.test(name) || /^assets\/.*\.js$/.test(name))) {
      const text = await readFile(join(site.out, file), 'utf8')
      if (file.endsWith('.html')) {
        for (const [, attribute, value] of text.matchAll(urlAttributes)) {
          for (const url of attribute === 'srcset' ? value!.split(',').map((part) => part.trim().split(/\s+/)[0]!) : [value!]) {
            if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith(basePath)) escaping.push(`${file}: ${attribute}="${url}"`)
          }
        }
      } else {
        for (const [, url] of text.matchAll(/url\(\s*['"]?(\/[^'")]*)/g)) if (!url!.startsWith(basePath)) escaping.push(`${file}: url(${url})`)
        for (const [, url] of text.matchAll(/['"`](\/[A-Za-z0-9_.-][^'"`\s]*)['"`]/g)) if (!url!.startsWith(basePath)) escaping.push(`${file}: "${url}"`)
      }
    }
    expect(escaping).toEqual([])
  })

  it("a link an article's body gives from the site's root leads to that page under /news/", async () => {
    await visit(page, `${server.url}2025/12/05/central-library-extends-its-opening-hours/`)
    await page.getByRole('link', { name: "the council's" }).click()
    await page.waitForURL(`${server.url}2026/01/10/council-adopts-next-years-budget/`)
    expect(await page.locator('h1').innerText()).toBe("Council adopts next year's budget")
  })

  it('the pages are not at the root: a static host answers 404 there', async () => {
    for (const route of ['', seedRoute, 'tags/', 'search/', 'feed.xml']) {
      const atRoot = await fetch(`${server.origin}/${route}`, { redirect: 'manual' })
      expect(atRoot.status, `/${route}`).toBe(404)
      const underBase = await fetch(`${server.url}${route}`, { redirect: 'manual' })
      expect(underBase.status, `${basePath}${route}`).toBe(200)
    }
  })

  it('the test server answers like a static host', async () => {
    const types = async (path: string) => {
      const response = await fetch(`${server.origin}${path}`, { redirect: 'manual' })
      return `${response.status} ${response.headers.get('content-type')}`
    }
    expect(await types('/news')).toBe('301 text/plain; charset=utf-8')
    expect(await types('/news/tags')).toBe('301 text/plain; charset=utf-8')
    expect(await types('/news/')).toBe('200 text/html; charset=utf-8')
    expect(await types('/news/feed.xml')).toBe('200 application/xml; charset=utf-8')
    expect(await types('/news/feed.json')).toBe('200 application/json; charset=utf-8')
    expect(await types('/news/favicon.svg')).toBe('200 image/svg+xml')
    expect(await types('/news/search/index/meta.json')).toBe('200 application/json; charset=utf-8')
    expect(await types('/news/no/such/page/')).toBe('404 text/html; charset=utf-8')
    expect(await types('/news/../package.json')).not.toMatch(/^200/)
  })

  it('a browser visiting every kind of page, and searching, requests nothing outside /news/', async () => {
    requested.length = 0
    for (const route of ['', 'page/2/', seedRoute, 'tags/', 'tags/cafe/', 'sources/', '2026/01/15/', '2026/01/']) await visit(page, `${server.url}${route}`)
    await visit(page, `${server.url}search/`)
    await page.getByRole('searchbox').fill('Austin')
    await page.locator('.search-results a').first().waitFor({ timeout: 10_000 })
    expect(requested.length).toBeGreaterThan(15)
    expect(requested.filter((path) => !path.startsWith(basePath))).toEqual([])
    expect(requested).toEqual(expect.arrayContaining([expect.stringMatching(/^\/news\/assets\/style\.[0-9a-f]+\.css$/), expect.stringMatching(/^\/news\/assets\/search\.[0-9a-f]+\.js$/), '/news/search/index/meta.json']))
    expect(allProblems(problems)).toEqual([])
  })

  it.each(['missing/', 'a/b/c/missing.html'])('a 404 at /news/%s renders styled, with its stylesheet loaded', async (route) => {
    requested.length = 0
    problems.badResponses.length = 0
    problems.consoleErrors.length = 0
    const response = await visit(page, `${server.url}${route}`)
    expect(response.status()).toBe(404)
    expect(await page.locator('h1').innerText()).toBe('Page not found')
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex')
    const style = await page.evaluate(() => ({
      sheets: [...document.styleSheets].filter((sheet) => sheet.href && sheet.cssRules.length > 10).length,
      background: getComputedStyle(document.documentElement).backgroundColor,
      skipLinkTop: getComputedStyle(document.querySelector('.skip-link')!).top,
      navDisplay: getComputedStyle(document.querySelector('nav ul')!).display
    }))
    expect(style).toEqual({ sheets: 1, background: 'rgb(253, 252, 249)', skipLinkTop: '-48px', navDisplay: 'flex' })
    // Links on the 404 page lead back into the site.
    const links = await page.locator('main a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')))
    expect(links).toEqual(['/news/', '/news/search/', '/news/tags/'])
    // Only the page itself is missing; its assets all loaded.
    const missing = `${server.url}${route}`
    expect(problems.badResponses).toEqual([`404 ${missing}`])
    expect(problems.consoleErrors.filter((entry) => !entry.startsWith(`${missing}: Failed to load resource: the server responded with a status of 404`))).toEqual([])
    expect(problems.failedRequests).toEqual([])
  })
})
