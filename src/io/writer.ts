import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, type Stats, unlinkSync, writeFileSync } from 'node:fs'
import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, sep } from 'node:path'
import { BuildStopped, whyUnwritable } from '../diagnostics.js'
import type { Page } from '../types.js'
import { makeFolders } from './folders.js'
import { checkPagePath, listSiteAside, siteFiles, siteHolds, siteHoldsAside, type SiteFiles } from './site-listing.js'

/** Where the built site goes. A build writes every page, then commits; a failed build aborts. */
export interface Writer {
  /** Names the site this writer replaces, so a cache knows whether its record of pages applies. */
  readonly id: string
  write(page: Page): Promise<void>
  /** Carry a file over unchanged from the previous site; false when there is none to carry. */
  keep(path: string): Promise<boolean>
  /** The bytes of a file in the previous site, if there is one. */
  previous(path: string): Promise<Uint8Array | undefined>
  /** Whether the previous site still has every one of these files (a path ending in `/`: that folder). */
  intact(paths: readonly string[]): Promise<boolean>
  /** Carry a whole folder over unchanged from the previous site; false when there is none. */
  keepFolder(path: string): Promise<boolean>
  /**
   * Whether the site holds every one of these files now, asked before a build begins: nothing is
   * prepared or recovered, and a build's unfinished work beside the site answers false.
   */
  present(paths: readonly string[]): Promise<boolean>
  /**
   * A writer on disk: the folder where other threads may stage pages themselves with
   * `stagePage`, so page bytes need not pass through this thread. A writer in memory has none.
   */
  stagingArea?(): Promise<StagingArea>
  /** Take note of pages another thread staged: each path, and whether its bytes changed. */
  record?(pages: readonly StagedPage[]): void
  /**
   * A build that will write says so as soon as it knows: a writer on disk settles what a killed
   * build left and lists the previous site meanwhile, on another thread (`listSiteAside`).
   */
  begin?(): void
  /** Make the written pages the site, all at once. */
  commit(): Promise<void>
  /** Throw away what was written; the previous site stays as it was. */
  abort(): Promise<void>
}

/** Where pages of a build on disk are staged, and whether the commit goes into the previous site in place. */
export interface StagingArea {
  readonly out: string
  readonly staging: string
  readonly inPlace: boolean
}

/** A page staged by another thread: whether its bytes differ from the previous site's file. */
export interface StagedPage {
  readonly path: string
  readonly changed: boolean
}

/**
 * Stage one page: nothing when the commit goes in place and the site's file has these bytes
 * already, a hard link to it when the site is swapped whole, new bytes otherwise. `folders`
 * holds the staging folders this thread made. Any thread may call it; `Writer.record` is told.
 */
export function stagePage(area: StagingArea, page: Page, folders: Set<string>): StagedPage {
  const target = join(area.staging, checkPagePath(page.path))
  const freshFolder = makeFolder(area.staging, dirname(target), folders)
  const bytes = typeof page.contents === 'string' ? Buffer.from(page.contents) : page.contents
  if (sameBytes(join(area.out, page.path), bytes)) {
    if (area.inPlace) return { path: page.path, changed: false }
    try {
      linkSync(join(area.out, page.path), target)
      return { path: page.path, changed: false }
    } catch {
      // Fall through to a plain write (another file system, or no hard links).
    }
  }
  // A file kept earlier in this build may be a hard link to the previous site's file:
  // writing through it would change the live site, so the link is removed first. A folder made
  // just now holds no file yet.
  if (!freshFolder && isRegularFile(target)) unlinkSync(target)
  writeFileSync(target, bytes)
  return { path: page.path, changed: true }
}

/**
 * Create a staging folder whose parents were made already with one call, not one per level; true
 * when this call made the folder itself.
 */
function makeFolder(staging: string, folder: string, folders: Set<string>): boolean {
  if (folders.has(folder)) return false
  if (folder !== staging) makeFolder(staging, dirname(folder), folders)
  let made = true
  try {
    mkdirSync(folder)
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause
    made = false
  }
  folders.add(folder)
  return made
}

export { checkPagePath }

/** From this many files on, `present` looks at them on a thread of its own: starting one costs about as much as looking at a thousand. */
const manyPaths = 2000

/**
 * A writer that keeps pages in memory, for tests and for the dev server; `hold` turns each
 * page's contents into what is kept (the dev server keeps bytes both its threads share).
 */
export function memoryWriter(options: { readonly hold?: (contents: string | Uint8Array) => string | Uint8Array } = {}): Writer & { pages: Map<string, string | Uint8Array>; committed: boolean } {
  const hold = options.hold ?? ((contents) => contents)
  let staged = new Map<string, string | Uint8Array>()
  const writer = {
    id: 'memory',
    pages: new Map<string, string | Uint8Array>(),
    committed: false,
    async write(page: Page) {
      staged.set(checkPagePath(page.path), hold(page.contents))
    },
    async keep(path: string) {
      const contents = writer.pages.get(checkPagePath(path))
      if (contents === undefined) return false
      staged.set(path, contents)
      return true
    },
    async keepFolder(path: string) {
      const prefix = checkPagePath(path.replace(/\/$/, '')) + '/'
      const entries = [...writer.pages].filter(([name]) => name.startsWith(prefix))
      for (const [name, contents] of entries) staged.set(name, contents)
      return entries.length > 0
    },
    async intact(paths: readonly string[]) {
      return paths.every((path) => (path.endsWith('/') ? [...writer.pages.keys()].some((name) => name.startsWith(path)) : writer.pages.has(path)))
    },
    async present(paths: readonly string[]) {
      return writer.committed && (await writer.intact(paths))
    },
    async previous(path: string) {
      const contents = writer.pages.get(path)
      return typeof contents === 'string' ? new TextEncoder().encode(contents) : contents
    },
    async commit() {
      writer.pages = new Map([...staged].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
      staged = new Map()
      writer.committed = true
    },
    async abort() {
      staged = new Map()
    }
  }
  return writer
}

/**
 * A writer for a site on disk. Pages are staged in a hidden folder beside `out`, so a build that
 * fails or is killed before it commits leaves the previous site exactly as it was.
 *
 * The first build swaps its staging folder in whole. Later builds stage only the files whose
 * bytes changed and commit them into the existing site: stale files are removed and changed
 * ones renamed into place, each file replaced atomically. Why not swap every time: on a site of
 * tens of thousands of pages, carrying every unchanged file into a new folder costs seconds for
 * an edit that changes a dozen. The commit is written to a journal first, so a commit that is
 * killed half-way is finished by the next build before it does anything else.
 */
export function fsWriter(out: string): Writer {
  const parent = dirname(out)
  const name = basename(out)
  const staging = join(parent, `.${name}.staging-${process.pid}`)
  const retired = join(parent, `.${name}.old-${process.pid}`)
  const journal = join(parent, `.${name}.commit-${process.pid}.json`)
  const folders = new Set<string>()
  /** Paths of the new site that the previous site already holds with the right bytes. */
  const carried = new Set<string>()
  /** Paths staged with new bytes. */
  const changed = new Set<string>()
  /** Folders carried over whole. */
  const keptFolders = new Set<string>()
  let prepared: Promise<boolean> | undefined
  /** Whether the prepared staging commits into the previous site in place. */
  let inPlaceNow = false
  /**
   * The previous site's files, listed once for both questions a build in place asks of it: which
   * pages can be carried over (regular files only), and which files are stale at the commit. Why
   * one listing: asking about each carried page took a call each (0.17 s of a one-article rebuild
   * at 10,000 articles), and the listing was made anyway. Begun early by `begin`, else when first asked.
   */
  let previousFiles: Promise<SiteFiles> | undefined
  const listed = (): Promise<SiteFiles> => (previousFiles ??= Promise.resolve().then(() => siteFiles(out)))

  /** Get the staging folder ready; true when there is a previous site to commit into. */
  async function prepare(): Promise<boolean> {
    try {
      makeFolders(parent)
    } catch (cause) {
      throw unwritableOutput(out, cause)
    }
    // A file where the site goes is not a previous site: it is kept, and the build stops.
    if (lstatOrUndefined(out)?.isFile()) throw unwritableOutput(out, Object.assign(new Error(`${out} is a file`), { code: 'ENOTDIR' }))
    await recoverInterrupted(parent, name, out)
    await rm(staging, { recursive: true, force: true })
    try {
      await mkdir(staging)
    } catch (cause) {
      throw unwritableOutput(out, cause)
    }
    try {
      // A symbolic link in place of the site is replaced, never written through.
      inPlaceNow = lstatSync(out).isDirectory()
    } catch {
      inPlaceNow = false
    }
    return inPlaceNow
  }

  async function folderFor(path: string): Promise<string> {
    prepared ??= prepare()
    await prepared
    const target = join(staging, checkPagePath(path))
    makeFolder(staging, dirname(target), folders)
    return target
  }

  /** Count a staged page as carried over or changed. */
  function note({ path, changed: isChanged }: StagedPage): void {
    if (isChanged) {
      carried.delete(path)
      changed.add(path)
    } else if (inPlaceNow) {
      changed.delete(path)
      carried.add(path)
    }
  }

  /** Run a step that stages files; when it fails, the staging folder goes too, so no half-built site is left behind. */
  async function staged<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step()
    } catch (cause) {
      await discard()
      throw cause
    }
  }

  function reset(): void {
    prepared = undefined
    previousFiles = undefined
    for (const set of [folders, carried, changed, keptFolders]) set.clear()
  }

  async function discard(): Promise<void> {
    const pending = prepared
    reset()
    await pending?.catch(() => undefined)
    // No staging folder can be where a file stands in for its parent: nothing to remove.
    await rm(staging, { recursive: true, force: true }).catch((cause: NodeJS.ErrnoException) => {
      if (cause.code !== 'ENOTDIR') throw cause
    })
  }

  /** Swap the staging folder in whole: the first build, or when there was no previous site. */
  async function swap(): Promise<void> {
    const hadPrevious = await exists(out)
    if (hadPrevious) await rename(out, retired)
    try {
      await rename(staging, out)
    } catch (cause) {
      // Put the previous site back before reporting the failure.
      if (hadPrevious) await rename(retired, out)
      throw cause
    }
    if (hadPrevious) await rm(retired, { recursive: true, force: true })
  }

  /** Commit into the previous site: journal what to do, do it, then drop the journal. */
  async function commitInPlace(): Promise<void> {
    const plan: CommitPlan = { stale: staleFiles(await listed(), carried, changed, keptFolders), changed: [...changed].sort() }
    await writeFile(`${journal}.tmp`, JSON.stringify(plan))
    await rename(`${journal}.tmp`, journal)
    applyCommit(out, staging, plan)
    await rm(journal, { force: true })
  }

  return {
    id: out,
    keep: (path) => staged(async () => {
      prepared ??= prepare()
      const inPlace = await prepared
      const page = checkPagePath(path)
      // Only a regular file is carried over: a symbolic link planted in the old site is not followed.
      if (inPlace) {
        if (!(await listed()).regular.has(page)) return false
        carried.add(path)
        return true
      }
      if (!isRegularFile(join(out, page))) return false
      const target = await folderFor(path)
      try {
        linkSync(join(out, path), target)
        return true
      } catch {
        try {
          copyFileSync(join(out, path), target)
          return true
        } catch {
          return false
        }
      }
    }),
    keepFolder: (path) => staged(async () => {
      const folder = checkPagePath(path.replace(/\/$/, ''))
      prepared ??= prepare()
      const inPlace = await prepared
      let names: string[]
      try {
        if (!lstatSync(join(out, folder)).isDirectory()) return false
        if (inPlace) {
          keptFolders.add(folder)
          return true
        }
        names = (await readdir(join(out, folder), { recursive: true })).map(String).sort()
      } catch {
        return false
      }
      for (const name of names) {
        const file = `${folder}/${name.split(sep).join('/')}`
        if (!isRegularFile(join(out, file))) continue
        const target = await folderFor(file)
        try {
          linkSync(join(out, file), target)
        } catch {
          copyFileSync(join(out, file), target)
        }
      }
      return true
    }),
    async intact(paths) {
      prepared ??= prepare()
      await prepared
      return siteHolds(out, paths)
    },
    async present(paths) {
      try {
        // Anything a build left beside the site (a journal, a staging folder) is for the next build to settle.
        if (readdirSync(parent).some((entry) => entry.startsWith(`.${name}.`))) return false
      } catch {
        return false
      }
      // Many files are looked at on a thread of their own, while the caller stamps the sources.
      return paths.length >= manyPaths ? siteHoldsAside(out, paths) : siteHolds(out, paths)
    },
    async previous(path) {
      // Recovery first: the previous site is the one a killed commit was making.
      prepared ??= prepare()
      await prepared
      try {
        if (!isRegularFile(join(out, checkPagePath(path)))) return undefined
        return await readFile(join(out, path))
      } catch {
        return undefined
      }
    },
    write: (page) => staged(async () => {
      prepared ??= prepare()
      const inPlace = await prepared
      note(stagePage({ out, staging, inPlace }, page, folders))
    }),
    stagingArea: () => staged(async () => {
      prepared ??= prepare()
      return { out, staging, inPlace: await prepared }
    }),
    record(pages) {
      for (const page of pages) note(page)
    },
    begin() {
      prepared ??= prepare()
      const inPlace = prepared
      // Only a commit in place asks for the listing. One that failed fails the write that asks for it.
      previousFiles ??= inPlace.then((yes) => (yes ? listSiteAside(out) : { all: [], regular: new Set<string>() }))
      previousFiles.catch(() => undefined)
    },
    commit: () => staged(async () => {
      prepared ??= prepare()
      if (await prepared) await commitInPlace()
      else await swap()
      reset()
      await rm(staging, { recursive: true, force: true })
    }),
    async abort() {
      await discard()
    }
  }
}

/** Whether the site in `out` has each of these files (a path ending in `/`: that folder). */
/** What an in-place commit does, in order; written down first so a killed commit can be finished. */
interface CommitPlan {
  /** Files of the previous site that the new one does not have. */
  readonly stale: readonly string[]
  /** Files staged with new bytes, renamed into place. */
  readonly changed: readonly string[]
}

/** Every file of the previous site that the new site neither carries, replaces, nor keeps in a folder carried whole. */
function staleFiles(previous: SiteFiles, carried: ReadonlySet<string>, changed: ReadonlySet<string>, wholeFolders: ReadonlySet<string>): string[] {
  const whole = [...wholeFolders].map((folder) => `${folder}/`)
  return previous.all.filter((path) => !carried.has(path) && !changed.has(path) && !whole.some((folder) => path.startsWith(folder))).sort()
}

/**
 * Carry out a commit plan. Every step can run twice: a commit killed half-way is finished by
 * running its plan again. Synchronous, like the writes: thousands of renames each through the
 * thread pool would cost seconds.
 */
function applyCommit(out: string, staging: string, plan: CommitPlan): void {
  for (const path of plan.stale) rmSync(join(out, path), { force: true, recursive: true })
  removeEmptyFolders(out, plan.stale)
  const ready = new Set<string>([out])
  for (const path of plan.changed) {
    const from = join(staging, path)
    if (!existsSync(from)) continue
    const to = join(out, path)
    makeRoom(to, ready)
    renameSync(from, to)
  }
}

/**
 * Make the folders a file goes in, replacing a stale file that stands in a folder's place, and
 * a stale folder that stands in the file's place. `ready` holds folders known to exist.
 */
function makeRoom(target: string, ready: Set<string>): void {
  const missing: string[] = []
  for (let folder = dirname(target); !ready.has(folder); folder = dirname(folder)) {
    const info = lstatOrUndefined(folder)
    if (info?.isDirectory()) break
    if (info) rmSync(folder, { force: true })
    missing.push(folder)
  }
  for (const folder of missing.reverse()) mkdirSync(folder)
  for (let folder = dirname(target); !ready.has(folder); folder = dirname(folder)) ready.add(folder)
  if (lstatOrUndefined(target)?.isDirectory()) rmSync(target, { recursive: true, force: true })
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path)
  } catch {
    return undefined
  }
}

/** Remove the folders that removing stale files left empty, deepest first, up to the site's root. */
function removeEmptyFolders(out: string, removed: readonly string[]): void {
  const candidates = new Set<string>()
  for (const path of removed) {
    for (let folder = dirname(path); folder !== '.' && folder !== ''; folder = dirname(folder)) candidates.add(folder)
  }
  for (const folder of [...candidates].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(join(out, folder))
    } catch {
      // Not empty, or already gone.
    }
  }
}

// Why `throwIfNoEntry`: in a first build no page has a file yet, and an error made and thrown
// for each was most of the time these checks took.
function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false })?.isFile() ?? false
  } catch {
    return false
  }
}

function sameBytes(path: string, bytes: Uint8Array): boolean {
  try {
    const info = lstatSync(path, { throwIfNoEntry: false })
    if (!info?.isFile() || info.size !== bytes.byteLength) return false
    return readFileSync(path).equals(bytes)
  } catch {
    return false
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path)
    return true
  } catch {
    return false
  }
}

/** The build stops: the site cannot be written to `out`. */
function unwritableOutput(out: string, cause: unknown): BuildStopped {
  return new BuildStopped(out, 'output-unwritable', `Gazette could not write the site there (${whyUnwritable(cause)}), so it left it as it was. Choose an output folder (--out) that Gazette can write to.`)
}

/**
 * Finish or undo what builds that are no longer running left behind: a commit journal is carried
 * out to the end; a previous site left between the two renames of a swap is put back; staging
 * folders are removed.
 */
async function recoverInterrupted(parent: string, name: string, out: string): Promise<void> {
  let entries: string[]
  try {
    entries = await readdir(parent)
  } catch {
    await mkdir(parent, { recursive: true })
    return
  }
  const prefix = `.${name}.`
  const left = entries.flatMap((entry) => {
    // A journal still named .tmp was never complete: its commit had not begun.
    const match = /^(staging|old|commit)-(\d+)(\.json(?:\.tmp)?)?$/.exec(entry.startsWith(prefix) ? entry.slice(prefix.length) : '')
    return match && !isRunning(Number(match[2])) ? [{ entry, kind: match[1]!, pid: match[2]!, journal: match[3] === '.json' }] : []
  })
  for (const { entry, pid } of left.filter((item) => item.journal)) {
    const plan = JSON.parse(await readFile(join(parent, entry), 'utf8')) as CommitPlan
    applyCommit(out, join(parent, `${prefix}staging-${pid}`), plan)
    await rm(join(parent, entry), { force: true })
  }
  for (const { entry, kind, journal } of left) {
    if (journal) continue
    if (kind === 'old' && !(await exists(out))) await rename(join(parent, entry), out)
    else await rm(join(parent, entry), { recursive: true, force: true })
  }
}
function isRunning(pid: number): boolean {
  if (pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
