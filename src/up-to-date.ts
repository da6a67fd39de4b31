import type { VFile } from 'vfile'
import type { BuildOptions, BuildReport } from './build.js'
import { sameStamp, type Stamp } from './io/stamp.js'
import { isMedia, sourceKind } from './io/store.js'
import { restoreMessages, type FileMessages } from './messages.js'
import { version } from './version.js'

/** What a build reports besides its messages; kept with the last build to be reported again. */
export interface ReportSummary {
  readonly pages: number
  readonly articles: number
  readonly repeatsRemoved: ReadonlyArray<{ path: string; count: number }>
  readonly skipped: ReadonlyArray<{ path: string; reason: string }>
  readonly merged: number
}

/** What the last successful build saw and reported: enough to answer the next one when nothing changed. */
export interface LastBuild {
  /** Gazette's version, its templates and code, and the options that shape the site. */
  readonly settings: string
  /** The sources and config as stamped before they were read. */
  readonly inputs: Stamp
  /** The site's files (a folder's path ends in `/`). */
  readonly outputs: readonly string[]
  /** Each content file's article key, by path: a file stamped the same next time need not be read to know it. */
  readonly articles?: Readonly<Record<string, string>>
  /** When the first article skipped as future falls due: from then on the site is different. */
  readonly until?: string
  /** Its report; `files` hold the warnings only. */
  readonly report: ReportSummary & { readonly files: ReadonlyArray<FileMessages> }
  /**
   * Every message, informational ones too, in the order the build gave them: kept apart and read
   * only when asked for (`--verbose`), since they are most of the record (28 MB of 38 at 50,000 articles).
   */
  readonly messages?: ReadonlyArray<FileMessages>
}

/** What the next build sees, to compare with the last. */
export interface Now {
  readonly settings: string
  readonly inputs: Stamp | undefined
  /** Signatures by times for inputs the last build stamped by bytes, now that their times can be trusted. */
  readonly refresh?: Stamp
  readonly now: Date
}

/** What the up-to-date check found: the inputs as they are now, the last build, and its report when it stands. */
export interface UpToDateCheck {
  readonly current: Now
  readonly last?: LastBuild
  /** The last build's report again, when nothing changed since. */
  readonly report?: BuildReport
}

/**
 * The first step of a build, and the only one when nothing changed: compare the settings, the
 * stamps of the sources and templates, and the site's files with the last build's. This module
 * loads little, so a caller can run the check before loading the rest of the pipeline.
 */
export async function checkUpToDate(options: Pick<BuildOptions, 'store' | 'writer' | 'cache' | 'templates' | 'now' | 'drafts' | 'future' | 'search' | 'info'>): Promise<UpToDateCheck> {
  const started = performance.now()
  const last = await options.cache.loadLast({ messages: options.info !== false })
  const templates = 'load' in options.templates ? options.templates.stamp : options.templates.fingerprint
  const settings = JSON.stringify({ version, templates, drafts: options.drafts ?? false, future: options.future ?? false, search: options.search !== false, out: options.writer.id })
  // The site's files are looked at while the sources are stamped (by a writer that can, on a
  // thread of its own); what they say counts only when nothing else changed.
  const present = last?.settings === settings ? options.writer.present(last.outputs) : undefined
  present?.catch(() => undefined)
  const stamped = templates === undefined ? undefined : await options.store.stamp?.(last?.inputs)
  const current: Now = { settings, inputs: stamped?.stamp, ...(stamped?.refresh ? { refresh: stamped.refresh } : {}), now: options.now }
  if (!isUpToDate(last, current) || !(await present!)) return { current, ...(last ? { last } : {}) }
  const next = refreshed(last, current.refresh)
  if (next) await options.cache.saveLast(next)
  const { pages, articles, repeatsRemoved, skipped, merged } = last.report
  const report: BuildReport = { ok: true, files: lastMessages(last), written: true, unchanged: true, pages, articles, repeatsRemoved, skipped, ingested: [], processed: 0, merged, timings: { 'check inputs': Math.round(performance.now() - started) } }
  return { current, last, report }
}

/**
 * Whether the last build's site is the site these inputs would make: the same settings, sources
 * with the same stamps, and no skipped article fallen due. (That its files are all still there
 * is the writer's to tell.)
 */
function isUpToDate(last: LastBuild | undefined, current: Now): last is LastBuild {
  if (!last || !current.inputs) return false
  if (last.until !== undefined && current.now >= new Date(last.until)) return false
  return last.settings === current.settings && sameStamp(last.inputs, current.inputs)
}

/** The last build, with the inputs it stamped by bytes stamped by times where they now can be: a cheaper check next time. */
function refreshed(last: LastBuild, refresh: Stamp | undefined): LastBuild | undefined {
  if (!refresh || Object.keys(refresh).length === 0) return undefined
  return { ...last, inputs: { ...last.inputs, ...refresh } }
}

/**
 * The content files that cannot have changed since the last build, with their article keys: same
 * settings, same config, and each file stamped as the last build stamped it (by its times, or by
 * the digest of its bytes). A racy file (`?`) is never among them. Their keys need no reading.
 */
export function unchangedArticles(check: Pick<UpToDateCheck, 'current' | 'last'>): Map<string, string> {
  const unchanged = new Map<string, string>()
  const { current, last } = check
  if (!last?.articles || !current.inputs || last.settings !== current.settings || stampedConfig(last.inputs) !== stampedConfig(current.inputs)) return unchanged
  for (const [path, key] of Object.entries(last.articles)) {
    const signature = current.inputs[path]
    if (signature !== undefined && signature !== '?' && signature === last.inputs[path]) unchanged.set(path, key)
  }
  return unchanged
}

/** What a stamp holds besides sources: the config. */
function stampedConfig(stamp: Stamp): string {
  return JSON.stringify(Object.entries(stamp).filter(([path]) => sourceKind(path) === undefined && !isMedia(path)).sort())
}

/** Record a successful build for the next one to compare with; `messages` are its files' messages, in the order it gave them. */
export function lastBuild(current: Now & { inputs: Stamp }, outputs: readonly string[], messages: ReadonlyArray<FileMessages>, summary: ReportSummary, futureDates: readonly string[], articles: Readonly<Record<string, string>>): LastBuild {
  const until = futureDates.reduce<string | undefined>((first, date) => (first === undefined || new Date(date) < new Date(first) ? date : first), undefined)
  return {
    settings: current.settings,
    inputs: current.inputs,
    outputs,
    articles,
    ...(until === undefined ? {} : { until }),
    report: {
      pages: summary.pages,
      articles: summary.articles,
      repeatsRemoved: summary.repeatsRemoved,
      skipped: summary.skipped,
      merged: summary.merged,
      files: messages.flatMap((file) => {
        const warnings = file.messages.filter((message) => message.fatal !== undefined)
        return warnings.length > 0 ? [{ path: file.path, messages: warnings }] : []
      })
    },
    messages
  }
}

/** The last build's messages, on files again, to be printed as that build printed them: all of them if they were read, else its warnings. */
function lastMessages(last: LastBuild): VFile[] {
  return (last.messages ?? last.report.files).map((file) => restoreMessages(file.path, file.messages))
}
