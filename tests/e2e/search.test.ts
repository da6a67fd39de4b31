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
    const input = page.locator('.pagefind-ui__search-input')
    await input.waitFor()
    await input.fill('Nakatani')
    const result = page.locator('.pagefind-ui__result-link', { hasText: 'Japan and the US have agreed' })
    await result.first().waitFor({ timeout: 10_000 })
    expect(await page.locator('.pagefind-ui__result-link').count()).toBe(1)
    expect(await result.first().getAttribute('href')).toBe(`/news/${seedRoute}`)
    await Promise.all([page.waitForURL(`${server.url}${seedRoute}`), result.first().click()])
    expect(await page.locator('h1').innerText()).toBe('Japan and the US have agreed to further enhance the deterrence and response capabilities')
  })

  it('a word from no article finds nothing, and a draft is not indexed', async () => {
    await visit(page, `${server.url}search/`)
    const input = page.locator('.pagefind-ui__search-input')
    await input.waitFor()
    await input.fill('DRAFTMARKER')
    await page.locator('.pagefind-ui__message').filter({ hasText: /no results/i }).waitFor({ timeout: 10_000 })
    expect(await page.locator('.pagefind-ui__result-link').count()).toBe(0)
  })

  it('loaded Pagefind from the site itself, with the right content types, and logged no errors', () => {
    const served = server.log.filter((entry) => entry.path.startsWith('/news/pagefind/'))
    expect(served.some((entry) => entry.path.endsWith('.pf_meta'))).toBe(true)
    expect(served.some((entry) => /wasm\.[a-z]+\.pagefind$/.test(entry.path))).toBe(true)
    expect(served.every((entry) => entry.status === 200)).toBe(true)
    expect(allProblems(problems)).toEqual([])
  })
})
