import { execFile } from 'node:child_process'
import { access, mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevServer } from '../src/dev-server.js'
import { launchBrowser } from './e2e/browser.js'
import { withTempDir } from './helpers.js'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** Write the one article these tests edit, with the body given. */
async function writeStory(root: string, body: string): Promise<void> {
  await mkdir(join(root, 'content'), { recursive: true })
  await writeFile(join(root, 'content/story.md'), `---\ntitle: Harbour reopens\ndate: 2025-05-01\n---\n\n${body}\n`)
}

/** Run `gazette dev` on a root (quiet, on a free port) for the callback, and close it after. */
async function withDevServer(root: string, callback: (server: { text(path: string): Promise<string> }) => Promise<void>): Promise<void> {
  const port = 20_000 + Math.floor(Math.random() * 20_000)
  const server = await startDevServer({ root, out: join(root, 'dist'), port, drafts: false, future: false, quiet: true })
  const origin = `http://localhost:${server.config.server.port}`
  try {
    await callback({ text: async (path) => (await fetch(`${origin}${path}`, { signal: AbortSignal.timeout(10_000) })).text() })
  } finally {
    await server.close()
  }
}

describe('gazette dev', () => {
  it('rebuilds on a change, reloads the page, and shows a build error in the overlay with file and line', async () => {
    await withTempDir(async (root) => {
      await writeStory(root, 'The harbour reopened on Monday.')
      const port = 20_000 + Math.floor(Math.random() * 20_000)
      const server = await startDevServer({ root, out: join(root, 'dist'), port, drafts: false, future: false, quiet: true })
      try {
        const url = `http://localhost:${server.config.server.port}/2025/05/01/harbour-reopens/`
        const page = await browser.newPage()
        await page.goto(url)
        await expect.poll(() => page.locator('.e-content').textContent()).toContain('The harbour reopened on Monday.')

        // An edit to the article shows in the open page without a reload: its new body is swapped in.
        // The home page, open too, is updated the same way once the site is rebuilt, though the edit
        // also removed a file of the search index (no word starts with "mo" any more).
        const home = await browser.newPage()
        await home.goto(`http://localhost:${server.config.server.port}/`)
        await home.evaluate(() => Object.assign(window, { beforeEdit: true }))
        await page.evaluate(() => Object.assign(window, { beforeEdit: true }))
        await writeFile(join(root, 'content/story.md'), '---\ntitle: Harbour reopens\ndate: 2025-05-01\n---\n\nThe harbour reopened on Tuesday, a day late.\n')
        await expect.poll(() => page.locator('.e-content').textContent().catch(() => ''), { timeout: 15_000 }).toContain('a day late')
        expect(await page.evaluate(() => 'beforeEdit' in window)).toBe(true)
        await expect.poll(() => home.locator('main').textContent().catch(() => ''), { timeout: 15_000 }).toContain('a day late')
        expect(await home.evaluate(() => 'beforeEdit' in window)).toBe(true)

        // The search index is served too, and learns the edit once the site is rebuilt.
        const meta = async () => ((await (await fetch(`http://localhost:${server.config.server.port}/search/index/meta.json`)).json()) as { shards: string[] }).shards
        await expect.poll(meta, { timeout: 15_000 }).toContain('da')
        const da = await (await fetch(`http://localhost:${server.config.server.port}/search/index/t/${Buffer.from('da').toString('hex')}.json`)).json()
        expect(Object.keys(da)).toContain('day')

        // A new title (its slug kept) changes the home page too: the rebuild updates it in a browser showing it.
        await writeFile(join(root, 'content/story.md'), '---\ntitle: Harbour reopens at last\nslug: harbour-reopens\ndate: 2025-05-01\n---\n\nThe harbour reopened on Tuesday, a day late.\n')
        await expect.poll(() => home.locator('main').textContent().catch(() => ''), { timeout: 15_000 }).toContain('Harbour reopens at last')
        await expect.poll(() => page.locator('h1').textContent().catch(() => ''), { timeout: 15_000 }).toContain('Harbour reopens at last')

        await writeFile(join(root, 'content/broken.md'), '---\ntitle: Broken\ndate: 2025-02-30\n---\n\nBody.\n')
        const overlay = page.locator('vite-error-overlay')
        await expect.poll(() => overlay.count(), { timeout: 15_000 }).toBe(1)
        const text = await overlay.evaluate((element) => element.shadowRoot?.textContent ?? '')
        expect(text).toContain('content/broken.md:3:7')
        expect(text).toContain('date-invalid')
        // The last good site is still served.
        const response = await fetch(url)
        expect(await response.text()).toContain('a day late')
      } finally {
        await server.close()
      }
    })
  }, 60_000)

  it('serves a site under its base path, prints that address, and shows an edit there', async () => {
    await withTempDir(async (root) => {
      await writeStory(root, 'The harbour reopened on Monday.\n\n![Cranes](cranes.png)')
      await writeFile(join(root, 'content/cranes.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
      await writeFile(join(root, 'gazette.config.json'), JSON.stringify({ basePath: '/news/' }))
      const port = 20_000 + Math.floor(Math.random() * 20_000)
      const server = await startDevServer({ root, out: join(root, 'dist'), port, drafts: false, future: false, quiet: true })
      try {
        expect(server.resolvedUrls?.local).toEqual([`http://localhost:${server.config.server.port}/news/`])
        const page = await browser.newPage()
        const failed: string[] = []
        page.on('response', (response) => {
          if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`)
        })
        await page.goto(`http://localhost:${server.config.server.port}/news/2025/05/01/harbour-reopens/`)
        const origin = `http://localhost:${server.config.server.port}`
        // A malformed address is answered, and the server stays up; a folder without its slash is sent to it.
        expect((await fetch(`${origin}/news/%zz`)).status).toBe(400)
        const folder = await fetch(`${origin}/news/tags?x=1`, { redirect: 'manual' })
        expect([folder.status, folder.headers.get('location')]).toEqual([301, '/news/tags/?x=1'])
        const image = await fetch(`http://localhost:${server.config.server.port}/news/media/cranes.png`)
        expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/png'])
        expect(await page.locator('script[type="module"]').evaluateAll((scripts) => scripts.map((script) => new URL((script as HTMLScriptElement).src).pathname))).toEqual(['/news/@vite/client', '/news/@id/virtual:gazette-dev-client'])
        await writeStory(root, 'The harbour reopened on Tuesday, a day late.\n\n![Cranes](cranes.png)')
        await expect.poll(() => page.locator('.e-content').textContent().catch(() => ''), { timeout: 15_000 }).toContain('a day late')
        expect(failed).toEqual([])
        // An image replaced under its name reloads the pages, whose HTML is the same.
        await page.evaluate(() => Object.assign(window, { beforeImage: true }))
        await writeFile(join(root, 'content/cranes.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9]))
        await expect.poll(() => page.evaluate(() => 'beforeImage' in window).catch(() => true), { timeout: 15_000 }).toBe(false)
        expect((await (await fetch(`${origin}/news/media/cranes.png`)).arrayBuffer()).byteLength).toBe(9)
      } finally {
        await server.close()
      }
    })
  }, 60_000)

  it('answers while a build runs, with each edit as it was last shown, until a build that read it is done', async () => {
    await withTempDir(async (root) => {
      const flag = (name: string) => join(root, name)
      // An article template that, on the build thread only, holds the build of an article marked
      // HOLD-n until the test releases n: the server's own thread renders edited pages as usual.
      await mkdir(join(root, 'templates'))
      await writeFile(
        join(root, 'templates/article.js'),
        [
          "import { existsSync, writeFileSync } from 'node:fs'",
          "import { join } from 'node:path'",
          "import { isMainThread } from 'node:worker_threads'",
          `import article from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, '../templates/article.js')).href)}`,
          'export default function held(ctx, props) {',
          "  if (!isMainThread && JSON.stringify(props.body).includes('CRASH')) {",
          `    writeFileSync(join(${JSON.stringify(root)}, 'crashed'), '')`,
          '    process.exit(3)',
          '  }',
          '  const hold = /HOLD-(\\d)/.exec(JSON.stringify(props.body))?.[1]',
          '  if (!isMainThread && hold) {',
          `    writeFileSync(join(${JSON.stringify(root)}, 'started-' + hold), '')`,
          `    while (!existsSync(join(${JSON.stringify(root)}, 'released-' + hold))) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10)`,
          '  }',
          '  return article(ctx, props)',
          '}',
          ''
        ].join('\n')
      )
      const story = (body: string) => writeStory(root, body)
      const exists = (name: string) => access(flag(name)).then(() => true, () => false)
      await story('The harbour reopened on Monday.')
      const articlePage = '/2025/05/01/harbour-reopens/'
      await withDevServer(root, async ({ text }) => {
        try {
          await story('The harbour reopened on Tuesday. HOLD-1')
          await expect.poll(() => exists('started-1'), { timeout: 15_000 }).toBe(true)
          // The build is held on its thread: the server still answers, with the edit shown at once.
          expect(await text(articlePage)).toContain('on Tuesday. HOLD-1')
          expect(await text('/')).toContain('on Monday.')

          // A second edit while that build runs is shown at once too, and stays shown when the
          // build, which read the first edit, is done; the build after it reads the second.
          await story('The harbour reopened on Wednesday. HOLD-2')
          await expect.poll(() => text(articlePage)).toContain('on Wednesday. HOLD-2')
          await writeFile(flag('released-1'), '')
          await expect.poll(() => exists('started-2'), { timeout: 15_000 }).toBe(true)
          expect(await text('/')).toContain('on Tuesday. HOLD-1')
          expect(await text(articlePage)).toContain('on Wednesday. HOLD-2')
          await writeFile(flag('released-2'), '')
          await expect.poll(() => text('/'), { timeout: 15_000 }).toContain('on Wednesday. HOLD-2')

          // The build thread dies: the last good site is still served, and the next change builds
          // the whole site on a new thread.
          await story('The harbour reopened on Thursday. CRASH')
          await expect.poll(() => exists('crashed'), { timeout: 15_000 }).toBe(true)
          expect(await text(articlePage)).toContain('on Thursday. CRASH')
          expect(await text('/')).toContain('on Wednesday. HOLD-2')
          await story('The harbour reopened on Friday.')
          await expect.poll(() => text('/'), { timeout: 15_000 }).toContain('on Friday.')
          expect(await text(articlePage)).toContain('on Friday.')
        } finally {
          await writeFile(flag('released-1'), '')
          await writeFile(flag('released-2'), '')
        }
      })
    })
  }, 60_000)

  it('keeps a cache on disk of its own, and leaves dist/ and the builds into it alone', async () => {
    await withTempDir(async (root) => {
      const cli = (...args: string[]) => promisify(execFile)(process.execPath, [join(import.meta.dirname, '../bin/gazette.js'), ...args, '--root', root])
      await writeStory(root, 'The harbour reopened on Monday.')
      await cli('build')
      const page = join(root, 'dist/2025/05/01/harbour-reopens/index.html')
      expect(await readFile(page, 'utf8')).toContain('on Monday.')
      // What the build into dist/ recorded: which pages are there, and what it last saw.
      const records = async () => Promise.all(['state.json', 'last-build.json'].map((name) => readFile(join(root, '.gazette-cache', name), 'utf8')))
      const recorded = await records()

      // The dev server builds an edit into memory; dist/ is not its to write.
      await writeStory(root, 'The harbour reopened on Tuesday.')
      for (const start of [1, 2]) await withDevServer(root, async ({ text }) => expect(await text('/'), `start ${start}`).toContain('on Tuesday.'))
      expect(await readFile(page, 'utf8')).toContain('on Monday.')
      expect(await records()).toEqual(recorded)
      // The next build into dist/ sees the edit, whatever the dev server's builds recorded.
      expect((await cli('build')).stdout).not.toContain('up to date')
      expect(await readFile(page, 'utf8')).toContain('on Tuesday.')
      expect(await readdir(join(root, '.gazette-cache/dev'))).toContain('state.json')
    })
  }, 60_000)

  it('builds in memory alone where its cache cannot be written', async () => {
    await withTempDir(async (root) => {
      // A file where the cache's folder would be: nothing can be made below it.
      await writeFile(join(root, '.gazette-cache'), '')
      await writeStory(root, 'The harbour reopened on Monday.')
      await withDevServer(root, async ({ text }) => {
        expect(await text('/')).toContain('on Monday.')
        await writeStory(root, 'The harbour reopened on Tuesday.')
        await expect.poll(() => text('/'), { timeout: 15_000 }).toContain('on Tuesday.')
      })
    })
  }, 60_000)
})
