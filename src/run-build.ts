import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { VFile } from 'vfile'
import type { BuildOptions, BuildReport } from './build.js'
import { warn } from './diagnostics.js'
import { cacheProblem, fsCache } from './io/cache.js'
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
  const problem = cacheProblem(cacheDir)
  if (problem === undefined) return build({ ...buildOptions, checked })
  // A root that cannot hold the cache (a read-only checkout, a file named .gazette-cache) still
  // builds: with a cache of its own in a temporary folder, worker threads and all, removed after.
  const temporary = mkdtempSync(join(tmpdir(), 'gazette-cache-'))
  try {
    const report = await build({ ...buildOptions, store: fsStore(options.root, { clock: join(temporary, 'clock') }), cache: fsCache(temporary, version), disk: { root: options.root, cacheDir: temporary } })
    const file = new VFile({ path: relative(options.root, problem.path) })
    const remedy = problem.blocked ? 'Delete that file' : 'Let Gazette write there'
    warn(file, 'cache-unwritable', `Gazette could not write its cache there (${problem.reason}), so this build used a temporary one, and the next will start from nothing again. ${remedy} to keep the cache between builds.`)
    return { ...report, files: [file, ...report.files] }
  } finally {
    rmSync(temporary, { recursive: true, force: true })
  }
}
