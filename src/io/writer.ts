import { link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Page } from '../types.js'

/** Where the built site goes. A build writes every page, then commits; a failed build aborts. */
export interface Writer {
  write(page: Page): Promise<void>
  /** Make the written pages the site, all at once. */
  commit(): Promise<void>
  /** Throw away what was written; the previous site stays as it was. */
  abort(): Promise<void>
}

/** A writer that keeps pages in memory, for tests and for the dev server. */
export function memoryWriter(): Writer & { pages: Map<string, string | Uint8Array>; committed: boolean } {
  const staged = new Map<string, string | Uint8Array>()
  const writer = {
    pages: new Map<string, string | Uint8Array>(),
    committed: false,
    async write(page: Page) {
      staged.set(page.path, page.contents)
    },
    async commit() {
      writer.pages = new Map([...staged].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
      writer.committed = true
    },
    async abort() {
      staged.clear()
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

  return {
    async write(page) {
      prepared ??= prepare()
      await prepared
      const target = join(staging, page.path)
      const folder = dirname(target)
      if (!folders.has(folder)) {
        await mkdir(folder, { recursive: true })
        folders.add(folder)
      }
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
