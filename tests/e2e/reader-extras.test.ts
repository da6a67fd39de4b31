import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allProblems, launchBrowser, openTracked, visit } from './browser.js'
import { buildSite, serveSite, type BuiltSite, type SiteServer } from './site-server.js'

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/**
 * A site of 45 harbour stories, one of them with a wide table, one with a captioned photo, and an
 * Arabic one: what a reader sees of long result lists, tables and photos on a phone and
 * right-to-left pages.
 */
let fixture: string
let site: BuiltSite
let arabic: BuiltSite
let server: SiteServer
let arabicServer: SiteServer
let browser: Browser

beforeAll(async () => {
  fixture = await mkdtemp(join(process.env.GAZETTE_TEST_TMP ?? tmpdir(), 'gazette-extras-'))
  const write = async (root: string, config: object, files: Record<string, string>) => {
    await mkdir(join(root, 'content'), { recursive: true })
    await writeFile(join(root, 'gazette.config.json'), JSON.stringify({ baseUrl: 'https://example.org', basePath: '/news/', ...config }))
    for (const [path, text] of Object.entries(files)) await writeFile(join(root, path), text)
  }
  const stories: Record<string, string> = {}
  for (let n = 1; n <= 45; n++) {
    const day = String((n % 28) + 1).padStart(2, '0')
    stories[`content/s${n}.md`] = `---\ntitle: Harbour report number ${n}\ndate: 2025-02-${day}T0${n % 10}:00:00Z\ntags: [${n === 7 ? 'Diplomacy' : 'Ports'}]\n---\n\nThe harbour master filed report ${n} on ships, cranes and tides this week.\n`
  }
  const row = (region: string, n: number) => `| ${region} | ${n * 340_563} | ${n * 120_771} | ${n * 98_112} | ${n * 77_001} | ${n * 66_443} |`
  stories['content/table.md'] = `---\ntitle: Cargo by region\ndate: 2025-03-01T08:00:00Z\n---\n\nTonnes handled by the harbour last year.\n\n| Region | January | February | March | April | May |\n| --- | --- | --- | --- | --- | --- |\n${['North', 'South', 'East', 'West'].map((region, i) => row(region, i + 1)).join('\n')}\n`
  // A photo with its caption as its title, as a saved page's lead photo is written (see the README).
  stories['content/dawn.md'] = '---\ntitle: Morning light on the quay\ndate: 2025-03-02T08:00:00Z\n---\n\n![The quay at dawn](dawn.svg "The quay on Monday, before the first ferry came in.")\n\nThe quay opened at dawn, and the first ferry left at seven.\n'
  stories['content/dawn.svg'] = '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800"><rect width="1200" height="800" fill="#7a9"/></svg>'
  await write(join(fixture, 'site'), {}, stories)
  await write(join(fixture, 'arabic'), { language: 'ar', title: 'الجريدة' }, {
    'content/a.md': '---\ntitle: أمطار غزيرة في الإسكندرية\ndate: 2025-11-25T09:00:00Z\nsource: وكالة الأنباء\n---\n\nهطلت أمطار غزيرة على مدينة الإسكندرية صباح الأربعاء، وأغلقت السلطات عدة طرق.\n'
  })
  site = await buildSite({ fixture: join(fixture, 'site'), parent: fixture })
  arabic = await buildSite({ fixture: join(fixture, 'arabic'), parent: fixture })
  server = await serveSite(site.out)
  arabicServer = await serveSite(arabic.out)
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await arabicServer?.close()
  await rm(fixture, { recursive: true, force: true })
})

describe('what a reader sees', () => {
  it('lists search results twenty at a time, with a button for more that moves focus to them', async () => {
    expect(site.summary.ok).toBe(true)
    const { context, page, problems } = await openTracked(browser, server.origin)
    await visit(page, `${server.url}search/`)
    await page.getByRole('searchbox', { name: 'Search the news' }).fill('harbour')
    const status = page.getByRole('status')
    await status.filter({ hasText: '46 results for “harbour”, the first 20 shown.' }).waitFor({ timeout: 10_000 })
    expect(await page.locator('.search-results li').count()).toBe(20)
    const more = page.getByRole('button', { name: 'Show more results' })
    await more.click()
    await status.filter({ hasText: 'the first 40 shown' }).waitFor({ timeout: 10_000 })
    expect(await page.locator('.search-results li').count()).toBe(40)
    expect(await page.evaluate(() => document.activeElement === document.querySelectorAll('.search-results li a')[20])).toBe(true)
    await more.click()
    await status.filter({ hasText: /^46 results for “harbour”\.$/ }).waitFor({ timeout: 10_000 })
    expect(await page.locator('.search-results li').count()).toBe(46)
    expect(await more.isHidden()).toBe(true)
    const titles = await page.locator('.search-results h2').allInnerTexts()
    expect(new Set(titles).size).toBe(46)
    expect(allProblems(problems)).toEqual([])
    await context.close()
  })

  it('finds a story by its topic', async () => {
    const { context, page } = await openTracked(browser, server.origin)
    await visit(page, `${server.url}search/?q=diplomacy`)
    await page.getByRole('status').filter({ hasText: '1 result for “diplomacy”.' }).waitFor({ timeout: 10_000 })
    expect(await page.locator('.search-results h2').allInnerTexts()).toEqual(['Harbour report number 7'])
    await context.close()
  })

  it('without JavaScript, shows the way to the topics instead of a search form that cannot work', async () => {
    const { context, page } = await openTracked(browser, server.origin, { javaScriptEnabled: false })
    await visit(page, `${server.url}search/`)
    expect(await page.locator('form.search-form').isVisible()).toBe(false)
    expect((await page.locator('#search').innerText()).trim()).toBe('Search needs JavaScript. Browse topics instead.')
    await context.close()
  })

  it('does not shift the search page as its script starts and its results arrive', async () => {
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
      const { context, page } = await openTracked(browser, server.origin)
      await page.setViewportSize(viewport)
      await visit(page, `${server.url}search/?q=harbour`)
      await page.getByRole('status').filter({ hasText: 'the first 20 shown' }).waitFor({ timeout: 10_000 })
      const shift = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let total = 0
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!entry.hadRecentInput) total += entry.value
            }).observe({ type: 'layout-shift', buffered: true })
            setTimeout(() => resolve(total), 300)
          })
      )
      expect(shift, `${viewport.width} px`).toBeLessThan(0.01)
      await context.close()
    }
  })

  it('keeps the figures of a wide table whole on a phone, and lets the table scroll', async () => {
    const { context, page } = await openTracked(browser, server.origin, { viewport: { width: 360, height: 640 } })
    await visit(page, `${server.url}2025/03/01/cargo-by-region/`)
    const cells = await page.locator('.e-content td').evaluateAll((tds) => tds.map((td) => ({ text: td.textContent, lines: Math.round(td.getBoundingClientRect().height / parseFloat(getComputedStyle(td).lineHeight)) })))
    expect(cells.length).toBe(24)
    expect(cells.filter((cell) => cell.lines > 1)).toEqual([])
    const table = await page.locator('.e-content table').evaluate((element) => ({ scrolls: element.scrollWidth > element.clientWidth, page: document.scrollingElement!.scrollWidth <= innerWidth }))
    expect(table).toEqual({ scrolls: true, page: true })
    await context.close()
  })

  it('shows a captioned photo as wide as the text on a phone, its caption under it', async () => {
    const { context, page } = await openTracked(browser, server.origin, { viewport: { width: 360, height: 640 } })
    await visit(page, `${server.url}2025/03/02/morning-light-on-the-quay/`)
    const figure = await page.locator('.e-content figure').evaluate((element) => {
      const text = element.closest('.e-content')!.getBoundingClientRect()
      const photo = element.querySelector('img')!.getBoundingClientRect()
      const caption = element.querySelector('figcaption')!
      return { photo: Math.round(photo.width) === Math.round(text.width), under: caption.getBoundingClientRect().top >= photo.bottom, caption: caption.textContent, page: document.scrollingElement!.scrollWidth <= innerWidth }
    })
    expect(figure).toEqual({ photo: true, under: true, caption: 'The quay on Monday, before the first ferry came in.', page: true })
    await context.close()
  })

  it('gives axe (WCAG 2.1 A and AA) nothing to find on a page with a wide table or a captioned photo, on a phone, nor on a right-to-left page', async () => {
    for (const [origin, url] of [[server.origin, `${server.url}2025/03/01/cargo-by-region/`], [server.origin, `${server.url}2025/03/02/morning-light-on-the-quay/`], [arabicServer.origin, `${arabicServer.url}2025/11/25/`]] as const) {
      // Without the page's Content-Security-Policy, which keeps the injected axe from running.
      const { context, page } = await openTracked(browser, origin, { viewport: { width: 360, height: 640 }, bypassCSP: true })
      await visit(page, url)
      await page.addScriptTag({ content: axeSource })
      const violations = await page.evaluate(async () => {
        // @ts-expect-error: axe is the global the injected script defines.
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] })
        return (result.violations as Array<{ id: string }>).map((violation) => violation.id)
      })
      expect(violations, url).toEqual([])
      await context.close()
    }
  })

  it('lays out a right-to-left language from the right, each part of the date line in its own direction', async () => {
    expect(arabic.summary.ok).toBe(true)
    const { context, page } = await openTracked(browser, arabicServer.origin)
    await visit(page, `${arabicServer.url}2025/11/25/`)
    expect(await page.evaluate(() => [document.documentElement.dir, getComputedStyle(document.body).direction])).toEqual(['rtl', 'rtl'])
    const meta = page.locator('.meta').first()
    expect(await meta.locator(':scope > *').evaluateAll((parts) => parts.map((part) => getComputedStyle(part).unicodeBidi))).toEqual(['isolate', 'isolate', 'isolate'])
    await context.close()
  })

  it("words the page and the search page's messages in the site's language", async () => {
    const { context, page, problems } = await openTracked(browser, arabicServer.origin)
    await visit(page, `${arabicServer.url}search/`)
    expect(await page.getByRole('navigation', { name: 'الموقع' }).getByRole('link').allInnerTexts()).toEqual(['الأحدث', 'المواضيع', 'بحث', 'الخلاصة'])
    await page.getByRole('searchbox', { name: 'ابحث في الأخبار' }).fill('الإسكندرية')
    await page.getByRole('status').filter({ hasText: 'نتيجة واحدة لـ«الإسكندرية».' }).waitFor({ timeout: 10_000 })
    await page.getByRole('searchbox').fill('قطار')
    await page.getByRole('status').filter({ hasText: 'لا نتائج لـ«قطار».' }).waitFor({ timeout: 10_000 })
    expect(allProblems(problems)).toEqual([])
    await context.close()
  })
})
