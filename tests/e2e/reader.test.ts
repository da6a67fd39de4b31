import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { allProblems, launchBrowser, openTracked, visit, type PageProblems } from './browser.js'
import { fixtureSite, seedParagraphs, seedRoute, serveSite, type BuiltSite, type SiteServer } from './site-server.js'

let site: BuiltSite
let server: SiteServer
let browser: Browser
/** One page for the tests that need no options of their own: a new page costs Chromium a process. */
let shared: { context: BrowserContext; page: Page; problems: PageProblems }
let own: BrowserContext | undefined
let problems: PageProblems | undefined

beforeAll(async () => {
  site = await fixtureSite()
  server = await serveSite(site.out)
  browser = await launchBrowser()
  shared = await openTracked(browser, server.origin)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await site?.cleanup()
})

afterEach(async () => {
  // Every page a test visited: no console errors, failed requests or off-site requests.
  const found = problems ? allProblems(problems) : []
  await own?.close()
  own = undefined
  problems = undefined
  expect(found).toEqual([])
})

/** The shared page, its problems forgotten and its colour scheme light; or a page of its own for options. */
async function open(options: Parameters<typeof openTracked>[2] = {}): Promise<Page> {
  if (Object.keys(options).length > 0) {
    const opened = await openTracked(browser, server.origin, options)
    own = opened.context
    problems = opened.problems
    return opened.page
  }
  for (const list of Object.values(shared.problems) as string[][]) list.length = 0
  problems = shared.problems
  await shared.page.emulateMedia({ colorScheme: 'light' })
  return shared.page
}

/** Every page type the site has, as routes under the base path. */
const pageRoutes = ['', 'page/2/', seedRoute, '2026/01/10/council-adopts-next-years-budget/', 'tags/', 'tags/cafe/', 'sources/', 'sources/harbour-herald/', '2026/01/15/', '2026/01/', 'search/', '404.html']

describe('a reader in Chromium', () => {
  it('the fixture built cleanly, with the draft and the future story skipped', () => {
    expect(site.summary).toMatchObject({ ok: true, written: true, errors: 0, articles: 7 })
    expect(site.summary.skipped.map((s) => s.reason).sort()).toEqual(['draft', 'future'])
    expect(seedParagraphs).toHaveLength(8)
  })

  it('goes from the home page to the seed story and reads it once, in order, without the scraped trailer', async () => {
    const page = await open()
    const response = await visit(page, server.url)
    expect(response.status()).toBe(200)
    expect(await page.title()).toBe('Test Gazette')
    const link = page.locator('main .story-title a', { hasText: 'Japan and the US have agreed' })
    await expect(link.count()).resolves.toBe(1)
    await Promise.all([page.waitForURL(`${server.url}${seedRoute}`), link.click()])
    await page.waitForLoadState('load')
    expect(await page.locator('h1').innerText()).toBe('Japan and the US have agreed to further enhance the deterrence and response capabilities')

    const blocks = await page.locator('.e-content').evaluate((content) => [...content.children].map((child) => ({ tag: child.tagName, text: (child.textContent ?? '').trim() })))
    expect(blocks.map((block) => block.tag)).toEqual(seedParagraphs.map(() => 'P'))
    expect(blocks.map((block) => block.text)).toEqual(seedParagraphs)
    const text = await page.locator('.e-content').innerText()
    for (const paragraph of seedParagraphs) expect(text.split(paragraph).length - 1, paragraph.slice(0, 40)).toBe(1)
    expect(text).not.toContain('Source link')
    expect(await page.locator('main').innerText()).not.toMatch(/Source link\s*$/)
  })

  it('follows a topic link to the topic page, where all spellings of Café meet', async () => {
    const page = await open()
    await visit(page, server.url)
    const tag = page.locator('main .story ul.tags a', { hasText: /^Café$/ }).first()
    await Promise.all([page.waitForURL(`${server.url}tags/cafe/`), tag.click()])
    expect(await page.locator('h1').innerText()).toBe('Café')
    const titles = await page.locator('main .story-title').allInnerTexts()
    expect(titles).toEqual(['Harbour café reopens after a year of repairs', 'Coffee prices climb for a third month', 'Decomposed accents in a tag name'])
    // One topic, not three: Café, café and the decomposed Cafe + U+0301 share the page.
    await visit(page, `${server.url}tags/`)
    const topics = await page.locator('main .topic-index a').allInnerTexts()
    expect(topics.filter((name) => name.normalize('NFC').toLowerCase() === 'café')).toHaveLength(1)
  })

  it('follows the day heading to the day archive, and the month archive paginates', async () => {
    const page = await open()
    await visit(page, server.url)
    const day = page.locator('main h2.day-title a').first()
    await Promise.all([page.waitForURL(`${server.url}2026/01/15/`), day.click()])
    expect(await page.locator('h1').innerText()).toBe('Thursday, January 15, 2026')
    expect(await page.locator('main .story-title').allInnerTexts()).toEqual(['Japan and the US have agreed to further enhance the deterrence and response capabilities'])
    await visit(page, `${server.url}2026/01/`)
    expect(await page.locator('h1').innerText()).toBe('January 2026')
    await Promise.all([page.waitForURL(`${server.url}2026/01/page/2/`), page.locator('nav.pagination a[rel=next]').click()])
    expect(await page.locator('main .story-title').allInnerTexts()).toEqual(['Decomposed accents in a tag name', "Council adopts next year's budget"])
  })

  it('pages through the digest with Older links', async () => {
    const page = await open()
    await visit(page, server.url)
    expect(await page.locator('main .story').count()).toBe(3)
    await Promise.all([page.waitForURL(`${server.url}page/2/`), page.locator('nav.pagination a[rel=next]').click()])
    expect(await page.locator('main .story').count()).toBe(3)
    await Promise.all([page.waitForURL(`${server.url}page/3/`), page.locator('nav.pagination a[rel=next]').click()])
    expect(await page.locator('main .story-title').allInnerTexts()).toEqual(['Central library extends its opening hours'])
    expect(await page.locator('nav.pagination a[rel=next]').count()).toBe(0)
  })

  it('the article body holds only paragraphs for the seed, and footnotes work for the Markdown article', async () => {
    const page = await open()
    await visit(page, `${server.url}${seedRoute}`)
    expect(await page.locator('.e-content > :not(p)').count()).toBe(0)
    expect(await page.locator('.e-content p').count()).toBe(8)
    await visit(page, `${server.url}2026/01/10/council-adopts-next-years-budget/`)
    expect(await page.locator('.e-content h2').allInnerTexts()).toEqual(expect.arrayContaining(['What changes', 'What stays the same']))
    await page.locator('.e-content a[data-footnote-ref]').first().click()
    expect(await page.evaluate(() => location.hash)).toBe('#user-content-fn-1')
    expect(await page.locator('#user-content-fn-1').innerText()).toContain('Compared with the budget adopted a year ago.')
  })

  it('has no horizontal scroll on a 320 px wide phone, on any page type', async () => {
    const page = await open({ viewport: { width: 320, height: 640 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true })
    const overflowing: string[] = []
    for (const route of pageRoutes) {
      await visit(page, `${server.url}${route}`)
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }))
      expect(innerWidth).toBe(320)
      if (scrollWidth > innerWidth) overflowing.push(`${route || '/'}: ${scrollWidth}px`)
    }
    expect(overflowing).toEqual([])
  })

  it('switches to dark colours when the system asks for them', async () => {
    const page = await open()
    await visit(page, `${server.url}${seedRoute}`)
    const colours = () => page.evaluate(() => ({ background: getComputedStyle(document.documentElement).backgroundColor, text: getComputedStyle(document.body).color }))
    const light = await colours()
    await page.emulateMedia({ colorScheme: 'dark' })
    const dark = await colours()
    expect(dark.background).not.toBe(light.background)
    expect(dark.text).not.toBe(light.text)
    // Dark means dark: the background's luminance is low and the text's is high.
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb.match(/\d+/g)!.map(Number) as [number, number, number]
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
    }
    expect(luminance(dark.background)).toBeLessThan(0.2)
    expect(luminance(dark.text)).toBeGreaterThan(0.7)
    expect(luminance(light.background)).toBeGreaterThan(0.9)
  })

  it('the skip link is the first thing Tab reaches, shows itself, and moves focus to #main', async () => {
    const page = await open()
    for (const route of ['', seedRoute, 'tags/']) {
      await visit(page, `${server.url}${route}`)
      await page.keyboard.press('Tab')
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLAnchorElement
        const box = element.getBoundingClientRect()
        return { className: element.className, href: element.getAttribute('href'), text: element.textContent, visible: box.top >= 0 && box.bottom <= innerHeight && box.width > 0 }
      })
      expect(focused).toEqual({ className: 'skip-link', href: '#main', text: 'Skip to content', visible: true })
      expect(await page.locator('#main').evaluate((main) => main.tagName)).toBe('MAIN')
      await page.keyboard.press('Enter')
      expect(await page.evaluate(() => ({ hash: location.hash, focus: document.activeElement?.id }))).toEqual({ hash: '#main', focus: 'main' })
    }
  })
})
