import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allProblems, openTracked, visit, type PageProblems } from './browser.js'
import { openSite, seedRoute, type OpenSite, type SiteServer } from './site-server.js'

let server: SiteServer
let opened: OpenSite
let context: BrowserContext
let page: Page
let problems: PageProblems

beforeAll(async () => {
  opened = await openSite()
  server = opened.server
  // No bypassCSP: search must work under the page's own Content-Security-Policy.
  ;({ context, page, problems } = await openTracked(opened.browser, server.origin))
})

afterAll(async () => {
  await context?.close()
  await opened?.close()
})

describe('search in Chromium', () => {
  it('finds the seed story by a word from its body and opens it', async () => {
    const response = await visit(page, `${server.url}search/`)
    expect(response.status()).toBe(200)
    const input = page.getByRole('searchbox', { name: 'Search the news' })
    await input.waitFor()
    await input.fill('Nakatani')
    const result = page.locator('.search-results a', { hasText: 'Japan and the US have agreed' })
    await result.first().waitFor({ timeout: 10_000 })
    expect(await page.locator('.search-results a').count()).toBe(1)
    expect(await page.getByRole('status').innerText()).toBe('1 result for “Nakatani”.')
    expect(await result.first().getAttribute('href')).toBe(`/news/${seedRoute}`)
    await Promise.all([page.waitForURL(`${server.url}${seedRoute}`), result.first().click()])
    expect(await page.locator('h1').innerText()).toBe('Japan and the US have agreed to further enhance the deterrence and response capabilities')
  })

  it('brings a typed query and its results back when the reader returns from a result', async () => {
    await visit(page, `${server.url}search/`)
    const input = page.getByRole('searchbox', { name: 'Search the news' })
    await input.waitFor()
    // Typed, not submitted: the reader picks a result as soon as it shows.
    await input.pressSequentially('Nakatani')
    const result = page.locator('.search-results a', { hasText: 'Japan and the US have agreed' })
    await result.first().waitFor({ timeout: 10_000 })
    await page.waitForURL(`${server.url}search/?q=Nakatani`)
    await Promise.all([page.waitForURL(`${server.url}${seedRoute}`), result.first().click()])
    await page.goBack()
    await result.first().waitFor({ timeout: 10_000 })
    expect(await page.getByRole('searchbox').inputValue()).toBe('Nakatani')
    expect(await page.getByRole('status').innerText()).toBe('1 result for “Nakatani”.')
  })

  it('a word from no article finds nothing, and a draft is not indexed', async () => {
    await visit(page, `${server.url}search/`)
    const input = page.getByRole('searchbox', { name: 'Search the news' })
    await input.waitFor()
    await input.fill('DRAFTMARKER')
    await page.getByRole('status').filter({ hasText: 'No results for “DRAFTMARKER”.' }).waitFor({ timeout: 10_000 })
    expect(await page.locator('.search-results li').count()).toBe(0)
  })

  it('matches the start of the word being typed, needs every word, and ignores case and accents', async () => {
    await visit(page, `${server.url}search/`)
    const input = page.getByRole('searchbox', { name: 'Search the news' })
    const titles = async (query: string) => {
      await input.fill(query)
      await page.getByRole('status').filter({ hasText: `for “${query}”` }).waitFor({ timeout: 10_000 })
      return page.locator('.search-results h2').allInnerTexts()
    }
    expect(await titles('nakat')).toEqual(['Japan and the US have agreed to further enhance the deterrence and response capabilities'])
    // The words searched for are marked where a result shows them.
    expect(await titles('Japan deterr')).toEqual(['Japan and the US have agreed to further enhance the deterrence and response capabilities'])
    expect(await page.locator('.search-results h2 mark').allInnerTexts()).toEqual(['Japan', 'deterrence'])
    expect(await titles('NAKATANÍ')).toEqual(['Japan and the US have agreed to further enhance the deterrence and response capabilities'])
    expect(await titles('nakatani DRAFTMARKER')).toEqual([])
  })

  it('runs the query in the address, so a submitted search can be shared', async () => {
    await visit(page, `${server.url}search/?q=Austin`)
    await page.locator('.search-results a', { hasText: 'Japan and the US have agreed' }).waitFor({ timeout: 10_000 })
    expect(await page.getByRole('searchbox').inputValue()).toBe('Austin')
  })

  it('fetched its index from the site itself as JSON, and logged no errors', () => {
    const served = server.log.filter((entry) => entry.path.startsWith('/news/search/index/'))
    expect(served.some((entry) => entry.path === '/news/search/index/meta.json')).toBe(true)
    expect(served.some((entry) => /^\/news\/search\/index\/t\/[0-9a-f]+\.json$/.test(entry.path))).toBe(true)
    expect(served.some((entry) => /^\/news\/search\/index\/d\/0\.json$/.test(entry.path))).toBe(true)
    expect(served.every((entry) => entry.status === 200)).toBe(true)
    expect(allProblems(problems)).toEqual([])
  })
})
