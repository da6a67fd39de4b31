import { existsSync, lstatSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'

/** What a site on disk holds besides folders: every entry's path, and those that are regular files. */
export interface SiteFiles {
  readonly all: readonly string[]
  readonly regular: ReadonlySet<string>
}

/** A listing as it crosses from the listing thread: the entries that are not regular files are few. */
export interface PostedListing {
  readonly all: readonly string[]
  readonly irregular: readonly string[]
}

/**
 * List a site on disk, every file under `out` by its path there. Synchronous: a site has a folder
 * per article, and a thread-pool round trip for each of ten thousand folders costs most of a second.
 */
export function siteFiles(out: string): SiteFiles {
  const all: string[] = []
  const regular = new Set<string>()
  const visit = (folder: string, prefix: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = `${prefix}${entry.name}`
      if (entry.isDirectory()) visit(join(folder, entry.name), `${path}/`)
      else {
        all.push(path)
        if (entry.isFile()) regular.add(path)
      }
    }
  }
  visit(out, '')
  return { all, regular }
}

/**
 * Refuse a page path that could land outside the output folder: every page path is relative, with
 * forward slashes and no empty, "." or ".." segments. Slugs are already safe; this is the last
 * line of defence, so a bug elsewhere can never write over a file outside the site.
 */
export function checkPagePath(path: string): string {
  // One pass over the path for each test, no segments made: every page of a site is checked in
  // every build (at 50,000 articles, splitting them took a seventh of a second).
  const unsafe = path === '' || /[\\\u0000-\u001f]/.test(path) || /^[A-Za-z]:/.test(path) || emptyOrDotSegment.test(path)
  if (unsafe) throw new Error(`refusing to write "${path.replace(/[\u0000-\u001f]/g, '?')}": an output path must stay inside the output folder`)
  return path
}

/** A segment that is empty, "." or "..": between the start or a slash and the end or a slash. */
const emptyOrDotSegment = /(?:^|\/)\.{0,2}(?:\/|$)/

/** Whether the site under `out` holds each of these files, and folders (a path ending in `/`). */
export function siteHolds(out: string, paths: readonly string[]): boolean {
  // Synchronous: one metadata call per page of a large site.
  return paths.every((path) => {
    const info = lstatSync(join(out, checkPagePath(path.replace(/\/$/, ''))), { throwIfNoEntry: false })
    return info !== undefined && (path.endsWith('/') ? info.isDirectory() : info.isFile())
  })
}

/**
 * `siteHolds` on a thread of its own, so that this one can go on (the up-to-date check stamps the
 * sources meanwhile); here when that thread's `script` (the bundle's) cannot run. Why: at 50,000
 * articles looking at the site's files took 0.56 s of a build that found nothing to do, and
 * stamping the sources 0.62 s, one after the other on one core of two. A path refused there is
 * refused here, with the same error.
 */
export function siteHoldsAside(out: string, paths: readonly string[], script = listingScript()): Promise<boolean> {
  // Kept alive by its thread, unlike the listing: the caller may have nothing else to wait for.
  return askAside(script, { out, paths }, true, (held: boolean) => held, () => siteHolds(out, paths))
}

/** A listing made ready to post to another thread. */
export function postable(files: SiteFiles): PostedListing {
  return { all: files.all, irregular: files.all.filter((path) => !files.regular.has(path)) }
}

/**
 * List a site on disk on a thread of its own, while this one goes on with its work; here when that
 * thread cannot run (Gazette's sources run without their bundle, as in its tests). Why: the listing
 * of a site of 10,000 articles took 0.23-0.35 s of a one-article rebuild, nearly all of it waiting
 * on the file system, while the machine's other cores had nothing to do.
 */
export function listSiteAside(out: string): Promise<SiteFiles> {
  // Never what keeps the process alive: a build that stops early does not wait for the listing.
  return askAside(listingScript(), out, false, (posted: PostedListing) => {
    const irregular = new Set(posted.irregular)
    return { all: posted.all, regular: new Set(posted.all.filter((path) => !irregular.has(path))) }
  }, () => siteFiles(out))
}

/** The bundle's listing thread, beside this module. */
function listingScript(): string {
  return fileURLToPath(new URL('./site-listing-worker.js', import.meta.url))
}

/**
 * Ask the thread `script` runs, with `asked`, and make its answer with `made`; made `here`
 * instead when the script is not there, or the thread failed or stopped without an answer.
 */
function askAside<P, T>(script: string, asked: unknown, keepsAlive: boolean, made: (posted: P) => T, here: () => T): Promise<T> {
  if (!existsSync(script)) return Promise.resolve().then(here)
  return new Promise((resolve, reject) => {
    let settled = false
    const settle = (answer: () => T) => {
      if (settled) return
      settled = true
      try {
        resolve(answer())
      } catch (cause) {
        reject(cause as Error)
      }
    }
    const worker = new Worker(script, { workerData: asked })
    if (!keepsAlive) worker.unref()
    worker.once('message', (posted: P) => settle(() => made(posted)))
    worker.once('error', () => settle(here))
    worker.once('exit', () => settle(here))
  })
}
