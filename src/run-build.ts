import { join } from 'node:path'
import { build, type BuildReport } from './build.js'
import { fsCache } from './io/cache.js'
import { fsStore } from './io/fs-store.js'
import { templateSource } from './io/load-templates.js'
import { fsWriter } from './io/writer.js'
import { version } from './version.js'

/** Build a root on disk into `out` with Gazette's or the root's templates. */
export async function runBuild(options: { root: string; out: string; drafts: boolean; future: boolean; keepGoing: boolean; search: boolean; threads?: number; onProgress?: (stage: string) => void }): Promise<BuildReport> {
  const epoch = process.env.SOURCE_DATE_EPOCH
  const now = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date()
  const cacheDir = join(options.root, '.gazette-cache')
  return build({
    store: fsStore(options.root),
    writer: fsWriter(options.out),
    cache: fsCache(cacheDir, version),
    disk: { root: options.root, cacheDir },
    templates: templateSource(options.root),
    now,
    drafts: options.drafts,
    future: options.future,
    keepGoing: options.keepGoing,
    search: options.search,
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {})
  })
}

