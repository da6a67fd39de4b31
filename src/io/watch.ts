import { type FSWatcher, readdirSync, realpathSync, statSync, watch } from 'node:fs'
import { join } from 'node:path'

/** The folders a build reads below the root; the config file is watched through the root. */
const sourceFolders = ['seeds', 'content', 'templates']

/**
 * Watch what a build reads (`seeds/`, `content/`, `templates/`, their subfolders and the config
 * file) with the platform's own file events, one watcher per folder, and call `onChange` with the
 * root-relative path of what changed. Why not Vite's watcher: it reads a whole folder again on
 * every change in it, which on a folder of ten thousand articles takes longer than showing the edit.
 */
export function watchSources(root: string, configFile: string, onChange: (path: string) => void): { close(): void } {
  const watchers = new Map<string, FSWatcher>()
  // Real folders watched: a symbolic link back up the tree is watched once, not forever.
  const real = new Map<string, string>()

  function unwatch(folder: string): void {
    for (const [path, watcher] of watchers) {
      if (path === folder || path.startsWith(`${folder}/`)) {
        watcher.close()
        watchers.delete(path)
        real.delete(path)
      }
    }
  }

  function watchFolder(relativeFolder: string): void {
    const folder = join(root, relativeFolder)
    if (watchers.has(relativeFolder) || !isFolder(folder)) return
    let realFolder: string
    try {
      realFolder = realpathSync(folder)
    } catch {
      return
    }
    if ([...real.values()].includes(realFolder)) return
    real.set(relativeFolder, realFolder)
    let watcher: FSWatcher
    try {
      watcher = watch(folder, (_event, name) => {
        if (!name) return onChange(relativeFolder)
        const path = `${relativeFolder}/${name}`
        // Hidden files are never read, and Gazette's own temporary files are renamed into place.
        if (name.startsWith('.') || /\.\d+\.tmp$/.test(name)) return
        // A folder made, moved or removed: watch what is there now.
        if (watchers.has(path) || isFolder(join(root, path))) {
          unwatch(path)
          watchFolder(path)
        }
        onChange(path)
      })
    } catch {
      real.delete(relativeFolder)
      return
    }
    watcher.on('error', () => unwatch(relativeFolder))
    watchers.set(relativeFolder, watcher)
    try {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (!entry.name.startsWith('.') && (entry.isDirectory() || (entry.isSymbolicLink() && isFolder(join(folder, entry.name))))) watchFolder(`${relativeFolder}/${entry.name}`)
      }
    } catch {
      // Unreadable: the build will say so.
    }
  }

  const rootWatcher = watch(root, (_event, name) => {
    if (name === configFile) return onChange(configFile)
    if (name && sourceFolders.includes(name)) {
      unwatch(name)
      watchFolder(name)
      onChange(name)
    }
  })
  for (const folder of sourceFolders) watchFolder(folder)
  return {
    close() {
      rootWatcher.close()
      for (const watcher of watchers.values()) watcher.close()
      watchers.clear()
      real.clear()
    }
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
