import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import type { Source } from '../types.js'
import { fileSignature, racySince, stampFolder } from './stamp.js'
import { isMedia, maxMediaBytes, misplaced, sourceKind, unreadable, type ReadProblem, type RootContents, type SourceStore } from './store.js'

export const configFileName = 'gazette.config.json'

/** Largest source file read; anything bigger is not an article, and reading it could exhaust memory. */
export const maxSourceBytes = 64 * 1024 * 1024

/**
 * Read sources from a folder on disk: `content/` and `seeds/` (recursively) and the config file.
 * Symbolic links are followed only while they stay inside the root, each real folder is read
 * once (so link loops end), and only regular files are read. `clock`: a file the store may write
 * to learn the file system's time when it stamps the sources (see `racySince`).
 */
export function fsStore(root: string, options: { readonly clock?: string } = {}): SourceStore {
  // Folders content files were written into, checked once per build (each read() starts one).
  const checkedFolders = new Set<string>()
  // The content files the last read() listed, by path: where to read each (see `Listed`).
  let listed = new Map<string, Listed>()
  /**
   * Where an image beside the articles is, as `readOne` takes a source: a regular file inside the
   * root, not hidden, reached through no link that leaves it; undefined when there is none.
   */
  const mediaFile = (path: string): string | undefined => {
    if (!isMedia(path) || !staysInside(path) || path.split('/').some((segment) => segment.startsWith('.'))) return undefined
    try {
      const real = realpathSync(join(root, path))
      return isInside(realpathSync(root), real) && statSync(real).isFile() ? real : undefined
    } catch {
      return undefined
    }
  }
  return {
    async read(): Promise<RootContents> {
      checkedFolders.clear()
      const problems: ReadProblem[] = []
      const realRoot = await realpath(root)
      const found: Found = { sources: [], content: new Map() }
      for (const folder of ['content', 'seeds']) {
        // Each top folder keeps its own record of folders read, so a link into seeds/ from
        // content/ never stops seeds/ itself from being read.
        await walk(realRoot, join(root, folder), folder, new Set(), found, problems)
      }
      // A mistyped --root that exists builds a site of no articles: said, not only done.
      if (!(await isFolderAt(join(root, 'content'))) && !(await isFolderAt(join(root, 'seeds')))) {
        problems.push({ path: 'content/', ruleId: 'root-empty', warning: true, reason: `The root ${root} holds neither seeds/ nor content/, so the site has no articles. Pass --root with the folder that holds them, or make content/ and add an article.` })
      }
      const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
      found.sources.sort((a, b) => byPath(a.path, b.path))
      listed = found.content
      const { config, problem } = await readConfig(root)
      if (problem) problems.push(problem)
      return { config, configPath: configFileName, sources: found.sources, content: [...listed.keys()].sort(byPath), problems }
    },
    readContent(path) {
      const entry = listed.get(path)
      if (!entry) return unreadable(path, 'ENOENT')
      let fd: number
      try {
        // A plain file is opened without following a link, so one planted in its place since the
        // listing is not read through; and without waiting, so a pipe planted there does not block.
        fd = openSync(entry.file, entry.linked ? constants.O_RDONLY | constants.O_NONBLOCK : constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
      } catch (cause) {
        return code(cause) === 'ELOOP' ? changedKind(path) : unreadable(path, code(cause))
      }
      try {
        const stats = fstatSync(fd)
        if (!stats.isFile()) return changedKind(path)
        if (stats.size > maxSourceBytes) return tooLarge(path, stats.size)
        return { path, kind: 'markdown', bytes: readFileSync(fd) }
      } catch (cause) {
        return unreadable(path, code(cause))
      } finally {
        closeSync(fd)
      }
    },
    async readOne(path) {
      const kind = sourceKind(path)
      // Hidden files are never sources: read() skips them too.
      if (!kind || !staysInside(path) || path.split('/').some((segment) => segment.startsWith('.'))) return undefined
      try {
        // Only a regular file inside the root, as read() would take it; anything else waits for a whole build to explain.
        // Synchronous: one small file, and the I/O pool may be busy with the dev server's watcher.
        const real = realpathSync(join(root, path))
        if (!isInside(realpathSync(root), real)) return undefined
        const stats = statSync(real)
        if (!stats.isFile() || stats.size > maxSourceBytes) return undefined
        return { path, kind, bytes: readFileSync(real) }
      } catch {
        return undefined
      }
    },
    readMedia(path) {
      const real = mediaFile(path)
      try {
        return real && statSync(real).size <= maxMediaBytes ? readFileSync(real) : undefined
      } catch {
        return undefined
      }
    },
    mediaSize(path) {
      const real = mediaFile(path)
      try {
        return real ? statSync(real).size : undefined
      } catch {
        return undefined
      }
    },
    async writeSource(path, text) {
      if (sourceKind(path) !== 'markdown' || !staysInside(path)) {
        throw new Error(`refusing to write "${path}": content files are written only inside content/`)
      }
      const target = join(root, path)
      const folder = dirname(target)
      if (!checkedFolders.has(folder)) {
        mkdirSync(folder, { recursive: true })
        // The folder written into must really be inside the root: content/ may be a link elsewhere.
        const realFolder = realpathSync(folder)
        if (!isInside(realpathSync(root), realFolder)) throw new Error(`refusing to write ${path}: ${dirname(path)}/ links outside the root (${realFolder}). Replace the link with a folder.`)
        checkedFolders.add(folder)
      }
      // Write then rename, so a killed build never leaves half a content file. The temporary file
      // is created exclusively, so a link planted under its name is never written through.
      // Synchronous: an ingest writes a file per seed, a thousand of them on a first build.
      const temporary = `${target}.${process.pid}.tmp`
      rmSync(temporary, { force: true })
      writeFileSync(temporary, text, { flag: 'wx' })
      renameSync(temporary, target)
    },
    // Synchronous: one metadata call per source, ten thousand of them in a few tens of milliseconds.
    async stamp(previous) {
      const since = racySince(options.clock)
      const stamp: Record<string, string> = {}
      const refresh: Record<string, string> = {}
      for (const folder of ['content', 'seeds']) {
        // A linked folder is the reader's to judge (it may lead outside the root).
        if (isLink(join(root, folder))) return undefined
        // Images beside the articles too: one replaced under the same name changes the site. And a
        // file in the wrong folder, whose warning a build answered as up to date would not give.
        if (!stampFolder(join(root, folder), folder, (path) => sourceKind(path) !== undefined || isMedia(path) || misplaced(path) !== undefined, stamp, previous, since, refresh)) return undefined
      }
      try {
        const config = join(root, configFileName)
        const stats = lstatSync(config, { bigint: true })
        if (!stats.isFile()) return undefined
        // One small file: always stamped by its bytes.
        stamp[configFileName] = fileSignature(config, stats, since, true)
      } catch (cause) {
        if (code(cause) !== 'ENOENT') return undefined
      }
      return { stamp, refresh }
    }
  }
}

/** Where to read a listed content file: the file itself, or the target of a link checked to stay inside the root. */
interface Listed {
  readonly file: string
  readonly linked: boolean
}

/** What a walk found: seeds read, and content files listed. */
interface Found {
  readonly sources: Source[]
  readonly content: Map<string, Listed>
}

async function walk(realRoot: string, folder: string, relativeFolder: string, visited: Set<string>, found: Found, problems: ReadProblem[]): Promise<void> {
  let realFolder: string
  try {
    realFolder = await realpath(folder)
  } catch {
    return // A missing folder is simply empty.
  }
  if (!isInside(realRoot, realFolder)) {
    problems.push({ path: relativeFolder, ruleId: 'file-outside-root', reason: `"${relativeFolder}" links outside the root (${realFolder}); it was not read. Move the files into the root or replace the link with a folder.` })
    return
  }
  // Symbolic-link loops would revisit a folder forever: each real folder is read once, and a link
  // back up to a folder that holds the one being read (its parent, the root) is not followed.
  if (visited.has(realFolder)) return
  for (const seen of visited) if (isInside(realFolder, seen)) return
  visited.add(realFolder)
  let entries
  try {
    entries = await readdir(folder, { withFileTypes: true })
  } catch (cause) {
    problems.push({ path: relativeFolder, ruleId: 'file-unreadable', reason: `"${relativeFolder}" could not be listed (${code(cause)}); check its permissions.` })
    return
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const path = `${relativeFolder}/${entry.name}`
    const full = join(folder, entry.name)
    if (entry.isFile()) {
      // A plain file (the usual case) needs no lstat: the listing already says what it is. A site
      // holds thousands of small files, and a synchronous read of each skips a thread-pool round trip.
      const kind = sourceKind(path)
      if (!kind) {
        const problem = misplaced(path)
        if (problem) problems.push(problem)
        continue
      }
      if (kind === 'markdown') {
        found.content.set(path, { file: full, linked: false })
        continue
      }
      try {
        const bytes = readFileSync(full)
        if (bytes.byteLength > maxSourceBytes) problems.push(tooLarge(path, bytes.byteLength))
        else found.sources.push({ path, kind, bytes })
      } catch (cause) {
        problems.push(unreadable(path, code(cause)))
      }
      continue
    }
    let stats
    let real = full
    try {
      stats = await lstat(full)
      if (stats.isSymbolicLink()) {
        try {
          real = await realpath(full)
        } catch (cause) {
          // Only links that could be sources (or folders) are worth a message: "x.png" is never read anyway.
          if (!mayBeSource(path)) continue
          const loop = code(cause) === 'ELOOP'
          problems.push({ path, ruleId: 'file-unreadable', reason: `"${path}" is a ${loop ? 'symbolic link that loops back on itself' : 'broken symbolic link'}; remove it or point it at a file.` })
          continue
        }
        if (!isInside(realRoot, real)) {
          const folder = await stat(real).then((target) => target.isDirectory(), () => false)
          if (!folder && !sourceKind(path)) continue
          problems.push({ path, ruleId: 'file-outside-root', reason: `"${path}" links outside the root (${real}); it was not read. ${folder ? 'Move the files into the root or replace the link with a folder' : 'Copy the file into the root instead'}.` })
          continue
        }
        stats = await lstat(real)
      }
    } catch (cause) {
      // Removed between listing and reading, or not readable.
      problems.push(unreadable(path, code(cause)))
      continue
    }
    if (stats.isDirectory()) {
      await walk(realRoot, full, path, visited, found, problems)
      continue
    }
    // Devices, sockets and pipes are skipped: reading a pipe would wait forever.
    if (!stats.isFile()) continue
    const kind = sourceKind(path)
    if (!kind) continue
    if (stats.size > maxSourceBytes) {
      problems.push(tooLarge(path, stats.size))
      continue
    }
    if (kind === 'markdown') {
      found.content.set(path, { file: real, linked: real !== full })
      continue
    }
    try {
      found.sources.push({ path, kind, bytes: await readFile(real) })
    } catch (cause) {
      problems.push(unreadable(path, code(cause)))
    }
  }
}

function changedKind(path: string): ReadProblem {
  return { path, ruleId: 'file-unreadable', reason: `"${path}" stopped being a plain file while the site was being built; it was not read. Build again.` }
}

function tooLarge(path: string, size: number): ReadProblem {
  return { path, ruleId: 'file-unreadable', reason: `"${path}" is ${Math.round(size / 1024 / 1024)} MB, more than the ${maxSourceBytes / 1024 / 1024} MB Gazette reads; it was not read. Split it or remove it.` }
}

function staysInside(path: string): boolean {
  return !path.includes('\\') && path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}

/** Whether a path names a source, or may be a folder holding some (no extension). */
function mayBeSource(path: string): boolean {
  return sourceKind(path) !== undefined || !/\.[^/]*$/.test(path.slice(path.lastIndexOf('/') + 1))
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink()
  } catch {
    return false
  }
}

function code(cause: unknown): string {
  return (cause as NodeJS.ErrnoException).code ?? 'error'
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel))
}

async function readConfig(root: string): Promise<{ config: unknown; problem?: ReadProblem }> {
  let bytes: Buffer
  try {
    bytes = await readFile(join(root, configFileName))
  } catch (cause) {
    if (code(cause) === 'ENOENT') return { config: undefined }
    return { config: undefined, problem: { path: configFileName, ruleId: 'config-syntax', reason: `${configFileName} could not be read (${code(cause)}). Make it a readable file holding one JSON object.` } }
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { config: undefined, problem: { path: configFileName, ruleId: 'config-syntax', reason: `${configFileName} is not valid UTF-8. Save it as UTF-8.` } }
  }
  try {
    return { config: JSON.parse(text.replace(/^\uFEFF/, '')) }
  } catch (error) {
    const message = (error as Error).message
    const position = /position (\d+)/.exec(message)
    const place = position ? pointAt(text.replace(/^\uFEFF/, ''), Number(position[1])) : undefined
    return {
      config: undefined,
      problem: { path: configFileName, ruleId: 'config-syntax', reason: `${configFileName} is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}. Fix the syntax; the file must hold one JSON object.`, ...(place ? { place } : {}) }
    }
  }
}

function pointAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: before[before.length - 1]!.length + 1 }
}

async function isFolderAt(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}
