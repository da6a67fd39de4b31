import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createServer, preview, type Plugin, type PreviewServer, type ViteDevServer } from 'vite'
import { collectGarbage } from './collect-garbage.js'
import { resolveConfig } from './config.js'
import { sameContents, startDevBuilder } from './dev-builder.js'
import { previewEditedArticle, type LastSite } from './edit-preview.js'
import { configFileName, fsStore } from './io/fs-store.js'
import { loadTemplates } from './io/load-templates.js'
import { sourceKind } from './io/store.js'
import { watchSources } from './io/watch.js'
import type { ArticlePageJob } from './pages.js'

/** How many times the dev server renders an article's page at start, before any edit (see `warmUp`). */
const warmUpRuns = 3

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  // The images articles show from beside them (see `isMedia`).
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif'
}

/**
 * Serve the site from memory with Vite, rebuild on every change under seeds/, content/,
 * templates/ or the config, and update the pages that changed; a failed build shows in Vite's
 * overlay with its file and line, and the last good site stays served. Builds run on a thread of
 * their own, so the server answers at once while one runs. An edited article's own page is
 * rendered and shown first, before the whole site is rebuilt: on a large site the rebuild takes
 * seconds, the article's page milliseconds.
 */
export async function startDevServer(options: { root: string; out: string; port: number; drafts: boolean; future: boolean; quiet?: boolean; host?: boolean }): Promise<ViteDevServer> {
  const log = (stream: NodeJS.WriteStream, text: string) => {
    if (!options.quiet) stream.write(text)
  }
  const builder = startDevBuilder({ root: options.root, drafts: options.drafts, future: options.future })
  /** The site as the last good build made it. */
  const built = new Map<string, string | Uint8Array>()
  /** Edited articles' pages, shown until a build that read the edit is done. */
  const previews = new Map<string, string | Uint8Array>()
  const served = (path: string) => previews.get(path) ?? built.get(path)
  const articlePages = new Map<string, ArticlePageJob>()
  let basePath = '/'
  let lastError: { message: string; file: string; line: number; column: number } | undefined
  let server: ViteDevServer | undefined
  let running: Promise<void> | undefined
  let again = false
  let pending: ReturnType<typeof setTimeout> | undefined
  /** What changed since the last build started, for the line that says a rebuild is under way. */
  const changes = new Set<string>()
  const store = fsStore(options.root)
  let lastSite: LastSite | undefined

  async function rebuild(): Promise<void> {
    const started = performance.now()
    // The build reads the edits previewed so far; one previewed while it runs waits for the next build.
    const previewed = new Map(previews)
    const reply = await builder.build(new Date())
    if (reply.type === 'stopped') {
      lastError = { message: `gazette: the build stopped: ${reply.message}`, file: options.root, line: 1, column: 1 }
      log(process.stderr, `${lastError.message}\n`)
      return sendError()
    }
    if (reply.messages.length > 0) log(process.stderr, `${reply.messages.join('\n')}\n`)
    if (reply.type === 'failed') {
      lastError = { message: reply.messages.filter((line) => line.includes(': error: ')).join('\n'), file: join(options.root, reply.first?.file ?? ''), line: reply.first?.line ?? 1, column: reply.first?.column ?? 1 }
      return sendError()
    }
    // What the browsers were shown, for the files that may change: the build's and the previews'.
    const touched = new Set([...(reply.full ? built.keys() : []), ...reply.changes.map(([path]) => path), ...previews.keys()])
    const before = new Map([...touched].map((path) => [path, served(path)]))
    if (reply.full) built.clear()
    for (const [path, contents] of reply.changes) {
      if (contents === null) built.delete(path)
      else built.set(path, contents)
    }
    for (const [path, contents] of previewed) if (previews.get(path) === contents) previews.delete(path)
    if (reply.site) {
      for (const [path, job] of reply.site.jobs) {
        if (job === null) articlePages.delete(path)
        else articlePages.set(path, job)
      }
      const warm = lastSite !== undefined
      lastSite = await previewSite(reply.site.config)
      if (!warm) await warmUp()
    }
    const recovered = lastError !== undefined
    lastError = undefined
    log(process.stdout, `gazette: rebuilt ${reply.count} files in ${Math.round(performance.now() - started)} ms\n`)
    reloadChanged([...touched].filter((path) => !sameContents(before.get(path), served(path))), recovered || reply.full)
  }

  /** What an edited article's page is rendered against: the last build's config and jobs, and the templates. */
  async function previewSite(config: LastSite['config']): Promise<LastSite | undefined> {
    try {
      return { config, templates: await loadTemplates(options.root), articlePages }
    } catch {
      // Templates that do not load: no previews until a build loads them again.
      return undefined
    }
  }

  /**
   * Render one article's page as an edit of it would be, a few times, and throw it away: the
   * first edit shown would otherwise also pay for compiling the article stage on this thread,
   * since the builds run on another. In the benchmark at 10,000 articles, rendered once, the
   * first edit's page took 85 ms against 20 for the next.
   */
  async function warmUp(): Promise<void> {
    try {
      const [path] = articlePages.keys()
      const source = path === undefined || !lastSite ? undefined : await store.readOne(path)
      for (let run = 0; run < warmUpRuns && source && lastSite; run++) previewEditedArticle(source, lastSite)
    } catch {
      // Only a head start: the edit itself says what is wrong with it.
    }
  }

  /**
   * Update the open pages a rebuild changed, not every open page: after an edit was shown at once,
   * the rebuild usually changes a few other pages (listings, related stories). Feeds, the sitemap
   * and the search index are not part of any page; a new stylesheet or icon is, and reloads all.
   */
  function reloadChanged(changed: readonly string[], everything: boolean): void {
    const pages = changed.filter((path) => path.endsWith('.html'))
    // An image beside the articles, added or replaced, is shown by pages whose HTML did not change.
    const assets = changed.filter((path) => path.startsWith('assets/') || path.startsWith('media/') || path === 'favicon.svg')
    // A page that is gone is updated too: the dev client then finds it missing and reloads.
    if (everything || assets.length > 0 || pages.length > 50) server?.ws.send({ type: 'full-reload', path: '*' })
    else for (const path of pages) sendUpdate(path)
  }

  /** Tell the browsers showing a page that it changed: the dev client swaps in its new body. */
  function sendUpdate(path: string): void {
    server?.ws.send({ type: 'custom', event: 'gazette:update', data: { path: `${basePath}${path}` } })
  }

  /** Show an edited article's new page at once, rendered in the last build's site; the rebuild follows. Whether it was shown. */
  async function previewEdit(path: string): Promise<boolean> {
    if (!lastSite || lastError) return false
    const source = await store.readOne(path)
    const page = source && previewEditedArticle(source, lastSite)
    if (!page) return false
    previews.set(page.path, page.contents)
    sendUpdate(page.path)
    return true
  }

  function sendError(): void {
    if (!lastError || !server) return
    server.ws.send({ type: 'error', err: { message: lastError.message, stack: '', id: lastError.file, loc: { file: lastError.file, line: lastError.line, column: lastError.column }, plugin: 'gazette' } })
  }

  /**
   * Rebuild soon: changes that come together (an editor's save is often two events) make one
   * rebuild. After an edit was shown, a little later: the browser fetches the page meanwhile,
   * before the rebuild takes a core.
   */
  function schedule(delay = 30): void {
    clearTimeout(pending)
    pending = setTimeout(() => {
      if (running) {
        again = true
        return
      }
      const paths = [...changes].sort()
      changes.clear()
      log(process.stdout, `gazette: rebuilding: ${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ` and ${paths.length - 3} more` : ''} changed\n`)
      running = rebuild()
        .catch((cause: unknown) => {
          lastError = { message: `gazette: the dev server stopped a rebuild: ${cause instanceof Error ? cause.message : String(cause)}`, file: options.root, line: 1, column: 1 }
          log(process.stderr, `${lastError.message}\n`)
          sendError()
        })
        .finally(() => {
          running = undefined
          if (again) {
            again = false
            schedule()
          }
        })
    }, delay)
  }

  const plugin: Plugin = {
    name: 'gazette',
    resolveId: (id) => (id === devClientId ? `\0${devClientId}` : undefined),
    load: (id) => (id === `\0${devClientId}` ? devClient : undefined),
    configureServer(vite) {
      const watcher = watchSources(options.root, configFileName, (path) => {
        changes.add(path)
        if (sourceKind(path) === 'markdown') void previewEdit(path).then((shown) => schedule(shown ? 150 : 30), () => schedule())
        else schedule()
      })
      vite.httpServer?.on('close', () => {
        watcher.close()
        void builder.close()
      })
      vite.ws.on('connection', () => sendError())
      // A page asked for during a rebuild is the last good one; the rebuild reloads what it changes.
      vite.middlewares.use(async (request, response, next) => {
        const raw = (request.url ?? '/').split('?')[0]!
        let url: string
        try {
          url = decodeURIComponent(raw)
        } catch {
          // A malformed escape ("%zz") names no page; it must not take the server down.
          response.statusCode = 400
          response.setHeader('Content-Type', 'text/plain; charset=utf-8')
          return response.end(`Bad request: ${raw} is not a valid address.`)
        }
        if (!url.startsWith(basePath)) return next()
        let path = url.slice(basePath.length)
        // A folder asked for without its slash goes to the address with it, as a static host does.
        if (path !== '' && !path.endsWith('/') && served(path) === undefined && served(`${path}/index.html`) !== undefined) {
          response.statusCode = 301
          response.setHeader('Location', `${raw}/${(request.url ?? '').slice(raw.length)}`)
          return response.end()
        }
        if (path === '' || path.endsWith('/')) path += 'index.html'
        let contents = served(path)
        let status = 200
        if (contents === undefined) {
          if (path.startsWith('@') || path.startsWith('node_modules/')) return next()
          contents = served('404.html')
          status = 404
          path = '404.html'
        }
        if (contents === undefined) return next()
        const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase()
        let body: string | Uint8Array = contents
        if (extension === 'html') body = withDevClient(typeof contents === 'string' ? contents : new TextDecoder().decode(contents), basePath)
        response.statusCode = status
        response.setHeader('Content-Type', contentTypes[extension] ?? 'application/octet-stream')
        response.setHeader('Cache-Control', 'no-store')
        response.end(body)
      })
    }
  }

  const config = resolveConfig(await readConfigFile(options.root))
  if ('config' in config) basePath = config.config.basePath
  try {
    await rebuild()
    // Under its base path, as the site will be served: Vite's own client and the address it prints too.
    server = await createServer({ root: options.root, configFile: false, base: basePath, appType: 'custom', logLevel: options.quiet ? 'silent' : 'info', server: { port: options.port, strictPort: false, watch: null, ...(options.host ? { host: true } : {}) }, plugins: [plugin] })
    await server.listen()
    // The first build's garbage and the server's, collected before the first edit rather than
    // during it: the heap holds the whole site. In traced runs, answering the browser's request
    // for the first edit's page took 40-61 ms against 1 for the next, as a collection falling
    // there would. With this and the three renders of `warmUp`, the first edit's median went from 176
    // to 120 ms in the benchmark.
    collectGarbage(0)
  } catch (cause) {
    await builder.close()
    throw cause
  }
  if (!options.quiet) server.printUrls()
  return server
}

/** Serve a built site like a static host: under its base path, with `404.html` for missing pages. */
export async function startPreview(options: { root: string; out: string; port: number; quiet?: boolean; host?: boolean }): Promise<PreviewServer> {
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
  const server = await preview({ root: options.root, configFile: false, base, appType: 'mpa', logLevel: options.quiet ? 'silent' : 'info', build: { outDir: options.out }, preview: { port: options.port, strictPort: false, open: false, ...(options.host ? { host: true } : {}) }, plugins: [notFound] })
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

async function readConfigFile(root: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(join(root, configFileName), 'utf8'))
  } catch {
    return undefined
  }
}

/**
 * A page with Vite's client and Gazette's own loaded under the base path. Pages forbid scripts in
 * their Content-Security-Policy; in development the clients must run and open their WebSocket, or
 * the browser would never reload. Why not Vite's `transformIndexHtml`: under a base path it
 * prefixes it to the page's links again, which already carry it (`/news/news/assets/…`).
 */
function withDevClient(html: string, basePath: string): string {
  const policy = "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'"
  const clients = `<script type="module" src="${basePath}@vite/client"></script><script type="module" src="${basePath}@id/${devClientId}"></script>`
  return html.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${policy}">`).replace('</head>', `${clients}</head>`)
}
