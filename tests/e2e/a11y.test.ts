import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allProblems, track, visit, type PageProblems } from './browser.js'
import { openSite, seedRoute, type BuiltSite, type OpenSite, type SiteServer } from './site-server.js'

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** One page of each type, with the status it is served with. */
const pages: Array<{ name: string; route: string; status: number; query?: string }> = [
  { name: 'home', route: '', status: 200 },
  { name: 'page 2', route: 'page/2/', status: 200 },
  { name: 'article (seed)', route: seedRoute, status: 200 },
  { name: 'article (footnotes)', route: '2026/01/10/council-adopts-next-years-budget/', status: 200 },
  { name: 'tag page', route: 'tags/cafe/', status: 200 },
  { name: 'tag index', route: 'tags/', status: 200 },
  { name: 'day archive', route: '2026/01/15/', status: 200 },
  { name: 'month archive', route: '2026/01/', status: 200 },
  { name: 'source page', route: 'sources/harbour-herald/', status: 200 },
  { name: 'source index', route: 'sources/', status: 200 },
  { name: 'search page', route: 'search/', status: 200 },
  { name: 'search results', route: 'search/', status: 200, query: 'Japan' },
  { name: '404', route: 'missing/', status: 404 }
]

let site: BuiltSite
let server: SiteServer
let opened: OpenSite
let context: BrowserContext
let page: Page
let problems: PageProblems

beforeAll(async () => {
  opened = await openSite()
  ;({ site, server } = opened)
  const { browser } = opened
  // The pages' CSP says script-src 'none' (or 'self'): axe is injected only because CSP is bypassed here.
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } })
  page = await context.newPage()
  problems = await track(page, server.origin)
})

afterAll(async () => {
  await context?.close()
  await opened?.close()
})

interface Finding {
  id: string
  impact: string | null
  help: string
  nodes: string[]
}

async function audit(): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource })
  return page.evaluate(async () => {
    // @ts-expect-error: axe is the global the injected script defines.
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] })
    return (result.violations as Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }>).map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`)
    }))
  })
}

describe('axe, WCAG 2.1 A and AA, light and dark colour schemes', () => {
  it.each(pages)('$name has no violations', async ({ route, status, query }) => {
    await page.emulateMedia({ colorScheme: 'light' })
    const response = await visit(page, `${server.url}${route}`)
    expect(response.status()).toBe(status)
    if (route === 'search/') await page.getByRole('searchbox').waitFor()
    if (query) {
      await page.getByRole('searchbox').fill(query)
      await page.locator('.search-results mark').first().waitFor()
    }
    expect({ scheme: 'light', violations: await audit() }).toEqual({ scheme: 'light', violations: [] })
    // The same page in the dark scheme (the style sheet changes colours only, with no transitions).
    await page.emulateMedia({ colorScheme: 'dark' })
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true)
    expect({ scheme: 'dark', violations: await audit() }).toEqual({ scheme: 'dark', violations: [] })
  })
})

describe('while auditing', () => {
  it('no page had console errors, failed or off-site requests (besides the 404 itself)', () => {
    const missing = `${server.url}missing/`
    const found = allProblems(problems, { allowStatus: (entry) => entry === `404 ${missing}` }).filter((entry) => !(entry.startsWith(`console: ${missing}: Failed to load resource`) && entry.includes('404')))
    expect(found).toEqual([])
  })
})
