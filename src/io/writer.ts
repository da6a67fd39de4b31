import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
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
  /** Make the written pages the site, all at once. */
  commit(): Promise<void>
  /** Throw away what was written; the previous site stays as it was. */
  abort(): Promise<void>
}

/** A writer that keeps pages in memory, for tests and for the dev server. */
export function memoryWriter(): Writer & { pages: Map<string, string | Uint8Array>; committed: boolean } {
  let staged = new Map<string, string | Uint8Array>()
  const writer = {
    id: 'memory',
    pages: new Map<string, string | Uint8Array>(),
    committed: false,
    async write(page: Page) {
      staged.set(page.path, page.contents)
    },
    async keep(path: string) {
      const contents = writer.pages.get(path)
      if (contents === undefined) return false
      staged.set(path, contents)
      return true
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
    const target = join(staging, path)
    const folder = dirname(target)
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true })
      folders.add(folder)
    }
    return target
  }

  return {
    id: out,
    async keep(path) {
      const target = await folderFor(path)
      try {
        await link(join(out, path), target)
        return true
      } catch {
        try {
          await copyFile(join(out, path), target)
          return true
        } catch {
          return false
        }
      }
    },
    async previous(path) {
      try {
        return await readFile(join(out, path))
      } catch {
        return undefined
      }
    },
    async write(page) {
      const target = await folderFor(page.path)
      const bytes = typeof page.contents === 'string' ? Buffer.from(page.contents) : page.contents
      if (await sameBytes(join(out, page.path), bytes)) {
        try {
          await link(join(out, page.path), target)
          return
        } catch {
          // Fall through to a plain write (another file system, or no hard links).
        }
      }
      await writeFile(target, bytes)
    },
    async commit() {
      prepared ??= prepare()
      await prepared
      const hadPrevious = await exists(out)
      if (hadPrevious) await rename(out, retired)
      await rename(staging, out)
      if (hadPrevious) await rm(retired, { recursive: true, force: true })
    },
    async abort() {
      await rm(staging, { recursive: true, force: true })
    }
  }
}

async function sameBytes(path: string, bytes: Uint8Array): Promise<boolean> {
  try {
    const info = await stat(path)
    if (info.size !== bytes.byteLength) return false
    return Buffer.from(await readFile(path)).equals(bytes)
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
