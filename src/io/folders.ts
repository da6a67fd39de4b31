import { mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * Make a folder and those missing above it, one level at a time. Why not a recursive mkdir: on a
 * read-only file system it reports a missing folder, and over a file it may report nothing; here
 * the error says what is in the way (`ENOTDIR` for a file, `EROFS`, `EACCES`).
 */
export function makeFolders(folder: string): void {
  try {
    if (statSync(folder).isDirectory()) return
    throw Object.assign(new Error(`${folder} is not a folder`), { code: 'ENOTDIR' })
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause
  }
  if (dirname(folder) !== folder) makeFolders(dirname(folder))
  mkdirSync(folder)
}
