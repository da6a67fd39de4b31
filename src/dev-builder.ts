import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { ResolvedConfig } from './config.js'
import type { ArticlePageJob } from './pages.js'
import { packageRoot } from './version.js'

/** What the build thread is started with. */
export interface DevBuildSetup {
  readonly root: string
  readonly drafts: boolean
  readonly future: boolean
}

export interface DevBuildRequest {
  /** The build instant, in milliseconds. */
  readonly now: number
}

/** A file of the site that changed: its new contents, or null when it is gone. */
export type SiteChange = [path: string, contents: string | Uint8Array | null]

export type DevBuildReply =
  | {
      readonly type: 'built'
      /** The changes are the whole site: the thread has sent nothing before. */
      readonly full: boolean
      readonly changes: SiteChange[]
      /** Files in the site. */
      readonly count: number
      /** The build's messages, formatted as the CLI prints them. */
      readonly messages: string[]
      /** The config and the article page jobs that changed (null: the article has no page now), when the site was built. */
      readonly site?: { readonly config: ResolvedConfig; readonly jobs: Array<[path: string, job: ArticlePageJob | null]> }
    }
  | { readonly type: 'failed'; readonly messages: string[]; readonly first?: { readonly file: string; readonly line: number; readonly column: number } }
  | { readonly type: 'stopped'; readonly message: string }

/** Builds on their own thread, one at a time. */
export interface DevBuilder {
  build(now: Date): Promise<DevBuildReply>
  close(): Promise<void>
}

/**
 * Start the dev server's build thread. A thread that stops (a crash, or out of memory) answers
 * the build it was on with `stopped`; the next build starts a new thread, which builds the whole
 * site again. The thread runs the bundled code (lib/), also when this module is run from src/.
 */
export function startDevBuilder(setup: DevBuildSetup): DevBuilder {
  let worker: Worker | undefined
  let waiting: ((reply: DevBuildReply) => void) | undefined
  const answer = (reply: DevBuildReply) => {
    const resolve = waiting
    waiting = undefined
    resolve?.(reply)
  }
  function start(): Worker {
    const started = new Worker(join(packageRoot, 'lib', 'dev-build-worker.js'), { workerData: setup })
    started.on('message', answer)
    started.on('error', (error) => {
      if (worker === started) worker = undefined
      answer({ type: 'stopped', message: error.message })
    })
    started.on('exit', (code) => {
      if (worker === started) worker = undefined
      answer({ type: 'stopped', message: `the build thread stopped (exit code ${code})` })
    })
    return started
  }
  return {
    build(now) {
      if (waiting) return Promise.reject(new Error('a build is already running'))
      worker ??= start()
      const reply = new Promise<DevBuildReply>((resolve) => (waiting = resolve))
      worker.postMessage({ now: now.getTime() } satisfies DevBuildRequest)
      return reply
    },
    async close() {
      const stopping = worker
      worker = undefined
      await stopping?.terminate()
    }
  }
}

/** Whether two versions of a file of the site hold the same bytes. */
export function sameContents(a: string | Uint8Array | undefined, b: string | Uint8Array | undefined): boolean {
  if (a === b) return true
  if (typeof a === 'string' || typeof b === 'string' || a === undefined || b === undefined) return a === b
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b)
}
