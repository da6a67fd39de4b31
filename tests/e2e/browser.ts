import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Response } from 'playwright-core'

/** Debian's Chromium; browsers are never downloaded. */
export const chromiumPath = process.env.GAZETTE_CHROMIUM ?? '/usr/bin/chromium'

/** Launch headless Chromium with no network of its own (no updates, sync or QUIC). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
}

/** What went wrong while a page was open. */
export interface PageProblems {
  /** `console.error` messages and CSP violations reported on the console. */
  readonly consoleErrors: string[]
  /** Uncaught exceptions. */
  readonly pageErrors: string[]
  /** Requests that failed at the network level (not those a navigation cancelled). */
  readonly failedRequests: string[]
  /** Responses with status 400 or more. */
  readonly badResponses: string[]
  /** Requests to any origin other than the test server. */
  readonly offsite: string[]
}

/** Whether a URL is a network request to another origin (data: and blob: URLs stay on the page). */
function isOffsite(url: string, origin: string): boolean {
  if (/^(?:data|blob|about):/.test(url)) return false
  try {
    return new URL(url).origin !== origin
  } catch {
    return true
  }
}

/**
 * Record every problem a page has: console errors, page errors, failed requests, bad statuses and
 * requests to other origins. Off-site requests are aborted, so a test never reaches the internet.
 */
export async function track(page: Page, origin: string): Promise<PageProblems> {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], failedRequests: [], badResponses: [], offsite: [] }
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(`${page.url()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.pageErrors.push(`${page.url()}: ${error.message}`))
  page.on('requestfailed', (request) => {
    // ERR_ABORTED is a request the next navigation cancelled (the favicon, typically); a missing
    // file shows as a bad status instead.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return
    if (!isOffsite(request.url(), origin)) problems.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`)
  })
  page.on('response', (response) => {
    if (response.status() >= 400) problems.badResponses.push(`${response.status()} ${response.url()}`)
  })
  await page.route(
    (url) => isOffsite(url.href, origin),
    (route) => {
      problems.offsite.push(route.request().url())
      return route.abort('blockedbyclient')
    }
  )
  return problems
}

/** A new context and page on it, tracked for problems. */
export async function openTracked(browser: Browser, origin: string, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  const problems = await track(page, origin)
  return { context, page, problems }
}

/** Go to a URL and wait for its load event (or `networkidle` when asked); returns the main response. */
export async function visit(page: Page, url: string, waitUntil: 'load' | 'networkidle' = 'load'): Promise<Response> {
  const response = await page.goto(url, { waitUntil })
  if (!response) throw new Error(`no response for ${url}`)
  return response
}

/** All problems, flattened, for one `expect(...).toEqual([])`. */
export function allProblems(problems: PageProblems, options: { allowStatus?: (entry: string) => boolean } = {}): string[] {
  return [
    ...problems.consoleErrors.map((entry) => `console: ${entry}`),
    ...problems.pageErrors.map((entry) => `pageerror: ${entry}`),
    ...problems.failedRequests.map((entry) => `failed: ${entry}`),
    ...problems.badResponses.filter((entry) => !options.allowStatus?.(entry)).map((entry) => `status: ${entry}`),
    ...problems.offsite.map((entry) => `offsite: ${entry}`)
  ]
}
