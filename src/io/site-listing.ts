import { existsSync, readdirSync } from 'node:fs'
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
  const script = fileURLToPath(new URL('./site-listing-worker.js', import.meta.url))
  if (!existsSync(script)) return Promise.resolve(siteFiles(out))
  return new Promise((resolve, reject) => {
    let settled = false
    const settle = (files: () => SiteFiles) => {
      if (settled) return
      settled = true
      try {
        resolve(files())
      } catch (cause) {
        reject(cause as Error)
      }
    }
    const worker = new Worker(script, { workerData: out })
    // Never what keeps the process alive: a build that stops early does not wait for the listing.
    worker.unref()
    worker.once('message', (posted: PostedListing) => {
      const irregular = new Set(posted.irregular)
      settle(() => ({ all: posted.all, regular: new Set(posted.all.filter((path) => !irregular.has(path))) }))
    })
    // A thread that failed or stopped without an answer: the listing is made here instead.
    worker.once('error', () => settle(() => siteFiles(out)))
    worker.once('exit', () => settle(() => siteFiles(out)))
  })
}
