import { lstat, mkdir, readdir, readFile, realpath, rename, writeFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import type { Source } from '../types.js'
import { sourceKind, type ReadProblem, type RootContents, type SourceStore } from './store.js'

export const configFileName = 'gazette.config.json'

/** Read sources from a folder on disk: `content/` and `seeds/` (recursively) and the config file. */
export function fsStore(root: string): SourceStore {
  return {
    async read(): Promise<RootContents> {
      const problems: ReadProblem[] = []
      const realRoot = await realpath(root)
      const sources: Source[] = []
      const visited = new Set<string>()
      for (const folder of ['content', 'seeds']) {
        await walk(realRoot, join(root, folder), folder, visited, sources, problems)
      }
      sources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      const { config, problem } = await readConfig(root)
      if (problem) problems.push(problem)
      return { config, configPath: configFileName, sources, problems }
    },
    async writeSource(path, text) {
      const target = join(root, path)
      await mkdir(join(target, '..'), { recursive: true })
      // Write then rename, so a killed build never leaves half a content file.
      const temporary = `${target}.${process.pid}.tmp`
      await writeFile(temporary, text)
      await rename(temporary, target)
    }
  }
}

async function walk(realRoot: string, folder: string, relativeFolder: string, visited: Set<string>, sources: Source[], problems: ReadProblem[]): Promise<void> {
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
  // Symbolic-link loops would revisit a folder forever; each real folder is read once.
  if (visited.has(realFolder)) return
  visited.add(realFolder)
  const entries = await readdir(folder, { withFileTypes: true })
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const path = `${relativeFolder}/${entry.name}`
    const full = join(folder, entry.name)
    let stats = await lstat(full)
    let real = full
    if (stats.isSymbolicLink()) {
      try {
        real = await realpath(full)
      } catch {
        problems.push({ path, ruleId: 'file-unreadable', reason: `"${path}" is a broken symbolic link; remove it or point it at a file.` })
        continue
      }
      if (!isInside(realRoot, real)) {
        problems.push({ path, ruleId: 'file-outside-root', reason: `"${path}" links outside the root (${real}); it was not read. Copy the file into the root instead.` })
        continue
      }
      stats = await lstat(real)
    }
    if (stats.isDirectory()) {
      await walk(realRoot, full, path, visited, sources, problems)
      continue
    }
    if (!stats.isFile()) continue
    const kind = sourceKind(path)
    if (!kind) continue
    try {
      sources.push({ path, kind, bytes: await readFile(real) })
    } catch (error) {
      problems.push({ path, ruleId: 'file-unreadable', reason: `"${path}" could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check its permissions.` })
    }
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel))
}

async function readConfig(root: string): Promise<{ config: unknown; problem?: ReadProblem }> {
  let text: string
  try {
    text = await readFile(join(root, configFileName), 'utf8')
  } catch {
    return { config: undefined }
  }
  try {
    return { config: JSON.parse(text.replace(/^\uFEFF/, '')) }
  } catch (error) {
    const message = (error as Error).message
    const position = /position (\d+)/.exec(message)
    const place = position ? pointAt(text, Number(position[1])) : undefined
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
