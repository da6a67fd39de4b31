import { spawn } from 'node:child_process'
import { cp, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, resolve, sep } from 'node:path'
import type { Browser } from 'playwright-core'
import { launchBrowser } from './browser.js'

/** The repository root: `bin/gazette.js` and the compiled `lib/` live here. */
export const repoRoot = resolve(import.meta.dirname, '../..')
/** The fixture root the end-to-end tests build. Never build in it: building writes content/. */
export const fixtureRoot = join(repoRoot, 'tests/fixtures/site')
/** The fixture's base path and absolute origin, from its gazette.config.json. */
export const basePath = '/news/'
export const siteUrl = 'https://example.org/news/'
/** The build instant (2026-01-15T12:00:00Z): the seed is stamped with it, and 2099 stays future. */
export const buildEpoch = '1768478400'
/** Route of the article the seed is ingested into. */
export const seedRoute = '2026/01/15/japan-and-the-us-have-agreed-to-further-enhance-the-deterrence/'
/** The seed's distinct paragraphs, in order, as ingest should keep them. */
export const seedParagraphs = (await readFile(join(fixtureRoot, 'seeds/000_127977346a318ce7.txt'), 'utf8'))
  .split('\n')
  .map((line) => line.replace(/Source link$/, '').trim())
  .filter((line, index, all) => line !== '' && all.indexOf(line) === index)

export interface BuiltSite {
  /** A temporary copy of the fixture root, which the build wrote its content files into. */
  readonly root: string
  readonly out: string
  /** What `gazette build --json` printed. */
  readonly summary: BuildSummary
  /** Build the same root again into the same out folder. */
  rebuild(): Promise<BuildSummary>
  /** Remove the temporary folders. */
  cleanup(): Promise<void>
}

export interface BuildSummary {
  readonly ok: boolean
  readonly written: boolean
  readonly pages: number
  readonly articles: number
  readonly ingested: string[]
  readonly skipped: Array<{ path: string; reason: string }>
  readonly errors: number
  readonly warnings: number
  readonly messages: Array<{ file: string; severity: string; rule: string; message: string }>
}

/**
 * Copy a fixture root to a temporary folder and build it there with the CLI, as a person would:
 * `node bin/gazette.js build --root ROOT --out OUT --json`. Needs the compiled `lib/`.
 */
export async function buildSite(options: { fixture?: string; args?: string[]; env?: NodeJS.ProcessEnv; parent?: string } = {}): Promise<BuiltSite> {
  const dir = await mkdtemp(join(options.parent ?? tmpdir(), 'gazette-e2e-'))
  const root = join(dir, 'root')
  const out = join(dir, 'out')
  await cp(options.fixture ?? fixtureRoot, root, { recursive: true })
  const run = () => runCli(['build', '--root', root, '--out', out, '--json', ...(options.args ?? [])], { SOURCE_DATE_EPOCH: buildEpoch, ...options.env })
  const summary = await run()
  return { root, out, summary, rebuild: run, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

let shared: Promise<BuiltSite> | undefined

/**
 * The fixture built once per test process, for the tests that only read it: each build of it is
 * a whole CLI run, and the suite must finish in a minute. It is built in the test run's own
 * temporary folder (tests/global-setup.ts removes it at the end); `cleanup` leaves it to the other
 * tests, and `rebuild` is refused.
 */
export function fixtureSite(): Promise<BuiltSite> {
  shared ??= buildSite({ parent: process.env.GAZETTE_TEST_TMP ?? tmpdir() }).then((site) => ({
    ...site,
    rebuild: () => Promise.reject(new Error('the shared fixture site is read-only: build one of your own with buildSite()')),
    cleanup: async () => {}
  }))
  return shared
}

async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<BuildSummary> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/gazette.js'), ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const code = await new Promise<number | null>((resolvePromise, reject) => {
    child.on('error', reject)
    child.on('close', resolvePromise)
  })
  if (code !== 0) throw new Error(`gazette ${args.join(' ')} exited with ${code}\n${stdout}\n${stderr}`)
  return JSON.parse(stdout) as BuildSummary
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon'
}

/** The Content-Type a static host sends for a file name. */
export function contentTypeOf(path: string): string {
  const extension = extname(path).toLowerCase()
  return contentTypes[extension] ?? 'application/octet-stream'
}

export interface SiteServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string
  /** `http://127.0.0.1:PORT/news/` */
  readonly url: string
  /** Every request the server answered: path and status. */
  readonly log: Array<{ path: string; status: number }>
  close(): Promise<void>
}

/**
 * Serve a built site the way a static host does: under `basePath`, a folder answers with its
 * index.html (and a folder without its slash is redirected to it), a missing file answers with
 * 404.html and status 404, and nothing outside the base path or the folder is served.
 */
export async function serveSite(out: string, options: { basePath?: string } = {}): Promise<SiteServer> {
  const base = options.basePath ?? basePath
  const log: Array<{ path: string; status: number }> = []
  const rootDir = resolve(out)
  const server: Server = createServer((request, response) => {
    void (async () => {
      const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
        log.push({ path: request.url ?? '', status })
        response.writeHead(status, { 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers })
        response.end(request.method === 'HEAD' ? undefined : body)
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'Method not allowed', { Allow: 'GET, HEAD' })
      const notFound = async () => {
        try {
          return send(404, 'text/html; charset=utf-8', await readFile(join(rootDir, '404.html')))
        } catch {
          return send(404, 'text/plain; charset=utf-8', 'Not found')
        }
      }
      let pathname: string
      try {
        pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
      } catch {
        return send(400, 'text/plain; charset=utf-8', 'Bad request')
      }
      if (`${pathname}/` === base) return send(301, 'text/plain; charset=utf-8', '', { Location: base })
      if (!pathname.startsWith(base) || pathname.includes('\0')) return send(404, 'text/plain; charset=utf-8', 'Not found')
      let file = resolve(rootDir, `.${sep}${pathname.slice(base.length)}`)
      if (file !== rootDir && !file.startsWith(rootDir + sep)) return notFound()
      try {
        let info = await stat(file)
        if (info.isDirectory()) {
          if (!pathname.endsWith('/')) return send(301, 'text/plain; charset=utf-8', '', { Location: `${encodeURI(pathname)}/` })
          file = join(file, 'index.html')
          info = await stat(file)
        }
        if (!info.isFile()) return notFound()
        return send(200, contentTypeOf(file), await readFile(file))
      } catch {
        return notFound()
      }
    })().catch((cause: unknown) => {
      response.statusCode = 500
      response.end(String(cause))
    })
  })
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolvePromise)
  })
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  return {
    origin,
    url: `${origin}${base}`,
    log,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.closeAllConnections()
        server.close(() => resolvePromise())
      })
  }
}

/** Every file in a folder, as paths relative to it with `/` separators, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1).split(sep).join('/'))
    .sort()
}

/** A fixture site built, served and open to a browser: what every browser test file starts from. */
export interface OpenSite {
  readonly site: BuiltSite
  readonly server: SiteServer
  readonly browser: Browser
  /** Close the browser and the server, and remove the build. */
  close(): Promise<void>
}

/** Build the fixture site, serve it under the base path, and launch Chromium. */
export async function openSite(): Promise<OpenSite> {
  const site = await fixtureSite()
  const server = await serveSite(site.out)
  const browser = await launchBrowser()
  return {
    site,
    server,
    browser,
    async close() {
      await browser.close()
      await server.close()
      await site.cleanup()
    }
  }
}
