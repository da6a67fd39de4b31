import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allProblems, launchBrowser, openTracked, visit } from './browser.js'
import { fixtureSite, repoRoot, seedRoute, serveSite, type BuiltSite, type SiteServer } from './site-server.js'

/**
 * Screenshots for docs/screenshots/: run with
 *   GAZETTE_SCREENSHOTS=1 npx vitest run tests/e2e/screenshots.test.ts
 * Skipped otherwise, so the suite never rewrites the images.
 */
const enabled = process.env.GAZETTE_SCREENSHOTS === '1'
const folder = join(repoRoot, 'docs/screenshots')

const viewports = [
  { suffix: '', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { suffix: '-desktop', viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false }
] as const
const shots = [
  { name: 'home', route: '', query: undefined },
  { name: 'article', route: seedRoute, query: undefined },
  { name: 'search', route: 'search/', query: 'Japan' }
] as const

let site: BuiltSite
let server: SiteServer
let browser: Browser

beforeAll(async () => {
  if (!enabled) return
  site = await fixtureSite()
  server = await serveSite(site.out)
  browser = await launchBrowser()
  await mkdir(folder, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await site?.cleanup()
})

describe('screenshots', () => {
  it.skipIf(!enabled)('writes home, article and search results, light and dark, phone and desktop', { timeout: 60_000 }, async () => {
    const written: string[] = []
    for (const { suffix, ...device } of viewports) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { context, page, problems } = await openTracked(browser, server.origin, { ...device, colorScheme })
        for (const { name, route, query } of shots) {
          await visit(page, `${server.url}${route}`, 'networkidle')
          if (query) {
            await page.getByRole('searchbox').fill(query)
            await page.locator('.search-results mark').first().waitFor()
            await page.getByRole('searchbox').blur()
          }
          const path = join(folder, `${name}-${colorScheme}${suffix}.png`)
          await page.screenshot({ path, animations: 'disabled' })
          written.push(path)
        }
        await context.close()
        expect(allProblems(problems)).toEqual([])
      }
    }
    expect(written).toHaveLength(12)
  })
})
