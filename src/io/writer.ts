import { copyFileSync, linkSync, lstatSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, sep } from 'node:path'
import type { Page } from '../types.js'

/** Where the built site goes. A build writes every page, then commits; a failed build aborts. */
export interface Writer {
  /** Names the site this writer replaces, so a cache knows whether its record of pages applies. */
  readonly id: string
  write(page: Page): Promise<void>
  /** Carry a file over unchanged from the previous site; false when there is none to carry. */
  keep(path: string): Promise<boolean>
  /** The bytes of a file in the previous site, if there is one. */
  previous(path: string): Promise<Uint8Array | undefined>
  /** Carry a whole folder over unchanged from the previous site; false when there is none. */
  keepFolder(path: string): Promise<boolean>
  /**
   * A folder of the site being built that another program may fill directly (the search indexer
   * writes its bundle there), or undefined when the site is not on disk.
   */
  folder?(path: string): Promise<string>
  /** Make the written pages the site, all at once. */
  commit(): Promise<void>
  /** Throw away what was written; the previous site stays as it was. */
  abort(): Promise<void>
}

/**
 * Refuse a page path that could land outside the output folder: every page path is relative, with
 * forward slashes and no empty, "." or ".." segments. Slugs are already safe; this is the last
 * line of defence, so a bug elsewhere can never write over a file outside the site.
 */
export function checkPagePath(path: string): string {
  const segments = path.split('/')
  const unsafe = path === '' || path.includes('\\') || /[\u0000-\u001f]/.test(path) || /^[A-Za-z]:/.test(path) || segments.some((segment) => segment === '' || segment === '.' || segment === '..')
  if (unsafe) throw new Error(`refusing to write "${path.replace(/[\u0000-\u001f]/g, '?')}": an output path must stay inside the output folder`)
  return path
}

/** A writer that keeps pages in memory, for tests and for the dev server. */
export function memoryWriter(): Writer & { pages: Map<string, string | Uint8Array>; committed: boolean } {
  let staged = new Map<string, string | Uint8Array>()
  const writer = {
    id: 'memory',
    pages: new Map<string, string | Uint8Array>(),
    committed: false,
    async write(page: Page) {
      staged.set(checkPagePath(page.path), page.contents)
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
 * A writer that builds into a hidden staging folder beside `out` and swaps it in on commit, so
 * a build that fails or is killed leaves the previous site whole. Files whose bytes did not
 * change are hard-linked from the previous site instead of written again.
 */
export function fsWriter(out: string): Writer {
  const parent = dirname(out)
  const name = basename(out)
  const staging = join(parent, `.${name}.staging-${process.pid}`)
  const retired = join(parent, `.${name}.old-${process.pid}`)
  const folders = new Set<string>()
  let prepared: Promise<void> | undefined

  async function prepare(): Promise<void> {
    await recoverInterrupted(parent, name, out)
    await rm(staging, { recursive: true, force: true })
    await mkdir(staging, { recursive: true })
  }

  async function folderFor(path: string): Promise<string> {
    prepared ??= prepare()
    await prepared
    const target = join(staging, checkPagePath(path))
    const folder = dirname(target)
    makeFolder(folder)
    return target
  }

  /** Create a folder whose parents this build made already with one call, not one per level. */
  function makeFolder(folder: string): void {
    if (folders.has(folder)) return
    if (folder !== staging) makeFolder(dirname(folder))
    try {
      mkdirSync(folder)
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause
    }
    folders.add(folder)
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

  async function discard(): Promise<void> {
    const pending = prepared
    prepared = undefined
    folders.clear()
    await pending?.catch(() => undefined)
    await rm(staging, { recursive: true, force: true })
  }

  return {
    id: out,
    keep: (path) => staged(async () => {
      const target = await folderFor(path)
      // Only a regular file is carried over: a symbolic link planted in the old site is not followed.
      if (!isRegularFile(join(out, path))) return false
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
      let names: string[]
      try {
        if (!lstatSync(join(out, folder)).isDirectory()) return false
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
    async folder(path) {
      // Making the folder of a file inside it makes the folder itself, and checks the path.
      return dirname(await folderFor(`${checkPagePath(path.replace(/\/$/, ''))}/index`))
    },
    async previous(path) {
      try {
        if (!isRegularFile(join(out, checkPagePath(path)))) return undefined
        return await readFile(join(out, path))
      } catch {
        return undefined
      }
    },
    write: (page) => staged(async () => {
      const target = await folderFor(page.path)
      const bytes = typeof page.contents === 'string' ? Buffer.from(page.contents) : page.contents
      // Pages are many small files: synchronous calls skip a thread-pool round trip for each.
      if (sameBytes(join(out, page.path), bytes)) {
        try {
          linkSync(join(out, page.path), target)
          return
        } catch {
          // Fall through to a plain write (another file system, or no hard links).
        }
      }
      // A file kept earlier in this build is a hard link to the previous site's file: writing
      // through it would change the live site, so the link is removed first.
      if (isRegularFile(target)) unlinkSync(target)
      writeFileSync(target, bytes)
    }),
    commit: () => staged(async () => {
      prepared ??= prepare()
      await prepared
      const hadPrevious = await exists(out)
      if (hadPrevious) await rename(out, retired)
      try {
        await rename(staging, out)
      } catch (cause) {
        // Put the previous site back before reporting the failure.
        if (hadPrevious) await rename(retired, out)
        throw cause
      }
      prepared = undefined
      folders.clear()
      if (hadPrevious) await rm(retired, { recursive: true, force: true })
    }),
    async abort() {
      await discard()
    }
  }
}

function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile()
  } catch {
    return false
  }
}

function sameBytes(path: string, bytes: Uint8Array): boolean {
  try {
    const info = lstatSync(path)
    if (!info.isFile() || info.size !== bytes.byteLength) return false
    return readFileSync(path).equals(bytes)
  } catch {
    return false
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

/**
 * A build killed between its two renames leaves the previous site as `.<name>.old-<pid>`; put it
 * back. Staging folders of builds that are no longer running are removed.
 */
async function recoverInterrupted(parent: string, name: string, out: string): Promise<void> {
  let entries: string[]
  try {
    entries = await readdir(parent)
  } catch {
    await mkdir(parent, { recursive: true })
    return
  }
  for (const entry of entries) {
    const match = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(staging|old)-(\\d+)$`).exec(entry)
    if (!match || isRunning(Number(match[2]))) continue
    if (match[1] === 'old' && !(await exists(out))) await rename(join(parent, entry), out)
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
