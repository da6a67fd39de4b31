import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { createServer, preview, type Plugin, type PreviewServer, type ViteDevServer } from 'vite'
import { build } from './build.js'
import { formatMessages } from './diagnostics.js'
import { configFileName, fsStore } from './io/fs-store.js'
import { sourceKind } from './io/store.js'
import { watchSources } from './io/watch.js'
import { loadTemplates } from './io/load-templates.js'
import { memoryWriter } from './io/writer.js'
import { memoryCache } from './io/cache.js'
import { resolveConfig } from './config.js'
import { previewEditedArticle, type LastSite } from './edit-preview.js'

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml'
}

/**
 * Serve the site from memory with Vite, rebuild on every change under seeds/, content/,
 * templates/ or the config, and reload the pages that changed; a failed build shows in Vite's
 * overlay with its file and line, and the last good site stays served. An edited article's own
 * page is rendered and shown first, before the whole site is rebuilt: on a large site the
 * rebuild takes seconds, the article's page milliseconds.
 */
export async function startDevServer(options: { root: string; out: string; port: number; drafts: boolean; future: boolean; quiet?: boolean }): Promise<ViteDevServer> {
  const log = (stream: NodeJS.WriteStream, text: string) => {
    if (!options.quiet) stream.write(text)
  }
  // One writer and one cache for the server's life: each rebuild renders only what changed.
  const writer = memoryWriter()
  const cache = memoryCache()
  let site = new Map<string, string | Uint8Array>()
  let basePath = '/'
  let lastError: { message: string; file: string; line: number; column: number } | undefined
  let server: ViteDevServer | undefined
  let running: Promise<void> | undefined
  let again = false
  let pending: ReturnType<typeof setTimeout> | undefined
  const store = fsStore(options.root)
  let lastSite: LastSite | undefined
  let previewServed = false
  let lastRequest = 0

  async function rebuild(): Promise<void> {
    const started = performance.now()
    try {
      const report = await build({ store, writer, cache, templates: await loadTemplates(options.root), now: new Date(), drafts: options.drafts, future: options.future })
      const messages = formatMessages(report.files)
      if (messages.length > 0) log(process.stderr, `${messages.join('\n')}\n`)
      if (report.written) {
        const before = site
        site = writer.pages
        lastSite = report.site ?? lastSite
        const recovered = lastError !== undefined
        lastError = undefined
        log(process.stdout, `gazette: rebuilt ${site.size} files in ${Math.round(performance.now() - started)} ms\n`)
        reloadChanged(before, recovered)
      } else {
        const first = report.files.flatMap((file) => file.messages.filter((message) => message.fatal === true))[0]
        lastError = { message: messages.filter((line) => line.includes(': error: ')).join('\n'), file: join(options.root, first?.file ?? ''), line: first?.line ?? 1, column: first?.column ?? 1 }
        sendError()
      }
    } catch (cause) {
      lastError = { message: `gazette: the build stopped: ${(cause as Error).message}`, file: options.root, line: 1, column: 1 }
      log(process.stderr, `${lastError.message}\n`)
      sendError()
    }
  }

  /**
   * Update the open pages a rebuild changed, not every open page: after an edit was shown at once,
   * the rebuild usually changes a few other pages (listings, related stories). Feeds, the sitemap
   * and the search index are not part of any page; a new stylesheet or icon is, and reloads all.
   */
  function reloadChanged(before: ReadonlyMap<string, string | Uint8Array>, everything: boolean): void {
    const paths = new Set([...before.keys(), ...site.keys()])
    const changed = [...paths].filter((path) => !sameContents(before.get(path), site.get(path)))
    const pages = changed.filter((path) => path.endsWith('.html'))
    const assets = changed.filter((path) => path.startsWith('assets/') || path === 'favicon.svg')
    // A page that is gone is updated too: the dev client then finds it missing and reloads.
    if (everything || assets.length > 0 || pages.length > 50) server?.ws.send({ type: 'full-reload', path: '*' })
    else for (const path of pages) sendUpdate(path)
  }

  /** Tell the browsers showing a page that it changed: the dev client swaps in its new body. */
  function sendUpdate(path: string): void {
    server?.ws.send({ type: 'custom', event: 'gazette:update', data: { path: `${basePath}${path}` } })
  }

  /** Show an edited article's new page at once, rendered in the last build's site; the rebuild follows. */
  async function previewEdit(path: string): Promise<void> {
    if (!lastSite || lastError) return
    const source = await store.readOne(path)
    const page = source && previewEditedArticle(source, lastSite)
    if (!page) return
    site = new Map(site).set(page.path, page.contents)
    previewServed = false
    sendUpdate(page.path)
    // The rebuild holds the only thread for seconds: let the browser fetch the page, and what
    // the page loads with it, first (or give up waiting after a second, when no one has it open).
    const sent = performance.now()
    while (performance.now() - sent < 1000 && !(previewServed && performance.now() - lastRequest >= 100)) await new Promise((resolve) => setTimeout(resolve, 20))
  }

  function sendError(): void {
    if (!lastError || !server) return
    server.ws.send({ type: 'error', err: { message: lastError.message, stack: '', id: lastError.file, loc: { file: lastError.file, line: lastError.line, column: lastError.column }, plugin: 'gazette' } })
  }

  /** Rebuild soon: changes that come together (an editor's save is often two events) make one rebuild. */
  function schedule(): void {
    clearTimeout(pending)
    pending = setTimeout(() => {
      if (running) {
        again = true
        return
      }
      running = rebuild().finally(() => {
        running = undefined
        if (again) {
          again = false
          schedule()
        }
      })
    }, 30)
  }

  const plugin: Plugin = {
    name: 'gazette',
    resolveId: (id) => (id === devClientId ? `\0${devClientId}` : undefined),
    load: (id) => (id === `\0${devClientId}` ? devClient : undefined),
    transformIndexHtml: () => [{ tag: 'script', attrs: { type: 'module', src: `/@id/${devClientId}` }, injectTo: 'head' }],
    configureServer(vite) {
      const watcher = watchSources(options.root, configFileName, (path) => {
        if (sourceKind(path) === 'markdown') void previewEdit(path).finally(schedule)
        else schedule()
      })
      vite.httpServer?.on('close', () => watcher.close())
      vite.ws.on('connection', () => sendError())
      // A page asked for during a rebuild is the last good one; the rebuild reloads what it changes.
      vite.middlewares.use(async (request, response, next) => {
        lastRequest = performance.now()
        const url = decodeURIComponent((request.url ?? '/').split('?')[0]!)
        if (!url.startsWith(basePath)) return next()
        let path = url.slice(basePath.length)
        if (path === '' || path.endsWith('/')) path += 'index.html'
        let contents = site.get(path) ?? site.get(`${path}/index.html`)
        let status = 200
        if (contents === undefined) {
          if (path.startsWith('@') || path.startsWith('node_modules/')) return next()
          contents = site.get('404.html')
          status = 404
          path = '404.html'
        }
        if (contents === undefined) return next()
        const extension = path.slice(path.lastIndexOf('.') + 1)
        let body: string | Uint8Array = contents
        if (extension === 'html') body = await vite.transformIndexHtml(url, allowDevClient(typeof contents === 'string' ? contents : new TextDecoder().decode(contents)))
        response.statusCode = status
        response.setHeader('Content-Type', contentTypes[extension] ?? 'application/octet-stream')
        response.setHeader('Cache-Control', 'no-store')
        response.end(body)
        if (extension === 'html') previewServed = true
      })
    }
  }

  const config = resolveConfig(await readConfigFile(options.root))
  if ('config' in config) basePath = config.config.basePath
  await rebuild()
  server = await createServer({ root: options.root, configFile: false, appType: 'custom', logLevel: options.quiet ? 'silent' : 'info', server: { port: options.port, strictPort: false, watch: null }, plugins: [plugin] })
  await server.listen()
  if (!options.quiet) server.printUrls()
  return server
}

/** Serve a built site like a static host: under its base path, with `404.html` for missing pages. */
export async function startPreview(options: { root: string; out: string; port: number; quiet?: boolean }): Promise<PreviewServer> {
  const config = resolveConfig(await readConfigFile(options.root))
  const base = 'config' in config ? config.config.basePath : '/'
  const notFound: Plugin = {
    name: 'gazette-404',
    configurePreviewServer(server) {
      // A static host answers a folder's URL with its index.html.
      server.middlewares.use((request, response, next) => {
        const [path = '/', query] = (request.url ?? '/').split('?')
        const search = query === undefined ? '' : `?${query}`
        if (path.endsWith('/')) request.url = `${path}index.html${search}`
        else if (`${path}/` === base || (path.startsWith(base) && !/\.[^/]*$/.test(path) && existsSync(join(options.out, decodeURIComponent(path.slice(base.length)), 'index.html')))) {
          // A folder asked for without its slash moves to the address with one, as static hosts do.
          response.statusCode = 301
          response.setHeader('Location', `${path}/${search}`)
          response.end()
          return
        }
        next()
      })
      return () => {
        server.middlewares.use(async (_request, response) => {
          response.statusCode = 404
          response.setHeader('Content-Type', 'text/html; charset=utf-8')
          try {
            response.end(await readFile(join(options.out, '404.html')))
          } catch {
            response.end('Not found')
          }
        })
      }
    }
  }
  const server = await preview({ root: options.root, configFile: false, base, appType: 'mpa', logLevel: options.quiet ? 'silent' : 'info', build: { outDir: options.out }, preview: { port: options.port, strictPort: false, open: false }, plugins: [notFound] })
  if (!options.quiet) server.printUrls()
  return server
}

const devClientId = 'virtual:gazette-dev-client'

/**
 * The browser's half of updating a page in place: on `gazette:update` for the page it shows, it
 * fetches the page again and swaps in the new body. Why not a reload: a reload unloads the page,
 * asks for it and its styles again and loses the scroll position; a swap shows an edit in the
 * time of one request. Anything that goes wrong falls back to a reload.
 */
const devClient = `
if (import.meta.hot) {
  import.meta.hot.on('gazette:update', async ({ path }) => {
    const here = decodeURI(location.pathname)
    if (here !== path && here + 'index.html' !== path) return
    try {
      const response = await fetch(location.href, { cache: 'no-store' })
      if (!response.ok) throw new Error(String(response.status))
      const next = new DOMParser().parseFromString(await response.text(), 'text/html')
      document.title = next.title
      document.body.replaceWith(document.adoptNode(next.body))
    } catch {
      location.reload()
    }
  })
}
`

function sameContents(a: string | Uint8Array | undefined, b: string | Uint8Array | undefined): boolean {
  if (typeof a === 'string' || typeof b === 'string' || a === undefined || b === undefined) return a === b
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b)
}

async function readConfigFile(root: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(join(root, configFileName), 'utf8'))
  } catch {
    return undefined
  }
}

/**
 * Pages forbid scripts in their Content-Security-Policy; in development Vite's client script
 * must run and open its WebSocket, or the browser would never reload.
 */
function allowDevClient(html: string): string {
  const policy = "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'"
  return html.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${policy}">`)
}
