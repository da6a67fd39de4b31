import { join } from 'node:path'
import type { BuildOptions, BuildReport } from './build.js'
import { fsCache } from './io/cache.js'
import { fsStore } from './io/fs-store.js'
import { templateSource } from './io/load-templates.js'
import { fsWriter } from './io/writer.js'
import { checkUpToDate } from './up-to-date.js'
import { version } from './version.js'

/** Build a root on disk into `out` with Gazette's or the root's templates. */
export async function runBuild(options: { root: string; out: string; drafts: boolean; future: boolean; keepGoing: boolean; search: boolean; info?: boolean; threads?: number; onProgress?: (stage: string) => void }): Promise<BuildReport> {
  const epoch = process.env.SOURCE_DATE_EPOCH
  const now = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date()
  const cacheDir = join(options.root, '.gazette-cache')
  const buildOptions: BuildOptions = {
    // The file system's own clock, from a file written in the cache, tells which sources changed too recently to trust their times.
    store: fsStore(options.root, { clock: join(cacheDir, 'clock') }),
    writer: fsWriter(options.out),
    cache: fsCache(cacheDir, version),
    disk: { root: options.root, cacheDir },
    templates: templateSource(options.root),
    now,
    drafts: options.drafts,
    future: options.future,
    keepGoing: options.keepGoing,
    search: options.search,
    ...(options.info === undefined ? {} : { info: options.info }),
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {})
  }
  // The check first, and the pipeline's modules only when there is something to build: loading
  // them is most of the time of a build that finds nothing to do.
  const checked = await checkUpToDate(buildOptions)
  if (checked.report) return checked.report
  const { build } = await import('./build.js')
  return build({ ...buildOptions, checked })
}
